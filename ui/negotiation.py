"""What the negotiation pages share: the household and scenario results of the open
profile (cached by its version), and the scenario choices for one debt."""

from __future__ import annotations

import streamlit as st

from core.engine import HORIZON_MONTHS
from core.i18n import t
from core.negotiate import what_to_ask
from core.profile import Profile
from core.readiness import supported_months
from core.scenarios import CARD_FREEZE_LIMIT, Scenario, Term, household, scenarios_from_profile, simulate
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
    """The least this debt alone needs (core.negotiate); when this debt alone cannot close
    the gap, an interest freeze over the months its share of the budget needs."""
    for ask in what_to_ask(_h, [debt]):
        if ask.kind in ("extension", "rate_cut", "settlement"):
            name = t(f"sc.ask.name.{ask.kind}", lang, months=ask.months, rate=ask.rate, percent=ask.percent)
            return ask.scenario(name)
    months = supported_months(_profile, debt)
    if months is None:
        return None
    kind = _h.lender_types[_h.names.index(debt)]
    months = max(1, min(months, CARD_FREEZE_LIMIT if kind == "credit_card" else HORIZON_MONTHS))
    return Scenario(t("lt.suggest.freeze", lang, months=months), terms={debt: [Term("freeze", months=months)]})


def choices_for(debt: str, lang: str) -> list[Scenario]:
    """The scenarios that change this debt, then what the numbers support for it alone."""
    h, scenarios, _ = prepared()
    own = [s for s in scenarios[1:] if s.terms.get(debt)]
    names = {s.name for s in own}
    suggestion = _suggestion(profile_key(), debt, lang, h, current_profile())
    if suggestion is not None and suggestion.name not in names:
        own.append(suggestion)
    return own
