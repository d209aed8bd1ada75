"""When a lender says no: paid mediation weighed with the household's numbers, old debts
flagged before a promise to pay, every fact with its source in both languages."""

import datetime as dt

from core.household.loader import load
from core.i18n import t
from core.loans.values import Scenario, Term
from core.negotiation.next_steps import CHANNELS, FACTS, mediation, old_debts
from core.simulation.simulate import simulate
from tests.fixtures.workspace import make_profile

LOAN = {"name": "Loan", "lender_type": "online_lending", "principal": 12_000, "rate": 24, "months": 12,
        "first_month": "2027-01"}  # fmt: skip


def test_mediation_is_worth_it_only_when_the_saving_beats_the_fee():
    h, _ = load(make_profile(debts=[LOAN, {**LOAN, "name": "Other"}]))
    status = simulate(h, Scenario("status_quo"))
    cut = simulate(h, Scenario("cut", terms={"Loan": [Term("waiver", mode="interest"), Term("rate_cut", rate=0)]}))
    saving = status.tracks[0].total_paid - cut.tracks[0].total_paid
    assert saving > 0
    assert mediation(status, cut, saving - 1).worth_it
    assert not mediation(status, cut, saving).worth_it  # no gain: not worth it
    only = mediation(status, cut, 0, ["Other"])
    assert only.saving == 0 and only.scenario == "cut"


def test_debts_overdue_two_years_or_more_are_flagged_before_a_promise():
    late = {**LOAN, "name": "Old", "overdue_principal": 1_000, "days_overdue": 800}
    recent = {**LOAN, "name": "New", "overdue_principal": 1_000, "days_overdue": 100}
    h, _ = load(make_profile(debts=[late, recent]))
    flagged = old_debts(h, dt.date(2026, 11, 24))
    assert [(d.name, d.days_overdue, d.since) for d in flagged] == [("Old", 800, dt.date(2024, 9, 15))]


def test_every_fact_and_channel_has_its_text_and_source_in_both_languages():
    for lang in ("zh", "en"):
        for fact in FACTS:
            assert t(fact.key, lang) != fact.key and t(fact.source, lang) != fact.source
        for channel in CHANNELS:
            assert t(f"ns.channel.{channel}", lang) != f"ns.channel.{channel}"
    sources = " ".join(t(f.source, "zh") for f in FACTS)
    assert "第一百九十五条" in sources and "第十六条" in sources and "第二十五条" in sources
    assert "12378" in t("ns.channel.12378", "en") and "12348" in t("ns.channel.12348", "zh")


def test_the_paid_agents_warning_says_free_risky_and_where_it_comes_from_in_both_languages():
    from core.negotiation.next_steps import AGENTS

    zh, en = t(AGENTS.key, "zh"), t(AGENTS.key, "en")
    for offer in ("协商分期", "债务减免", "修复征信", "代理维权"):
        assert offer in zh and offer in en  # the words the agents use, in Chinese in both
    assert "免费" in zh and "身份证" in zh and "银行卡" in zh
    assert "for free" in en and "ID" in en and "bank-card" in en and "risky" in en
    assert "金融监督管理总局" in t(AGENTS.source, "zh") and "Regulatory" in t(AGENTS.source, "en")
