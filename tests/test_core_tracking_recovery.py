"""When a payment is missed: the catch-up that fits what the household has left after
the plan, and the broken arrangement — the waiver and frozen interest back, the whole sum
due, the penalty rate on it — each worked by hand."""

import datetime as dt

from core.household.loader import load
from core.simulation.plan import household_plan
from core.tracking.progress import progress
from core.tracking.recovery import broken_projection, catch_up, spare
from tests.fixtures.tracking import AGREED, DEBTS, PAYMENTS
from tests.fixtures.workspace import make_profile

APR_20 = dt.date(2027, 4, 20)


def setup(income=12_000, expenses=7_000, debts=DEBTS, **extra):
    h, errors = load(make_profile(income=income, expenses=expenses, debts=debts, agreed=AGREED, payments=PAYMENTS,
                                  **extra))  # fmt: skip
    assert errors == []
    plan = household_plan(h, h.plan_settings)
    lp = next(lp for lp in progress(h, APR_20).lenders if lp.debt == "借呗")
    return h, plan, lp


def annuity_cents(principal, monthly_rate, months):
    """The level payment, by the textbook formula, to the cent (written for this test)."""
    factor = (1 + monthly_rate) ** months
    return round(principal * 100 * monthly_rate * factor / (factor - 1))


def test_what_is_left_after_the_plan_is_income_less_costs_and_every_lenders_amount():
    h, plan, _ = setup()
    # 12,000 - 7,000 - 1,000 (借呗, agreed) - 500 (the card, agreed) - 招行消费贷's contract (kept)
    assert spare(h, plan) == 500_000 - 150_000 - annuity_cents(30_000, 0.005, 36)


def test_a_catch_up_spreads_what_is_behind_over_the_fewest_months_the_spare_money_carries():
    h, plan, lp = setup()
    cu = catch_up(h, plan, lp)
    assert (cu.behind, cu.months, cu.extra, cu.last_extra, cu.at_end) == (50_000, 1, 50_000, 50_000, False)
    assert cu.start == lp.as_of.year * 12 + lp.as_of.month  # next month
    # 401.34 left a month (12,000 - 7,000 - 1,500 - 912.66 - 2,186 more costs): 500 over 2 months of 250.
    h, plan, lp = setup(expenses=7_000 + 2_186)
    cu = catch_up(h, plan, lp)
    assert spare(h, plan) == 40_134 and (cu.months, cu.extra, cu.last_extra) == (2, 25_000, 25_000)


def test_with_nothing_spare_the_months_behind_are_added_at_the_end():
    # 2,000 left after costs: 1,500 to the agreements, the other 500 all to 招行消费贷 (no contingency).
    h, plan, lp = setup(expenses=10_000, plan=[{"contingency": 0}])
    cu = catch_up(h, plan, lp)
    assert plan.monthly_of("招行消费贷", h) == 50_000
    assert spare(h, plan) == 0 and cu.at_end and cu.end_months == 1  # 500 behind, 1,000 a month


def test_nothing_behind_needs_no_catch_up():
    h, plan, _ = setup()
    card = next(lp for lp in progress(h, APR_20).lenders if lp.debt == "招行信用卡")
    assert catch_up(h, plan, card) is None


def test_a_broken_arrangement_asks_the_whole_sum_with_the_waiver_and_the_frozen_interest_back():
    dear = [dict(DEBTS[0], rate=12), *DEBTS[1:]]  # 借呗 at 12 % a year, frozen by the agreement
    h, _, lp = setup(debts=dear)
    b = broken_projection(h, lp)
    # Owed under the agreement: 14,000 expected + 500 behind. Frozen interest: 1 % a month on the
    # balance before each of January to April's payments: 180 + 170 + 160 + 150 = 660.
    assert (b.owed, b.waived_back, b.interest_back) == (1_450_000, 200_000, 66_000)
    assert b.due_now == 1_716_000
    # Unpaid, it grows at the penalty rate: 12 % x 1.5 = 18 % a year, 1.5 % a month = 257.40.
    assert b.penalty_monthly == 25_740 and b.broken[12] == (b.month + 12, 1_716_000 + 12 * 25_740)
    assert b.cash == 0 and b.short_by == 1_716_000
    # Kept, the balance follows the agreement with the 500 behind until it is made up: 14,500 now,
    # 13,500 after May ... and 2,000 a year on, the 500 made up on the way.
    assert b.kept[0] == (b.month, 1_450_000) and b.kept[1][1] == 1_350_000 and b.kept[12][1] == 200_000
    # Kept, 12 x 1,000 + the 500 behind are paid on the way: breaking it costs the waiver, the
    # frozen interest and a year's penalty more.
    assert b.kept_paid == 1_250_000 and b.extra_cost == 200_000 + 66_000 + 12 * 25_740


def test_an_agreement_whose_months_are_over_keeps_what_is_behind_owed():
    """Agreed from 2020-01 for 18 months: long over, the 14,500 behind is still owed if kept."""
    from core.tracking.schedule import agreed_schedule

    old = [dict(AGREED[0], first_month="2020-01"), AGREED[1]]
    h, errors = load(make_profile(income=12_000, expenses=7_000, debts=DEBTS, agreed=old, payments=PAYMENTS))
    lp = next(lp for lp in progress(h, APR_20).lenders if lp.debt == "借呗")
    assert agreed_schedule(h, h.agreements[0]).dues[-1].month < lp.schedule.dues[0].month + 18
    b = broken_projection(h, lp)
    assert lp.behind == 1_450_000 and [v for _, v in b.kept[:12]] == [1_450_000] * 12 and b.kept[12][1] == 0


def test_this_months_payment_not_yet_due_is_paid_on_the_kept_path():
    """Seen on 2027-04-05, before April's due day (the 10th): the kept path pays April too."""
    dear = [dict(DEBTS[0], rate=12), *DEBTS[1:]]
    h, errors = load(make_profile(income=12_000, expenses=7_000, debts=dear, agreed=AGREED, payments=PAYMENTS[:2]))
    lp = next(lp for lp in progress(h, dt.date(2027, 4, 5)).lenders if lp.debt == "借呗")
    b = broken_projection(h, lp)
    # 3 months due (Jan-Mar), 2 paid: 1,000 behind, 15,000 expected; April to April next year: 13 x 1,000.
    assert (lp.behind, lp.expected_balance) == (100_000, 1_500_000)
    assert b.kept_paid == 13 * 100_000 + 100_000
    # Frozen interest for January to April (this month's included, as the page has always
    # counted it): 180 + 170 + 160 + 150 = 660; so what breaking it costs more is that, the
    # 2,000 waived and a year's penalty at 1.5 % a month on the whole sum.
    assert b.interest_back == 66_000 and b.extra_cost == 200_000 + 66_000 + 12 * b.penalty_monthly
