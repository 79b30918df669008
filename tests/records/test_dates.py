"""Calendar months, no time zones."""

from __future__ import annotations

import datetime as dt

import pytest

from search_service.records.dates import add_months, refresher_due

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 6, 30), 24, D(2026, 6, 30)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),
        (D(2025, 11, 30), 14, D(2027, 1, 30)),
        (D(2025, 3, 30), 0, D(2025, 3, 30)),
        (D(2026, 3, 29), 12, D(2027, 3, 29)),  # the day the clocks go forward: still the same date
        (D(2026, 10, 25), 12, D(2027, 10, 25)),  # the day they go back
    ],
)
def test_add_months(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_no_refresher_gives_none() -> None:
    assert refresher_due(D(2025, 9, 1), None) is None
    assert refresher_due(D(2025, 9, 1), 12) == D(2026, 9, 1)
