"""A lender's counter-offer: its true rate, whether the plan still holds, how it compares
with the plan's request, and an accepted offer taking its place in the plan."""

from decimal import Decimal

from core.household.loader import load
from core.loans.values import Offer
from core.profiles.profile import normalize_section
from core.simulation.offer import check_offer, offer_terms
from core.simulation.plan import household_plan
from tests.fixtures.workspace import make_profile
from tests.test_core_simulation_plan import THREE, plan_of


def irr_percent(flows):
    """Monthly IRR x 12 by bisection, written for this test (not core.loans.apr)."""
    low, high = 0.0, 1.0
    for _ in range(200):
        mid = (low + high) / 2
        npv = sum(f / (1 + mid) ** k for k, f in enumerate(flows))
        low, high = (low, mid) if npv > 0 else (mid, high)  # npv rises with the rate
    return Decimal(repr(mid * 1200)).quantize(Decimal("0.01"))


def test_an_offer_becomes_terms_the_simulator_knows():
    terms = offer_terms(Offer("A", 100_000, 20, fee=20_000, waived=5_000, frozen=True), start=5)
    assert [t.kind for t in terms] == ["reduction", "fee", "freeze", "stage"]
    assert terms[3].amount == Decimal("1000.00") and terms[3].months == 20 and terms[1].mode == "upfront"
    assert [t.kind for t in offer_terms(Offer("A", 100_000, 20, frozen=False))] == ["stage"]


def test_a_dearer_offer_with_a_fee_breaks_the_plan_and_shows_its_true_rate():
    h, plan = plan_of()
    check = check_offer(h, plan, Offer("A", 100_000, 20, fee=20_000))
    assert check.total == 2_020_000
    # 20,000 lent; 1,200 in the first month (instalment + fee), then 19 x 1,000
    assert check.apr == irr_percent([2_000_000, -120_000] + [-100_000] * 19)
    assert check.short_months > 0  # 1,000 + 200 is more than A's 950 share
    assert check.extra_cost == 20_000 and check.balloon == 0


def test_an_offer_at_the_plans_share_keeps_it_and_costs_the_same():
    h, plan = plan_of()
    check = check_offer(h, plan, Offer("A", 95_000, 22))
    assert check.short_months == 0 and check.extra_cost == 0 and check.apr == Decimal("0.00")


def test_an_offer_that_does_not_add_up_leaves_a_balance_due_after_it():
    h, plan = plan_of()
    check = check_offer(h, plan, Offer("A", 50_000, 12))
    assert check.balloon == 2_000_000 - 12 * 50_000


def test_an_accepted_offer_is_paid_first_and_the_rest_is_split():
    agreed = normalize_section("agreed", __import__("pandas").DataFrame(
        [{"debt": "A", "payment": 1_000, "months": 20, "frozen": True}]))[0]  # fmt: skip
    h, errors = load(make_profile(income=10_000, expenses=7_000, debts=THREE, agreed=agreed.to_dict("records")))
    assert errors == [] and h.agreed == [Offer("A", 100_000, 20)]
    plan = household_plan(h, h.plan_settings)
    # 2,850 - 1,000 agreed = 1,850 split 1 : 3 between B and C.
    assert plan.agreed == ["A"] and {s.name: s.share for s in plan.shares} == {"B": 46_250, "C": 138_750}
    assert [t.kind for t in plan.scenario.terms["A"]] == ["freeze", "stage"]
    assert plan.result.shortfall_months == 0


def test_an_accepted_offer_is_kept_as_an_exact_row_in_place_of_that_debts_last_one():
    import datetime as dt

    import pandas as pd

    from core.household.loader import _agreements  # the loader's reading of the agreed table
    from core.simulation.offer import agreed_row, with_accepted, without_agreed

    offer = Offer("A", 120_010, 18, fee=3_333, waived=99_999_999, frozen=False)
    row = agreed_row(offer, dt.date(2026, 12, 7))
    assert row == {"debt": "A", "payment": Decimal("1200.10"), "months": 18, "fee": Decimal("33.33"),
                   "waived": Decimal("999999.99"), "frozen": False, "agreed_on": "2026-12-07"}  # fmt: skip
    before = normalize_section("agreed", pd.DataFrame([{"debt": "A", "payment": 5, "months": 2},
                                                       {"debt": "B", "payment": 7, "months": 3}]))[0]  # fmt: skip
    table, _ = normalize_section("agreed", with_accepted(before, offer, dt.date(2026, 12, 7)))
    assert table["debt"].tolist() == ["B", "A"] and table["payment"].tolist() == [Decimal("7.00"), Decimal("1200.10")]
    assert [a.offer for a in _agreements(table)] == [Offer("B", 700, 3), offer]
    assert without_agreed(table, "A")["debt"].tolist() == ["B"]
