"""Assignments and completions, one at a time or for everyone at one session."""

from __future__ import annotations

import datetime as dt
import typing

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from search_service.records.auth import utcnow
from search_service.records.catalogue import Catalogue, Module
from search_service.records.dates import refresher_due
from search_service.records.models import Assignment, Completion, Refresher, Staff, StaffRole


class TrainingError(ValueError):
    pass


def module(catalogue: Catalogue, module_id: str) -> Module:
    found = catalogue.modules.get(module_id)
    if found is None:
        raise TrainingError(f"'{module_id[:80]}' is not a training module in the handbook.")
    return found


def staff_ids_with_roles(db: Session, roles: list[str]) -> list[int]:
    return list(db.scalars(select(StaffRole.staff_id).where(StaffRole.role.in_(roles)).distinct()))


def sync_latest(db: Session, module_id: str, staff_ids: list[int]) -> None:
    """Copy each person's latest completion of `module_id` onto their assignment and into refreshers.
    Called after every change to completions or assignments, in the same transaction."""
    ids = sorted(set(staff_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        latest = {
            sid: (done, due)
            for sid, done, due in db.execute(
                select(Completion.staff_id, func.max(Completion.completed_on), func.max(Completion.refresher_due))
                .where(Completion.module_id == module_id, Completion.staff_id.in_(chunk))
                .group_by(Completion.staff_id)
            )
        }
        table = typing.cast(Table, Assignment.__table__)
        db.execute(
            update(table)
            .where(table.c.staff_id == bindparam("sid"), table.c.module_id == module_id)
            .values(completed_on=bindparam("done")),
            [{"sid": sid, "done": latest.get(sid, (None, None))[0]} for sid in chunk],
        )
        db.execute(delete(Refresher).where(Refresher.module_id == module_id, Refresher.staff_id.in_(chunk)))
        rows = [
            {"staff_id": sid, "module_id": module_id, "completed_on": done, "refresher_due": due}
            for sid, (done, due) in latest.items()
            if due is not None
        ]
        if rows:
            db.execute(insert(Refresher), rows)


def assign(db: Session, catalogue: Catalogue, staff_id: int, module_id: str, due_on: dt.date | None) -> Assignment:
    module(catalogue, module_id)
    existing = db.scalar(select(Assignment).where(Assignment.staff_id == staff_id, Assignment.module_id == module_id))
    if existing is not None:
        raise TrainingError("That module is already assigned to this person.")
    row = Assignment(staff_id=staff_id, module_id=module_id, due_on=due_on, assigned_at=utcnow())
    db.add(row)
    db.flush()
    sync_latest(db, module_id, [staff_id])
    db.refresh(row)
    return row


def assign_to_roles(
    db: Session, catalogue: Catalogue, roles: list[str], module_ids: list[str] | None, due_on: dt.date | None
) -> tuple[int, int]:
    """Assign to everyone who has one of `roles` the modules those roles require (or `module_ids`).
    A person gets only the modules required for their own roles. Returns (created, already assigned)."""
    chosen = [module(catalogue, m) for m in module_ids] if module_ids else catalogue.required_for(roles)
    wanted: set[tuple[int, str]] = set()
    for staff_id, role in db.execute(select(StaffRole.staff_id, StaffRole.role).where(StaffRole.role.in_(roles))):
        for m in chosen:
            if module_ids or role in m.required_for:
                wanted.add((staff_id, m.id))
    existing = set(
        db.execute(
            select(Assignment.staff_id, Assignment.module_id).where(
                Assignment.module_id.in_([m.id for m in chosen]),
                Assignment.staff_id.in_(staff_ids_with_roles(db, roles)),
            )
        )
    )
    now = utcnow()
    new = sorted(wanted - existing)
    db.add_all(Assignment(staff_id=s, module_id=m, due_on=due_on, assigned_at=now) for s, m in new)
    db.flush()
    by_module: dict[str, list[int]] = {}
    for staff_id, module_id in new:
        by_module.setdefault(module_id, []).append(staff_id)
    for module_id, staff_ids in by_module.items():
        sync_latest(db, module_id, staff_ids)
    return len(new), len(wanted & existing)


def complete(
    db: Session, catalogue: Catalogue, staff_id: int, module_id: str, completed_on: dt.date, sync: bool = True
) -> Completion:
    found = module(catalogue, module_id)
    if completed_on > dt.date.today():
        raise TrainingError("completed_on cannot be in the future.")
    row = Completion(
        staff_id=staff_id,
        module_id=module_id,
        completed_on=completed_on,
        refresher_due=refresher_due(completed_on, found.refresher_months),
        recorded_at=utcnow(),
    )
    db.add(row)
    db.flush()
    if sync:
        sync_latest(db, module_id, [staff_id])
    return row


def complete_many(
    db: Session, catalogue: Catalogue, staff_ids: list[int], module_id: str, completed_on: dt.date
) -> list[Completion]:
    """One session attended by many people: "the whole staff at the INSET on 1 September"."""
    known = set(db.scalars(select(Staff.id).where(Staff.id.in_(staff_ids))))
    missing = sorted(set(staff_ids) - known)
    if missing:
        raise TrainingError(f"There is no staff member with id {', '.join(map(str, missing[:10]))}.")
    already = set(
        db.scalars(
            select(Completion.staff_id).where(
                Completion.module_id == module_id, Completion.completed_on == completed_on
            )
        )
    )
    rows = [complete(db, catalogue, s, module_id, completed_on, sync=False) for s in sorted(known - already)]
    sync_latest(db, module_id, [row.staff_id for row in rows])
    return rows


def assignment_json(row: Assignment, catalogue: Catalogue) -> dict[str, object]:
    found = catalogue.modules.get(row.module_id)
    return {
        "id": row.id,
        "staff_id": row.staff_id,
        "module_id": row.module_id,
        "title": found.title if found else row.module_id,
        "due_on": row.due_on.isoformat() if row.due_on else None,
    }


def completion_json(row: Completion, catalogue: Catalogue) -> dict[str, object]:
    found = catalogue.modules.get(row.module_id)
    return {
        "id": row.id,
        "staff_id": row.staff_id,
        "module_id": row.module_id,
        "title": found.title if found else row.module_id,
        "completed_on": row.completed_on.isoformat(),
        "refresher_due": row.refresher_due.isoformat() if row.refresher_due else None,
    }
