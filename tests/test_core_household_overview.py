"""The Overview's tables: amounts, shares and order, computed by hand."""

from hypothesis import given
from hypothesis import strategies as st

from core.household.overview import owed_shares, spending_shares


def test_spending_shares_by_hand():
    rows = spending_shares({"房租": 250000, "餐饮": 150000, "空": 0}, 100000, "zh")
    # 2,500 + 1,500 + 1,000 = 5,000 a month: 50 %, 30 %, 20 %; a category of ¥0 is left out.
    assert [(r.label, r.cents, r.percent) for r in rows] == [
        ("房租", 250000, 50.0),
        ("餐饮", 150000, 30.0),
        ("还款", 100000, 20.0),
    ]
    english = spending_shares({"Rent": 100}, 200, "en")
    assert [r.label for r in english] == ["Debt payments", "Rent"]


def test_shares_round_half_up_to_one_decimal():
    rows = spending_shares({"a": 1, "b": 2}, 0, "en")  # 2/3 = 66.666… %, 1/3 = 33.333… %
    assert [r.percent for r in rows] == [66.7, 33.3]
    rows = spending_shares({"a": 1, "b": 7}, 0, "en")  # 1/8 = 12.5 % exactly: stays 12.5
    assert [r.percent for r in rows] == [87.5, 12.5]
    rows = spending_shares({"a": 1, "b": 1999}, 0, "en")  # 0.05 % rounds half up to 0.1
    assert rows[1].percent == 0.1


def test_owed_shares_keep_the_overdue_part():
    rows = owed_shares(["借呗", "微粒贷", "已还清"], [3000000, 1000000, 0], [0, 250000, 0])
    assert [(r.label, r.cents, r.overdue, r.percent) for r in rows] == [
        ("借呗", 3000000, 0, 75.0),
        ("微粒贷", 1000000, 250000, 25.0),
    ]


def test_nothing_to_show():
    assert spending_shares({}, 0, "zh") == []
    assert owed_shares([], [], []) == []


@given(st.lists(st.integers(min_value=-(10**9), max_value=10**11), max_size=30))
def test_shares_are_ordered_and_add_up(amounts):
    names = [f"d{i}" for i in range(len(amounts))]
    rows = owed_shares(names, amounts, [0] * len(amounts))
    kept = [a for a in amounts if a > 0]
    assert sorted(r.cents for r in rows) == sorted(kept)
    assert [r.cents for r in rows] == sorted(kept, reverse=True)
    assert all(0 <= r.percent <= 100 for r in rows)
    if rows:  # each share is rounded to 0.1: together within 0.05 per row of 100
        assert abs(sum(r.percent for r in rows) - 100) <= 0.05 * len(rows) + 1e-9
