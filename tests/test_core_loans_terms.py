"""Negotiated terms, one entry per kind (core.loans.terms): the registry, and the token payment
(象征性还款) added the registry's way, by hand-computed values."""

from decimal import Decimal

import pytest

from core.loans.terms import AXES, KINDS, TERM_KINDS, TERM_MODES
from core.loans.values import Scenario, Term
from core.paperwork.letter import compose, proposal
from core.profiles.profile import SCHEMAS
from core.simulation.simulate import simulate
from tests.helpers import loaded
from tests.test_core_simulation_simulate import JAN, LOAN, annuity, make_profile, payments, run


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


CARD_OVERDUE = {**LOAN, "name": "卡", "lender_type": "credit_card", "principal": 10_000, "rate": 18,
                "overdue_principal": 2_000, "overdue_interest": 300}  # fmt: skip


@pytest.mark.parametrize("mode,waived", [("interest", 30_000), ("both", 30_000)])
def test_a_waiver_alone_costs_the_status_quo_minus_what_was_waived(mode, waived):
    status = run([CARD_OVERDUE])[1].tracks[0]
    waiver = run([CARD_OVERDUE], {"卡": [Term("waiver", mode=mode)]})[1].tracks[0]
    assert waiver.forgiven == waived
    assert waiver.total_paid == status.total_paid - waived
    # the overdue amount is caught up at once, as before; waived overdue interest is not paid interest
    assert waiver.interest == status.interest - (waived if mode in ("interest", "both") else 0)
    assert waiver.payment == {m: p - (waived if m == min(status.payment) else 0) for m, p in status.payment.items()}


def test_a_penalty_waiver_takes_off_the_penalty_so_far():
    late = {**CARD_OVERDUE, "days_overdue": 73, "penalty_rate": 36.5}  # 2,000 x 36.5 % / 365 x 73 = 146
    status = run([late])[1].tracks[0]
    waiver = run([late], {"卡": [Term("waiver", mode="penalty")]})[1].tracks[0]
    assert status.penalty == 14_600 and waiver.penalty == 0 and waiver.forgiven == 14_600
    assert waiver.total_paid == status.total_paid - 14_600


def test_a_term_that_replans_spreads_the_overdue_amount_with_the_rest():
    freeze = run([CARD_OVERDUE], {"卡": [Term("freeze", months=10)]})[1].tracks[0]
    # 10,000 owed (8,000 regular + 2,000 overdue principal) + 300 overdue interest, over 10 months at 0 %
    assert set(freeze.payment.values()) == {103_000}


def test_one_off_help_arrives_as_cash_in_its_month_and_leaves_the_debt_as_it_was():
    profile = make_profile([LOAN], income=1_500, expenses=1_000)
    from tests.fixtures.workspace import section

    profile.sections["buffers"] = section("buffers", [{"name": "父母", "kind": "family_help", "amount": 3_000}])
    h = loaded(profile)
    plain = simulate(h, Scenario("s"))
    helped = simulate(h, Scenario("h", terms={"贷款": [Term("help", start=JAN + 2, asset="父母")]}))
    assert helped.errors == []
    assert helped.tracks[0].payment == plain.tracks[0].payment  # the debt is paid as before
    k = helped.months.index(JAN + 2)
    assert helped.income[k] == plain.income[k] + 300_000
    assert helped.shortfall_months < plain.shortfall_months
    bad = simulate(h, Scenario("b", terms={"贷款": [Term("help", asset="nobody")]}))
    assert [e.code for e in bad.errors] == ["err.sc_unknown_asset"]
    assert [e.code for e in simulate(h, Scenario("c", terms={"贷款": [Term("help")]})).errors] == ["err.sc_help_needed"]


@pytest.mark.parametrize(
    "term,grows",
    [
        (Term("token", months=240, amount=Decimal("1"), mode="accruing"), True),
        (Term("token", months=600, amount=Decimal("1"), mode="frozen"), False),  # nothing added: it shrinks
        (Term("deferral", months=130, mode="capitalise"), True),
        (Term("deferral", months=130, mode="interest_only"), False),
        (Term("stage", months=121, amount=Decimal("1")), True),
    ],
)
def test_a_term_that_adds_interest_stops_where_the_balance_passes_the_amount_limit(term, grows):
    _, r = run([{**LOAN, "principal": 100_000, "rate": 365}], {"贷款": [term]})
    if grows:  # raised OverflowError
        assert [e.code for e in r.errors] == ["err.sc_beyond_limit"]
        assert "¥100,000,000" in r.errors[0].message("en") and "¥100,000,000" in r.errors[0].message("zh")
    else:
        assert not r.errors and r.tracks[0].negotiated


def test_what_can_i_ask_for_answers_with_the_kinds_whose_entry_says_so():
    assert [k.name for k in KINDS.values() if k.actionable] == ["extension", "rate_cut", "settlement"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_has_its_strings_in_both_languages(lang):
    from core.i18n import CATALOGUES

    texts = CATALOGUES[lang].texts
    for kind in KINDS.values():
        needed = [f"choice.term.{kind.name}"] + [f"choice.mode.{mode}" for mode in kind.modes]
        # the letter's clause for each mode, by an amount and by a share
        needed += [kind.clause_key(Term(kind.name, mode=mode, amount=Decimal(1))) for mode in kind.modes or (None,)]
        needed += [kind.clause_key(Term(kind.name, mode=mode, percent=Decimal(1))) for mode in kind.modes or (None,)]
        if kind.guided:
            needed += [f"guide.explain.{kind.name}", *(key for _, key in kind.guided.labels)]
        if kind.actionable:
            needed += [f"sc.ask.{kind.name}", f"sc.ask.name.{kind.name}"]
        assert [key for key in needed if key not in texts] == [], kind.name


def test_a_hardship_subsidy_forgives_a_fixed_amount_a_month_then_the_plan_resumes():
    _, r = run([LOAN], {"贷款": [Term("subsidy", months=3, amount=Decimal("1000"))]})
    track = r.tracks[0]
    # 12,000 at 1 % a month, ¥1,000 forgiven a month, nothing paid, interest still charged:
    # 12,000 + 120 - 1,000 = 11,120;  11,120 + 111.20 - 1,000 = 10,231.20;
    # 10,231.20 + 102.312 (102.31) - 1,000 = 9,333.51
    assert [track.balance[JAN + m] for m in range(3)] == [1_112_000, 1_023_120, 933_351]
    assert payments(r)[:3] == [0, 0, 0]
    assert track.forgiven == 300_000
    assert [track.interest_by_month[JAN + m] for m in range(3)] == [12_000, 11_120, 10_231]
    # then the 12 months left, at 1 % a month on the rest
    assert payments(r)[3] == annuity("9333.51", "0.01", 12)
    assert len(payments(r)) == 15 and track.payoff == JAN + 14
    assert track.total_paid == 933_351 + sum(track.interest_by_month.get(JAN + m, 0) for m in range(3, 15))


def test_a_subsidy_larger_than_what_is_owed_forgives_all_of_it_and_no_more():
    _, r = run([LOAN], {"贷款": [Term("subsidy", months=3, amount=Decimal("20000"))]})
    track = r.tracks[0]
    assert track.forgiven == 1_212_000  # 12,000 and its first month's interest of 120
    assert track.total_paid == 0 and track.balance[JAN] == 0


@pytest.mark.parametrize(
    "term,field", [(Term("subsidy", months=6), "amount"), (Term("subsidy", amount=Decimal("500")), "months")]
)
def test_a_subsidy_needs_its_months_and_amount(term, field):
    _, r = run([LOAN], {"贷款": [term]})
    assert [e.field for e in r.errors] == [field] and r.errors[0].code == f"err.sc_{field}_needed"


@pytest.mark.parametrize(
    "lang,words",
    [("zh", "每月减免欠款 ¥1,000.00 的困难补贴"), ("en", "forgiving ¥1,000.00 of the balance a month for 3 months")],
)
def test_the_letter_states_a_subsidy(lang, words):
    h = loaded(make_profile([LOAN]))
    scenario = Scenario("补贴", terms={"贷款": [Term("subsidy", months=3, amount=Decimal("1000"))]})
    track = simulate(h, scenario).tracks[0]
    assert words in compose(h, "贷款", lang, proposal(track, scenario, 1_200_000))


def test_a_subsidy_is_offered_by_the_guided_builder_after_the_token_payment():
    from core.loans.terms import GUIDED

    names = [kind.name for kind in GUIDED]
    assert names.index("subsidy") == names.index("token") + 1
    assert KINDS["subsidy"].phase == KINDS["token"].phase and not KINDS["subsidy"].actionable
