"""What is due: first assignments not done by their due date, and refreshers coming up or past.

Status `overdue` is past its date, `due` falls within the window, and `expired` is an accredited
course (Team Teach) whose certificate has run out. The query does the filtering in the database, so
a school of 2,000 staff answers in milliseconds (benchmarks/records_benchmark.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, and_, case, cast, false, func, literal, select, union_all
from sqlalchemy.orm import Session

from search_service.records.catalogue import Catalogue
from search_service.records.models import Assignment, Completion, InductionTick, Refresher, Staff

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


def _not_completed() -> Any:
    return Assignment.completed_on.is_(None)


def _queries(catalogue: Catalogue, today: dt.date, horizon: dt.date, staff_id: int | None, buckets: bool) -> Any:
    """Two queries (first assignments, refreshers) whose rows carry their status (or bucket), computed
    in the database. Dates come back as ISO text (CAST), so no row pays for date parsing."""
    accredited = [m.id for m in catalogue.modules.values() if m.accredited]

    def label(day: Any, can_expire: Any) -> Any:
        whens: list[Any] = [(and_(day < today, can_expire), "expired"), (day < today, "overdue")]
        if buckets:
            whens += [(day <= today + dt.timedelta(days=b), f"due_{b}") for b in BUCKETS]
        return case(*whens, else_="due")

    first = select(
        Assignment.staff_id,
        Assignment.module_id,
        cast(Assignment.due_on, String).label("day"),
        label(Assignment.due_on, false()).label("status"),
    ).where(Assignment.due_on <= horizon, _not_completed())
    again = select(
        Refresher.staff_id,
        Refresher.module_id,
        cast(Refresher.refresher_due, String).label("day"),
        label(Refresher.refresher_due, Refresher.module_id.in_(accredited) if accredited else false()).label("status"),
    ).where(Refresher.refresher_due <= horizon)
    if staff_id is not None:
        first = first.where(Assignment.staff_id == staff_id)
        again = again.where(Refresher.staff_id == staff_id)
    return first, again


def due_items(
    db: Session,
    catalogue: Catalogue,
    today: dt.date,
    within_days: int,
    staff_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Soonest first, then by person. With `limit` the database sorts and cuts: a page of 500 of 21,000 is cheap."""
    horizon = today + dt.timedelta(days=within_days)
    first, again = _queries(catalogue, today, horizon, staff_id, buckets=False)
    both = union_all(
        first.add_columns(literal("assignment").label("kind")),
        again.add_columns(literal("refresher").label("kind")),
    ).subquery()
    page = select(both).order_by(both.c.day, both.c.staff_id, both.c.module_id).offset(offset)
    if limit is not None:
        page = page.limit(limit)
    cut = page.subquery()  # names are joined to the page only, not to every row before sorting
    query = (
        select(cut.c.day, Staff.name, cut.c.module_id, cut.c.staff_id, cut.c.status, cut.c.kind)
        .join(Staff, Staff.id == cut.c.staff_id)
        .order_by(cut.c.day, cut.c.staff_id, cut.c.module_id)
    )
    titles = {m.id: m.title for m in catalogue.modules.values()}
    return [
        {
            "staff_id": sid,
            "name": name,
            "module_id": module_id,
            "title": titles.get(module_id, module_id),
            "status": status,
            "due_on": str(day)[:10],
            "kind": kind,
        }
        for day, name, module_id, sid, status, kind in db.execute(query)
    ]


def due_total(db: Session, catalogue: Catalogue, today: dt.date, within_days: int, staff_id: int | None) -> int:
    """How many rows due_items would give without a limit: two counts over indexed ranges."""
    first, again = _queries(catalogue, today, today + dt.timedelta(days=within_days), staff_id, buckets=False)
    return sum(int(db.scalar(select(func.count()).select_from(q.subquery())) or 0) for q in (first, again))


def dashboard(db: Session, catalogue: Catalogue, today: dt.date, new_starter_days: int) -> dict[str, Any]:
    """Counts only, grouped in the database: overdue, expired, and due within 30, 31-60 and 61-90 days."""
    counts = {"overdue": 0, "expired": 0, **{f"due_{b}": 0 for b in BUCKETS}}
    first, again = _queries(catalogue, today, today + dt.timedelta(days=BUCKETS[-1]), None, buckets=True)
    for query in (first, again):
        sub = query.subquery()
        for status, number in db.execute(select(sub.c.status, func.count()).group_by(sub.c.status)):
            counts[status] = counts.get(status, 0) + int(number)
    assigned = db.scalar(select(func.count()).select_from(Assignment)) or 0
    pending = db.scalar(select(func.count()).select_from(Assignment).where(_not_completed())) or 0
    return {
        "today": today.isoformat(),
        "staff": db.scalar(select(func.count()).select_from(Staff)) or 0,
        "assignments": assigned,
        "assignments_completed": assigned - pending,
        "counts": {k: counts[k] for k in ("overdue", "expired", *(f"due_{b}" for b in BUCKETS))},
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
