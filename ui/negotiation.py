"""What the negotiation pages share: the scenario results of the open profile's household
(cached by its version), and the scenario choices for one debt."""

from __future__ import annotations

import streamlit as st

from core.letter import least_needed
from core.scenarios import Scenario, simulate
from ui.state import current_household, profile_key


@st.cache_data(max_entries=32, show_spinner=False)
def _result(key: tuple, name: str, margin: int, _h, _scenario: Scenario):
    return simulate(_h, _scenario, margin)


def result_of(scenario: Scenario, margin: int = 0):
    return _result(profile_key(), scenario.name, margin, current_household(), scenario)


@st.cache_data(max_entries=32, show_spinner=False)
def _suggestion(key: tuple, debt: str, lang: str, _h) -> Scenario | None:
    return least_needed(_h, debt, lang)


def choices_for(debt: str, lang: str) -> list[Scenario]:
    """The scenarios that change this debt, then what the numbers support for it alone."""
    h = current_household()
    own = [s for s in h.scenarios[1:] if s.terms.get(debt)]
    names = {s.name for s in own}
    suggestion = _suggestion(profile_key(), debt, lang, h)
    if suggestion is not None and suggestion.name not in names:
        own.append(suggestion)
    return own
