"""``python -m core import``: the JSON summary per format, mapped columns, profile rules, refusals."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from core.profiles.profile import Profile
from core.profiles.workbook import profile_to_xlsx
from tests.fixtures import make

ROOT = Path(__file__).parent.parent
KEYS = {"transactions", "total_income", "total_expense", "neutral", "months", "monthly_by_category", "errors"}


def run(*args):
    return subprocess.run([sys.executable, "-m", "core", "import", *args], cwd=ROOT, capture_output=True, text=True)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_alipay_json(tmp_path):
    result = run(write(tmp_path, "alipay.csv", make.alipay_csv()), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= KEYS
    assert data["transactions"] == 4 and data["neutral"] == 2 and data["months"] == 3
    assert data["total_income"] == 8000.0 and data["total_expense"] == 3376.5
    assert data["monthly_by_category"]["Salary"] == {"direction": "income", "monthly": 2666.67}
    assert data["errors"] == []


def test_xls_row_errors_are_listed_with_their_row(tmp_path):
    result = run(write(tmp_path, "bank.xls", make.bank_xls()), "--json")
    data = json.loads(result.stdout)
    assert data["total_income"] == 19000.0 and data["total_expense"] == 4034.5
    assert data["neutral"] == 1
    assert [e["row"] for e in data["errors"]] == [10]
    assert "2026-06-31" in data["errors"][0]["message"]


def test_budget_sheet_is_normalised_to_monthly(tmp_path):
    data = json.loads(run(write(tmp_path, "budget.xlsx", make.budget_xlsx()), "--json").stdout)
    assert data["kind"] == "budget" and data["transactions"] == 0
    assert data["total_income"] == 9000.0
    assert data["monthly_by_category"]["买菜"]["monthly"] == 1733.33  # 400 a week x 52 / 12
    assert data["total_expense"] == 2800.0 + 1733.33 + 300.0


def test_readable_summary_in_chinese(tmp_path):
    result = run(write(tmp_path, "bank.csv", make.bank_signed_csv()), "--lang", "zh")
    assert result.returncode == 0
    assert "收入合计: ¥24,000.00" in result.stdout and "工资" in result.stdout


def test_unrecognised_layout_needs_columns_then_reads_with_them(tmp_path):
    path = write(tmp_path, "odd.csv", make.unknown_csv())
    refused = run(path, "--json")
    assert refused.returncode == 2 and "--date-col" in refused.stderr and "How much" in refused.stderr
    mapped = run(path, "--date-col", "When", "--amount-col", "How much", "--description-col", "What", "--json")
    data = json.loads(mapped.stdout)
    # An English file that names no currency is not taken for yuan unasked.
    assert not data["ready"] and data["questions"] == [{"file": "odd.csv", "question": "currency"}]
    mapped = run(path, "--date-col", "When", "--amount-col", "How much", "--description-col", "What", "--currency",
                 "CNY", "--json")  # fmt: skip
    data = json.loads(mapped.stdout)
    assert data["ready"] and data["total_income"] == 100.0 and data["total_expense"] == 3.5


def test_profile_rules_are_used(tmp_path):
    rules = pd.DataFrame([{"keyword": "超市", "category": "家用"}])
    profile = write(tmp_path, "p.xlsx", profile_to_xlsx(Profile("p", {"rules": rules})))
    data = json.loads(run(write(tmp_path, "bank.csv", make.bank_signed_csv()), "--profile", profile, "--json").stdout)
    assert data["monthly_by_category"]["家用"]["direction"] == "expense"


@pytest.mark.parametrize(
    "name,maker,fragment",
    [
        ("bomb.xlsx", make.zip_bomb_xlsx, "abnormal size"),
        ("lol.xlsx", make.xml_bomb_xlsx, "XML"),
        ("locked.xlsx", make.encrypted_xlsx, "password"),
        ("empty.csv", lambda: b"", "empty"),
        ("photo.csv", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "not a spreadsheet"),
    ],
)
def test_refused_files_exit_2_with_one_line(tmp_path, name, maker, fragment):
    result = run(write(tmp_path, name, maker()))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert fragment.lower() in result.stderr.lower()


def test_missing_file_exit_2():
    result = run("/no/such/statement.csv")
    assert result.returncode == 2 and "No such file" in result.stderr


def test_an_import_with_no_readable_row_exits_2_with_the_first_reasons(tmp_path):
    result = run(write(tmp_path, "bad.csv", "日期,摘要,金额\n昨天,超市,-1\n".encode()), "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert "row 2" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cmb_statement_with_a_time_column(tmp_path):
    result = run(write(tmp_path, "cmb.csv", make.cmb_csv()), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["transactions"] == 4 and data["months"] == 2 and data["errors"] == []


def test_a_locked_zip_with_and_without_its_password(tmp_path):
    from tests.test_core_imports_archive import PASSWORD, aes

    path = write(tmp_path, "支付宝账单.zip", aes({"alipay.csv": make.alipay_csv()}))
    result = run(path, "--json", "--password", PASSWORD)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total_expense"] == 3376.5
    locked = run(path, "--json")
    assert locked.returncode != 0 and "locked" in locked.stderr and "--password" in locked.stderr
    wrong = run(path, "--password", "000000")
    assert wrong.returncode != 0 and "not the zip file's password" in wrong.stderr
