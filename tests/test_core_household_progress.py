"""The start-here path: which of the four steps are done, and where each page leads next."""

import pandas as pd

from core.household.loader import load
from core.household.progress import progress
from core.profiles.profile import Profile, normalize_section
from tests.fixtures.workspace import make_profile, section


def states(p):
    return [(s.name, s.done) for s in p.steps]


def test_an_empty_profile_starts_at_income_and_costs():
    h, _ = load(Profile("new", {}))
    p = progress(h, letters=0, contacts=0, plan_chosen=False)
    assert states(p) == [("budget", False), ("debts", False), ("plan", False), ("letters", False)]
    assert p.next.name == "budget" and p.done == 0
    assert p.after("worksheet").name == "debts"  # from the worksheet, the step after it
    assert p.after("overview").name == "budget"  # from a page off the path, the first not done


def test_each_step_is_done_by_what_the_profile_holds():
    h, _ = load(make_profile())
    p = progress(h, letters=0, contacts=0, plan_chosen=False)
    assert states(p)[:2] == [("budget", True), ("debts", True)] and p.next.name == "plan"
    assert progress(h, 0, 0, plan_chosen=True).next.name == "letters"
    assert progress(h, letters=1, contacts=0, plan_chosen=True).next is None
    assert progress(h, letters=0, contacts=2, plan_chosen=True).done == 4
    assert progress(h, 1, 0, True).after("letters") is None  # all done: the page offers the report


def test_income_without_costs_or_a_draft_debt_leaves_the_step_open():
    only_income = make_profile()
    only_income.sections["worksheet"] = section(
        "worksheet", [{"category": "工资", "direction": "income", "amount": 8000}]
    )
    h, _ = load(only_income)
    assert not progress(h, 0, 0, False).steps[0].done
    drafted = make_profile()
    drafted.sections["debts"] = normalize_section(
        "debts", pd.concat([drafted.sections["debts"], pd.DataFrame([{"name": "招行信用卡"}])], ignore_index=True)
    )[0]
    h, _ = load(drafted)
    assert h.drafts and not progress(h, 0, 0, False).steps[1].done


def test_a_scenario_of_ones_own_or_an_accepted_offer_is_a_chosen_plan():
    h, _ = load(make_profile(scenarios=[{"name": "mine"}]))
    assert progress(h, 0, 0, False).steps[2].done
    h, _ = load(make_profile(agreed=[{"debt": "Card", "payment": 300, "months": 40}]))
    assert progress(h, 0, 0, False).steps[2].done
