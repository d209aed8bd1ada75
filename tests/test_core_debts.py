"""Debts from loose input: every bad field named, every problem reported at once."""

import pytest

from core.debts import parse_debt
from core.errors import ValidationError
from tests.helpers import make_debt


@pytest.mark.parametrize(
    "raw,field",
    [
        ({"principal": -5, "rate": 5, "months": 12}, "principal"),
        ({"principal": "1e12", "rate": 5, "months": 12}, "principal"),
        ({"principal": 1000, "rate": 1001, "months": 12}, "rate"),
        ({"principal": 1000, "rate": 3, "rate_unit": "daily", "months": 12}, "rate"),
        ({"principal": 1000, "rate": 5, "months": 0}, "months"),
        ({"principal": 1000, "rate": 5, "months": 601}, "months"),
        ({"principal": 1000, "rate": 5, "months": 12.5}, "months"),
        ({"principal": 1000, "rate": 5, "months": 12, "first_month": "2026-13"}, "first_month"),
        ({"principal": 1000, "rate": 5, "months": 12, "first_month": "soon"}, "first_month"),
        ({"principal": "abc", "rate": 5, "months": 12}, "principal"),
        ({"principal": float("nan"), "rate": 5, "months": 12}, "principal"),
        ({"principal": 1000, "rate": float("inf"), "months": 12}, "rate"),
        ({"principal": 1000, "rate": 5, "months": 12, "method": "magic"}, "method"),
        ({"principal": 1000, "rate": 5, "months": 12, "overdue_principal": 2000}, "overdue_principal"),
        ({"principal": 1000, "rate": 5, "months": 12, "due_day": 0}, "due_day"),
        ({"principal": 1000, "rate": 5, "months": 12, "due_day": 32}, "due_day"),
        ({"principal": 1000, "rate": 5, "months": 12, "due_day": 15.5}, "due_day"),
        ({"principal": 1000, "rate": 5, "months": 12, "due_day": "月底"}, "due_day"),
    ],
)
def test_bad_input_is_refused_naming_the_field(raw, field):
    debt, errors = parse_debt(raw, row=3)
    assert debt is None
    assert field in [e.field for e in errors]
    for lang in ("zh", "en"):
        text = errors[0].message(lang)
        assert text and "{" not in text
    assert "row 3" in errors[0].message("en") and "第 3 行" in errors[0].message("zh")


def test_make_debt_reports_every_problem_at_once():
    with pytest.raises(ValidationError) as info:
        make_debt(principal=-1, rate=5000, months=0)
    assert {e.field for e in info.value.errors} == {"principal", "rate", "months"}


@pytest.mark.parametrize("day", [None, "", 1, 15, "31", 28.0])
def test_a_due_day_of_the_month_is_accepted(day):
    debt, errors = parse_debt({"principal": 1000, "rate": 5, "months": 12, "due_day": day})
    assert errors == [] and debt is not None
