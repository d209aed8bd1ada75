from decimal import Decimal

import numpy as np
import pytest

from core.money import HALF_EVEN, div_round, format_money, from_cents, round_money, to_cents, to_decimal


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
