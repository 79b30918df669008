"""FastAPI dependencies: the database session, the signed-in user, the CSRF check and role checks.

Cache-Control: no-store is added to every /api/ response by search_service.middleware.SecurityHeaders."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from search_service.records.auth import COOKIE_NAME, find_session
from search_service.records.store import RecordsStore

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def fail(status: int, detail: str) -> HTTPException:
    return HTTPException(status_code=status, detail=detail)


def get_store(request: Request) -> RecordsStore:
    store: RecordsStore | None = getattr(request.app.state, "records", None)
    if store is None or not store.ready:
        reason = store.reason if store else "Training records are not set up in this service."
        raise fail(503, reason)
    return store


def get_db(store: Annotated[RecordsStore, Depends(get_store)]) -> Iterator[Session]:
    with store.session() as db:
        yield db


@dataclass(frozen=True)
class User:
    account_id: int
    email: str
    role: str  # senco | staff
    staff_id: int | None
    csrf_token: str

    @property
    def is_senco(self) -> bool:
        return self.role == "senco"


def current_user(request: Request, db: Annotated[Session, Depends(get_db)]) -> User:
    found = find_session(db, request.cookies.get(COOKIE_NAME))
    if found is None:
        raise fail(401, "Please sign in to see training records.")
    session, account = found
    user = User(account.id, account.email, account.role, account.staff_id, session.csrf_token)
    if request.method in UNSAFE_METHODS:
        sent = request.headers.get("x-csrf-token", "")
        if not sent or not hmac.compare_digest(sent, user.csrf_token):
            raise fail(403, "This request is missing its security token (X-CSRF-Token). Reload the page and try again.")
    return user


def senco(user: Annotated[User, Depends(current_user)]) -> User:
    if not user.is_senco:
        raise fail(403, "Only a SENCO account can do this.")
    return user


def may_see(user: User, staff_id: int) -> None:
    """A staff account sees only its own records."""
    if not user.is_senco and user.staff_id != staff_id:
        raise fail(403, "You can only see your own training records.")


DB = Annotated[Session, Depends(get_db)]
SignedIn = Annotated[User, Depends(current_user)]
Senco = Annotated[User, Depends(senco)]
