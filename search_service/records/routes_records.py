"""Staff, assignments, completions, what is due, induction and export. SENCO accounts see and change
everything; a staff account sees only its own records and ticks its own induction checklist."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as FastApiPath
from fastapi.responses import JSONResponse, Response
from pydantic import Field
from sqlalchemy import delete, select

from search_service.records import audit
from search_service.records.catalogue import Catalogue
from search_service.records.deps import DB, Senco, SignedIn, User, fail, get_store, may_see
from search_service.records.due import checklist, dashboard, due_items, due_total, induction_progress
from search_service.records.export import export_csv
from search_service.records.models import Assignment, Completion, InductionTick, Staff
from search_service.records.staff import StaffError, create_staff, erase_staff, parse_roles, read_csv, staff_json
from search_service.records.training import (
    TrainingError,
    assign,
    assign_to_roles,
    assignment_json,
    complete,
    complete_many,
    completion_json,
    staff_ids_with_roles,
    sync_latest,
)
from search_service.records.validation import Id, PathId, QueryId, Strict

router = APIRouter()
NEW_STARTER_DAYS = 183  # "new starter": started in the last six months


class NewStaff(Strict):
    name: str = Field(min_length=1, max_length=200)
    roles: list[str] = Field(min_length=1, max_length=8)
    start_date: dt.date | None = None
    email: str | None = Field(None, max_length=254)


class StaffChange(Strict):
    name: str | None = Field(None, min_length=1, max_length=200)
    roles: list[str] | None = Field(None, min_length=1, max_length=8)
    start_date: dt.date | None = None
    email: str | None = Field(None, max_length=254)


class NewAssignment(Strict):
    staff_id: Id
    module_id: str = Field(min_length=1, max_length=80)
    due_on: dt.date | None = None


class BulkAssignment(Strict):
    roles: list[str] = Field(min_length=1, max_length=8)
    module_ids: list[str] | None = Field(None, max_length=50, description="default: the modules those roles require")
    due_on: dt.date | None = None


class NewCompletion(Strict):
    staff_id: Id
    module_id: str = Field(min_length=1, max_length=80)
    completed_on: dt.date


class BulkCompletion(Strict):
    module_id: str = Field(min_length=1, max_length=80)
    completed_on: dt.date
    who: Literal["everyone", "roles", "listed"] = "listed"
    roles: list[str] = Field(default_factory=list, max_length=8)
    staff_ids: list[Id] = Field(default_factory=list, max_length=5000)


class Tick(Strict):
    done: bool


def catalogue(request: Request) -> Catalogue:
    return get_store(request).catalogue


def person_or_404(db: DB, staff_id: int) -> Staff:
    person = db.get(Staff, staff_id)
    if person is None:
        raise fail(404, f"There is no staff member with id {staff_id}.")
    return person


def today() -> dt.date:
    return dt.date.today()


# --- modules --------------------------------------------------------------------------------------
@router.get("/modules")
def modules(request: Request, user: SignedIn) -> dict[str, object]:
    cat = catalogue(request)
    return {
        "roles": list(cat.roles),
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "url": m.url,
                "category": m.category,
                "refresher_months": m.refresher_months,
                "accredited": m.accredited,
                "required_for": list(m.required_for),
                "recommended_for": list(m.recommended_for),
            }
            for m in cat.modules.values()
        ],
    }


# --- staff ----------------------------------------------------------------------------------------
@router.get("/staff")
def list_staff(user: SignedIn, db: DB) -> dict[str, object]:
    query = select(Staff).order_by(Staff.name, Staff.id)
    if not user.is_senco:
        query = query.where(Staff.id == user.staff_id)
    return {"staff": [staff_json(p) for p in db.scalars(query)]}


@router.post("/staff", status_code=201)
def add_staff(body: NewStaff, user: Senco, db: DB) -> dict[str, object]:
    try:
        person = create_staff(db, body.name, body.roles, body.start_date, body.email)
    except StaffError as error:
        raise fail(422, str(error)) from error
    audit.record(db, user.account_id, user.role, "create", "staff", person.id)
    db.commit()
    return staff_json(person)


CSV_BODY = {"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}}


@router.post("/staff/import", response_model=None, openapi_extra=CSV_BODY)
async def import_staff(
    request: Request,
    user: Senco,
    db: DB,
    dry_run: bool = False,
    first_line: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> dict[str, object] | JSONResponse:
    """A CSV body (text/csv) with a header line: Name (or First name, Last name), Role(s), Email, Start date.
    Nothing is imported unless every line is valid; `dry_run` only checks."""
    raw = await request.body()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise fail(422, "The file is not a text CSV file. Save it from your spreadsheet as CSV.") from error
    result = read_csv(db, text, first_line)
    if result.errors:
        lines = "; ".join(f"line {e['line']}: {e['detail']}" for e in result.errors[:10])
        detail = f"Nothing was imported. Fix these lines and try again: {lines}"
        return JSONResponse({"detail": detail, "errors": result.errors}, status_code=422)
    created = []
    if not dry_run:
        for row in result.rows:
            person = create_staff(db, row["name"], row["roles"], row["start_date"], row["email"])  # type: ignore[arg-type]
            created.append(person.id)
        audit.record(db, user.account_id, user.role, "import", "staff", None, created=len(created))
        db.commit()
    return {"valid": len(result.rows), "created": len(created), "skipped": result.skipped, "dry_run": dry_run}


@router.get("/staff/{staff_id}")
def get_staff(staff_id: PathId, user: SignedIn, db: DB) -> dict[str, object]:
    may_see(user, staff_id)
    return staff_json(person_or_404(db, staff_id))


@router.patch("/staff/{staff_id}")
def change_staff(staff_id: PathId, body: StaffChange, user: Senco, db: DB) -> dict[str, object]:
    from search_service.records.accounts import AccountError, normalise_email
    from search_service.records.models import StaffRole
    from search_service.records.staff import clean_name, email_taken

    person = person_or_404(db, staff_id)
    changed = sorted(body.model_fields_set)
    try:
        if body.name is not None:
            person.name = clean_name(body.name)
        if body.roles is not None:
            person.roles = [StaffRole(role=r) for r in parse_roles(body.roles)]
        if "start_date" in body.model_fields_set:
            person.start_date = body.start_date
        if "email" in body.model_fields_set:
            email = normalise_email(body.email) if body.email else None
            if email and email_taken(db, email, except_id=staff_id):
                raise StaffError(f"{email} is already on the staff list.")
            person.email = email
    except (StaffError, AccountError) as error:
        db.rollback()
        raise fail(422, str(error)) from error
    audit.record(db, user.account_id, user.role, "update", "staff", staff_id, fields=changed)
    db.commit()
    return staff_json(person)


@router.delete("/staff/{staff_id}")
def delete_staff(staff_id: PathId, user: Senco, db: DB) -> dict[str, object]:
    if not erase_staff(db, staff_id):
        raise fail(404, f"There is no staff member with id {staff_id}.")
    audit.record(db, user.account_id, user.role, "erase", "staff", staff_id)
    db.commit()
    return {"deleted": staff_id}


def whose_records(user: User, staff_id: int | None) -> int | None:
    """The staff member whose list to show: a SENCO may ask for anyone (or everyone, None); others see their own."""
    if user.is_senco:
        return staff_id
    staff_id = staff_id if staff_id is not None else user.staff_id
    may_see(user, staff_id or 0)
    return staff_id


# --- assignments ----------------------------------------------------------------------------------
@router.get("/assignments")
def list_assignments(request: Request, user: SignedIn, db: DB, staff_id: QueryId = None) -> dict[str, object]:
    staff_id = whose_records(user, staff_id)
    query = select(Assignment).order_by(Assignment.staff_id, Assignment.module_id)
    if staff_id is not None:
        query = query.where(Assignment.staff_id == staff_id)
    cat = catalogue(request)
    return {"assignments": [assignment_json(a, cat) for a in db.scalars(query)]}


@router.post("/assignments", status_code=201)
def add_assignment(body: NewAssignment, request: Request, user: Senco, db: DB) -> dict[str, object]:
    person_or_404(db, body.staff_id)
    try:
        row = assign(db, catalogue(request), body.staff_id, body.module_id, body.due_on)
    except TrainingError as error:
        status = 409 if "already" in str(error) else 422
        raise fail(status, str(error)) from error
    audit.record(db, user.account_id, user.role, "assign", "assignment", row.id, module_id=row.module_id)
    db.commit()
    return assignment_json(row, catalogue(request))


@router.post("/assignments/bulk", status_code=201)
def add_assignments(body: BulkAssignment, request: Request, user: Senco, db: DB) -> dict[str, object]:
    try:
        roles = parse_roles(body.roles)
        created, existing = assign_to_roles(db, catalogue(request), roles, body.module_ids, body.due_on)
    except (StaffError, TrainingError) as error:
        raise fail(422, str(error)) from error
    audit.record(db, user.account_id, user.role, "assign", "assignment", None, roles=roles, created=created)
    db.commit()
    return {"created": created, "already_assigned": existing, "roles": roles}


@router.delete("/assignments/{assignment_id}")
def delete_assignment(assignment_id: PathId, user: Senco, db: DB) -> dict[str, object]:
    if not db.execute(delete(Assignment).where(Assignment.id == assignment_id)).rowcount:  # type: ignore[attr-defined]
        raise fail(404, f"There is no assignment with id {assignment_id}.")
    audit.record(db, user.account_id, user.role, "delete", "assignment", assignment_id)
    db.commit()
    return {"deleted": assignment_id}


# --- completions ----------------------------------------------------------------------------------
@router.get("/completions")
def list_completions(request: Request, user: SignedIn, db: DB, staff_id: QueryId = None) -> dict[str, object]:
    staff_id = whose_records(user, staff_id)
    query = select(Completion).order_by(Completion.staff_id, Completion.completed_on.desc())
    if staff_id is not None:
        query = query.where(Completion.staff_id == staff_id)
    cat = catalogue(request)
    return {"completions": [completion_json(c, cat) for c in db.scalars(query)]}


@router.post("/completions", status_code=201)
def add_completion(body: NewCompletion, request: Request, user: Senco, db: DB) -> dict[str, object]:
    person_or_404(db, body.staff_id)
    try:
        row = complete(db, catalogue(request), body.staff_id, body.module_id, body.completed_on)
    except TrainingError as error:
        raise fail(422, str(error)) from error
    audit.record(db, user.account_id, user.role, "complete", "completion", row.id, module_id=row.module_id)
    db.commit()
    return completion_json(row, catalogue(request))


@router.post("/completions/bulk", status_code=201)
def add_completions(body: BulkCompletion, request: Request, user: Senco, db: DB) -> dict[str, object]:
    try:
        if body.who == "everyone":
            staff_ids = list(db.scalars(select(Staff.id)))
        elif body.who == "roles":
            staff_ids = staff_ids_with_roles(db, parse_roles(body.roles))
        else:
            staff_ids = body.staff_ids
        if not staff_ids:
            raise TrainingError("Nobody was chosen: pick people, roles or everyone.")
        rows = complete_many(db, catalogue(request), staff_ids, body.module_id, body.completed_on)
    except (StaffError, TrainingError) as error:
        raise fail(422, str(error)) from error
    audit.record(
        db, user.account_id, user.role, "complete", "completion", None, module_id=body.module_id, created=len(rows)
    )
    db.commit()
    refresher = rows[0].refresher_due.isoformat() if rows and rows[0].refresher_due else None
    return {"created": len(rows), "already_recorded": len(set(staff_ids)) - len(rows), "refresher_due": refresher}


@router.delete("/completions/{completion_id}")
def delete_completion(completion_id: PathId, user: Senco, db: DB) -> dict[str, object]:
    row = db.get(Completion, completion_id)
    if row is None:
        raise fail(404, f"There is no completion with id {completion_id}.")
    db.delete(row)
    db.flush()
    sync_latest(db, row.module_id, [row.staff_id])
    audit.record(db, user.account_id, user.role, "delete", "completion", completion_id)
    db.commit()
    return {"deleted": completion_id}


# --- what is due, dashboard, induction, export ----------------------------------------------------
@router.get("/due", response_model=None)
def due(
    request: Request,
    user: SignedIn,
    db: DB,
    within_days: Annotated[int, Query(ge=0, le=3650)] = 30,
    limit: Annotated[int, Query(ge=1, le=50_000)] = 500,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> JSONResponse:
    """Overdue, due within `within_days`, and expired accreditations, soonest first, `limit` at a time
    (`total` says how many there are); a staff account gets only its own. The rows are plain JSON
    already, so they skip FastAPI's per-field encoder."""
    staff_id = None if user.is_senco else (user.staff_id or 0)
    cat = catalogue(request)
    items = due_items(db, cat, today(), within_days, staff_id, limit=limit, offset=offset)
    whole = len(items) < limit and (items or not offset)  # this page reaches the end: no need to count
    total = offset + len(items) if whole else due_total(db, cat, today(), within_days, staff_id)
    body = {"within_days": within_days, "total": total, "offset": offset, "limit": limit, "items": items}
    return JSONResponse(body)


@router.get("/dashboard")
def get_dashboard(request: Request, user: Senco, db: DB) -> dict[str, object]:
    return dashboard(db, catalogue(request), today(), NEW_STARTER_DAYS)


@router.get("/induction")
def new_starters(
    request: Request, user: Senco, db: DB, days: Annotated[int, Query(ge=1, le=3650)] = NEW_STARTER_DAYS
) -> dict[str, object]:
    return {"since_days": days, "staff": induction_progress(db, catalogue(request), today(), days)}


@router.get("/staff/{staff_id}/induction")
def get_checklist(staff_id: PathId, request: Request, user: SignedIn, db: DB) -> dict[str, object]:
    may_see(user, staff_id)
    person_or_404(db, staff_id)
    return {"staff_id": staff_id, "items": checklist(db, catalogue(request), staff_id)}


@router.put("/staff/{staff_id}/induction/{item_id}")
def tick(
    staff_id: PathId,
    item_id: Annotated[str, FastApiPath(max_length=40)],
    body: Tick,
    request: Request,
    user: SignedIn,
    db: DB,
) -> dict[str, object]:
    may_see(user, staff_id)
    person_or_404(db, staff_id)
    if item_id not in {item.id for item in catalogue(request).induction}:
        raise fail(404, "That is not an item of the induction checklist.")
    existing = db.get(InductionTick, (staff_id, item_id))
    if body.done and existing is None:
        from search_service.records.auth import utcnow

        db.add(InductionTick(staff_id=staff_id, item_id=item_id, ticked_at=utcnow()))
    elif not body.done and existing is not None:
        db.delete(existing)
    audit.record(db, user.account_id, user.role, "tick" if body.done else "untick", "induction", staff_id, item=item_id)
    db.commit()
    return {"staff_id": staff_id, "items": checklist(db, catalogue(request), staff_id)}


@router.get("/export.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export(request: Request, user: Senco, db: DB) -> Response:
    body = export_csv(db, catalogue(request), today())
    headers = {"Content-Disposition": 'attachment; filename="training-records.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/audit")
def audit_log(user: Senco, db: DB, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, object]:
    from search_service.records.models import Account, AuditEntry

    emails = dict(db.execute(select(Account.id, Account.email)).all())
    rows = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
    return {
        "entries": [
            {
                "at": r.at.isoformat(timespec="seconds"),
                "actor": emails.get(r.actor_account_id or 0, f"account {r.actor_account_id} (deleted)"),
                "actor_role": r.actor_role,
                "action": r.action,
                "entity": r.entity,
                "entity_id": r.entity_id,
                "detail": r.detail,
            }
            for r in rows
        ]
    }
