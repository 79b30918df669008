"""Generated input against every records operation, signed out and signed in as a SENCO: never a 5xx,
never an answer that breaks the OpenAPI schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.records.conftest import SENCO_EMAIL, SENCO_PASSWORD, School

# 10 generated requests for each of the 30-odd operations, on each database: about 300 a run, in about
# 10 s in all (25 each took 25 s). Hypothesis varies them from run to run, so coverage grows over runs.
EXAMPLES_PER_OPERATION = 10


def test_records_operations_hold_under_generated_input_signed_in(school: School) -> None:
    fuzz_every_operation(school, signed_in=True)


# Signed out, every operation except sign-in answers 401 at the session check, before any record is
# read, so one database is enough here; sign-in is fuzzed on both databases by the test above.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_records_operations_hold_under_generated_input_signed_out(school: School) -> None:
    fuzz_every_operation(school, signed_in=False)


def fuzz_every_operation(school: School, signed_in: bool) -> None:
    app = school.records.app
    headers: dict[str, str] = {}
    if signed_in:
        user = school.records.user(SENCO_EMAIL, SENCO_PASSWORD)
        token = user.http.cookies.get("send_records_session")
        headers = {"Cookie": f"send_records_session={token}", "X-CSRF-Token": user.csrf}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [r.ok() for r in schema.get_all_operations() if r.ok().path.startswith("/api/records/")]
    assert len(operations) >= 25
    for operation in operations:
        if operation.path == "/api/records/logout":
            continue  # it would end the session the other operations use

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        check()
