"""What is due: first assignments not done by their due date, and refreshers coming up or past.

Status `overdue` is past its date, `due` falls within the window, and `expired` is an accredited
course (Team Teach) whose certificate has run out. The query does the filtering in the database, so
a school of 2,000 staff answers in milliseconds (benchmarks/records_benchmark.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from search_service.records.catalogue import Catalogue
from search_service.records.models import Assignment, Completion, InductionTick, Staff

BUCKETS = (30, 60, 90)


def latest_completions(staff_id: int | None = None) -> Any:
    query = select(
        Completion.staff_id,
        Completion.module_id,
        func.max(Completion.completed_on).label("completed_on"),
        func.max(Completion.refresher_due).label("refresher_due"),
    ).group_by(Completion.staff_id, Completion.module_id)
    if staff_id is not None:
        query = query.where(Completion.staff_id == staff_id)
    return query


def due_items(
    db: Session, catalogue: Catalogue, today: dt.date, within_days: int, staff_id: int | None = None
) -> list[dict[str, Any]]:
    horizon = today + dt.timedelta(days=within_days)
    latest = latest_completions(staff_id).subquery()
    first: Any = (
        select(Assignment.staff_id, Staff.name, Assignment.module_id, Assignment.due_on)
        .join(Staff, Staff.id == Assignment.staff_id)
        .outerjoin(latest, and_(latest.c.staff_id == Assignment.staff_id, latest.c.module_id == Assignment.module_id))
        .where(latest.c.staff_id.is_(None), Assignment.due_on <= horizon)
    )
    refreshers = latest_completions(staff_id).having(func.max(Completion.refresher_due) <= horizon).subquery()
    again: Any = select(refreshers.c.staff_id, Staff.name, refreshers.c.module_id, refreshers.c.refresher_due).join(
        Staff, Staff.id == refreshers.c.staff_id
    )
    if staff_id is not None:
        first = first.where(Assignment.staff_id == staff_id)
    items = []
    for kind, query in (("assignment", first), ("refresher", again)):
        for sid, name, module_id, due_on in db.execute(query):
            module = catalogue.modules.get(module_id)
            if due_on >= today:
                status = "due"
            elif kind == "refresher" and module is not None and module.accredited:
                status = "expired"
            else:
                status = "overdue"
            items.append(
                {
                    "staff_id": sid,
                    "name": name,
                    "module_id": module_id,
                    "title": module.title if module else module_id,
                    "status": status,
                    "due_on": due_on.isoformat(),
                    "kind": kind,
                }
            )
    items.sort(key=lambda i: (i["due_on"], i["name"], i["module_id"]))
    return items


def dashboard(db: Session, catalogue: Catalogue, today: dt.date, new_starter_days: int) -> dict[str, Any]:
    counts = {"overdue": 0, "expired": 0, "due_30": 0, "due_60": 0, "due_90": 0}
    for item in due_items(db, catalogue, today, BUCKETS[-1]):
        if item["status"] != "due":
            counts[item["status"]] += 1
            continue
        days = (dt.date.fromisoformat(item["due_on"]) - today).days
        counts[f"due_{next(b for b in BUCKETS if days <= b)}"] += 1
    latest = latest_completions().subquery()
    assigned = db.scalar(select(func.count()).select_from(Assignment)) or 0
    done = (
        db.scalar(
            select(func.count())
            .select_from(Assignment)
            .join(latest, and_(latest.c.staff_id == Assignment.staff_id, latest.c.module_id == Assignment.module_id))
        )
        or 0
    )
    return {
        "today": today.isoformat(),
        "staff": db.scalar(select(func.count()).select_from(Staff)) or 0,
        "assignments": assigned,
        "assignments_completed": done,
        "counts": counts,
        "new_starters": len(induction_progress(db, catalogue, today, new_starter_days)),
    }


def induction_progress(db: Session, catalogue: Catalogue, today: dt.date, days: int) -> list[dict[str, Any]]:
    """Everyone who started in the last `days` days, with how many checklist items they have ticked."""
    since = today - dt.timedelta(days=days)
    valid = [item.id for item in catalogue.induction]
    ticks = (
        select(InductionTick.staff_id, func.count().label("ticked"))
        .where(InductionTick.item_id.in_(valid))
        .group_by(InductionTick.staff_id)
        .subquery()
    )
    rows = db.execute(
        select(Staff.id, Staff.name, Staff.start_date, func.coalesce(ticks.c.ticked, 0))
        .outerjoin(ticks, ticks.c.staff_id == Staff.id)
        .where(Staff.start_date >= since)
        .order_by(Staff.start_date.desc(), Staff.name)
    )
    return [
        {"staff_id": sid, "name": name, "start_date": start.isoformat(), "ticked": int(n), "total": len(valid)}
        for sid, name, start, n in rows
    ]


def checklist(db: Session, catalogue: Catalogue, staff_id: int) -> list[dict[str, Any]]:
    ticked = {
        item_id: at
        for item_id, at in db.execute(
            select(InductionTick.item_id, InductionTick.ticked_at).where(InductionTick.staff_id == staff_id)
        )
    }
    return [
        {
            "id": item.id,
            "text": item.text,
            "done": item.id in ticked,
            "ticked_at": ticked[item.id].isoformat(timespec="seconds") if item.id in ticked else None,
        }
        for item in catalogue.induction
    ]
