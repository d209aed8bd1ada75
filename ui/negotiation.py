"""What the negotiation pages share: the household and scenario results of the open
profile (cached by its version), and the scenario choices for one debt."""

from __future__ import annotations

import streamlit as st

from core.letter import least_needed
from core.profile import Profile
from core.scenarios import Scenario, household, scenarios_from_profile, simulate
from ui.state import current_profile, profile_key


@st.cache_data(max_entries=16, show_spinner=False)
def _prepared(key: tuple, _profile: Profile):
    h = household(_profile)
    scenarios, errors = scenarios_from_profile(_profile)
    return h, scenarios, errors


def prepared():
    """(household, scenarios with the status quo first, scenario errors) of the open profile."""
    return _prepared(profile_key(), current_profile())


@st.cache_data(max_entries=32, show_spinner=False)
def _result(key: tuple, name: str, margin: int, _h, _scenario: Scenario):
    return simulate(_h, _scenario, margin)


def result_of(scenario: Scenario, margin: int = 0):
    h, _, _ = prepared()
    return _result(profile_key(), scenario.name, margin, h, scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _suggestion(key: tuple, debt: str, lang: str, _h, _profile: Profile) -> Scenario | None:
    return least_needed(_h, _profile, debt, lang)


def choices_for(debt: str, lang: str) -> list[Scenario]:
    """The scenarios that change this debt, then what the numbers support for it alone."""
    h, scenarios, _ = prepared()
    own = [s for s in scenarios[1:] if s.terms.get(debt)]
    names = {s.name for s in own}
    suggestion = _suggestion(profile_key(), debt, lang, h, current_profile())
    if suggestion is not None and suggestion.name not in names:
        own.append(suggestion)
    return own
