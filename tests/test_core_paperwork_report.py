"""The report (core.paperwork.report): XLSX with numeric money, self-contained HTML, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys

import openpyxl
import pytest

from core.household.contacts import new_entry
from core.paperwork.report import build, report_html, report_xlsx
from core.profiles.profile import Profile
from core.profiles.workbook import profile_to_xlsx
from tests.fixtures.workspace import ROOT, make_profile, section


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


def test_the_scenarios_worked_out_are_told_before_and_once_all_are_done():
    told = []
    data = build(report_profile(), "en", on_progress=lambda done, total: told.append((done, total)))
    total = len(data.results)  # worked out side by side (simulate_all): no scenario is done before the others
    assert total >= 2 and told == [(0, total), (total, total)]
    quiet = build(report_profile(), "en")
    assert [(r.total_paid, r.buffer.tolist()) for r in data.results] == [
        (r.total_paid, r.buffer.tolist()) for r in quiet.results
    ]


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


def test_report_html_says_an_empty_part_in_words_and_wraps_its_tables_on_paper():
    page = report_html(build(make_profile(), "en"))  # no contact logged, no asset
    assert "No contact with a lender logged yet" in page and "Nothing entered yet." in page
    assert "@media print" in page and "word-break:keep-all" in page  # a wide table is not cut off on paper
    assert "还没有记录和机构的沟通" in report_html(build(make_profile(), "zh"))
    assert "No contact with a lender" not in report_html(build(report_profile(), "en"))  # one is logged there


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


def test_a_household_with_agreements_gets_a_progress_statement_to_the_cent():
    from core.household.loader import load
    from tests.fixtures.kept import AS_OF, HOLDER, kept_profile

    profile = kept_profile()
    h, errors = load(profile)
    assert errors == []
    data = build(profile, "en", household=h, as_of=AS_OF)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(data)))
    assert book.sheetnames[:2] == ["Summary", "Progress"]
    sheet = book["Progress"]
    assert sheet.cell(1, 1).value == "Progress against the agreements (as of 2027-04-01)"
    heads = [c.value for c in sheet[2]]
    assert heads == ["Debt", "Paid to", "Status", "Due so far", "Paid so far", "Behind", "Balance expected",
                     "Balance reported", "Months on time", "Repaid"]  # fmt: skip
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=5)]
    # A: Feb + Mar due (2 x 1,000), both paid by the 10th + 3 days; 12,000 - 2,000 left; 2,000 / 12,000
    assert rows[0] == ["A", "Bank A", "on track", 2000, 2000, 0, 10000, None, "2/2", "16.7%"]
    # B: Feb + Mar due (2 x 500), March's missed; 6,000 - 1,000 expected, 5,500 reported; 500 / 6,000
    assert rows[1] == ["B", HOLDER, "behind", 1000, 500, 500, 5000, 5500, "1/2", "8.3%"]
    # The household: 3,000 due, 2,500 paid, 500 behind, 15,000 expected, 2,500 / 18,000 (C has no agreement)
    assert rows[2] == ["Household", None, None, 3000, 2500, 500, 15000, None, None, "13.9%"]
    assert "¥" in sheet.cell(3, 4).number_format
    page = report_html(data)
    assert "Progress against the agreements (as of 2027-04-01)" in page
    assert (
        '<td>B</td><td>Quick Collect Ltd</td><td>behind</td><td class="m">¥1,000.00</td><td class="m">¥500.00</td>'
        '<td class="m">¥500.00</td><td class="m">¥5,000.00</td><td class="m">¥5,500.00</td>' in page
    )
    zh = build(profile, "zh", household=h, as_of=AS_OF)
    assert "按协议还款的进度（截至 2027-04-01）" in report_html(zh)
    assert openpyxl.load_workbook(io.BytesIO(report_xlsx(zh))).sheetnames[1] == "还款进度"


def test_a_household_without_agreements_has_no_progress_statement():
    data = build(report_profile(), "en")
    assert data.progress is None
    assert "Progress" not in openpyxl.load_workbook(io.BytesIO(report_xlsx(data))).sheetnames
    assert "Progress against" not in report_html(data)
