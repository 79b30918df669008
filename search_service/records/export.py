"""The whole log as CSV: one line per person and module, plus people with nothing assigned yet."""

from __future__ import annotations

import csv
import datetime as dt
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from search_service.records.catalogue import Catalogue
from search_service.records.due import latest_completions
from search_service.records.models import Assignment, Staff

HEADER = [
    "staff_id", "name", "email", "roles", "start_date", "module_id", "module", "due_on", "last_completed_on",
    "refresher_due", "status",
]  # fmt: skip


def safe(value: object) -> str:
    """Stop a spreadsheet reading a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def status(due_on: dt.date | None, done: dt.date | None, refresher: dt.date | None, today: dt.date) -> str:
    if done is None:
        return "overdue" if due_on and due_on < today else "assigned"
    if refresher and refresher < today:
        return "refresher overdue"
    return "completed"


def export_csv(db: Session, catalogue: Catalogue, today: dt.date) -> str:
    latest = {(s, m): (c, r) for s, m, c, r in db.execute(latest_completions())}
    assigned = {
        (s, m): d for s, m, d in db.execute(select(Assignment.staff_id, Assignment.module_id, Assignment.due_on))
    }
    by_staff: dict[int, set[str]] = {}
    for staff_id, module_id in [*latest, *assigned]:
        by_staff.setdefault(staff_id, set()).add(module_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for person in db.scalars(select(Staff).order_by(Staff.name, Staff.id)):
        base = [person.id, person.name, person.email, "; ".join(person.role_ids), person.start_date]
        modules = sorted(by_staff.get(person.id, ()))
        if not modules:
            writer.writerow([safe(v) for v in [*base, "", "", "", "", "", "nothing assigned"]])
        for module_id in modules:
            due_on = assigned.get((person.id, module_id))
            done, refresher = latest.get((person.id, module_id), (None, None))
            module = catalogue.modules.get(module_id)
            row = [*base, module_id, module.title if module else module_id, due_on, done, refresher]
            writer.writerow([safe(v) for v in [*row, status(due_on, done, refresher, today)]])
    return out.getvalue()
