"""The negotiation workspace in core: readiness rules, the proposal letter, the contact log
and the full report (XLSX + HTML + CLI)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from core.contacts import due_followups, new_entry, sorted_log
from core.letter import compose, letter_docx, letter_txt, proposal
from core.profile import DOCUMENTS, Profile, normalize_section
from core.readiness import check
from core.report import build, report_html, report_xlsx
from core.scenarios import Scenario, Term, household, simulate
from core.schedule import owed_now_cents
from core.store import Store
from core.workbook import profile_from_xlsx, profile_to_xlsx
from tests.helpers import frames_equal

ROOT = Path(__file__).resolve().parent.parent


def section(name, rows):
    clean, errors = normalize_section(name, pd.DataFrame(rows))
    assert not errors, [e.message("en") for e in errors]
    return clean


def make_profile(income=10_000, expenses=6_000, debts=None, case=None, contacts=None, **extra) -> Profile:
    debts = debts or [
        {"name": "Card", "lender": "Bank A", "lender_type": "credit_card", "principal": 12_000, "rate": 12,
         "method": "annuity", "months": 24, "first_month": "2027-01"},
    ]  # fmt: skip
    sections = {
        "worksheet": section(
            "worksheet",
            [
                {"category": "salary", "direction": "income", "amount": income},
                {"category": "rent", "direction": "expense", "amount": expenses},
            ],
        ),
        "debts": section("debts", debts),
    }
    if case is not None:
        sections["case"] = section("case", [case])
    if contacts is not None:
        sections["contacts"] = section("contacts", contacts)
    for name, rows in extra.items():
        sections[name] = section(name, rows)
    return Profile("test", sections)


ALL_DOCS = {doc: True for doc in DOCUMENTS}
FULL_CASE = {"full_name": "Li Hua", "contact": "138 0000 0000", "reason": "job_loss", "story": "Laid off in March.",
             "since": "2026-03", "history": "on_time", **ALL_DOCS}  # fmt: skip


def finding(readiness, rule, debt=None):
    pool = readiness.household if debt is None else readiness.lenders[debt]
    return next(f for f in pool if f.rule == rule)


# --- readiness rules: each on a household built to trigger it and one built not to ----------------
def test_reason_rule():
    assert finding(check(make_profile(case={"reason": "illness"})), "reason").status == "object"  # no story
    assert finding(check(make_profile(case={"story": "x"})), "reason").status == "object"  # no reason
    ok = finding(check(make_profile(case=FULL_CASE)), "reason")
    assert ok.status == "ok" and "Lost my job" in ok.message("en")


def test_income_proof_rule_names_what_is_missing():
    f = finding(check(make_profile(case={"income_proof": True})), "income_proof")
    assert f.status == "object"
    assert "bank statements" in f.message("en") and "payslips" not in f.message("en").split("Still missing:")[1][:40]
    assert finding(check(make_profile(case=FULL_CASE)), "income_proof").status == "ok"


def test_hardship_proof_rule_lists_the_papers_for_the_reason():
    f = finding(check(make_profile(case={"reason": "illness"})), "hardship_proof")
    assert f.status == "object" and "diagnosis" in f.message("en")
    f = finding(check(make_profile(case={"reason": "job_loss"})), "hardship_proof")
    assert "termination letter" in f.message("en")
    assert finding(check(make_profile(case=FULL_CASE)), "hardship_proof").status == "ok"


def test_records_rule():
    assert finding(check(make_profile(case={"contracts": True})), "records").status == "object"
    assert finding(check(make_profile(case=FULL_CASE)), "records").status == "ok"


def test_history_rule():
    assert finding(check(make_profile(case={**FULL_CASE, "history": "often_late"})), "history").status == "object"
    assert finding(check(make_profile(case={**FULL_CASE, "history": "some_late"})), "history").status == "ok"
    assert finding(check(make_profile()), "history").status == "skip"  # not answered: not guessed


def test_no_surplus_rule():
    f = finding(check(make_profile(income=5_000, expenses=6_000)), "no_surplus")
    assert f.status == "object" and "¥5,000.00" in f.message("en") and "¥6,000.00" in f.message("en")
    assert finding(check(make_profile()), "no_surplus").status == "ok"


def test_large_debt_rule_uses_the_share_of_the_surplus():
    # 4,000 a month spare, one debt: 12,000 takes 3 months -> fine.
    f = finding(check(make_profile()), "large_debt", "Card")
    assert f.status == "ok" and "¥4,000.00" in f.message("en")
    # 300 a month spare: 12,000 takes 40 months (> 36) -> propose a staged plan.
    f = finding(check(make_profile(income=6_300)), "large_debt", "Card")
    assert f.status == "object"
    assert "40 months" in f.message("en") and "staged" in f.message("en")


def test_long_overdue_rule():
    overdue = [{"name": "App", "principal": 5_000, "rate": 20, "months": 12, "overdue_principal": 500,
                "days_overdue": 120, "first_month": "2027-01"}]  # fmt: skip
    assert finding(check(make_profile(debts=overdue)), "long_overdue", "App").status == "object"
    overdue[0]["days_overdue"] = 30
    assert finding(check(make_profile(debts=overdue)), "long_overdue", "App").status == "ok"


def test_asks_too_much_rule_compares_the_ask_with_the_budget():
    profile = make_profile()
    h = household(profile)
    # 4,000 a month is spare, but the scenario asks to pay 250 a month for 48 months.
    greedy = simulate(h, Scenario("greedy", terms={"Card": [Term("freeze", months=48)]}))
    f = finding(check(profile, result=greedy, h=h), "asks_too_much", "Card")
    assert f.status == "object" and "¥4,000.00" in f.message("en")
    modest = simulate(h, Scenario("modest", terms={"Card": [Term("freeze", months=4)]}))
    assert finding(check(profile, result=modest, h=h), "asks_too_much", "Card").status == "ok"
    assert finding(check(profile), "asks_too_much", "Card").status == "skip"  # no scenario chosen


def test_not_affordable_rule_says_what_the_numbers_support():
    tight = make_profile(income=6_500, expenses=6_000)  # 500 spare; the card's plan costs ~599 a month
    h = household(tight)
    status = simulate(h, Scenario("status_quo"))
    assert status.shortfall_months > 0
    f = finding(check(tight, result=status, h=h), "not_affordable")
    assert f.status == "object" and "at least" in f.message("en")  # the smallest extension that fits
    roomy = make_profile()
    h = household(roomy)
    assert finding(check(roomy, result=simulate(h, Scenario("status_quo")), h=h), "not_affordable").status == "ok"


def test_rate_rule_flags_above_the_lines_with_a_not_legal_advice_note():
    high = [{"name": "App", "principal": 5_000, "rate": 0.1, "rate_unit": "daily", "months": 12,
             "first_month": "2027-01"}]  # fmt: skip
    f = finding(check(make_profile(debts=high)), "rate", "App")
    assert f.status == "flag" and "not legal advice" in f.message("en") and "不是法律意见" in f.message("zh")
    f = finding(check(make_profile(debts=high), lpr=__import__("decimal").Decimal("3.0")), "rate", "App")
    assert "36" in f.message("en")
    assert finding(check(make_profile()), "rate", "Card").status == "ok"  # 12% is below 4 x 3.85%


# --- the letter -------------------------------------------------------------------------------
PLACEHOLDER = re.compile(r"\{|\}|\[|\]|XXX|None|nan\b|TODO|<|>|lt\.|rd\.")


def freeze_letter(lang, case=FULL_CASE):
    profile = make_profile(case=case)
    h = household(profile)
    scenario = Scenario("freeze 12", terms={"Card": [Term("waiver", mode="penalty"), Term("freeze", months=12)]})
    result = simulate(h, scenario)
    track = next(t for t in result.tracks if t.name == "Card")
    plan = proposal(track, scenario, owed_now_cents(track.debt))
    return compose(profile, "Card", lang, plan, dt.date(2026, 11, 23)), plan


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
def test_follow_ups_due_and_answered():
    rows = [
        new_entry(
            dt.datetime(2026, 11, 1, 9, 30),
            "Card",
            "phone",
            "No. 1024",
            "will call back",
            "considering",
            dt.date(2026, 11, 20),
        ),  # late, unanswered
        new_entry(dt.datetime(2026, 11, 2, 10, 0), "App", "app_chat", follow_up=dt.date(2026, 11, 10)),
        new_entry(dt.datetime(2026, 11, 12, 15, 0), "App", "email", said="sent the letter"),  # answers App's
        new_entry(dt.datetime(2026, 11, 22, 11, 0), "Loan", "letter", follow_up=dt.date(2026, 11, 27)),  # soon
        new_entry(dt.datetime(2026, 11, 22, 11, 5), "Other", "phone", follow_up=dt.date(2027, 1, 5)),  # far off
    ]
    frame = section("contacts", rows)
    due = due_followups(frame, today=dt.date(2026, 11, 23))
    assert [(f.lender, f.status, f.days) for f in due] == [("Card", "late", -3), ("Loan", "soon", 4)]
    assert list(sorted_log(frame)["lender"])[:2] == ["Other", "Loan"]


def test_contact_log_round_trips_through_sqlite_and_xlsx(tmp_path):
    rows = [
        new_entry(
            dt.datetime(2026, 11, 20, 14, 5),
            "微粒贷",
            "phone",
            "工号 8848",
            "=同意考虑，+3 天回复",
            "counter_offer",
            dt.date(2026, 11, 27),
            "录音 2026-11-20.m4a",
        ),
        {"when": "2026/11/21 9:00", "lender": "Card", "channel": "in_person", "outcome": "agreed"},
    ]
    profile = make_profile(contacts=rows)
    assert list(profile.section("contacts")["when"]) == ["2026-11-20 14:05", "2026-11-21 09:00"]
    store = Store(tmp_path / "db.sqlite")
    pid = store.create(profile)
    back = Store(tmp_path / "db.sqlite").load(pid)
    assert frames_equal(back.section("contacts"), profile.section("contacts"))
    again, errors = profile_from_xlsx(profile_to_xlsx(back))
    assert errors == [] and frames_equal(again.section("contacts"), profile.section("contacts"))


def test_bad_contact_rows_are_named():
    frame = pd.DataFrame([{"when": "yesterday", "lender": "Card", "follow_up": "2026-02-30"}])
    _, errors = normalize_section("contacts", frame)
    messages = [e.message("en") for e in errors]
    assert any("row 1" in m and "yesterday" in m for m in messages)
    assert any("2026-02-30" in m for m in messages)


# --- the report -------------------------------------------------------------------------------------
def report_profile() -> Profile:
    return make_profile(
        contacts=[new_entry(dt.datetime(2026, 11, 20, 9, 0), "Card", "phone", "=1+1", "@SUM(A1)", "refused")],
        scenarios=[{"name": "=freeze", "strategy": "savings"}],
        terms=[{"scenario": "=freeze", "debt": "Card", "term": "freeze", "months": 12}],
        assets=[{"name": "-cash", "type": "cash", "value": 1234.56}],
    )


def test_report_xlsx_opens_with_numeric_money_and_no_formulas():
    data = build(report_profile(), "en")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(data)))
    names = book.sheetnames
    assert names[:6] == ["Summary", "Income & expenses", "Assets", "Debts", "Comparison", "Chart data"]
    assert any(n.endswith("Status quo") for n in names) and any("freeze" in n for n in names)
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    log = book["Contact log"]
    assert [log.cell(2, c).value for c in (4, 5)] == ["=1+1", "@SUM(A1)"]
    assets = book["Assets"]
    assert assets.cell(2, 1).value == "-cash" and assets.cell(2, 3).value == 1234.56
    assert "¥" in assets.cell(2, 3).number_format
    comparison = book["Comparison"]
    heads = [c.value for c in comparison[1]]
    paid = heads.index("Total paid") + 1
    base, frozen = data.results
    assert comparison.cell(2, paid).value == pytest.approx(base.total_paid / 100)
    assert comparison.cell(3, paid).value == pytest.approx(frozen.total_paid / 100)
    assert isinstance(comparison.cell(3, paid).value, int | float)  # a number, not text
    assert len(comparison._charts) == 2  # cash flow and balances, native Excel charts
    for ws in book:
        if ws.title != "Summary":
            assert ws.freeze_panes == "A2", ws.title
        assert ws.column_dimensions["A"].width >= 8
    schedule = book[next(n for n in names if "freeze" in n)]
    heads = [c.value for c in schedule[1]]
    card = heads.index("Card") + 1
    assert schedule.cell(2, card).value == pytest.approx(1000.0)  # 12,000 over 12 months


def test_report_html_is_self_contained_and_escaped():
    page = report_html(build(report_profile(), "zh"))
    assert page.count("<script") >= 4 and "plotly" in page.lower()
    # plotly.js is inlined: no script, style sheet or image is fetched from the network
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<(link|img|iframe)[^>]+(src|href)=[\"']?https?:", page)
    assert "=freeze" in page
    profile = report_profile()
    profile.sections["contacts"] = section(
        "contacts", [new_entry(dt.datetime(2026, 11, 20), "Card", "phone", said="<img src=x onerror=alert(1)>")]
    )
    page = report_html(build(profile, "en"))
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_cli_report_writes_both_kinds_and_refuses_a_bad_name(tmp_path):
    workbook = tmp_path / "profile.xlsx"
    workbook.write_bytes(profile_to_xlsx(report_profile()))
    for suffix in ("xlsx", "html"):
        out = tmp_path / f"report.{suffix}"
        run = subprocess.run(
            [sys.executable, "-m", "core", "report", str(workbook), "-o", str(out), "--lang", "en"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert out.stat().st_size > 1000
    openpyxl.load_workbook(tmp_path / "report.xlsx")
    bad = subprocess.run(
        [sys.executable, "-m", "core", "report", str(workbook), "-o", str(tmp_path / "r.pdf")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 2 and ".xlsx or .html" in bad.stderr and "Traceback" not in bad.stderr


def test_without_a_scenario_the_letter_proposes_the_least_this_debt_needs():
    from core.letter import least_needed

    sample, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    h = household(sample)
    for debt in h.names:
        plan = least_needed(h, sample, debt, "en")
        if plan is None:
            continue
        assert set(plan.terms) == {debt} and plan.name
        if plan.terms[debt][0].kind == "freeze" and h.lender_types[h.names.index(debt)] == "credit_card":
            assert plan.terms[debt][0].months <= 60  # cards: at most 60 instalments
    assert any(least_needed(h, sample, debt, "zh") is not None for debt in h.names)
