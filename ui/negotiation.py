"""What the negotiation pages share: the household plan and the cash-limited "do nothing"
of the open profile, the scenario results (cached by the profile's version), and the
scenario choices for one debt."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.loans.values import Scenario
from core.paperwork.letter import least_needed, letter_choices
from core.simulation.arrears import DoNothing, do_nothing
from core.simulation.plan import PLAN, HouseholdPlan, comparison, household_plan
from core.simulation.simulate import simulate
from core.tracking.review import version_rows
from ui.state import current_household, current_profile, note_outcome, profile_key, save_section


def current_plan() -> tuple[HouseholdPlan, DoNothing]:
    """The household plan of the open profile (simulated) and what doing nothing brings:
    worked out once per change of the profile and kept with the session (not copied on
    every rerun, as a cache would)."""
    key = profile_key()
    memo = st.session_state.get("_plan_memo")
    if memo is not None and memo[0] == key:
        return memo[1]
    h = current_household()
    worked = household_plan(h, h.plan_settings), do_nothing(h)
    st.session_state["_plan_memo"] = (key, worked)
    return worked


def compared() -> list[Scenario]:
    """Status quo, the household plan (when one is needed), then the user's scenarios."""
    return comparison(current_household(), current_plan()[0])


@st.cache_data(max_entries=32, show_spinner=False)
def _result(key: tuple, name: str, margin: int, _h, _scenario: Scenario):
    return simulate(_h, _scenario, margin)


def planned_result(scenario: Scenario, margin: int = 0):
    """The household plan's own result when ``scenario`` is the plan and ``margin`` the cash it
    keeps: core.simulation.plan.household_plan simulated it already (the same figures as
    simulating it again; at the caps that is most of a page's time). None otherwise."""
    plan, _ = current_plan()
    if plan.result is not None and plan.result.margin == margin and plan.result.scenario == scenario:
        return plan.result
    return None


def result_of(scenario: Scenario, margin: int = 0):
    planned = planned_result(scenario, margin)
    if planned is not None:
        return planned
    return _result(profile_key(), scenario.name, margin, current_household(), scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _suggestion(key: tuple, debt: str, lang: str, _h, _plan) -> Scenario | None:
    return least_needed(_h, debt, lang, _plan)


def choices_for(debt: str, lang: str) -> list[Scenario]:
    """The scenarios a letter to this lender can propose (core.paperwork.letter.letter_choices), the
    suggestion for it alone worked out once per change of the profile."""
    h = current_household()
    plan, _ = current_plan()
    return letter_choices(h, plan, debt, _suggestion(profile_key(), debt, lang, h, plan))


def labels(language: str):
    """How scenario names are shown in ``language`` (bound now: a widget may format its
    options later, outside this run): the household plan by its translated name."""
    from core.i18n import t

    return lambda name: t("plan.name", language) if name == PLAN else name


def is_plan(scenario: Scenario | None) -> bool:
    return scenario is not None and scenario.name == PLAN


def keep_version(reason: str, own_name: str, h=None, plan=None) -> int | None:
    """Keep a plan as the next version (core.tracking.review), lender by lender: the open
    profile's plan as it stands when it is chosen or an offer is agreed; at a review, the plan
    made again (``h`` and ``plan``). Returns the version's number, None when nothing was saved."""
    profile = current_profile()
    if h is None or plan is None:
        h, (plan, _) = current_household(), current_plan()
    saved = profile.section("versions")
    rows = pd.DataFrame(version_rows(h, plan, dt.datetime.now(), reason))
    frame = pd.concat([saved, rows], ignore_index=True) if len(saved) else rows
    ok = note_outcome(save_section("versions", frame, own_name, base=(saved, profile.rev("versions"))), "versions")
    return int(rows["version"].iloc[0]) if ok else None
