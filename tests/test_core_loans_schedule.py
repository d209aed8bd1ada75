"""Golden values from public loan calculators and hand-checked schedules for every repayment method."""

from decimal import Decimal

import pytest

from core.loans.dates import parse_month
from core.loans.money import from_cents
from core.loans.schedule import calculator_total_interest, schedule
from tests.helpers import make_debt


def _money(cents):
    return from_cents(cents)


def test_mortgage_annuity_worked_values():
    debt = make_debt(principal=1_000_000, rate=4.9, months=360, method="annuity", first_month="2026-01")
    s = schedule(debt)
    first = s.rows[0]
    assert _money(first.payment) == Decimal("5307.27")
    assert _money(first.interest) == Decimal("4083.33")
    assert _money(first.principal) == Decimal("1223.94")
    assert all(_money(r.payment) == Decimal("5307.27") for r in s.rows[:-1])
    assert calculator_total_interest(debt) == Decimal("910616.19")
    # The rounded schedule differs from the calculator convention by ¥1–¥3.
    assert Decimal(1) <= abs(_money(s.total_interest) - Decimal("910616.19")) <= Decimal(3)
    assert s.payoff_month == parse_month("2055-12")
    assert s.apr() == Decimal("4.90")


def test_mortgage_equal_principal_worked_values():
    debt = make_debt(principal=1_000_000, rate=4.9, months=360, method="equal_principal")
    s = schedule(debt)
    assert _money(s.rows[0].payment) == Decimal("6861.11")
    assert _money(s.rows[0].payment - s.rows[1].payment) == Decimal("11.34")
    assert calculator_total_interest(debt) == Decimal("737041.67")
    assert abs(_money(s.total_interest) - Decimal("737041.67")) <= Decimal(3)


@pytest.mark.parametrize(
    "principal,rate,months,payment",
    [(300_000, 4.9, 360, "1592.18"), (20_000, 6, 60, "386.66")],
)
def test_other_annuity_worked_values(principal, rate, months, payment):
    s = schedule(make_debt(principal=principal, rate=rate, months=months))
    assert _money(s.rows[0].payment) == Decimal(payment)


def test_last_installment_absorbs_the_residue():
    s = schedule(make_debt(principal=10_000, rate=0, months=3, method="equal_principal"))
    assert [_money(r.payment) for r in s.rows] == [Decimal("3333.33"), Decimal("3333.33"), Decimal("3333.34")]
    s = schedule(make_debt(principal=10_000, rate=0, months=3, method="annuity"))
    assert [_money(r.payment) for r in s.rows] == [Decimal("3333.33"), Decimal("3333.33"), Decimal("3333.34")]


def test_rows_add_up_to_totals_and_balance_falls_to_zero():
    s = schedule(make_debt(principal=1_000_000, rate=4.9, months=360, upfront_fee=1000, monthly_fee_rate=0.1))
    assert s.total_payment == sum(r.interest + r.principal + r.fees + r.penalty for r in s.rows)
    assert s.total_principal == 100_000_000
    assert s.rows[-1].balance == 0


def test_interest_only_then_balloon():
    s = schedule(make_debt(principal=12_000, rate=12, months=12, method="interest_only"))
    assert [_money(r.payment) for r in s.rows[:11]] == [Decimal("120.00")] * 11
    assert _money(s.rows[-1].payment) == Decimal("12120.00")
    assert s.apr() == Decimal("12.00")


def test_bullet_pays_simple_interest_at_maturity():
    s = schedule(make_debt(principal=10_000, rate=36, months=12, method="bullet"))
    assert all(r.payment == 0 for r in s.rows[:-1])
    assert _money(s.rows[-1].payment) == Decimal("13600.00")
    assert _money(s.total_interest) == Decimal("3600.00")


def test_daily_rate_annualises_simply():
    debt = make_debt(principal=10_000, rate=0.05, rate_unit="daily", months=12)
    assert debt.annual_rate == Decimal("18.25")
    s = schedule(debt)
    assert _money(s.rows[0].interest) == Decimal("152.08")  # 10,000 × 18.25% / 12


def test_monthly_fee_plan_true_apr_is_about_13_percent():
    # A "0.6% monthly fee" instalment plan is about 13% APR, not 7.2%.
    s = schedule(make_debt(principal=12_000, rate=0, months=12, method="equal_principal", monthly_fee_rate=0.6))
    assert _money(s.total_fees) == Decimal("864.00")
    assert Decimal("12.5") < s.apr() < Decimal("13.5")
    assert s.flags() == []
    assert s.flags(lpr=Decimal("3.0")) == ["above_lpr4"]  # 4 × 3.0 = 12 %


def test_upfront_fee_raises_the_true_rate():
    plain = schedule(make_debt(principal=20_000, rate=24, months=12))
    with_fee = schedule(make_debt(principal=20_000, rate=24, months=12, upfront_fee=1000))
    assert plain.apr() == Decimal("24.00")
    assert with_fee.apr() > Decimal("33")
    assert with_fee.rows[0].period == 0 and _money(with_fee.rows[0].fees) == Decimal("1000.00")
    assert with_fee.flags() == ["above_lpr4", "above_24"]


def test_credit_card_minimum_payment():
    s = schedule(
        make_debt(
            principal=20_000,
            rate=0.05,
            rate_unit="daily",
            method="revolving",
            min_payment_pct=10,
            min_payment_floor=100,
        )
    )
    first = s.rows[0]
    assert _money(first.interest) == Decimal("304.17")  # 20,000 × 18.25 % / 12
    assert _money(first.principal) == Decimal("2000.00")  # 10 % of the balance
    assert not s.never_paid_off and s.rows[-1].balance == 0
    assert all(r.payment >= 10_000 or r is s.rows[-1] for r in s.rows)  # the ¥100 floor


def test_card_payment_below_interest_is_never_paid_off_not_a_loop():
    s = schedule(
        make_debt(
            principal=20_000, rate=0.05, rate_unit="daily", method="revolving", min_payment_pct=0, min_payment_floor=100
        )
    )
    assert s.never_paid_off and s.payoff_month is None and s.apr() is None


def test_fixed_payment_too_small_is_never_paid_off():
    s = schedule(make_debt(principal=50_000, rate=24, months=24, fixed_payment=900))
    assert s.never_paid_off


def test_fixed_payment_higher_than_annuity_pays_off_early():
    s = schedule(make_debt(principal=50_000, rate=12, months=60, fixed_payment=3000))
    assert not s.never_paid_off and s.months < 60 and s.rows[-1].balance == 0


def test_overdue_amounts_and_penalty_come_due_in_the_first_payment():
    debt = make_debt(
        principal=20_000,
        rate=12,
        months=12,
        overdue_principal=3000,
        overdue_interest=200,
        days_overdue=45,
        first_month="2026-12",
    )
    assert debt.penalty_annual_rate == Decimal("18")  # contract rate +50 %
    s = schedule(debt)
    first = s.rows[0]
    assert _money(first.penalty) == Decimal("66.58")  # 3,000 × 18 % / 365 × 45
    assert _money(first.interest) == Decimal("370.00")  # 200 overdue + 17,000 × 1 %
    assert s.total_principal == 2_000_000


def test_zero_rate_has_no_interest():
    s = schedule(make_debt(principal=1200, rate=0, months=12))
    assert s.total_interest == 0 and all(r.payment == 10_000 for r in s.rows)
