"""The plan's review: its date (a token plan after 3 to 6 months, others after 12, or
the date set), the trigger when the date comes or the surplus moves by more than the share
set, each plan kept as a version lender by lender, and what changed for each lender."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pandas as pd

from core.household.loader import load
from core.profiles.profile import normalize_section
from core.simulation.plan import household_plan
from core.tracking.review import add_months, changes, history, review_check, review_date, review_months, version_rows
from tests.fixtures.tracking import AGREED, DEBTS, PAYMENTS
from tests.fixtures.workspace import make_profile


def setup(expenses=7_000, versions=None, plan=None):
    extra = {"versions": versions} if versions else {}
    if plan:
        extra["plan"] = [plan]
    h, errors = load(make_profile(income=12_000, expenses=expenses, debts=DEBTS, agreed=AGREED, payments=PAYMENTS,
                                  **extra))  # fmt: skip
    assert errors == []
    return h, household_plan(h, h.plan_settings)


def kept(h, plan, when, reason="chosen", review_on=None):
    """The versions table after keeping today's plan (as the page saves it)."""
    frame, errors = normalize_section("versions", pd.DataFrame(version_rows(h, plan, when, reason, review_on)))
    assert errors == []
    return frame.to_dict("records")


def test_months_are_added_to_the_day_or_the_months_last():
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 12) == dt.date(2027, 12, 15)


def test_a_token_plan_is_reviewed_in_3_to_6_months_any_other_in_12():
    assert review_months(SimpleNamespace(is_token=True, token_months=9)) == 6
    assert review_months(SimpleNamespace(is_token=True, token_months=2)) == 3
    assert review_months(SimpleNamespace(is_token=True, token_months=4)) == 4
    assert review_months(SimpleNamespace(is_token=False, token_months=0)) == 12


def test_the_review_date_is_the_users_else_the_last_versions_else_a_year_from_the_first_agreement():
    h, plan = setup()
    assert review_date(h, plan) == dt.date(2027, 12, 15)  # agreed 2026-12-15, not a token plan
    rows = kept(h, plan, dt.datetime(2027, 2, 1, 9, 30))
    h2, plan2 = setup(versions=rows)
    assert review_date(h2, plan2) == dt.date(2028, 2, 1)
    h3, plan3 = setup(versions=rows, plan={"review_on": "2027-08-01"})
    assert review_date(h3, plan3) == dt.date(2027, 8, 1)


def test_the_review_is_due_on_its_date_or_when_the_surplus_moves_past_the_share():
    h, plan = setup()
    rows = kept(h, plan, dt.datetime(2027, 2, 1, 9, 30))  # surplus 5,000 then
    h, plan = setup(versions=rows)
    assert not review_check(h, plan, dt.date(2028, 1, 31)).due
    assert review_check(h, plan, dt.date(2028, 2, 1)).reasons == ["date"]
    # Costs up 500: the surplus 4,500, 10 % less — not past the 10 % share; 501: past it.
    h, plan = setup(expenses=7_500, versions=rows)
    check = review_check(h, plan, dt.date(2027, 6, 1))
    assert (check.change, check.change_percent, check.due) == (-50_000, Decimal("10.0"), False)
    h, plan = setup(expenses=7_501, versions=rows)
    check = review_check(h, plan, dt.date(2027, 6, 1))
    assert check.reasons == ["change"] and check.change_percent == Decimal("10.0")  # 10.02 % shows as 10.0
    h, plan = setup(expenses=7_501, versions=rows, plan={"change_share": 20})
    assert not review_check(h, plan, dt.date(2027, 6, 1)).due


def test_no_plan_kept_and_no_agreement_no_review():
    h, errors = load(make_profile(debts=DEBTS))
    check = review_check(h, household_plan(h), dt.date(2030, 1, 1))
    assert check.on is None and not check.due and check.change_percent is None


def test_each_plan_kept_is_a_version_and_changes_are_told_lender_by_lender():
    h, plan = setup()
    first = kept(h, plan, dt.datetime(2027, 2, 1, 9, 30))
    assert [(r["debt"], r["request"]) for r in first] == [
        (None, None), ("借呗", "agreed"), ("招行信用卡", "agreed"), ("招行消费贷", "keep")
    ]  # fmt: skip
    assert first[0]["surplus"] == Decimal("5000.00") and first[0]["review_on"] == "2028-02-01"
    h, plan = setup(expenses=10_000, versions=first)  # costs up: 招行消费贷 can no longer be paid its contract
    second = kept(h, plan, dt.datetime(2027, 6, 1, 10), "change")
    assert {r["version"] for r in second} == {2}
    h, plan = setup(expenses=10_000, versions=first + second)
    versions = history(h)
    assert [(v.version, v.reason) for v in versions] == [(1, "chosen"), (2, "change")]
    assert versions[0].monthly_of("借呗") == 100_000 and versions[0].surplus == 500_000
    h, plan = setup(expenses=10_000, versions=first)
    moved = {c.debt: (c.before, c.after) for c in changes(h, plan) if c.changed}
    contract = versions[0].monthly_of("招行消费贷")
    assert list(moved) == ["招行消费贷"] and moved["招行消费贷"][0] == contract
    assert moved["招行消费贷"][1] == plan.monthly_of("招行消费贷", h) < contract


def test_a_review_reopens_the_agreements_only_when_the_plan_with_them_would_run_short():
    from core.tracking.review import replanned, review_plan

    h, plan = setup()
    rows = kept(h, plan, dt.datetime(2027, 2, 1, 9, 30))
    # Costs up 500: the surplus 4,500 still carries 1,500 agreed and 招行消费贷's 912.66 contract.
    h, plan = setup(expenses=7_600, versions=rows)
    check = review_check(h, plan, dt.date(2027, 4, 20))
    same, kept_plan = review_plan(h, check)
    assert check.reasons == ["change"] and same is h and kept_plan.agreed == ["借呗", "招行信用卡"]
    # Costs up 3,700: 1,300 a month cannot carry the 1,500 agreed: every lender is asked afresh.
    h, plan = setup(expenses=10_700, versions=rows)
    check = review_check(h, plan, dt.date(2027, 4, 20))
    assert check.reasons == ["change"] and plan.short_months
    fresh, new = review_plan(h, check)
    # Owed today under the agreements: 借呗 14,000 expected + 500 behind; the card 10,000 at 1.5 % a
    # month less 4 x 500: 9,650, 9,294.75, 8,934.17, then + 134.01 (134.01255) - 500 = 8,568.18.
    owed = {line.name: line.total_owed for line in fresh.lines}
    assert owed == {"借呗": 1_450_000, "招行信用卡": 856_818, "招行消费贷": 3_000_000}
    assert fresh.agreed == [] and new.agreed == [] and not new.short_months
    assert {line.debt.first_month for line in fresh.lines[:2]} == {2027 * 12 + 4}  # repaid from next month
    # 1,300 less 5 % = 1,235 split by what is owed today (14,500 : 8,568.18 : 30,000), to the cent.
    asked = {s.name: s.share for s in new.shares}
    assert new.total == 123_500 and sum(asked.values()) == 123_500
    assert 123_500 * 1_450_000 // 5_306_818 <= asked["借呗"] <= 123_500 * 1_450_000 // 5_306_818 + 1  # 337.44…
    moved = {c.debt: (c.before, c.after) for c in changes(fresh, new) if c.changed}
    assert moved["借呗"] == (100_000, asked["借呗"]) and moved["招行信用卡"] == (50_000, asked["招行信用卡"])
    lines = {r["debt"]: r for r in version_rows(fresh, new, dt.datetime(2027, 4, 20, 10), "change")}
    assert lines["借呗"]["request"] != "agreed" and lines["借呗"]["state"] == "agreed"
    # A debt paid off under its agreement is left out of the plan made again.
    paid = [{"debt": "借呗", "date": "2027-01-05", "amount": 18_000}]
    h, errors = load(make_profile(income=12_000, expenses=9_500, debts=DEBTS, agreed=AGREED, payments=paid))
    assert "借呗" not in replanned(h, dt.date(2027, 2, 1)).names
