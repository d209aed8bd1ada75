"""Dates, times and months: what people type, what files write, and the text kept."""

import datetime as dt

import pytest

from core.loans.dates import (
    current_month,
    format_date,
    format_datetime,
    format_month,
    month_to_date,
    next_month,
    parse_cell_date,
    parse_date,
    parse_datetime,
    parse_month,
)


@pytest.mark.parametrize("text", ["2026-03", "2026/3", "2026.03", "2026年3月", " 2026 - 3 "])
def test_parse_month_accepts_what_people_type(text):
    assert format_month(parse_month(text)) == "2026-03"


@pytest.mark.parametrize("bad", ["2026-13", "2026-0", "1899-01", "March 2026", "", None, 2026])
def test_parse_month_refuses_the_rest(bad):
    with pytest.raises(ValueError):
        parse_month(bad)


def test_dates_and_the_turn_of_the_year():
    assert parse_month(dt.date(2026, 12, 31)) == parse_month("2026-12")
    assert format_month(next_month(dt.date(2026, 12, 31))) == "2027-01"
    assert current_month(dt.date(2026, 1, 1)) == parse_month("2026-01")
    assert month_to_date(parse_month("2028-02")) == dt.date(2028, 2, 1)


# --- a profile's dates and times ----------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["2026-11-23", "2026/11/23", "2026.11.23", "2026年11月23日", "20261123", " 2026-11-23 "]
)
def test_parse_date_accepts_what_people_type(text):
    assert format_date(parse_date(text)) == "2026-11-23"


@pytest.mark.parametrize("bad", ["2026-11-23 14:05", "23/11/2026", "2026-02-30", "", None])
def test_parse_date_refuses_the_rest(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("2026-11-23 14:05", "2026-11-23 14:05"),
        ("2026-11-23T14:05:59", "2026-11-23 14:05"),  # seconds are not kept
        ("2026/11/23", "2026-11-23 00:00"),  # a day alone: its midnight
        (dt.date(2026, 11, 23), "2026-11-23 00:00"),
        (dt.datetime(2026, 11, 23, 14, 5, 59, tzinfo=dt.UTC), "2026-11-23 14:05"),
    ],
)
def test_parse_datetime_keeps_the_minute(value, kept):
    assert format_datetime(parse_datetime(value)) == kept


@pytest.mark.parametrize("bad", ["2026-11-23 25:00", "2026-11-23 noon", "yesterday 14:05"])
def test_parse_datetime_refuses_the_rest(bad):
    with pytest.raises(ValueError):
        parse_datetime(bad)


# --- a date as a file writes it in a cell -------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "order", "date"),
    [
        ("2026-03-05", None, dt.date(2026, 3, 5)),
        ("2026/3/5 12:00", None, dt.date(2026, 3, 5)),
        ("2026年3月5日", None, dt.date(2026, 3, 5)),
        ("20260305", None, dt.date(2026, 3, 5)),
        (20260305, None, dt.date(2026, 3, 5)),
        (46086, None, dt.date(2026, 3, 5)),  # an Excel serial day
        ("05/03/2026", "dmy", dt.date(2026, 3, 5)),
        ("05/03/2026", "mdy", dt.date(2026, 5, 3)),
        ("05/03/2026", None, dt.date(2026, 5, 3)),  # a slash without a known order: month first
        ("05.03.2026", None, dt.date(2026, 3, 5)),  # a dot: day first
        ("25-03-26", None, dt.date(2026, 3, 25)),
    ],
)
def test_a_cell_date_as_files_write_it(cell, order, date):
    assert parse_cell_date(cell, order) == date


@pytest.mark.parametrize("cell", ["", "yesterday", "2026-13-01", "31/31/2026", float("nan"), 123])
def test_a_cell_that_is_no_date_raises(cell):
    with pytest.raises((ValueError, TypeError)):
        parse_cell_date(cell)


def test_a_kept_date_or_moment_is_read_or_none():
    import datetime as dt

    from core.loans.dates import date_or_none, datetime_or_none, format_datetime

    assert date_or_none("2026-11-23") == dt.date(2026, 11, 23) and date_or_none(dt.date(2026, 1, 2)) == dt.date(
        2026, 1, 2
    )
    assert [date_or_none(v) for v in (None, "", "soon", "2026-13-01", 5)] == [None] * 5
    assert datetime_or_none("2026-11-23 14:05") == dt.datetime(2026, 11, 23, 14, 5)
    assert [datetime_or_none(v) for v in (None, "", "later")] == [None] * 3
    assert format_datetime(dt.datetime(2026, 11, 23, 14, 5, 9), seconds=True) == "2026-11-23 14:05:09"
    assert format_datetime(dt.datetime(2026, 11, 23, 14, 5, 9)) == "2026-11-23 14:05"


def test_a_day_of_a_month_falls_on_its_last_day_when_the_month_is_shorter():
    from core.loans.dates import day_in_month, parse_month

    assert day_in_month(parse_month("2027-02"), 31) == dt.date(2027, 2, 28)
    assert day_in_month(parse_month("2028-02"), 30) == dt.date(2028, 2, 29)
    assert day_in_month(parse_month("2027-04"), 15) == dt.date(2027, 4, 15)
