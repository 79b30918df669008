"""Signing in: the cookie's flags, the generic message, sessions on the server, lockout, sign out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from handbook.settings import Settings
from tests.records.conftest import SENCO_EMAIL, SENCO_PASSWORD
from tests.records.helpers import RecordsClient


@pytest.fixture
def login_client(records_settings: Settings) -> Iterator[RecordsClient]:
    login_client = RecordsClient(records_settings)
    login_client.add_account(SENCO_EMAIL, "senco", SENCO_PASSWORD)
    yield login_client
    login_client.close()


def test_login_returns_csrf_token_role_and_a_strict_httponly_cookie(login_client: RecordsClient) -> None:
    response = login_client.login(SENCO_EMAIL, SENCO_PASSWORD)
    assert response.status_code == 200
    assert response.json()["role"] == "senco"
    assert len(response.json()["csrf_token"]) >= 32
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    assert response.headers["cache-control"] == "no-store"
    assert login_client.call("GET", "/me").json()["email"] == SENCO_EMAIL


def test_secure_cookie_when_the_setting_says_https(records_settings: Settings) -> None:
    login_client = RecordsClient(records_settings.model_copy(update={"secure_cookies": True}))
    login_client.add_account(SENCO_EMAIL, "senco", SENCO_PASSWORD)
    response = login_client.login(SENCO_EMAIL, SENCO_PASSWORD)
    assert "; secure" in response.headers["set-cookie"].lower()
    login_client.close()


def test_wrong_password_and_unknown_account_get_the_same_generic_401(login_client: RecordsClient) -> None:
    wrong = login_client.login(SENCO_EMAIL, "not the right password")
    unknown = login_client.login("nobody@school.example", SENCO_PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "The e-mail address or password is not right."}
    assert "set-cookie" not in wrong.headers


def test_five_failures_lock_the_account_even_with_the_right_password(login_client: RecordsClient) -> None:
    for _ in range(5):
        assert login_client.login(SENCO_EMAIL, "guess number one!").status_code == 401
    locked = login_client.login(SENCO_EMAIL, SENCO_PASSWORD)
    assert locked.status_code == 429
    assert "Try again in 15 minutes" in locked.json()["detail"]


def test_five_failures_from_one_address_lock_that_address_for_every_account(login_client: RecordsClient) -> None:
    for number in range(5):
        assert login_client.login(f"guess{number}@school.example", "guess number one!").status_code == 401
    assert login_client.login(SENCO_EMAIL, SENCO_PASSWORD).status_code == 429


def test_session_expires_and_logout_ends_it_on_the_server(login_client: RecordsClient) -> None:
    login_client.login(SENCO_EMAIL, SENCO_PASSWORD)
    token = login_client.http.cookies.get("send_records_session")
    assert login_client.call("POST", "/logout").status_code == 200
    login_client.http.cookies.set("send_records_session", token)  # a stolen copy of the cookie no longer works
    assert login_client.call("GET", "/me").status_code == 401


def test_an_expired_session_is_refused(login_client: RecordsClient) -> None:
    import datetime as dt

    from sqlalchemy import update

    from search_service.records.models import LoginSession

    login_client.login(SENCO_EMAIL, SENCO_PASSWORD)
    with login_client.store.session() as db:
        db.execute(update(LoginSession).values(expires_at=dt.datetime(2000, 1, 1)))
        db.commit()
    assert login_client.call("GET", "/me").status_code == 401


def test_the_database_keeps_only_a_hash_of_the_session_token_and_an_argon2_password_hash(
    login_client: RecordsClient,
) -> None:
    from sqlalchemy import select

    from search_service.records.models import Account, LoginSession

    login_client.login(SENCO_EMAIL, SENCO_PASSWORD)
    token = login_client.http.cookies.get("send_records_session")
    with login_client.store.session() as db:
        assert db.scalars(select(LoginSession.token_hash)).all() != [token]
        assert db.scalar(select(Account.password_hash)).startswith("$argon2id$")
