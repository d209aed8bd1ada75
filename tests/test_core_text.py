"""Control characters never reach storage, and every export copes with whatever is stored."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from core.paperwork.letter import letter_docx
from core.paperwork.report import build, report_bytes
from core.profiles.profile import Profile, normalize_section
from core.profiles.workbook import profile_from_xlsx, profile_to_xlsx
from core.text import clean_text, integral_text

ROOT = Path(__file__).parent.parent
NASTY = "房租\x0b月\x0c付\x1b[31m_x000B_ok\x00\x7f\ud800"


def test_clean_text_drops_controls_and_excel_escapes_but_keeps_lines_and_tabs():
    assert clean_text(NASTY) == "房租月付[31mok"
    assert clean_text("a\r\nb\rc\td") == "a\nb\nc\td"
    assert clean_text("_x0041_ stays") == "_x0041_ stays"  # an escape of a printable letter is text


def test_integral_numbers_in_text_columns_read_as_digits():
    assert integral_text(13800000000.0) == "13800000000" and integral_text(2024.0) == "2024"
    assert integral_text(2.5) == "2.5" and integral_text("0123") == "0123"
    frame = pd.DataFrame(
        [{"name": 2024.0, "lender_type": "credit_card", "principal": 1000, "rate": 5, "note": 13800000000.0}]
    )
    clean, errors = normalize_section("debts", frame)
    assert errors == [] and clean.loc[0, "name"] == "2024" and clean.loc[0, "note"] == "13800000000"


def test_a_debt_named_by_a_number_in_excel_keeps_its_terms(tmp_path):
    from openpyxl import load_workbook

    profile = Profile(name="p")
    profile.sections["debts"], _ = normalize_section(
        "debts", pd.DataFrame([{"name": "2024", "principal": 1000, "rate": 5, "months": 12}])
    )
    profile.sections["scenarios"], _ = normalize_section("scenarios", pd.DataFrame([{"name": "s"}]))
    profile.sections["terms"], _ = normalize_section(
        "terms", pd.DataFrame([{"scenario": "s", "debt": "2024", "term": "extension", "months": 24}])
    )
    book = load_workbook(io.BytesIO(profile_to_xlsx(profile)))
    book["debts"]["A2"].value = 2024  # as Excel stores a name typed as digits
    book["terms"]["B2"].value = 2024
    out = io.BytesIO()
    book.save(out)
    back, errors = profile_from_xlsx(out.getvalue())
    assert errors == []
    assert back.section("debts").loc[0, "name"] == "2024" == back.section("terms").loc[0, "debt"]


def test_normalize_section_cleans_every_text_cell():
    frame = pd.DataFrame([{"category": NASTY, "amount": 10, "note": "a\x0bb"}], dtype=object)
    clean, errors = normalize_section("worksheet", frame)
    assert errors == []
    assert clean.loc[0, "category"] == "房租月付[31mok" and clean.loc[0, "note"] == "ab"


def _stored_as_is() -> Profile:
    """A profile holding control characters as an older version may have stored them."""
    profile = Profile(name="家\x0b庭")
    profile.sections["worksheet"] = pd.DataFrame(
        [{"category": "工资\x0c", "direction": "income", "kind": "fixed", "amount": 9000.0, "frequency": "monthly",
          "month": None, "note": "\x1b"}]
    )  # fmt: skip
    profile.sections["debts"] = pd.DataFrame(
        [{"name": "借\x0b呗", "lender": "蚂蚁\x0c", "lender_type": "online_lending", "principal": 5000.0, "rate": 18.0,
          "rate_unit": "annual", "method": "annuity", "months": 12, "note": "x\x1by"}]
    )  # fmt: skip
    profile.sections["scenarios"] = pd.DataFrame([{"name": "方\x0b案", "strategy": "savings"}])
    return profile


def test_every_export_copes_with_stored_control_characters():
    profile = _stored_as_is()
    book = profile_to_xlsx(profile)
    back, _ = profile_from_xlsx(book)
    assert back.name == "家庭" and back.section("debts").loc[0, "name"] == "借呗"
    data = build(profile, "zh", 0)
    assert zipfile.is_zipfile(io.BytesIO(report_bytes(data, "xlsx")))
    assert b"<html" in report_bytes(data, "html")[:2000].lower()
    assert zipfile.is_zipfile(io.BytesIO(letter_docx("标题\x0b\n\n正文\x0c第二段\x1b")))


def test_excel_escapes_in_a_workbook_are_cleaned_on_import_and_the_cli_report_works(tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(profile_to_xlsx(Profile(name="p"))))
    sheet = book["worksheet"]
    sheet.append(["工资_x000B_", "income", "fixed", 9000, "monthly", None, "note_x001B_"])
    out = io.BytesIO()
    book.save(out)
    profile, errors = profile_from_xlsx(out.getvalue())
    assert errors == [] and profile.section("worksheet").loc[0, "category"] == "工资"
    path = tmp_path / "p.xlsx"
    path.write_bytes(out.getvalue())
    for name in ("r.xlsx", "r.html"):
        result = subprocess.run(
            [sys.executable, "-m", "core", "report", str(path), "-o", str(tmp_path / name)],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("section", ["worksheet", "debts", "contacts"])
def test_text_past_its_limit_is_cut_with_a_reason(section):
    from core.profiles.profile import SCHEMAS

    column = next(c for c in SCHEMAS[section] if c.name == "note" or c.name == "said" or c.name == "name")
    row = {c.name: c.default for c in SCHEMAS[section]}
    row.update({"category": "c", "amount": 1, "name": "n", "principal": 1, "rate": 1, "when": "2026-01-01 10:00",
                "lender": "l"})  # fmt: skip
    row[column.name] = "长" * 30_000
    clean, errors = normalize_section(section, pd.DataFrame([row]))
    assert [e.code for e in errors] == ["err.text_too_long"]
    assert 0 < len(clean.loc[0, column.name]) < 30_000
