"""Doing nothing with the cash a household really has: arrears, penalty and overdue age,
month by month, against figures worked by hand."""

from core.arrears import do_nothing
from core.loader import load
from tests.fixtures.workspace import make_profile

# ¥6,000 at 0 % over 6 months: ¥1,000 due a month, all principal; penalty 18 % a year
# (1.5 % a month on overdue principal); the household has ¥600 a month for it.
LOAN = {"name": "Loan", "lender_type": "online_lending", "principal": 6_000, "rate": 0, "months": 6,
        "first_month": "2027-01", "penalty_rate": 18}  # fmt: skip


def run(debts, income=600, expenses=0, **extra):
    h, errors = load(make_profile(income=income, expenses=expenses, debts=debts, **extra))
    assert errors == []
    return h, do_nothing(h)


def test_a_known_shortfall_month_by_month():
    h, view = run([LOAN])
    debt = view.debts[0]
    # Worked by hand (cents):
    # m1: pays 600 of 1,000 -> 400 overdue.
    # m2: penalty 400 x 1.5 % = 6.00; 600 pays 6.00 + 400 + 194 of the instalment -> 806 overdue.
    # m3: penalty 806 x 1.5 % = 12.09; 600 pays 12.09 + 587.91 -> 218.09 + 1,000 = 1,218.09.
    # m4: penalty 18.27 (18.27135); 600 - 18.27 = 581.73 -> 636.36 + 1,000 = 1,636.36.
    # m5: penalty 24.55 (24.5454); 575.45 -> 1,060.91 + 1,000 = 2,060.91.
    # m6: penalty 30.91 (30.91365); 569.09 -> 1,491.82 + 1,000 = 2,491.82.
    # m7: no instalment; penalty 37.38 (37.3773); 562.62 -> 1,929.20.
    assert debt.overdue[:7] == [40_000, 80_600, 121_809, 163_636, 206_091, 249_182, 192_920]
    assert debt.paid[:7] == [60_000] * 7
    assert debt.owed[:7] == [540_000, 480_600, 421_809, 363_636, 306_091, 249_182, 192_920]
    # the month-2 instalment is the oldest unpaid one once month 1's is paid off in month 2
    assert debt.days[:6] == [0, 0, 30, 60, 90, 120]
    assert debt.past_90 == h.start + 4
    assert list(view.cash[:7]) == [0] * 7  # never below zero: only what the cash allows is paid


def test_arrears_are_cleared_when_cash_allows_and_the_age_starts_again():
    _, view = run([LOAN], income=600)
    assert view.debts[0].overdue[-1] == 0  # paid off in the end: no arrears remain
    assert view.debts[0].days[-1] == 0


def test_priority_debts_are_paid_first():
    mortgage = {**LOAN, "name": "Home", "lender_type": "mortgage", "penalty_rate": None}
    _, view = run([LOAN, mortgage], income=1_000)
    home, loan = view.debts[1], view.debts[0]
    assert home.paid[0] == 100_000 and home.overdue[0] == 0
    assert loan.paid[0] == 0 and loan.overdue[0] == 100_000


def test_a_card_keeps_its_rate_and_charges_a_late_fee_without_interest_on_it():
    card = {**LOAN, "name": "Card", "lender_type": "credit_card", "penalty_rate": None}
    _, view = run([card])
    debt = view.debts[0]
    # m1: 400 unpaid -> late fee 5 % = 20.00; m2: pays the fee, the 400, 180 of 1,000:
    # 820 unpaid -> fee 41.00 (its rate is 0 %: the overdue principal grows by nothing).
    assert debt.overdue[:2] == [42_000, 86_100]


def test_a_debt_already_overdue_counts_its_days():
    late = {**LOAN, "overdue_principal": 500, "days_overdue": 70}
    _, view = run([late], income=100)
    assert view.debts[0].days[:2] == [70, 100]
    assert view.debts[0].past_90 == view.start + 1


def test_quotes_after_12_and_24_months():
    h, view = run([LOAN], income=200)
    assert view.owed_after(12) == sum(d.owed[11] for d in view.debts)
    assert view.overdue_after(24) == view.debts[0].overdue[23] > 0
    assert len(view.months) == 36 and view.months[0] == h.start


def test_overdue_stages_as_lenders_count_them():
    _, view = run([LOAN])
    debt = view.debts[0]
    assert [debt.stage_after(k) for k in (1, 2, 3, 4, 5)] == ["M1", "M1", "M2", "M3", "M3+"]
    _, paid = run([LOAN], income=1_000)
    assert paid.debts[0].stage_after(3) is None
