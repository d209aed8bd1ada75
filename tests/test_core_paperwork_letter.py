"""Proposal letters (core.paperwork.letter): the chosen scenario's figures, nothing left blank, downloads, the fallback."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from core.loans.schedule import owed_now_cents
from core.loans.values import Scenario, Term
from core.paperwork.letter import Proposal, compose, letter_docx, letter_txt, proposal
from core.profiles.workbook import profile_from_xlsx
from core.simulation.simulate import simulate
from tests.fixtures.workspace import FULL_CASE, ROOT, make_profile
from tests.helpers import loaded

PLACEHOLDER = re.compile(r"\{|\}|\[|\]|XXX|None|nan\b|TODO|<|>|lt\.|rd\.")


def freeze_letter(lang, case=FULL_CASE):
    profile = make_profile(case=case)
    h = loaded(profile)
    scenario = Scenario("freeze 12", terms={"Card": [Term("waiver", mode="penalty"), Term("freeze", months=12)]})
    result = simulate(h, scenario)
    track = next(t for t in result.tracks if t.name == "Card")
    plan = proposal(track, scenario, owed_now_cents(track.debt))
    return compose(h, "Card", lang, plan, dt.date(2026, 11, 23)), plan


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_letter_contains_the_chosen_scenarios_figures_and_no_placeholders(lang):
    text, plan = freeze_letter(lang)
    assert plan.payment == 100_000 and plan.months == 12  # 12,000 over 12 months at 0 %
    for figure in ("¥1,000.00", "¥12,000.00", "12", "2027-01", "Li Hua", "138 0000 0000", "Bank A", "¥4,000.00"):
        assert figure in text, figure
    assert not PLACEHOLDER.search(text), PLACEHOLDER.search(text)
    assert ("停息挂账" in text) if lang == "zh" else ("freeze interest" in text)
    assert ("书面答复" in text) if lang == "zh" else ("in writing" in text)


def test_letter_leaves_out_what_the_user_has_not_given():
    text, _ = freeze_letter("en", case={})
    assert "My name is" not in text and "reach me" not in text and "because of" not in text
    assert "I am the borrower" in text and "as soon as you need them" in text
    assert not PLACEHOLDER.search(text)


def test_letter_docx_and_text_downloads():
    text, _ = freeze_letter("zh")
    edited = text + '\n\n补充：=HYPERLINK("x") \x00控制字符'
    from docx import Document

    document = Document(io.BytesIO(letter_docx(edited)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text.startswith("关于“Card”")
    assert "¥1,000.00" in body and "=HYPERLINK" in body and "\x00" not in body
    raw = letter_txt(edited)
    assert raw.startswith(b"\xef\xbb\xbf") and "¥1,000.00".encode() in raw and b"\r\n" in raw


# --- the contact log ------------------------------------------------------------------------------


def test_without_a_scenario_the_letter_proposes_the_least_this_debt_needs():
    from core.paperwork.letter import least_needed

    sample, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    h = loaded(sample)
    for debt in h.names:
        plan = least_needed(h, debt, "en")
        if plan is None:
            continue
        assert set(plan.terms) == {debt} and plan.name
        if plan.terms[debt][0].kind == "freeze" and h.lender_types[h.names.index(debt)] == "credit_card":
            assert plan.terms[debt][0].months <= 60  # cards: at most 60 instalments
    assert any(least_needed(h, debt, "zh") is not None for debt in h.names)


def test_the_word_letter_is_a4():
    import io

    from docx import Document

    section = Document(io.BytesIO(letter_docx("标题\n\n正文"))).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297  # stored in twips


def test_the_scenarios_a_letter_can_propose_plan_first_then_the_users_then_the_suggestion():
    import pandas as pd

    from core.paperwork.letter import letter_choices
    from core.profiles.profile import normalize_section
    from core.simulation.plan import household_plan

    sample, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    sample.sections["scenarios"] = normalize_section("scenarios", pd.DataFrame([{"name": "停息"}]))[0]
    sample.sections["terms"] = normalize_section(
        "terms", pd.DataFrame([{"scenario": "停息", "debt": "借呗", "term": "freeze", "months": 36}])
    )[0]
    h = loaded(sample)
    plan = household_plan(h, h.plan_settings)
    own = next(s for s in h.scenarios if s.name == "停息")
    suggestion = Scenario("least", terms={})
    assert plan.needed and plan.scenario.terms.get("借呗")  # the plan asks 借呗 for something
    assert letter_choices(h, plan, "借呗", suggestion) == [plan.scenario, own, suggestion]
    assert letter_choices(h, plan, "借呗", None) == [plan.scenario, own]
    assert letter_choices(h, plan, "借呗", Scenario("停息")) == [plan.scenario, own]  # its name is there: once
    other = next(d for d in h.names if d != "借呗")
    assert letter_choices(h, plan, other, suggestion) == [plan.scenario, suggestion]  # no scenario of the user's


def test_the_payment_and_months_a_letter_states_under_the_plan_and_under_a_scenario():
    from core.paperwork.letter import letter_figures
    from core.simulation.plan import household_plan

    sample, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    h = loaded(sample)
    hp = household_plan(h, h.plan_settings)
    result = simulate(h, hp.scenario)
    for debt in h.names:
        track = next(t for t in result.tracks if t.name == debt)
        offer = proposal(track, hp.scenario, owed_now_cents(track.debt))
        payment, months = letter_figures(h, debt, offer, hp)
        assert payment == hp.monthly_of(debt, h)  # the plan's amount for this lender
        assert months == (offer.months or h.status[h.names.index(debt)].months)  # kept: its contract's months
        assert letter_figures(h, debt, offer) == (offer.payment, offer.months)  # any other scenario: the offer's
    kept = Proposal("x", 100, 500, 0, 0, 0, 0, 0, ())
    assert letter_figures(h, h.names[0], kept) == (500, 0)


@pytest.mark.parametrize(("lang", "words"), [("zh", "直至还清"), ("en", "until it is repaid")])
def test_an_open_ended_last_stage_is_stated_as_paid_until_repaid(lang, words):
    """A staged plan's last stage without months runs until the debt is repaid, and the
    letter says so (the plural "for {n} months" clause had no count and stopped the letter)."""
    h = loaded(make_profile(case=FULL_CASE))
    scenario = Scenario("stages", terms={"Card": [Term("stage", months=6, amount=200), Term("stage", amount=500)]})
    result = simulate(h, scenario)
    assert not result.errors
    track = next(t for t in result.tracks if t.name == "Card")
    text = compose(h, "Card", lang, proposal(track, scenario, owed_now_cents(track.debt)), dt.date(2026, 11, 23))
    assert words in text and "¥500.00" in text and "¥200.00" in text
    assert not PLACEHOLDER.search(text), PLACEHOLDER.search(text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_debt_passed_to_a_collector_is_written_to_the_holder_naming_the_lender_and_its_reference(lang):
    from core.simulation.plan import household_plan
    from tests.fixtures.kept import HOLDER, kept_profile

    h = loaded(kept_profile())
    plan = household_plan(h, h.plan_settings)

    def letter(debt):
        track = next(t for t in plan.result.tracks if t.name == debt)
        return compose(h, debt, lang, proposal(track, plan.scenario, owed_now_cents(track.debt)), dt.date(2027, 4, 1),
                       plan)  # fmt: skip

    passed, kept = letter("B").split("\n\n"), letter("A").split("\n\n")
    to = {"zh": f"{HOLDER}：", "en": f"To {HOLDER},"}[lang]
    said = {"zh": "这笔欠款原由Bank B发放，现已转由贵方持有或催收。Bank B给我的协议编号是 BB-77。",
            "en": "This debt was owed to Bank B and is now held or collected by you. Bank B's reference for our "
                  "agreement is BB-77."}[lang]  # fmt: skip
    assert passed[1] == to and passed[2].endswith(said)
    assert kept[1] == {"zh": "Bank A：", "en": "To Bank A,"}[lang]  # still the lender's: as before
    assert "BA-2027-001" not in "\n".join(kept) and not PLACEHOLDER.search("\n".join(passed))
