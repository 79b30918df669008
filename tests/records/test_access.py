"""Every records route, called as anonymous, as a staff account and as a SENCO: each answer is checked.

Alice (teaching assistant) has a staff account; Bob (teacher) is someone else. A staff account sees
and ticks only its own records; everything that changes the log for others is the SENCO's.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.records.conftest import SENCO_EMAIL, SENCO_PASSWORD, STAFF_PASSWORD, School

A, S, C = "anonymous", "staff", "senco"
CSV = "Name,Role,Email,Start date\nNew Person {n},Teaching assistant,new{n}@school.example,01/09/2026\n"
# method, route (as the router declares it), concrete path, body, expected status as anonymous / staff / SENCO
TABLE: list[tuple[str, str, str, Any, tuple[int, int, int]]] = [
    ("POST", "/login", "/login", {"email": SENCO_EMAIL, "password": "not the password"}, (401, 401, 401)),
    ("GET", "/me", "/me", None, (401, 200, 200)),
    ("GET", "/session", "/session", None, (200, 200, 200)),
    ("GET", "/modules", "/modules", None, (401, 200, 200)),
    ("GET", "/staff", "/staff", None, (401, 200, 200)),
    ("POST", "/staff", "/staff", {"name": "Cara {n}", "roles": ["teacher"]}, (401, 403, 201)),
    ("POST", "/staff/import", "/staff/import", "csv", (401, 403, 200)),
    ("GET", "/staff/{staff_id}", "/staff/{alice}", None, (401, 200, 200)),
    ("GET", "/staff/{staff_id}", "/staff/{bob}", None, (401, 403, 200)),
    ("PATCH", "/staff/{staff_id}", "/staff/{bob}", {"name": "Bob Brown"}, (401, 403, 200)),
    ("DELETE", "/staff/{staff_id}", "/staff/{new_staff}", None, (401, 403, 200)),
    ("GET", "/assignments", "/assignments?staff_id={alice}", None, (401, 200, 200)),
    ("GET", "/assignments", "/assignments?staff_id={bob}", None, (401, 403, 200)),
    ("POST", "/assignments", "/assignments", {"staff_id": "{new_staff}", "module_id": "team-teach"}, (401, 403, 201)),
    ("POST", "/assignments/bulk", "/assignments/bulk", {"roles": ["teacher"]}, (401, 403, 201)),
    ("DELETE", "/assignments/{assignment_id}", "/assignments/{new_assignment}", None, (401, 403, 200)),
    ("GET", "/completions", "/completions?staff_id={alice}", None, (401, 200, 200)),
    ("GET", "/completions", "/completions?staff_id={bob}", None, (401, 403, 200)),
    (
        "POST",
        "/completions",
        "/completions",
        {"staff_id": "{bob}", "module_id": "team-teach", "completed_on": "2025-06-30"},
        (401, 403, 201),
    ),
    (
        "POST",
        "/completions/bulk",
        "/completions/bulk",
        {"module_id": "core-send-refresher", "completed_on": "2025-09-01", "who": "everyone"},
        (401, 403, 201),
    ),
    ("DELETE", "/completions/{completion_id}", "/completions/{new_completion}", None, (401, 403, 200)),
    ("GET", "/due", "/due?within_days=90", None, (401, 200, 200)),
    ("GET", "/dashboard", "/dashboard", None, (401, 403, 200)),
    ("GET", "/induction", "/induction", None, (401, 403, 200)),
    ("GET", "/staff/{staff_id}/induction", "/staff/{alice}/induction", None, (401, 200, 200)),
    ("GET", "/staff/{staff_id}/induction", "/staff/{bob}/induction", None, (401, 403, 200)),
    (
        "PUT",
        "/staff/{staff_id}/induction/{item_id}",
        "/staff/{alice}/induction/{item}",
        {"done": True},
        (401, 200, 200),
    ),
    ("PUT", "/staff/{staff_id}/induction/{item_id}", "/staff/{bob}/induction/{item}", {"done": True}, (401, 403, 200)),
    ("GET", "/export.csv", "/export.csv", None, (401, 403, 200)),
    ("GET", "/audit", "/audit", None, (401, 403, 200)),
    ("GET", "/accounts", "/accounts", None, (401, 403, 200)),
    (
        "POST",
        "/accounts",
        "/accounts",
        {"email": "n{n}@school.example", "role": "senco", "password": "another long pass phrase"},
        (401, 403, 201),
    ),
    ("POST", "/logout", "/logout", None, (401, 200, 200)),
]


def fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str):
        text = value.format(**ids)
        return int(text) if value.startswith("{") and value.endswith("}") and text.isdigit() else text
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


def fresh_ids(school: School, number: int, needed: str) -> dict[str, Any]:
    """The ids a row needs; things a row may delete are made anew for each call."""
    senco = school.senco
    ids: dict[str, Any] = {"alice": school.alice, "bob": school.bob, "n": number, "item": school.first_item}
    if "{new_staff}" in needed:
        ids["new_staff"] = senco.ok("POST", "/staff", 201, json={"name": f"Temp {number}", "roles": ["governor"]})["id"]
    if "{new_assignment}" in needed:
        body = {"staff_id": school.bob, "module_id": "team-teach"}
        senco.call("DELETE", f"/assignments/{school.last_assignment}")
        school.last_assignment = senco.ok("POST", "/assignments", 201, json=body)["id"]
        ids["new_assignment"] = school.last_assignment
    if "{new_completion}" in needed:
        body = {"staff_id": school.bob, "module_id": "team-teach", "completed_on": "2025-01-31"}
        ids["new_completion"] = senco.ok("POST", "/completions", 201, json=body)["id"]
    return ids


def test_the_table_covers_every_records_route(school: School) -> None:
    paths = school.records.app.openapi()["paths"]
    declared = {
        (method.upper(), path.removeprefix("/api/records"))
        for path, operations in paths.items()
        if path.startswith("/api/records/")
        for method in operations
    }
    assert declared == {(method, route) for method, route, *_ in TABLE}


def test_every_route_as_anonymous_staff_and_senco(school: School) -> None:
    users = {A: school.anonymous, S: school.staff, C: school.senco}
    passwords = {S: ("alice@school.example", STAFF_PASSWORD), C: (SENCO_EMAIL, SENCO_PASSWORD)}
    number = 0
    school.first_item = school.senco.ok("GET", f"/staff/{school.alice}/induction")["items"][0]["id"]
    school.last_assignment = 0
    for method, _route, path, body, expected in TABLE:
        for who, status in zip((A, S, C), expected, strict=True):
            number += 1
            ids = fresh_ids(school, number, path + repr(body))
            kwargs: dict[str, Any] = {}
            if body == "csv":
                kwargs = {"content": CSV.format(n=number), "headers": {"content-type": "text/csv"}}
            elif body is not None:
                kwargs = {"json": fill(body, ids)}
            response = users[who].call(method, path.format(**ids), **kwargs)
            assert response.status_code == status, f"{method} {path} as {who}: {response.status_code} {response.text}"
            assert response.headers["cache-control"] == "no-store", f"{method} {path} as {who}"
            if status >= 400:
                assert response.json()["detail"], f"{method} {path} as {who} gave no reason"
            if path == "/logout" and who in passwords:
                assert users[who].call("GET", "/me").status_code == 401
                users[who].login(*passwords[who])


@pytest.mark.parametrize("token", [None, "", "a-wrong-token"])
def test_state_changing_requests_need_the_csrf_header(school: School, token: str | None) -> None:
    headers = {} if token is None else {"X-CSRF-Token": token}
    senco = school.senco
    for method, path, body in [
        ("POST", "/staff", {"name": "Dee", "roles": ["teacher"]}),
        ("PATCH", f"/staff/{school.bob}", {"name": "Robert Brown"}),
        ("DELETE", f"/staff/{school.bob}", None),
        ("POST", "/logout", None),
    ]:
        response = senco.http.request(method, "/api/records" + path, json=body, headers=headers)
        assert response.status_code == 403, (method, path, response.text)
        assert "X-CSRF-Token" in response.json()["detail"]
    assert senco.ok("GET", f"/staff/{school.bob}")["name"] == "Bob Brown"  # nothing changed


def test_a_staff_account_sees_only_its_own_staff_record_and_due_items(school: School) -> None:
    senco = school.senco
    for staff_id in (school.alice, school.bob):
        senco.ok(
            "POST", "/assignments", 201, json={"staff_id": staff_id, "module_id": "cond-autism", "due_on": "2020-01-01"}
        )
    assert [p["id"] for p in school.staff.ok("GET", "/staff")["staff"]] == [school.alice]
    own = school.staff.ok("GET", "/due?within_days=30")["items"]
    assert {i["staff_id"] for i in own} == {school.alice}
    assert {i["staff_id"] for i in senco.ok("GET", "/due?within_days=30")["items"]} == {school.alice, school.bob}
    assert school.staff.ok("GET", "/assignments")["assignments"][0]["staff_id"] == school.alice
