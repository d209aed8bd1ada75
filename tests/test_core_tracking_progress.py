"""The plan against what was paid, to the cent: a month kept within the grace, one missed,
one short; the amount behind, the balance expected and reported, the share repaid, the
next payment, the debt-free month, what is due this week; and how the state moves on."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.loans.dates import parse_month
from core.tracking.progress import progress
from tests.fixtures.tracking import AGREED, PAYMENTS, household

APR_20 = dt.date(2027, 4, 20)


def lender(p, debt):
    return next(lp for lp in p.lenders if lp.debt == debt)


def test_a_missed_month_and_a_short_one_are_found_after_the_grace():
    lp = lender(progress(household(), APR_20), "借呗")
    # Due 1,000 on the 10th of January to April; paid 1,000 (Jan 9), 1,000 (Feb 12: 2 days late,
    # within the 3 days' grace), nothing in March, 1,500 on April 10.
    assert (lp.scheduled, lp.paid, lp.behind, lp.ahead) == (400_000, 350_000, 50_000, 0)
    assert (lp.months_due, lp.months_on_track) == (4, 2)
    assert [(m.month, m.kind, m.short_by) for m in lp.misses] == [
        (parse_month("2027-03"), "missed", 100_000),
        (parse_month("2027-04"), "short", 50_000),
    ]
    assert lp.status == "behind" and lp.state == "active"  # recorded "agreed", moved on by the payments
    # 18,000 after the waiver, 4 months due: 14,000 expected; the lender said 14,800.
    assert (lp.expected_balance, lp.reported_balance, lp.balance_gap) == (1_400_000, 1_480_000, 80_000)
    assert lp.percent == Decimal("19.4")  # 3,500 of 18,000 = 19.44 %
    assert (lp.next_due.month, lp.next_due.amount, lp.next_due.late) == (parse_month("2027-04"), 50_000, True)
    assert lp.debt_free == parse_month("2028-06") and lp.months_left == 14


def test_within_the_grace_a_payment_is_not_yet_late():
    h = household(plan={"grace": 3})
    assert lender(progress(h, dt.date(2027, 3, 13)), "借呗").behind == 0  # due the 10th, 3 days' grace
    assert lender(progress(h, dt.date(2027, 3, 14)), "借呗").behind == 100_000
    strict = household(plan={"grace": 0})
    assert lender(progress(strict, dt.date(2027, 2, 11)), "借呗").behind == 100_000  # the Feb 12 payment is late
    assert lender(progress(strict, APR_20), "借呗").months_on_track == 1


def test_the_household_adds_its_lenders_and_counts_months_every_lender_kept():
    p = progress(household(), APR_20)
    card = lender(p, "招行信用卡")
    # The card: 500 due the 20th, each paid on time; April's grace has not passed yet.
    assert (card.scheduled, card.paid, card.behind, card.months_due, card.months_on_track) == (
        200_000,
        200_000,
        0,
        3,
        3,
    )
    assert card.status == "on_track" and card.reported_balance is None
    assert (p.scheduled, p.paid, p.behind) == (600_000, 550_000, 50_000)
    assert p.months_on_track == 2  # January and February; March and April had 借呗 missed or short
    assert [lp.debt for lp in p.late] == ["借呗"]
    assert p.debt_free == max(lp.debt_free for lp in p.lenders)


def test_due_this_week_is_what_is_still_to_pay_in_the_next_seven_days():
    p = progress(household(), dt.date(2027, 5, 4))
    # 借呗 May 10 (1,000 still to pay on top of the 500 behind, which is April's); the card May 20 is later.
    assert [(lp.debt, due.date, left) for lp, due, left in p.due_this_week()] == [
        ("借呗", dt.date(2027, 5, 10), 100_000)
    ]
    later = progress(household(), dt.date(2027, 5, 14))  # 借呗's May 10 has passed: late, not "this week"
    assert [(lp.debt, due.date, left) for lp, due, left in later.due_this_week()] == [
        ("招行信用卡", dt.date(2027, 5, 20), 50_000)
    ]


def test_the_state_moves_on_and_a_proposal_is_not_tracked():
    before = progress(household(payments=[]), dt.date(2026, 12, 20))
    assert {lp.debt: lp.status for lp in before.lenders} == {"借呗": "not_started", "招行信用卡": "not_started"}
    assert (lender(before, "借呗").state, lender(before, "招行信用卡").state) == ("agreed", "active")
    paid_all = [{"debt": "借呗", "date": "2027-01-05", "amount": 18_000}]
    assert lender(progress(household(payments=paid_all), dt.date(2027, 1, 6)), "借呗").state == "completed"
    broken = [dict(AGREED[0], state="broken"), AGREED[1]]
    assert lender(progress(household(agreed=broken), APR_20), "借呗").status == "broken"
    proposed = [dict(AGREED[0], state="proposed"), AGREED[1]]
    h = household(agreed=proposed)
    assert [lp.debt for lp in progress(h, APR_20).lenders] == ["招行信用卡"]
    assert [o.debt for o in h.agreed] == ["招行信用卡"]  # the plan does not count a proposal as agreed


def test_payments_after_the_day_asked_about_do_not_count():
    lp = lender(progress(household(), dt.date(2027, 2, 28)), "借呗")
    assert (lp.paid, lp.scheduled, lp.behind) == (200_000, 200_000, 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 3_000)), max_size=12), st.integers(0, 600))
def test_paid_plus_behind_less_ahead_is_what_is_due(payments, days):
    """Whatever is paid when: behind and ahead never both, and nothing is counted twice."""
    start = dt.date(2027, 1, 1)
    rows = [{"debt": "借呗", "date": (start + dt.timedelta(days=d)).isoformat(), "amount": a} for d, a in payments]
    as_of = start + dt.timedelta(days=days)
    lp = lender(progress(household(payments=rows), as_of), "借呗")
    assert lp.paid == sum(a * 100 for d, a in payments if start + dt.timedelta(days=d) <= as_of)
    assert not (lp.behind and lp.ahead)
    assert lp.months_on_track + len(lp.misses) == lp.months_due
    assert 0 <= lp.percent <= 100


def test_only_the_months_that_make_up_what_is_behind_now_are_open():
    # March missed and April short by 500 (behind 500): a payment counts toward the oldest month
    # open, so March was made up by April's 1,500; only April's 500 is open.
    lp = lender(progress(household(), APR_20), "借呗")
    assert [(m.month, m.short_by) for m in lp.open_misses] == [(parse_month("2027-04"), 50_000)]
    caught_up = [*PAYMENTS, {"debt": "借呗", "date": "2027-04-15", "amount": 500}]
    assert lender(progress(household(payments=caught_up), APR_20), "借呗").open_misses == []
