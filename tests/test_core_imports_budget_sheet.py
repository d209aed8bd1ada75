"""Budget sheets: one row a category, read into worksheet rows."""

from core.imports import read_statement
from tests.fixtures import make


def test_budget_sheet_becomes_worksheet_rows():
    r = read_statement("budget.xlsx", make.budget_xlsx())
    assert r.kind == "budget"
    rows = {row["category"]: row for row in r.worksheet_rows()}
    assert rows["工资"]["direction"] == "income"
    assert rows["买菜"]["frequency"] == "weekly" and rows["车险"]["frequency"] == "yearly"
