"""Calendar-month arithmetic on plain dates: no clocks, no time zones."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, or the month's last day when it is shorter.

    30 June 2024 + 24 months = 30 June 2026; 31 August 2025 + 6 months = 28 February 2026.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def refresher_due(completed_on: dt.date, refresher_months: int | None) -> dt.date | None:
    return add_months(completed_on, refresher_months) if refresher_months else None
