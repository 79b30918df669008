"""Sign-in sessions kept on the server, CSRF tokens, and lockout after repeated failures.

The cookie holds a random token; the database keeps only its SHA-256, so a copy of the database cannot
be used to sign in. Failures are counted per e-mail address tried and per client address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from search_service.records.models import Account, LoginFailure, LoginSession

COOKIE_NAME = "send_records_session"


def utcnow() -> dt.datetime:
    """Naive UTC, for timestamps only; training dates are plain calendar dates."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_session(db: Session, account: Account, hours: float) -> tuple[str, LoginSession]:
    now = utcnow()
    db.execute(delete(LoginSession).where(LoginSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    row = LoginSession(
        token_hash=token_hash(token),
        account_id=account.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    db.add(row)
    return token, row


def find_session(db: Session, token: str | None) -> tuple[LoginSession, Account] | None:
    if not token or len(token) > 100:
        return None
    found = db.execute(
        select(LoginSession, Account)
        .join(Account, Account.id == LoginSession.account_id)
        .where(LoginSession.token_hash == token_hash(token))
    ).first()
    if found is None:
        return None
    session, account = found
    if session.expires_at <= utcnow():
        return None
    return session, account


def end_session(db: Session, token: str) -> None:
    db.execute(delete(LoginSession).where(LoginSession.token_hash == token_hash(token)))


def failure_keys(email: str, address: str) -> list[str]:
    return [f"account:{email.strip().lower()[:254]}", f"address:{address[:45]}"]


def locked_seconds(db: Session, keys: list[str]) -> int:
    """Seconds until the longest lockout among `keys` ends, or 0."""
    now = utcnow()
    until = [
        row.locked_until
        for row in db.scalars(select(LoginFailure).where(LoginFailure.key.in_(keys)))
        if row.locked_until and row.locked_until > now
    ]
    return max((int((u - now).total_seconds()) + 1 for u in until), default=0)


def record_failure(db: Session, keys: list[str], max_failures: int, minutes: float) -> None:
    now = utcnow()
    for key in keys:
        row = db.get(LoginFailure, key)
        if row is None:
            row = LoginFailure(key=key, failures=0, last_failed_at=now)
            db.add(row)
        elif (row.locked_until and row.locked_until <= now) or row.last_failed_at < now - dt.timedelta(minutes=minutes):
            row.failures, row.locked_until = 0, None  # the last lockout is over, or the failures are old
        row.failures += 1
        row.last_failed_at = now
        if row.failures >= max_failures:
            row.locked_until = now + dt.timedelta(minutes=minutes)


def clear_failures(db: Session, keys: list[str]) -> None:
    """After a success: forget the account's failures (an address's failures run out on their own)."""
    db.execute(delete(LoginFailure).where(LoginFailure.key.in_(keys)))
