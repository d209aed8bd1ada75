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
    # issue 23: more banks, each after its real export's header row
    (banks.spdb_xls, "浦发明细.xls", "spdb", 730_000, 238_880, 60_000, "浦发信用卡", 1),
    (banks.cib_xlsx, "兴业交易明细.xlsx", "cib", 640_000, 215_990, 70_000, "兴业", 1),  # the reversal nets out
    (banks.pingan_xlsx, "平安流水.xlsx", "pingan", 500_000, 194_550, 100_000, "平安信用卡", 1),
    (banks.ceb_xls, "中国光大银行账户明细查询清单.xls", "ceb", 660_000, 243_600, 50_000, "光大信用卡", 1),
    (banks.psbc_xlsx, "邮储明细.xlsx", "psbc", 580_000, 187_500, 70_000, "邮储", 1),
    (banks.cmbc_pdf, "民生对账单.pdf", "cmbc", 880_000, 304_550, 123_456, "信用卡", 1),
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


# issue 23: card statements read with their signs reversed before, and those sent by e-mail.
# (file, its name, source, spending counted, the repayment into the card)
MORE_CARDS = [
    (banks.citic_credit_xls, "已出账单明细.xls", "citic_credit", 56_00 + 362_50 + 1_299_00 - 299_00, 5_000_00),
    (banks.cgb_credit_csv, "广发信用卡.csv", "cgb_credit", 15_90 + 320_00, 1_130_68),
    (banks.ccb_credit_eml, "中国建设银行信用卡电子对账单.eml", "ccb_credit", 3_874_90, 12_252_90),
    (banks.abc_credit_eml, "金穗信用卡电子对账单.eml", "abc_credit", 45_00 + 1_280_00 - 100_00, 2_000_00),
]


@pytest.mark.parametrize(("maker", "name", "source", "spent", "repaid"), MORE_CARDS)
def test_more_card_statements_charges_are_spending_and_nothing_is_income(maker, name, source, spent, repaid):
    r = read_statement(name, maker())
    assert (r.source, r.errors, r.card) == (source, [], True)
    assert (r.total_expense, r.total_income, r.months) == (spent, 0, 1)
    assert [tx.amount for tx in r.transactions if tx.neutral == "debt"] == [repaid]
    assert all(tx.neutral is None for tx in r.transactions if tx.refund)  # refunds lower spending


def test_a_foreign_purchase_on_a_card_counts_its_settled_yuan():
    r = read_statement("已出账单明细.xls", banks.citic_credit_xls())
    amazon = next(tx for tx in r.transactions if "AMAZON" in tx.description)
    assert (amazon.amount, amazon.neutral, r.currency) == (-36_250, None, "CNY")


def test_a_reversal_in_the_money_out_column_is_money_back():
    r = read_statement("兴业交易明细.xlsx", banks.cib_xlsx())
    reversal = next(tx for tx in r.transactions if "冲账" in tx.description)
    assert reversal.amount == 12_000 and reversal.refund and reversal.neutral is None
    assert r.holder == ["王小明"] and r.currency == "CNY"
    assert read_statement("兴业交易明细.xlsx", banks.cib_xlsx("港币")).currency == "HKD"


def test_the_counterparty_is_the_payee_of_money_out_and_the_payer_of_money_in():
    r = read_statement("平安流水.xlsx", banks.pingan_xlsx())
    assert [tx.party for tx in r.transactions] == [
        "某某有限公司",
        "郑房东",
        "北京三快在线科技有限公司",
        "平安银行信用卡中心",
    ]
    assert r.transactions[2].category == "餐饮/买菜"  # 快捷支付 to 三快 (美团), by the counterparty
