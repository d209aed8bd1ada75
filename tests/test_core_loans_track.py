"""One debt's months under a scenario: the ledger's sums and the offer read from it."""

from decimal import Decimal
from fractions import Fraction

from core.loans.track import Track
from tests.helpers import make_debt


def track() -> Track:
    debt = make_debt(name="A", principal=1000, rate=12, months=3, first_month="2027-01")
    return Track(name="A", debt=debt, lender_type="bank_consumer", rate=Fraction(1, 100))


def test_payments_add_up_and_the_offer_is_its_most_frequent_payment():
    t = track()
    t.offer_start = 10
    for month, pay in ((9, 500), (10, 300), (11, 300), (12, 200)):
        t.add(month, pay, 0)
    t.add(12, 100, 0)  # a second payment in a month adds to it
    assert t.total_paid == 1400 and t.payment[12] == 300
    assert t.offer_months() == 3 and t.offer_payment() == 300
    assert t.payoff == 12


def test_dropping_the_months_after_one_forgets_them_everywhere():
    t = track()
    for month in (1, 2, 3):
        t.add(month, 100, 300 - 100 * month)
        t.charge_interest(month, 5)
        t.regular[month] = 100
    t.drop_after(1)
    assert t.payment == {1: 100} and t.balance == {1: 200} and t.interest == 5 and t.regular == {1: 100}


def test_a_track_that_never_clears_has_no_payoff_and_an_offer_has_its_true_rate():
    t = track()
    t.add(1, 100, 50)
    t.never = True
    assert t.payoff is None and t.offer_apr() is None
    t.offer_flows = [1200] + [-100] * 12  # 1,200 repaid at 100 a month for a year: no interest
    assert t.offer_apr() == Decimal("0.00")
