"""Property-based fuzzing against the service's own OpenAPI schema: no 5xx, no response that breaks its schema.

One check is left out: "schema-valid data must be accepted". The description rule (3 to 1000 characters
after trimming spaces and control characters) is stricter than JSON Schema can say, so "   a  " is valid
to the schema but rightly refused with a 422 that explains why.
"""

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

EXAMPLES_PER_OPERATION = 60


def test_every_operation_holds_under_generated_input(client) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", client.app)
    # The records operations are fuzzed against real databases, signed in and out, in tests/records/test_fuzz.py.
    operations = [r.ok() for r in schema.get_all_operations() if not r.ok().path.startswith("/api/records/")]
    assert {op.path for op in operations} >= {"/api/suggest", "/api/search", "/api/training", "/readyz"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def check(case) -> None:
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
