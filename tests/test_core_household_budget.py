"""The worksheet as monthly figures: frequencies averaged to the cent, one-offs kept by month."""

import pandas as pd
import pytest

from core.household.budget import monthly_cents
from core.household.loader import budget_of
from core.profiles.profile import normalize_section


@pytest.mark.parametrize(
    "amount,frequency,cents",
    [
        (100, "weekly", 43_333),  # 100 x 52 / 12 = 433.333…
        (50, "weekly", 21_667),  # 216.666… rounds up
        (1000, "monthly", 100_000),
        (100, "quarterly", 3_333),
        (0.05, "quarterly", 2),  # 1.666… cents
        (1200, "yearly", 10_000),
        (0.06, "yearly", 1),  # half a cent rounds up
        (999, "one_off", 0),  # not averaged: kept with its month instead
    ],
)
def test_monthly_cents(amount, frequency, cents):
    assert monthly_cents(amount, frequency) == cents


def test_summary_splits_income_fixed_variable_and_one_offs():
    frame, errors = normalize_section(
        "worksheet",
        pd.DataFrame(
            [
                {"category": "工资", "direction": "income", "amount": 9000},
                {"category": "房租", "amount": 3000, "kind": "fixed"},
                {"category": "吃饭", "amount": 200, "kind": "variable", "frequency": "weekly"},
                {"category": "吃饭", "amount": 100, "kind": "variable"},
                {"category": "学费", "amount": 5000, "frequency": "one_off", "month": "2027-09"},
                {
                    "category": "年终奖",
                    "direction": "income",
                    "amount": 8000,
                    "frequency": "one_off",
                    "month": "2027-01",
                },
            ]
        ),
    )
    assert errors == []
    s = budget_of(frame)
    assert s.income == 900_000
    assert s.fixed_expenses == 300_000
    assert s.variable_expenses == 86_667 + 10_000
    assert s.by_category == {"房租": 300_000, "吃饭": 96_667}
    assert s.surplus == 900_000 - 396_667
    assert [(o.category, o.direction, o.cents) for o in s.one_offs] == [
        ("年终奖", "income", 800_000),
        ("学费", "expense", 500_000),
    ]


def test_rows_that_start_or_stop_follow_their_months_and_an_end_before_the_start_is_refused():
    from core.loans.dates import parse_month
    from core.profiles.profile import normalize_section

    rows = [
        {"category": "失业金", "direction": "income", "amount": 1_900, "ends": "2027-02"},
        {"category": "工资", "direction": "income", "amount": 9_000, "starts": "2027-03"},
        {"category": "学费", "amount": 600, "starts": "2027-02", "ends": "2027-03"},
    ]
    sheet, errors = normalize_section("worksheet", pd.DataFrame(rows))
    assert errors == []
    jan = parse_month("2027-01")
    s = budget_of(sheet, now=jan)
    assert (s.income, s.expenses) == (190_000, 0)  # the headline is January's: the wage has not started
    income, expenses = s.series(jan, 4)
    assert income.tolist() == [190_000, 190_000, 900_000, 900_000]
    assert expenses.tolist() == [0, 60_000, 60_000, 0]
    assert [(m - jan, how) for m, _, how in s.changes] == [(1, "starts"), (2, "ends"), (2, "starts"), (3, "ends")]
    _, errors = normalize_section("worksheet", pd.DataFrame([{**rows[1], "ends": "2027-01"}]))
    assert [(e.field, e.code) for e in errors] == [("ends", "err.ends_before_starts")]
