"""Calendar months as plain integers (year*12 + month-1) and their 'YYYY-MM' text."""

from __future__ import annotations

import datetime as dt
import re

_MONTH_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月)?\s*$")


def parse_month(value: object) -> int:
    """'2026-03', '2026/3', '2026年3月', a date or datetime -> month index.

    Raises ValueError with a readable reason for anything else.
    """
    if isinstance(value, dt.datetime | dt.date):
        return value.year * 12 + value.month - 1
    if isinstance(value, str):
        match = _MONTH_RE.match(value)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if 1900 <= year <= 2200 and 1 <= month <= 12:
                return year * 12 + month - 1
    raise ValueError(f"not a month (expected YYYY-MM): {value!r}")


def format_month(index: int) -> str:
    """Month index -> 'YYYY-MM'."""
    year, month0 = divmod(int(index), 12)
    return f"{year:04d}-{month0 + 1:02d}"


def month_to_date(index: int) -> dt.date:
    """First day of the month with this index."""
    year, month0 = divmod(int(index), 12)
    return dt.date(year, month0 + 1, 1)


def current_month(today: dt.date | None = None) -> int:
    """Index of the month containing today (or the date given)."""
    today = today or dt.date.today()
    return today.year * 12 + today.month - 1


def next_month(today: dt.date | None = None) -> int:
    """Index of the month after today's: the default first payment month."""
    return current_month(today) + 1
