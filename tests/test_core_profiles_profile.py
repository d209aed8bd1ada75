"""Profiles: normalisation, the SQLite store, the XLSX round trip, formula-safe export, edits."""

import io

import openpyxl
import pandas as pd

from core.profiles.profile import MAX_ROWS, SCHEMAS, Profile, normalize_section
from core.profiles.workbook import profile_from_xlsx, profile_to_xlsx


def test_normalize_collects_errors_by_row():
    frame = pd.DataFrame(
        [
            {"name": "x", "lender_type": "credit_card", "principal": -5, "rate": "abc"},
            {"name": "", "principal": None},
            {"name": "y", "lender_type": "credit_card", "principal": 100, "rate": 5, "method": "magic"},
        ]
    )
    clean, errors = normalize_section("debts", frame)
    assert {(e.row, e.field) for e in errors} == {(1, "principal"), (1, "rate"), (3, "method")}
    assert len(clean) == 2  # the blank row is dropped, the others kept


def _debts(n):
    return pd.DataFrame(
        [
            {"name": f"d{i}", "lender_type": "online_lending", "principal": 1000, "rate": 5, "months": 12}
            for i in range(n)
        ]
    )


def test_a_profile_past_a_cap_is_refused_with_the_reason(tmp_path):
    import subprocess
    import sys

    import pytest

    from core.imports import RefusedFile

    cap = MAX_ROWS["debts"]
    clean, errors = normalize_section("debts", _debts(cap))
    assert errors == [] and len(clean) == cap
    _, errors = normalize_section("debts", _debts(cap + 1))
    assert [e.code for e in errors] == ["err.section_full"]
    assert str(cap) in errors[0].message("en") and "债务" in errors[0].message("zh")
    profile = Profile(name="big", sections={"debts": clean})
    book = openpyxl.load_workbook(io.BytesIO(profile_to_xlsx(profile)))
    book["debts"].append(["one too many", None, "online_lending", 1000, 5])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(RefusedFile) as refused:
        profile_from_xlsx(out.getvalue())
    assert refused.value.code == "refuse.profile_limit" and f"{cap:,}" in refused.value.message("en")
    path = tmp_path / "big.xlsx"
    path.write_bytes(out.getvalue())
    result = subprocess.run(
        [sys.executable, "-m", "core", "simulate", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_every_section_has_a_cap():

    assert set(MAX_ROWS) == set(SCHEMAS)


def test_unique_name():
    from core.profiles.profile import unique_name

    assert unique_name("方案", set()) == "方案"
    assert unique_name("方案", {"方案", "方案 (2)"}) == "方案 (3)"


def test_a_blank_choice_is_read_from_the_rows_words():
    sheet, errors = normalize_section("worksheet", pd.DataFrame([
        {"category": "工资", "amount": 8000},
        {"category": "Salary from ACME", "amount": 3000},
        {"category": "房租", "amount": 3000},
        {"category": "奖金", "amount": 100, "direction": "expense"},  # what the user chose stays
    ]))  # fmt: skip
    assert errors == [] and sheet["direction"].tolist() == ["income", "income", "expense", "expense"]
    debts, _ = normalize_section("debts", pd.DataFrame([
        {"name": "招行信用卡", "principal": 1, "rate": 1, "months": 1},
        {"name": "借呗", "principal": 1, "rate": 1, "months": 1},
        {"name": "房贷", "principal": 1, "rate": 1, "months": 1},
        {"name": "X", "lender": "工商银行", "principal": 1, "rate": 1, "months": 1},
        {"name": "朋友老王", "principal": 1, "rate": 1, "months": 1},
        {"name": "something", "principal": 1, "rate": 1, "months": 1},
        {"name": "信用卡", "lender_type": "bank_consumer", "principal": 1, "rate": 1, "months": 1},
    ]))  # fmt: skip
    assert debts["lender_type"].tolist() == ["credit_card", "online_lending", "mortgage", "bank_consumer",
                                             "private_loan", "online_lending", "bank_consumer"]  # fmt: skip


def test_spending_and_its_kind_are_read_from_the_words_and_an_unclear_row_is_marked():
    sheet, errors = normalize_section("worksheet", pd.DataFrame([
        {"category": "吃饭", "amount": 1500},
        {"category": "话费", "amount": 100},
        {"category": "Groceries", "amount": 600},
        {"category": "Help from parents", "amount": 500},  # "rent" inside "parents" is no rent
        {"category": "房租补贴", "amount": 800},  # rent and an allowance: the words say both
        {"category": "奖品", "amount": 200, "kind": "variable"},
    ]))  # fmt: skip
    assert sheet["direction"].tolist() == ["expense"] * 6  # the unclear ones: the column's default
    assert sheet["kind"].tolist() == ["variable", "fixed", "variable", "fixed", "fixed", "variable"]
    assumed = [(e.row, e.code) for e in errors]
    assert assumed == [(4, "err.assumed.direction"), (5, "err.assumed.direction"), (6, "err.assumed.direction")]
    assert "recorded as spending" in errors[0].message("en") and "暂按支出记录" in errors[0].message("zh")
    _, errors = normalize_section("debts", pd.DataFrame([{"name": "美团月付", "principal": 1, "rate": 1, "months": 1}]))
    assert [e.code for e in errors] == ["err.assumed.lender_type"]


def test_a_row_holding_only_the_columns_defaults_is_empty_but_one_choice_of_ones_own_is_kept():
    from core.profiles.profile import blank_row

    clicked = {"lender_type": "online_lending", "rate_unit": "annual", "method": "annuity", "upfront_fee": "0.00",
               "min_payment_pct": "10", "days_overdue": 0}  # fmt: skip
    assert blank_row("debts", clicked)
    assert not blank_row("debts", {**clicked, "lender_type": "credit_card"})
    assert not blank_row("debts", {**clicked, "name": "借呗"})
    assert not blank_row("worksheet", {"direction": "expense", "amount": "-5000"})  # a refused value is not nothing
