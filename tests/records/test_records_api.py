"""What a SENCO does with the records: the contract's fields, due lists, bulk steps, import, erasure."""

from __future__ import annotations

import csv
import datetime as dt
import io

from sqlalchemy import func, select

from search_service.records.catalogue import load_catalogue
from search_service.records.models import (
    Account,
    Assignment,
    AuditEntry,
    Completion,
    InductionTick,
    LoginSession,
    Staff,
)
from tests.records.conftest import School

TODAY = dt.date.today()


def days(n: int) -> str:
    return (TODAY + dt.timedelta(days=n)).isoformat()


def test_staff_create_and_list_follow_the_contract(school: School) -> None:
    created = school.senco.ok(
        "POST",
        "/staff",
        201,
        json={"name": "  Cara   Cole ", "roles": ["senco", "teacher"], "start_date": "2026-01-05"},
    )
    assert created == {
        "id": created["id"],
        "name": "Cara Cole",
        "email": None,
        "roles": ["senco", "teacher"],
        "start_date": "2026-01-05",
    }
    staff = school.senco.ok("GET", "/staff")["staff"]
    assert [p["name"] for p in staff] == ["Alice Able", "Bob Brown", "Cara Cole"]


def test_bad_staff_input_gets_a_clear_422_and_stores_nothing(school: School) -> None:
    for body, words in [
        ({"name": "X", "roles": ["wizard"]}, "'wizard' is not a role"),
        ({"name": "X", "roles": []}, "roles"),
        ({"name": "X", "roles": ["teacher"], "start_date": "31/02/2026"}, "start_date"),
        ({"name": "X", "roles": ["teacher"], "email": "not-an-address"}, "is not an e-mail address"),
        ({"name": "X", "roles": ["teacher"], "email": "BOB@school.example"}, "already on the staff list"),
        ({"name": "X", "roles": ["teacher"], "pupil": "Y"}, "'pupil' is not a field"),
    ]:
        response = school.senco.call("POST", "/staff", json=body)
        assert response.status_code == 422, body
        assert words in response.json()["detail"], response.json()
    assert len(school.senco.ok("GET", "/staff")["staff"]) == 2


def test_assignment_needs_a_handbook_module(school: School) -> None:
    bad = school.senco.call("POST", "/assignments", json={"staff_id": school.bob, "module_id": "first-aid"})
    assert bad.status_code == 422 and "not a training module in the handbook" in bad.json()["detail"]
    good = school.senco.ok(
        "POST", "/assignments", 201, json={"staff_id": school.bob, "module_id": "team-teach", "due_on": "2026-12-01"}
    )
    assert good["module_id"] == "team-teach" and good["due_on"] == "2026-12-01"
    again = school.senco.call("POST", "/assignments", json={"staff_id": school.bob, "module_id": "team-teach"})
    assert again.status_code == 409
    missing = school.senco.call("POST", "/assignments", json={"staff_id": 99999, "module_id": "team-teach"})
    assert missing.status_code == 404


def test_completion_refresher_dates_use_calendar_months(school: School) -> None:
    team_teach = school.senco.ok(
        "POST",
        "/completions",
        201,
        json={"staff_id": school.bob, "module_id": "team-teach", "completed_on": "2024-06-30"},
    )
    assert team_teach["refresher_due"] == "2026-06-30"
    yearly = school.senco.ok(
        "POST",
        "/completions",
        201,
        json={"staff_id": school.bob, "module_id": "core-send-refresher", "completed_on": "2025-08-31"},
    )
    assert yearly["refresher_due"] == "2026-08-31"
    none = school.senco.ok(
        "POST",
        "/completions",
        201,
        json={"staff_id": school.bob, "module_id": "role-new-sencos", "completed_on": "2025-08-31"},
    )
    assert none["refresher_due"] is None
    future = school.senco.call(
        "POST", "/completions", json={"staff_id": school.bob, "module_id": "team-teach", "completed_on": days(3)}
    )
    assert future.status_code == 422


def test_refresher_months_come_from_the_training_pages(school: School) -> None:
    modules = {m["id"]: m for m in school.senco.ok("GET", "/modules")["modules"]}
    settings = school.records.store.settings
    catalogue = load_catalogue(settings.content_dir, settings.contract_path)
    assert set(modules) == set(catalogue.modules) and len(modules) >= 20
    assert modules["team-teach"]["refresher_months"] == 24 and modules["team-teach"]["accredited"] is True
    text = (settings.content_dir / "training" / "team-teach.md").read_text(encoding="utf-8")
    assert "refresher_months: 24" in text


def test_due_list_statuses(school: School) -> None:
    senco = school.senco
    senco.ok(
        "POST", "/assignments", 201, json={"staff_id": school.alice, "module_id": "cond-autism", "due_on": days(-1)}
    )
    senco.ok(
        "POST",
        "/assignments",
        201,
        json={"staff_id": school.alice, "module_id": "role-teaching-assistants", "due_on": days(20)},
    )
    senco.ok("POST", "/assignments", 201, json={"staff_id": school.alice, "module_id": "cond-adhd", "due_on": days(45)})
    senco.ok(
        "POST", "/assignments", 201, json={"staff_id": school.alice, "module_id": "cond-slcn"}
    )  # no date: never due
    two_years_ago = dt.date(TODAY.year - 2, TODAY.month, min(TODAY.day, 28)) - dt.timedelta(days=2)
    senco.ok(
        "POST",
        "/completions",
        201,
        json={"staff_id": school.bob, "module_id": "team-teach", "completed_on": two_years_ago.isoformat()},
    )
    senco.ok(
        "POST",
        "/completions",
        201,
        json={
            "staff_id": school.bob,
            "module_id": "core-positive-behaviour",
            "completed_on": two_years_ago.isoformat(),
        },
    )
    done = senco.ok(
        "POST", "/assignments", 201, json={"staff_id": school.bob, "module_id": "cond-autism", "due_on": days(-5)}
    )
    senco.ok(
        "POST",
        "/completions",
        201,
        json={"staff_id": school.bob, "module_id": "cond-autism", "completed_on": TODAY.isoformat()},
    )
    items = senco.ok("GET", "/due?within_days=30")["items"]
    got = {(i["name"], i["module_id"]): i["status"] for i in items}
    assert got == {
        ("Alice Able", "cond-autism"): "overdue",
        ("Alice Able", "role-teaching-assistants"): "due",
        ("Bob Brown", "team-teach"): "expired",
        ("Bob Brown", "core-positive-behaviour"): "overdue",
    }, done
    assert set(items[0]) >= {"staff_id", "name", "module_id", "title", "status", "due_on"}
    assert {(i["module_id"]) for i in senco.ok("GET", "/due?within_days=60")["items"]} >= {"cond-adhd"}
    assert senco.call("GET", "/due?within_days=-1").status_code == 422
    assert senco.call("GET", "/due?within_days=lots").status_code == 422
    dash = senco.ok("GET", "/dashboard")
    assert dash["counts"] == {"overdue": 2, "expired": 1, "due_30": 1, "due_60": 1, "due_90": 0}
    assert dash["staff"] == 2 and dash["assignments"] == 5 and dash["assignments_completed"] == 1


def test_assign_the_required_modules_to_every_teaching_assistant_in_one_step(school: School) -> None:
    senco = school.senco
    senco.ok("POST", "/staff", 201, json={"name": "Dee Dunn", "roles": ["teaching-assistant", "midday-supervisor"]})
    result = senco.ok("POST", "/assignments/bulk", 201, json={"roles": ["teaching-assistant"], "due_on": "2026-12-18"})
    catalogue = school.records.store.catalogue
    required = {m.id for m in catalogue.modules.values() if "teaching-assistant" in m.required_for}
    assert {"core-send-refresher", "cond-autism", "role-teaching-assistants"} <= required
    assert result["created"] == 2 * len(required)
    assignments = senco.ok("GET", f"/assignments?staff_id={school.alice}")["assignments"]
    assert {a["module_id"] for a in assignments} == required and {a["due_on"] for a in assignments} == {"2026-12-18"}
    assert senco.ok("GET", f"/assignments?staff_id={school.bob}")["assignments"] == []  # a teacher
    again = senco.ok("POST", "/assignments/bulk", 201, json={"roles": ["teaching-assistant"]})
    assert again == {"created": 0, "already_assigned": 2 * len(required), "roles": ["teaching-assistant"]}


def test_record_the_whole_staff_at_one_inset(school: School) -> None:
    body = {"module_id": "core-send-refresher", "completed_on": "2025-09-01", "who": "everyone"}
    result = school.senco.ok("POST", "/completions/bulk", 201, json=body)
    assert result == {"created": 2, "already_recorded": 0, "refresher_due": "2026-09-01"}
    assert school.senco.ok("POST", "/completions/bulk", 201, json=body)["created"] == 0  # not twice
    by_role = {"module_id": "team-teach", "completed_on": "2025-09-01", "who": "roles", "roles": ["teacher"]}
    assert school.senco.ok("POST", "/completions/bulk", 201, json=by_role)["created"] == 1
    listed = {"module_id": "cond-adhd", "completed_on": "2025-09-01", "staff_ids": [school.alice, 424242]}
    bad = school.senco.call("POST", "/completions/bulk", json=listed)
    assert bad.status_code == 422 and "424242" in bad.json()["detail"]
    assert (
        school.senco.ok("GET", f"/completions?staff_id={school.alice}")["completions"][0]["module_id"]
        == "core-send-refresher"
    )


def test_import_staff_from_a_school_csv(school: School) -> None:
    text = (
        "\ufeffFirst name,Surname,Job title,E-mail,Start date\r\n"
        "Erin,Evans,TA,erin@school.example,01/09/2026\r\n"
        'Finn,Ford,"Teacher, SENCO",finn@school.example,2025-09-01\r\n'
        "Bob,Brown,Teacher,bob@school.example,01/09/2019\r\n"
        ",,,,\r\n"
    )
    result = school.senco.ok("POST", "/staff/import", content=text.encode(), headers={"content-type": "text/csv"})
    assert result["created"] == 2 and result["skipped"][0]["line"] == 4
    people = {p["name"]: p for p in school.senco.ok("GET", "/staff")["staff"]}
    assert (
        people["Erin Evans"]["roles"] == ["teaching-assistant"] and people["Erin Evans"]["start_date"] == "2026-09-01"
    )
    assert people["Finn Ford"]["roles"] == ["senco", "teacher"]


def test_a_csv_with_a_bad_line_imports_nothing_and_says_which_line(school: School) -> None:
    text = "Name,Role,Start date\nGail Green,Teacher,01/09/2025\nHal Hill,Wizard,01/09/2025\nIvy Ince,TA,31/02/2025\n"
    response = school.senco.call("POST", "/staff/import", content=text, headers={"content-type": "text/csv"})
    assert response.status_code == 422
    assert [e["line"] for e in response.json()["errors"]] == [3, 4]
    assert "line 3: 'Wizard' is not a role" in response.json()["detail"]
    assert len(school.senco.ok("GET", "/staff")["staff"]) == 2
    no_roles = school.senco.call("POST", "/staff/import", content="Name\nJo\n", headers={"content-type": "text/csv"})
    assert no_roles.status_code == 422 and "'Role'" in no_roles.json()["detail"]
    dry = school.senco.ok("POST", "/staff/import?dry_run=true", content="Name,Role\nKim Kay,Teacher\n")
    assert dry == {"valid": 1, "created": 0, "skipped": [], "dry_run": True}


def test_erasure_removes_the_person_and_every_record_and_the_audit_log_keeps_no_name(school: School) -> None:
    senco = school.senco
    senco.ok(
        "POST", "/assignments", 201, json={"staff_id": school.alice, "module_id": "cond-autism", "due_on": "2026-12-01"}
    )
    senco.ok(
        "POST",
        "/completions",
        201,
        json={"staff_id": school.alice, "module_id": "team-teach", "completed_on": "2025-01-01"},
    )
    item = school.staff.ok("GET", f"/staff/{school.alice}/induction")["items"][0]["id"]
    school.staff.ok("PUT", f"/staff/{school.alice}/induction/{item}", json={"done": True})
    assert senco.ok("DELETE", f"/staff/{school.alice}") == {"deleted": school.alice}
    with school.records.store.session() as db:
        for model in (Assignment, Completion, InductionTick):
            assert db.scalar(select(func.count()).select_from(model).where(model.staff_id == school.alice)) == 0
        assert db.scalar(select(func.count()).select_from(Staff).where(Staff.id == school.alice)) == 0
        assert db.scalar(select(Account.id).where(Account.email == "alice@school.example")) is None
        assert db.scalar(select(func.count()).select_from(LoginSession)) == 1  # only the SENCO's
        entries = db.scalars(select(AuditEntry)).all()
        assert {"erase", "assign", "complete", "tick"} <= {e.action for e in entries}
        assert not any("Alice" in f"{e.detail}{e.entity_id}" for e in entries)
    assert school.staff.call("GET", "/me").status_code == 401  # her session went with her
    assert senco.call("DELETE", f"/staff/{school.alice}").status_code == 404
    log = senco.ok("GET", "/audit")["entries"]
    assert log[0]["action"] == "erase" and log[0]["actor"] == "senco@school.example"


def test_staff_tick_their_own_induction_checklist_and_the_senco_sees_progress(school: School) -> None:
    items = school.staff.ok("GET", f"/staff/{school.alice}/induction")["items"]
    assert len(items) >= 10 and "DSL" in items[0]["text"] and not any(i["done"] for i in items)
    ticked = school.staff.ok("PUT", f"/staff/{school.alice}/induction/{items[0]['id']}", json={"done": True})["items"]
    assert ticked[0]["done"] and ticked[0]["ticked_at"]
    school.staff.ok("PUT", f"/staff/{school.alice}/induction/{items[1]['id']}", json={"done": True})
    school.staff.ok("PUT", f"/staff/{school.alice}/induction/{items[1]['id']}", json={"done": False})
    assert school.staff.call("PUT", f"/staff/{school.alice}/induction/nonsense", json={"done": True}).status_code == 404
    progress = school.senco.ok("GET", "/induction?days=3650")["staff"]
    by_name = {p["name"]: p for p in progress}
    assert by_name["Alice Able"]["ticked"] == 1 and by_name["Alice Able"]["total"] == len(items)
    assert "Bob Brown" not in {p["name"] for p in school.senco.ok("GET", "/induction")["staff"]}  # started in 2019


def test_export_csv_has_the_whole_log_and_defuses_formulas(school: School) -> None:
    senco = school.senco
    senco.ok("POST", "/staff", 201, json={"name": "=HYPERLINK(1)", "roles": ["governor"]})
    senco.ok(
        "POST",
        "/completions",
        201,
        json={"staff_id": school.bob, "module_id": "team-teach", "completed_on": "2024-06-30"},
    )
    response = senco.call("GET", "/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    bob = next(r for r in rows if r["name"] == "Bob Brown")
    assert bob["module_id"] == "team-teach" and bob["refresher_due"] == "2026-06-30"
    assert any(r["name"] == "'=HYPERLINK(1)" for r in rows)
    assert {r["name"] for r in rows} >= {"Alice Able", "Bob Brown"}
