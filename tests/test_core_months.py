"""Months as indexes: what people type, and the calendar's edges."""

import datetime as dt

import pytest

from core.months import current_month, format_month, month_to_date, next_month, parse_month


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
