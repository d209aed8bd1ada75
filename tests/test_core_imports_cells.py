"""One cell of a statement (core/imports/cells.py): dates in either order, decimal commas,
amounts with their currency, the currency a text names."""

import datetime as dt
from decimal import Decimal

import pytest

from core.imports.cells import (
    blank,
    cached_amount,
    cached_date,
    cell_text,
    currency_of,
    date_order,
    decimal_comma,
    is_time_only,
    last_number,
    long_date,
    main_currency,
    parse_amount,
    shown,
    whole_cents,
)


def test_the_date_order_is_read_from_the_whole_column():
    assert date_order(["05/03/2026", "25/03/2026"]) == "dmy"  # a day above 12 settles it
    assert date_order(["03/05/2026", "03/25/2026"]) == "mdy"
    assert date_order(["05/03/2026", "06/03/2026"]) == "unsure"  # every one reads both ways: asked
    assert date_order(["2026-03-05", dt.date(2026, 3, 5)]) is None  # nothing to decide
    assert date_order(["13/01/2026", "01/13/2026"]) == "unsure"  # the column contradicts itself


@pytest.mark.parametrize(
    ("cell", "comma", "value"),
    [
        ("1,234.56", False, Decimal("1234.56")),
        ("¥1,234.56", False, Decimal("1234.56")),
        ("CNY 123.18", False, Decimal("123.18")),
        ("-45.00/CNY", False, Decimal("-45.00")),  # 农业银行's card statement
        ("(12.50)", False, Decimal("-12.50")),
        ("12.50-", False, Decimal("-12.50")),
        ("+6,900.00", False, Decimal("6900.00")),
        ("1.234,56", True, Decimal("1234.56")),
        ("12,50", True, Decimal("12.50")),
        ("-1.100,00", True, Decimal("-1100.00")),
        ("-", False, None),
        (None, False, None),
    ],
)
def test_amounts(cell, comma, value):
    assert parse_amount(cell, comma) == value


def test_a_column_written_with_decimal_commas_is_recognised_as_such():
    assert decimal_comma(["2.350,75", "45,25", "1.100,00"])
    assert not decimal_comma(["2,350.75", "45.25"])
    assert not decimal_comma(["1,250", "3,400"])  # thousands commas: not decimal
    assert not decimal_comma(["45,25", "12.50"])  # the column disagrees with itself: not assumed


def test_currency_named_by_text():
    assert currency_of("Amount (USD)") == "USD" and currency_of("美元") == "USD" and currency_of("€12") == "EUR"
    assert currency_of("人民币") == "CNY" and currency_of("RMB") == "CNY" and currency_of("港币") == "HKD"
    assert currency_of("金额(元)") == "CNY" and currency_of("") is None and currency_of("Betrag") is None
    assert main_currency(["人民币", "人民币", "美元"])[0] == "CNY"


# --- a row's cells as the statement reader reads them ---------------------------------
def test_blank_and_cell_text():

    assert [blank(v) for v in (None, "", "  ", float("nan"), 0, "0", "x")] == [True] * 4 + [False] * 3
    assert [cell_text(v) for v in (None, " a ", float("nan"), 12.5)] == ["", "a", "", "12.5"]


def test_whole_cents_rounds_half_up_only_past_the_cent():

    assert whole_cents(Decimal("12.34")) == 1234
    assert whole_cents(Decimal("-0.125")) == -13  # half-up, away from zero, as core.loans.money rounds
    assert whole_cents(Decimal("0.005")) == 1


def test_shown_cuts_a_long_cell():

    assert shown(None) == "" and shown("x" * 40) == "x" * 40
    assert shown("x" * 41) == "x" * 37 + "…"


def test_short_dates_times_and_the_last_number_of_a_row():

    assert long_date("251103") == "20251103" and long_date("2025-11-03") == "2025-11-03"
    assert is_time_only("09:30") and is_time_only("9:30:05") and not is_time_only("2026-03-01 09:30")
    assert is_time_only(dt.time(9, 30))
    assert last_number(["2026-03-01", "CNY", "12.50", "", None], comma=False) == "12.50"
    assert last_number(["a", "b"], comma=False) is None


def test_cached_parsers_remember_text_cells():

    dates: dict = {}
    assert cached_date("2026-03-05 10:00", dates) == dt.date(2026, 3, 5) and "2026-03-05" in dates
    assert cached_date("not a date", dates) is None
    amounts: dict = {}
    assert cached_amount("1,234.50", amounts) == Decimal("1234.50")
    with pytest.raises(ValueError):
        cached_amount("abc", amounts)
    with pytest.raises(ValueError):
        cached_amount("abc", amounts)  # the cached refusal, again
