from decimal import Decimal

import numpy as np
import pytest

from core.loans.money import HALF_EVEN, div_round, format_money, from_cents, round_money, to_cents, to_decimal


def test_half_up_is_the_default():
    assert round_money("2.345") == Decimal("2.35")
    assert round_money("2.344") == Decimal("2.34")
    assert round_money("2.345", HALF_EVEN) == Decimal("2.34")


def test_div_round_scalars_and_arrays_agree():
    nums = np.array([5, 15, 25, 14, 16, 0], dtype=np.int64)
    assert list(div_round(nums, 10)) == [1, 2, 3, 1, 2, 0]
    assert [div_round(int(n), 10) for n in nums] == [1, 2, 3, 1, 2, 0]
    assert list(div_round(nums, np.int64(10), HALF_EVEN)) == [0, 2, 2, 1, 2, 0]
    assert [div_round(int(n), 10, HALF_EVEN) for n in nums] == [0, 2, 2, 1, 2, 0]


@pytest.mark.parametrize(
    "text,expected",
    [("1,234.56", "1234.56"), ("¥28.16", "28.16"), ("  7 ", "7"), ("3元", "3"), (0.1, "0.1")],
)
def test_to_decimal_accepts_what_people_type(text, expected):
    assert to_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("bad", ["abc", "", "nan", "inf", float("nan"), float("inf"), True, None])
def test_to_decimal_refuses_non_numbers(bad):
    with pytest.raises(ValueError):
        to_decimal(bad)


def test_cents_round_trip_and_format():
    assert to_cents("5307.265") == 530727
    assert from_cents(530727) == Decimal("5307.27")
    assert format_money(Decimal("-1234.5")) == "-¥1,234.50"


def test_a_table_cell_holds_the_exact_amount_of_whole_cents():
    from core.loans.money import MAX_CENTS, yuan_number

    for cents in (0, 1, 10, 530727, -120010, 999_999_999, MAX_CENTS, -MAX_CENTS, MAX_CENTS - 1, 10**15 - 1):
        value = yuan_number(cents)
        assert isinstance(value, float) and Decimal(repr(value)) == from_cents(cents)
        assert format_money(value) == format_money(from_cents(cents))
    assert yuan_number(np.int64(530727)) == 5307.27 and yuan_number(None) is None


def test_a_percent_of_an_amount_is_exact_and_rounded_to_the_step():
    from core.loans.money import HUNDRED_YUAN, percent_of

    assert percent_of(1_234_567, 10) == 123_457 and percent_of(1_234_567, "33.3") == 411_111
    # as Python's round(x, -2) on yuan did for the guide: half to even
    for owed, percent in ((110_000, 50), (130_000, 50), (1_234_567, 33.3), (99_999_999, 7.5), (0, 50)):
        expected = round(owed * float(percent) / 100 / 100, -2)
        assert percent_of(owed, percent, HUNDRED_YUAN, HALF_EVEN) == int(expected * 100)
    assert percent_of(130_000, 50, HUNDRED_YUAN) == 70_000  # the app's half-up


def test_a_share_as_a_percent_is_to_one_decimal_half_up():
    from core.loans.money import share_percent

    percent = share_percent
    assert percent(1, 8) == Decimal("12.5") and percent(1, 3) == Decimal("33.3") and percent(2, 3) == Decimal("66.7")
    assert percent(5, 0) == Decimal(0) and percent(1, 16) == Decimal("6.3")  # 6.25 up
    assert str(percent(1, 5)) == "20.0" and str(percent(1, 1)) == "100.0"  # never 2E+1 or 1E+2
