"""Where the loaded household stands: totals, ratios and runway, from hand-worked figures."""

from core.household.loader import load
from tests.fixtures.workspace import make_profile

CARD = {"name": "Card", "lender": "Bank A", "lender_type": "credit_card", "principal": 12_000, "rate": 0,
        "method": "annuity", "months": 12, "first_month": "2027-01"}  # fmt: skip
OVERDUE = {"name": "App", "lender_type": "online_lending", "principal": 3_650, "rate": 10, "method": "annuity",
           "months": 10, "first_month": "2027-01", "overdue_principal": 365, "days_overdue": 100,
           "penalty_rate": 36.5}  # fmt: skip


def household(**kwargs):
    h, errors = load(make_profile(**kwargs))
    assert errors == []
    return h


def test_totals_ratios_and_gap():
    h = household(income=8_000, expenses=6_000, debts=[CARD],
                  assets=[{"name": "savings", "value": 3_000, "liquidity": "now"},
                          {"name": "fund", "value": 1_000, "liquidity": "3_months", "sale_discount": 10},
                          {"name": "flat", "value": 500_000, "liquidity": "illiquid", "sale_discount": 20}])  # fmt: skip
    # 12,000 over 12 months at 0 %: 1,000 a month.
    assert h.regular_payments() == 100_000
    assert h.total_debt == 1_200_000
    assert h.monthly_gap == 800_000 - 600_000 - 100_000
    assert str(h.debt_service_ratio) == "12.5"  # 1,000 / 8,000
    assert h.runway_months is None  # no shortfall
    assert h.assets_total == 50_400_000
    assert (h.liquid_now, h.liquid_3_months) == (300_000, 400_000)
    assert h.quick_sale_value == 300_000 + 90_000 + 40_000_000
    assert h.net_worth == 50_400_000 - 1_200_000
    assert h.sale_values["fund"] == (90_000, False) and h.sale_values["savings"] == (300_000, True)


def test_a_shortfall_gives_the_runway_of_cash():
    h = household(income=6_000, expenses=6_000, debts=[CARD],
                  assets=[{"name": "savings", "value": 2_500, "liquidity": "now"}])  # fmt: skip
    assert h.monthly_gap == -100_000
    assert str(h.runway_months) == "2.5"


def test_overdue_amounts_and_penalty_so_far():
    h = household(debts=[OVERDUE])
    line = h.line("App")
    # 365 overdue x 36.5 % / 365 x 100 days = 36.50 penalty
    assert line.overdue_total == 36_500 + 3_650
    assert line.total_owed == 365_000 + 3_650
    assert line.lender == "" and line.lender_type == "online_lending"
    # the catch-up of the overdue amount comes due with the first payment
    assert h.due_in(h.start) > line.schedule.regular_payment


def test_blank_names_are_numbered_and_no_income_has_no_ratio():
    h = household(income=0, expenses=0, debts=[{**CARD, "name": "x"}, {**CARD, "name": "y"}])
    assert h.names == ["x", "y"]
    assert h.debt_service_ratio is None


def test_one_offs_before_the_start_month_are_left_out():
    profile = make_profile(debts=[CARD])
    from tests.fixtures.workspace import section

    profile.sections["worksheet"] = section(
        "worksheet",
        [
            {"category": "bonus", "direction": "income", "amount": 500, "frequency": "one_off", "month": "2026-12"},
            {"category": "school", "amount": 800, "frequency": "one_off", "month": "2027-09"},
        ],
    )
    h, _ = load(profile)
    assert h.one_offs == [(2027 * 12 + 8, -80_000, "school")]


def test_buffers_help_but_credit_lines_are_a_risk_not_a_resource():
    from core.loans.values import Scenario, Term

    h = household(income=6_000, expenses=6_000, debts=[CARD],
                  assets=[{"name": "savings", "value": 2_500, "liquidity": "now"}],
                  buffers=[{"name": "parents", "kind": "family_help", "amount": 5_000},
                           {"name": "card line", "kind": "credit_line", "amount": 8_000}])  # fmt: skip
    assert (h.help_total, h.credit_total, h.buffers_total) == (500_000, 800_000, 1_300_000)
    assert str(h.runway_months) == "2.5" and str(h.runway_with_help) == "7.5"  # (2,500 + 5,000) / 1,000
    assert h.sale_values["parents"] == (500_000, False) and h.sale_values["card line"] == (800_000, False)
    drawn = Scenario("x", terms={"Card": [Term("help", asset="card line")]})
    assert h.relies_on_credit(drawn) == ["card line"]
    assert h.relies_on_credit(Scenario("y", terms={"Card": [Term("help", asset="parents")]})) == []
