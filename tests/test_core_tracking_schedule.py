"""An agreement's months: the day each payment is due, the amount (the fee with the first,
what is left after the agreed months due the month after) and the balance expected —
worked by hand, and the same as the simulator gives the accepted offer."""

import datetime as dt

from core.loans.dates import parse_month
from core.loans.values import Agreement, Offer, Scenario
from core.simulation.offer import offer_terms
from core.simulation.simulate import simulate
from core.tracking.schedule import agreed_schedule, due_date, first_month
from tests.fixtures.tracking import household

JAN = parse_month("2027-01")


def test_the_due_day_is_the_debts_or_the_months_last():
    assert due_date(parse_month("2027-02"), 31) == dt.date(2027, 2, 28)
    assert due_date(parse_month("2028-02"), None) == dt.date(2028, 2, 29)
    assert due_date(parse_month("2027-03"), 10) == dt.date(2027, 3, 10)


def test_the_first_month_is_as_set_else_the_month_after_the_agreement_else_the_plans():
    offer = Offer("A", 100, 2)
    assert first_month(Agreement(offer, first_month=JAN + 3), JAN) == JAN + 3
    assert first_month(Agreement(offer, agreed_on=dt.date(2027, 5, 31)), JAN) == parse_month("2027-06")
    assert first_month(Agreement(offer), JAN) == JAN


def test_a_frozen_agreement_pays_what_is_left_after_the_waiver_and_stops_when_it_is_paid():
    h = household()
    s = agreed_schedule(h, h.agreements[0])  # 借呗: 20,000 - 2,000 waived, 1,000 a month
    assert s.start_balance == 1_800_000 and len(s.dues) == 18
    assert [d.amount for d in s.dues] == [100_000] * 18 and s.total == 1_800_000
    assert s.dues[0].date == dt.date(2027, 1, 10) and s.dues[-1].month == parse_month("2028-06")
    assert [d.balance for d in s.dues[:3]] == [1_700_000, 1_600_000, 1_500_000] and s.dues[-1].balance == 0


def test_interest_still_charged_is_added_each_month_half_up():
    h = household()
    s = agreed_schedule(h, h.agreements[1])  # the card: 10,000 at 1.5 % a month, 500 a month
    # 10,000 + 150 - 500 = 9,650; + 144.75 - 500 = 9,294.75; + 139.42 (139.42125) - 500 = 8,934.17
    assert [d.balance for d in s.dues[:3]] == [965_000, 929_475, 893_417]


def test_a_fee_comes_with_the_first_payment_and_a_balance_left_falls_due_the_month_after():
    h = household(agreed=[{"debt": "借呗", "payment": 2_000, "months": 6, "fee": 300, "first_month": "2027-01"}])
    s = agreed_schedule(h, h.agreements[0])
    assert [d.amount for d in s.dues] == [230_000] + [200_000] * 5 + [800_000]
    assert s.dues[-1].balloon and s.dues[-1].month == JAN + 6 and s.total == 2_030_000


def test_the_schedule_is_the_simulators_for_the_same_offer():
    h = household()
    for agreement in h.agreements:
        s = agreed_schedule(h, agreement)
        start = s.first
        track = simulate(h, Scenario("x", terms={agreement.debt: offer_terms(agreement.offer, start)})).tracks
        track = next(t for t in track if t.name == agreement.debt)
        assert {d.month: d.amount for d in s.dues} == {m: v for m, v in track.payment.items() if v}
        assert {d.month: d.balance for d in s.dues} == {m: track.balance[m] for m in (d.month for d in s.dues)}


def test_an_agreement_longer_than_any_loan_is_refused_not_worked_out_to_year_10000():
    import pandas as pd

    from core.profiles.profile import normalize_section

    _, errors = normalize_section("agreed", pd.DataFrame([{"debt": "借呗", "payment": 10, "months": 200_000}]))
    assert [(e.field, e.code) for e in errors] == [("months", "err.int_range")]
    h = household(agreed=[{"debt": "借呗", "payment": 10, "months": 600, "first_month": "2027-01", "frozen": False}])
    assert len(agreed_schedule(h, h.agreements[0]).dues) == 601  # 600 months, then what is left
