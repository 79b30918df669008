"""Sign in, sign out, who am I, and SENCO-created accounts."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import Field

from search_service.records import audit
from search_service.records.accounts import AccountError, authenticate, create_account
from search_service.records.auth import (
    COOKIE_NAME,
    clear_failures,
    create_session,
    end_session,
    failure_keys,
    find_session,
    locked_seconds,
    record_failure,
)
from search_service.records.deps import DB, Senco, SignedIn, fail, get_store
from search_service.records.models import Account
from search_service.records.passwords import WeakPassword
from search_service.records.validation import Id, Strict

router = APIRouter()
WRONG_DETAILS = "The e-mail address or password is not right."


class Login(Strict):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=256)


class NewAccount(Strict):
    email: str = Field(min_length=3, max_length=254)
    role: str
    password: str = Field(max_length=256)
    staff_id: Id | None = None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/login")
def login(body: Login, request: Request, response: Response, db: DB) -> dict[str, object]:
    settings = get_store(request).settings
    keys = failure_keys(body.email, client_address(request))
    wait = locked_seconds(db, keys)
    if wait:
        minutes = max(1, round(wait / 60))
        raise fail(429, f"Too many failed sign-ins. Try again in {minutes} minutes, or ask your SENCO.")
    account = authenticate(db, body.email, body.password)
    if account is None:
        record_failure(db, keys, settings.lockout_failures, settings.lockout_minutes)
        db.commit()
        raise fail(401, WRONG_DETAILS)
    clear_failures(db, keys[:1])
    token, session = create_session(db, account, settings.session_hours)
    audit.record(db, account.id, account.role, "sign-in", "account", account.id)
    db.commit()
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=int(settings.session_hours * 3600),
        path="/",
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
    )
    return {
        "csrf_token": session.csrf_token,
        "role": account.role,
        "email": account.email,
        "staff_id": account.staff_id,
    }


@router.post("/logout")
def logout(user: SignedIn, request: Request, response: Response, db: DB) -> dict[str, object]:
    end_session(db, request.cookies.get(COOKIE_NAME, ""))
    audit.record(db, user.account_id, user.role, "sign-out", "account", user.account_id)
    db.commit()
    response.delete_cookie(
        COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=get_store(request).settings.secure_cookies
    )
    return {"signed_out": True}


@router.get("/session")
def session_state(request: Request, db: DB) -> dict[str, object]:
    """Whether this browser is signed in: 200 either way, so the pages can ask without an error."""
    found = find_session(db, request.cookies.get(COOKIE_NAME))
    if found is None:
        return {"signed_in": False}
    session, account = found
    return {
        "signed_in": True,
        "email": account.email,
        "role": account.role,
        "staff_id": account.staff_id,
        "csrf_token": session.csrf_token,
    }


@router.get("/me")
def me(user: SignedIn) -> dict[str, object]:
    return {"email": user.email, "role": user.role, "staff_id": user.staff_id, "csrf_token": user.csrf_token}


@router.post("/accounts", status_code=201)
def add_account(body: NewAccount, user: Senco, db: DB) -> dict[str, object]:
    try:
        account = create_account(db, body.email, body.role, body.password, body.staff_id)
    except (AccountError, WeakPassword) as error:
        raise fail(422, str(error)) from error
    audit.record(db, user.account_id, user.role, "create", "account", account.id, role=account.role)
    db.commit()
    return account_json(account)


@router.get("/accounts")
def list_accounts(user: Senco, db: DB) -> dict[str, object]:
    from sqlalchemy import select

    return {"accounts": [account_json(a) for a in db.scalars(select(Account).order_by(Account.email))]}


def account_json(account: Account) -> dict[str, object]:
    return {"id": account.id, "email": account.email, "role": account.role, "staff_id": account.staff_id}
