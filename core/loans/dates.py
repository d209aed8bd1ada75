"""Dates, times and months: reading what people and files write, and the text kept.

- Months are plain integers (year*12 + month-1), kept as 'YYYY-MM' text.
- A profile's dates and times are kept as 'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM'
  (``DATE_FORMAT``, ``DATETIME_FORMAT``); ``parse_date`` and ``parse_datetime`` read the
  few ways people type them into a table.
- ``parse_cell_date`` reads a date as a statement or a sheet writes it in a cell (with a
  time after it, as a number, an Excel serial day, day and month either way round); which
  way round a whole column writes them is the importer's question (core.imports.cells.date_order).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"

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


def day_in_month(index: int, day: int) -> dt.date:
    """Day ``day`` of the month with this index, or the month's last day when it is shorter
    (a due day of 31 falls on 28 February)."""
    year, month0 = divmod(int(index), 12)
    return dt.date(year, month0 + 1, min(day, calendar.monthrange(year, month0 + 1)[1]))


def current_month(today: dt.date | None = None) -> int:
    """Index of the month containing today (or the date given)."""
    today = today or dt.date.today()
    return today.year * 12 + today.month - 1


def next_month(today: dt.date | None = None) -> int:
    """Index of the month after today's: the default first payment month."""
    return current_month(today) + 1


# --- a profile's dates and times ----------------------------------------------------------
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S")


def parse_date(value: object) -> dt.date:
    """'2026-11-23', '2026/11/23', '2026年11月23日', a date or datetime -> date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {value!r}")


def parse_datetime(value: object) -> dt.datetime:
    """A date with an optional time ('2026-11-23 14:05', '2026-11-23T14:05') -> datetime."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip().replace("T", " ")
    day, _, clock = text.partition(" ")
    date = parse_date(day)
    clock = clock.strip()
    if not clock:
        return dt.datetime(date.year, date.month, date.day)
    for fmt in _TIME_FORMATS:
        try:
            time = dt.datetime.strptime(clock, fmt).time()
            return dt.datetime.combine(date, time.replace(second=0))
        except ValueError:
            continue
    raise ValueError(f"not a date and time: {value!r}")


def date_or_none(value: object) -> dt.date | None:
    """A kept date cell as a date; None when it is blank or not a date."""
    try:
        return parse_date(value)
    except (TypeError, ValueError):
        return None


def datetime_or_none(value: object) -> dt.datetime | None:
    """A kept date-and-time cell as a datetime; None when it is blank or not one."""
    try:
        return parse_datetime(value)
    except (TypeError, ValueError):
        return None


def format_date(value: dt.date) -> str:
    return value.strftime(DATE_FORMAT)


def format_datetime(value: dt.datetime, seconds: bool = False) -> str:
    """A moment as the app writes it: "2026-11-23 14:05" (with ``seconds``, "14:05:09")."""
    return value.strftime(DATETIME_FORMAT + (":%S" if seconds else ""))


# --- a date as a file writes it in a cell ---------------------------------------------------
_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\D|$)")
TWO_NUMBER_DATE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:\D|$)")  # 05/03/2026, 5.3.26


def parse_cell_date(cell: object, order: str | None = None) -> dt.date:
    """A date from a statement's or a sheet's cell: 2026-03-05, 2026/3/5 12:00, 2026年3月5日,
    20260305, an Excel serial day number, 05/03/2026, 05.03.2026, 05-03-26. ``order``
    ("dmy" or "mdy") says how to read 05/03/2026; without it, a slash means month first (as
    US exports write it) and a dot or dash day first."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise ValueError
        number = int(cell)
        if 19000101 <= number <= 22001231:
            return dt.datetime.strptime(str(number), "%Y%m%d").date()
        if 20000 < number < 80000:  # an Excel serial day number
            return dt.date(1899, 12, 30) + dt.timedelta(days=number)
        raise ValueError
    text = str(cell).strip().lstrip("\ufeff").strip("\t '\"")
    match = _YMD.match(text) or _COMPACT.match(text)
    if match:
        a, b, c = (int(g) for g in match.groups())
        return dt.date(a, b, c)
    match = TWO_NUMBER_DATE.match(text)
    if match:
        first, mark, second, year = match.groups()
        x, y, year_number = int(first), int(second), int(year)
        if len(year) == 2:
            year_number += 2000
        reading = order or ("mdy" if mark == "/" else "dmy")
        day, month = (x, y) if reading == "dmy" else (y, x)
        return dt.date(year_number, month, day)
    raise ValueError
