"""The big banks' own layouts (ICBC, CCB, ABC, BOC, BoCom, CMB debit and credit card): each
recognised by its header row, every yuan read with the right sign, by hand."""

import pytest

from core.imports import read_statement
from core.imports.banks import direction_sign
from tests.fixtures import banks, make

# (file, its name, source, income, spending counted, repayments of credit, lender, months)
CASES = [
    (banks.icbc_csv, "historydetail.csv", "icbc", 880_000, 304_550, 123_456, "", 1),
    (banks.ccb_xls, "交易明细_6217_20260301_20260331.xls", "ccb", 760_000, 258_800, 200_000, "建行信用卡", 1),
    (banks.abc_xlsx, "明细.xlsx", "abc", 690_000, 226_660, 150_000, "", 1),
    (banks.boc_csv, "交易流水.csv", "boc", 920_000, 311_350, 80_000, "信用卡", 1),
    (banks.bocom_xlsx, "交行明细.xlsx", "bocom", 810_000, 282_000, 90_000, "交行信用卡", 1),
    (make.cmb_csv, "cmbchina.csv", "cmb", 1_700_000, 263_550, 0, None, 2),
]


@pytest.mark.parametrize(("maker", "name", "source", "income", "spent", "repaid", "lender", "months"), CASES)
def test_each_bank_layout_to_the_cent(maker, name, source, income, spent, repaid, lender, months):
    r = read_statement(name, maker())
    assert (r.kind, r.source) == ("statement", source)
    assert r.errors == []
    assert (r.total_income, r.total_expense, r.months) == (income, spent, months)
    if repaid:
        assert r.debt_service() == [(lender, repaid // months, 1)]  # kept out of the spending
    else:
        assert r.debt_service() == []


def test_bank_words_are_categorised():
    by = read_statement("交行明细.xlsx", banks.bocom_xlsx()).monthly_by_category()
    assert by == {"工资": ("income", 810_000), "房租/物业": ("expense", 270_000),
                  "水电燃气/通讯": ("expense", 12_000)}  # fmt: skip
    by = read_statement("明细.xlsx", banks.abc_xlsx()).monthly_by_category()
    assert by["交通"] == ("expense", 6_660) and by["房租/物业"] == ("expense", 220_000)


def test_a_credit_card_statement_positive_is_spending_and_dates_take_the_title_year():
    r = read_statement("招行信用卡.csv", banks.cmb_credit_csv())
    assert r.source == "cmb_credit" and r.errors == []
    assert [tx.date.isoformat() for tx in r.transactions] == ["2025-12-29", "2025-12-30", "2026-01-03", "2026-01-05"]
    assert [tx.amount for tx in r.transactions] == [300_000, -5_800, -30_000, 2_000]
    assert r.total_expense == 33_800  # 58 + 300 - 20 refunded: the repayment of the card is not spending
    assert r.total_income == 0  # a refund lowers spending; it is never income
    refund = next(tx for tx in r.transactions if "退款" in tx.description)
    assert refund.refund and refund.neutral is None
    assert next(tx for tx in r.transactions if "还款" in tx.description).neutral == "debt"


def test_an_unreadable_debit_credit_mark_is_a_row_error_not_a_guess():
    data = banks.bocom_xlsx()
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    book.active["E3"] = "?"
    out = io.BytesIO()
    book.save(out)
    r = read_statement("交行明细.xlsx", out.getvalue())
    assert [(e.row, e.field) for e in r.errors] == [(3, "direction")]
    assert r.total_expense == 12_000  # the rent row is left out, and said as an error


def test_direction_words():
    assert direction_sign("借 Dr") == -1 and direction_sign("贷 Cr") == 1
    assert direction_sign("借") == -1 and direction_sign("CR") == 1 and direction_sign("支出") == -1
    assert direction_sign("") is None and direction_sign("?") is None


# (file, source, spending counted, money in counted, repayments into the card, months)
CARDS = [
    (banks.icbc_credit_csv, "icbc_credit", 25_035, 0, 462_101, 1),
    (banks.boc_credit_csv, "boc_credit", 11_819, 0, 100_000, 1),
    (banks.bocom_credit_csv, "bocom_credit", 5_373 - 2_318, 0, 66_660, 1),  # 退货: a refund, less spending
]


@pytest.mark.parametrize(("maker", "source", "spent", "money_in", "repaid", "months"), CARDS)
def test_credit_card_statements_spending_out_repayments_not_income(maker, source, spent, money_in, repaid, months):
    r = read_statement("card.csv", maker())
    assert (r.source, r.errors) == (source, [])
    assert (r.total_expense, r.total_income, r.months) == (spent, money_in, months)
    repayments = [tx for tx in r.transactions if tx.neutral == "debt"]
    assert [tx.amount for tx in repayments] == [repaid]  # money into the card: not income, not spending
