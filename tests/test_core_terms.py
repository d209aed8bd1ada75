"""Negotiated terms, one entry per kind (core.terms): the registry, and the token payment
(象征性还款) added the registry's way, by hand-computed values."""

from decimal import Decimal

import pytest

from core.letter import compose, proposal
from core.profile import SCHEMAS
from core.scenarios import Scenario, Term, simulate
from core.terms import AXES, KINDS, TERM_KINDS, TERM_MODES
from tests.helpers import loaded
from tests.test_core_scenarios import JAN, LOAN, annuity, make_profile, payments, run


def test_every_kind_declares_what_the_editor_and_the_letters_need():
    choices = {c.name: c for c in SCHEMAS["terms"]}
    assert choices["term"].choices == TERM_KINDS and choices["mode"].choices == TERM_MODES
    for kind in KINDS.values():
        assert set(kind.fields) <= {"months", "rate", "amount", "percent", "mode", "asset"}
        assert (kind.default_mode is None) == (not kind.modes) and (not kind.modes or kind.default_mode in kind.modes)


def test_the_heat_map_axes_come_from_the_entries():
    assert AXES == ("rate", "settlement")
    on_rate = {k.name for k in KINDS.values() if k.axis == "rate"}
    assert on_rate == {"extension", "rate_cut", "freeze"}
    assert KINDS["freeze"].axis_value(Term("freeze", months=12)) == 0.0
    assert KINDS["rate_cut"].axis_value(Term("rate_cut", rate=Decimal("7.5"))) == 7.5
    assert KINDS["settlement"].axis_value(Term("settlement", amount=Decimal("900"))) is None  # an amount, not a %
    for kind in KINDS.values():
        assert kind.axis in AXES or (kind.axis is None and kind.axis_value is None), kind.name


def test_token_payment_with_interest_frozen_then_the_plan_resumes():
    _, r = run([LOAN], {"贷款": [Term("token", months=6, amount=Decimal("100"))]})
    paid = payments(r)
    assert paid[:6] == [10_000] * 6  # ¥100 a month, no interest: 12,000 -> 11,400
    assert paid[6] == annuity("11400", "0.01", 12)  # then 12 months at 1 % a month on the rest
    assert len(paid) == 18 and r.tracks[0].payoff == JAN + 17
    track = r.tracks[0]
    assert sum(track.interest_by_month.get(JAN + m, 0) for m in range(6)) == 0


def test_token_payment_with_interest_still_charged():
    _, r = run([LOAN], {"贷款": [Term("token", months=3, amount=Decimal("100"), mode="accruing")]})
    track = r.tracks[0]
    # 12,000 at 1 %: 120 of interest, 100 paid, 20 added, three times.
    assert payments(r)[:3] == [10_000] * 3
    assert [track.balance[JAN + m] for m in range(3)] == [1_202_000, 1_204_020, 1_206_060]
    assert payments(r)[3] == annuity("12060.60", "0.01", 12)


@pytest.mark.parametrize(
    "term,field", [(Term("token", months=6), "amount"), (Term("token", amount=Decimal("100")), "months")]
)
def test_a_token_payment_needs_its_months_and_amount(term, field):
    _, r = run([LOAN], {"贷款": [term]})
    assert [e.field for e in r.errors] == [field] and r.errors[0].code.startswith("err.sc_")


@pytest.mark.parametrize("lang,words", [("zh", "象征性还款"), ("en", "token payment of ¥100.00 a month for 6 months")])
def test_the_letter_states_a_token_payment(lang, words):
    profile = make_profile([LOAN])
    h = loaded(profile)
    scenario = Scenario("象征性", terms={"贷款": [Term("token", months=6, amount=Decimal("100"))]})
    track = simulate(h, scenario).tracks[0]
    text = compose(h, "贷款", lang, proposal(track, scenario, 1_200_000))
    assert words in text
