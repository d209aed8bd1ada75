"""Debts from loose input: every bad field named, every problem reported at once."""

from decimal import Decimal

import pytest

from core.errors import ValidationError
from core.loans.debts import parse_debt
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


@pytest.mark.parametrize(
    ("rate", "unit", "kind", "code", "as_annual"),
    [
        ("0.04", "annual", "online_lending", "err.rate_doubt.as_daily", "14.6"),  # 借呗's day rate typed as a year's
        ("1.5", "annual", "credit_card", "err.rate_doubt.as_monthly", "18"),  # a card's month fee typed as a year's
        ("18", "daily", "credit_card", "err.rate_doubt.as_annual", "18"),  # (6,570 % a year: parse_debt refuses it too)
        ("18", "monthly", "credit_card", "err.rate_doubt.as_annual", "18"),
        ("0.3", "annual", "mortgage", "err.rate_doubt.as_monthly", "3.6"),
        ("0.001", "annual", "bank_consumer", "err.rate_doubt.low", None),  # no unit makes it usual
        ("99", "annual", "mortgage", "err.rate_doubt.high", None),
    ],
)
def test_a_rate_unusual_for_the_lender_is_asked_about_with_the_unit_it_fits(rate, unit, kind, code, as_annual):
    from core.loans.debts import rate_doubt

    doubt = rate_doubt(rate, unit, kind)
    assert doubt is not None and doubt.code == code and doubt.field == "rate"
    if as_annual:
        assert Decimal(doubt.params["other_annual"]) == Decimal(as_annual)


@pytest.mark.parametrize(
    ("rate", "unit", "kind"),
    [("0", "annual", "private_loan"), ("0", "annual", "credit_card"), ("18", "annual", "credit_card"),
     ("0.05", "daily", "credit_card"), ("4.1", "annual", "mortgage"), ("36", "annual", "online_lending"),
     ("lots", "annual", "credit_card"), ("5", "annual", None)],
)  # fmt: skip
def test_usual_rates_and_interest_free_loans_are_not_asked_about(rate, unit, kind):
    from core.loans.debts import rate_doubt

    assert rate_doubt(rate, unit, kind) is None


def test_typed_problems_name_what_was_typed_and_leave_blanks_to_the_draft():
    from core.loans.debts import typed_problems

    problems = typed_problems({"name": "招行", "principal": "-5000", "rate": "lots", "months": None})
    assert {(e.field, e.code) for e in problems} == {("principal", "err.negative"), ("rate", "err.not_number")}
    assert typed_problems({"name": "招行", "principal": None, "rate": None}) == []  # a draft: nothing typed wrong
    assert [e.code for e in typed_problems({"name": "x", "principal": "0", "rate": "5", "months": "12"})] == [
        "err.zero_principal"
    ]


def test_a_rate_written_per_year_month_and_day_to_four_places_without_trailing_zeros():
    from decimal import Decimal

    from core.loans.debts import rate_units

    assert rate_units(Decimal("18.25")) == {"annual": "18.25", "monthly": "1.5208", "daily": "0.05"}
    assert rate_units(Decimal("12")) == {"annual": "12", "monthly": "1", "daily": "0.0329"}
    assert rate_units(Decimal("0")) == {"annual": "0", "monthly": "0", "daily": "0"}
