"""Creating accounts (by the CLI or by a SENCO) and checking a sign-in."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from search_service.records.auth import utcnow
from search_service.records.models import Account, Staff
from search_service.records.passwords import check_password, dummy_hash, hash_password, verify_password

ACCOUNT_ROLES = ("senco", "staff")


class AccountError(ValueError):
    pass


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if len(email) > 254 or email.count("@") != 1 or not all(email.split("@")) or " " in email:
        raise AccountError(f"'{email[:60]}' is not an e-mail address.")
    return email


def create_account(db: Session, email: str, role: str, password: str, staff_id: int | None = None) -> Account:
    """A new account; a staff account is linked to the staff member with the same e-mail address."""
    email = normalise_email(email)
    if role not in ACCOUNT_ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ACCOUNT_ROLES)}.")
    check_password(password, email)
    if db.scalar(select(Account.id).where(Account.email == email)) is not None:
        raise AccountError(f"An account for {email} already exists.")
    if staff_id is None:
        staff_id = db.scalar(select(Staff.id).where(func.lower(Staff.email) == email))
    elif db.get(Staff, staff_id) is None:
        raise AccountError(f"There is no staff member with id {staff_id}.")
    if role == "staff" and staff_id is None:
        raise AccountError(f"Add {email} to the staff list first, so the account has its own records.")
    if staff_id is not None and db.scalar(select(Account.id).where(Account.staff_id == staff_id)) is not None:
        raise AccountError("That staff member already has an account.")
    account = Account(
        email=email, password_hash=hash_password(password), role=role, staff_id=staff_id, created_at=utcnow()
    )
    db.add(account)
    db.flush()
    return account


def authenticate(db: Session, email: str, password: str) -> Account | None:
    account = db.scalar(select(Account).where(Account.email == email.strip().lower()))
    if account is None:
        verify_password(dummy_hash(), password)  # the same work, so timing does not reveal who has an account
        return None
    return account if verify_password(account.password_hash, password) else None
