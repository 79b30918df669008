"""Staff members: create, change, import from a CSV a school already has, and erase."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from search_service.records.accounts import AccountError, normalise_email
from search_service.records.auth import utcnow
from search_service.records.catalogue import ROLES
from search_service.records.models import Account, LoginSession, Staff, StaffRole

ROLE_ALIASES = {
    "ta": "teaching-assistant",
    "hlta": "teaching-assistant",
    "lsa": "teaching-assistant",
    "ect": "early-career-teacher",
    "nqt": "early-career-teacher",
    "midday": "midday-supervisor",
    "mds": "midday-supervisor",
    "lunchtime supervisor": "midday-supervisor",
    "support": "support-staff",
    "office": "support-staff",
    "head": "leader",
    "headteacher": "leader",
    "slt": "leader",
    "senior leader": "leader",
}
NAME_COLUMNS = ("name", "full name", "staff name")
FIRST_COLUMNS = ("first name", "forename", "given name")
LAST_COLUMNS = ("last name", "surname", "family name")
EMAIL_COLUMNS = ("email", "e-mail", "email address", "e-mail address", "work email")
ROLE_COLUMNS = ("roles", "role", "job title", "job", "position")
START_COLUMNS = ("start date", "start_date", "started", "date started", "start")


class StaffError(ValueError):
    pass


def parse_role(text: str) -> str:
    key = " ".join(text.strip().lower().replace("_", " ").split())
    for role in ROLES:
        if key in (role, role.replace("-", " "), role.replace("-", " ") + "s"):
            return role
    if key in ROLE_ALIASES:
        return ROLE_ALIASES[key]
    raise StaffError(f"'{text.strip()[:40]}' is not a role. Use one of: {', '.join(ROLES)}.")


def parse_roles(values: list[str]) -> list[str]:
    roles = sorted({parse_role(v) for v in values if v.strip()})
    if not roles:
        raise StaffError("Give at least one role.")
    return roles


def parse_date(text: str) -> dt.date:
    """ISO (2025-09-01) or the UK style a spreadsheet writes (01/09/2025)."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise StaffError(f"'{text[:20]}' is not a date. Write it as 2025-09-01 or 01/09/2025.")


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise StaffError("The name must be 1 to 200 characters.")
    return name


def email_taken(db: Session, email: str, except_id: int | None = None) -> bool:
    query = select(Staff.id).where(func.lower(Staff.email) == email)
    if except_id is not None:
        query = query.where(Staff.id != except_id)
    return db.scalar(query) is not None


def create_staff(db: Session, name: str, roles: list[str], start_date: dt.date | None, email: str | None) -> Staff:
    try:
        address = normalise_email(email) if email else None
    except AccountError as error:
        raise StaffError(str(error)) from error
    if address and email_taken(db, address):
        raise StaffError(f"{address} is already on the staff list.")
    person = Staff(name=clean_name(name), email=address, start_date=start_date, created_at=utcnow())
    person.roles = [StaffRole(role=r) for r in parse_roles(roles)]
    db.add(person)
    db.flush()
    return person


def erase_staff(db: Session, staff_id: int) -> bool:
    """Delete the person, their roles, assignments, completions, ticks and account (the cascades)."""
    account_ids = list(db.scalars(select(Account.id).where(Account.staff_id == staff_id)))
    if account_ids:
        db.execute(delete(LoginSession).where(LoginSession.account_id.in_(account_ids)))
    deleted = db.execute(delete(Staff).where(Staff.id == staff_id)).rowcount  # type: ignore[attr-defined]
    return bool(deleted)


def staff_json(person: Staff) -> dict[str, object]:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "roles": person.role_ids,
        "start_date": person.start_date.isoformat() if person.start_date else None,
    }


@dataclass
class ImportResult:
    rows: list[dict[str, object]] = field(default_factory=list)
    errors: list[dict[str, object]] = field(default_factory=list)
    skipped: list[dict[str, object]] = field(default_factory=list)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    return next((lowered.index(n) for n in names if n in lowered), None)


def read_csv(db: Session, text: str, first_line: int = 1) -> ImportResult:
    """Check every row first. Rows already on the list (same e-mail address) are skipped, not doubled."""
    result = ImportResult()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        detail = f"This is not a CSV file a spreadsheet can read ({error})."
        result.errors.append({"line": first_line, "detail": detail})
        return result
    if not rows:
        result.errors.append({"line": first_line, "detail": "The file is empty."})
        return result
    header = rows[0]
    name_col, email_col = _column(header, NAME_COLUMNS), _column(header, EMAIL_COLUMNS)
    first_col, last_col = _column(header, FIRST_COLUMNS), _column(header, LAST_COLUMNS)
    role_col, start_col = _column(header, ROLE_COLUMNS), _column(header, START_COLUMNS)
    if name_col is None and first_col is None:
        result.errors.append({"line": first_line, "detail": "The first line needs a 'Name' (or 'First name') column."})
    if role_col is None:
        result.errors.append({"line": first_line, "detail": "The first line needs a 'Role' or 'Roles' column."})
    if result.errors:
        return result
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=first_line + 1):
        if not any(cell.strip() for cell in row):
            continue

        def cell(col: int | None, row: list[str] = row) -> str:
            return row[col].strip() if col is not None and col < len(row) else ""

        try:
            name = cell(name_col) or " ".join(filter(None, [cell(first_col), cell(last_col)]))
            email = normalise_email(cell(email_col)) if cell(email_col) else None
            entry: dict[str, object] = {
                "name": clean_name(name),
                "email": email,
                "roles": parse_roles(re.split(r"[;|/,]", cell(role_col))),
                "start_date": parse_date(cell(start_col)) if cell(start_col) else None,
            }
        except (StaffError, AccountError) as error:
            result.errors.append({"line": number, "detail": str(error)})
            continue
        if email and (email in seen or email_taken(db, email)):
            result.skipped.append({"line": number, "detail": f"{email} is already on the staff list."})
            continue
        if email:
            seen.add(email)
        result.rows.append(entry)
    return result
