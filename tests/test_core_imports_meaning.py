"""What a statement's rows mean across the file (core/imports/meaning.py): which way round
its money is, a card's money in, refunds counted once, the holder's own moves, the
months it covers in part. Every figure by hand from the fixture's docstring."""

import datetime as dt

import pytest

from core.imports import read_statement
from core.imports.meaning import (
    card_title,
    holder_names,
    is_card_by_rows,
    money_in_sign,
    mostly_positive,
    partial_months,
    statement_currency,
)
from core.imports.result import Choices, Partial
from tests.fixtures import hard


# --- which way round ------------------------------------------------------------------
def test_a_card_statement_no_layout_knows_is_read_as_a_card_by_its_title():
    r = read_statement("账单.csv", hard.card_titled_csv())
    assert (r.source, r.card, r.direction_unsure) == ("bank", True, False)
    assert r.total_income == 0  # charges are spending, never income
    assert r.total_expense == 26_800 + 150_000 + 8_990 - 8_990 - 880  # the return and the cash back lower it
    assert r.total_expense == 175_920
    assert r.debt_service() == [("华夏信用卡", 300_000, 1)]  # 还款 repays the card
    cash_back = next(tx for tx in r.transactions if "返现" in tx.description)
    assert cash_back.refund and cash_back.neutral is None and cash_back.category == "其他"  # not "other income"


def test_a_card_statement_with_no_title_is_known_by_its_refunds_and_repayments():
    r = read_statement("card.csv", hard.card_rows_only_csv())
    assert r.card and not r.direction_unsure
    assert (r.total_income, r.total_expense) == (0, 4_500 + 32_000 + 6_000 - 6_000)
    assert r.debt_service() == [("信用卡", 100_000, 1)]


def test_a_file_that_never_says_which_way_round_is_asked_and_read_as_the_user_says():
    r = read_statement("流水.csv", hard.unsure_direction_csv())
    assert r.direction_unsure  # asked, never guessed silently
    assert [(d.isoformat(), cents) for d, cents, _ in r.first_rows] == [
        ("2026-06-01", 120_000), ("2026-06-04", 3_500), ("2026-06-09", 26_000), ("2026-06-21", 1_850)]  # fmt: skip
    out = read_statement("流水.csv", hard.unsure_direction_csv(), choices=Choices(money_out="positive"))
    assert (out.total_income, out.total_expense) == (0, 151_350)
    assert [cents for _, cents, _ in out.first_rows] == [120_000, 3_500, 26_000, 1_850]  # as the file writes them
    kept = read_statement("流水.csv", hard.unsure_direction_csv(), choices=Choices(money_out="negative"))
    assert (kept.total_income, kept.total_expense) == (151_350, 0)


def test_direction_rules():
    refunds_negative = [(2_000, "超市"), (-500, "退款 超市"), (300, "餐厅")]
    assert money_in_sign(refunds_negative, card=False) == -1
    assert money_in_sign([(-2_000, "超市"), (500, "退货 超市")], card=False) == 1
    assert money_in_sign([(2_000, "超市"), (-9_000, "还款")], card=False) is None  # 还款 says it only on a card
    assert money_in_sign([(2_000, "超市"), (-9_000, "还款")], card=True) == -1
    assert money_in_sign([(-500, "退款"), (500, "退款")], card=False) is None  # the refunds disagree
    assert mostly_positive([(1, ""), (2, ""), (3, ""), (-1, "")]) and not mostly_positive([(1, ""), (-2, "")])
    assert is_card_by_rows([(5_000, "超市"), (-100, "退款"), (-9_000, "还款")], -1)
    assert not is_card_by_rows([(5_000, "超市"), (-100, "退款"), (9_000, "还款")], -1)
    rows = [["中信银行信用卡 本期账单明细(人民币)"], ["交易日期", "金额"]]
    assert card_title(rows, 1) and not card_title([["个人活期明细"], ["交易日期"]], 1)
    assert card_title([["交易日期"]], 0, name="信用卡账单.csv")


# --- a card's money in --------------------------------------------------------------------
def test_a_cards_deposits_are_never_income():
    r = read_statement("中行信用卡.csv", hard.boc_card_deposits_csv())
    assert r.source == "boc_credit" and r.total_income == 0
    assert r.total_expense == 155_800 - 43_000 == 112_800
    assert r.debt_service() == [("中行信用卡", 200_000, 1)]  # the holder's transfer in repays the card
    refunds = [tx for tx in r.transactions if tx.refund]
    assert len(refunds) == 4 and all(tx.neutral is None for tx in refunds)
    assert "其他收入" not in r.monthly_by_category()


# --- refunds counted once -------------------------------------------------------------------
def test_wechat_refunds_are_one_event_with_their_purchase():
    r = read_statement("微信支付账单.xlsx", hard.wechat_refunds_xlsx())
    assert r.total_income == 0
    assert r.total_expense == 12_000 - 2_000 + 6_000 - 1_500 + 3_500 == 18_000
    full = [tx for tx in r.transactions if "外卖" in tx.description]
    assert len(full) == 2 and all(tx.neutral in ("closed", "refunded") for tx in full)  # set aside together
    book = next(tx for tx in r.transactions if "书店" in tx.description)
    assert book.amount == -4_500 and book.note == "-15.00"  # its refund row is not in the file
    assert r.refunds_netted == 3


def test_alipay_refunds_filed_as_neutral():
    r = read_statement("alipay.csv", hard.alipay_refunds_csv())
    assert r.total_expense == 15_000 - 5_000 + 2_500 == 12_500
    by_ref = {tx.ref: tx for tx in r.transactions}
    assert (by_ref["P1"].neutral, by_ref["P1_R"].neutral) == ("closed", "refunded")
    assert by_ref["P2_R"].neutral is None and by_ref["P2_R"].refund  # lowers its purchase
    assert by_ref["P0_R"].neutral == "flag"  # bought before the statement: stays out, as the file marks it


# --- own money ----------------------------------------------------------------------------
def test_moves_to_and_from_the_holders_own_name_are_left_out():
    r = read_statement("明细.csv", hard.own_moves_csv())
    assert r.holder == ["张三"]
    assert [tx.row for tx in r.transactions if tx.neutral == "holder"] == [6, 8, 9]
    assert (r.total_income, r.total_expense) == (900_000, 250_000 + 40_000)
    assert r.debt_service() == [("信用卡", 120_000, 1)]  # paying his own card is debt service
    counted = r.with_own_counted()  # the user says they were not his own
    assert (counted.total_income, counted.total_expense) == (980_000, 290_000 + 530_000)


def test_the_profiles_name_marks_own_moves_in_a_file_that_names_no_holder():
    data = hard.own_moves_csv().decode("gb18030").replace("户名：张三,", "").encode("gb18030")
    assert read_statement("明细.csv", data).holder == []
    r = read_statement("明细.csv", data, holder=["张三"])
    assert [tx.row for tx in r.transactions if tx.neutral == "holder"] == [6, 8, 9]


def test_holder_names_from_the_lines_above_the_header():
    assert holder_names([["户名：张三  账号：6222"], ["日期"]], 1) == ["张三"]
    assert holder_names([["账户户名", "王小明"], ["日期"]], 1) == ["王小明"]  # label and value in two cells
    assert holder_names([["持卡人: 李四"], ["姓名：张*"], ["微信昵称：[阿明]"], ["日期"]], 3) == ["李四"]
    assert holder_names([["户名", "6222001234"], ["日期"]], 1) == []


# --- months covered in part, currency -----------------------------------------------------------
def test_months_a_statement_covers_only_in_part():
    r = read_statement("流水.csv", hard.partial_month_csv())
    assert r.partial == [Partial(2026 * 12, 20, 31, 31), Partial(2026 * 12 + 2, 1, 10, 31)]
    stated = (dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    assert partial_months([dt.date(2026, 1, 2), dt.date(2026, 2, 27)], stated) == []  # the header says whole months
    assert partial_months([dt.date(2026, 3, 18)], (dt.date(2026, 3, 18), dt.date(2026, 4, 17))) == [
        Partial(2026 * 12 + 2, 18, 31, 31), Partial(2026 * 12 + 3, 1, 17, 30)]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "preamble", "cells", "currency", "said"),
    [
        (["Date", "Amount (USD)"], [], ["12.00"], "USD", True),
        (["日期", "金额"], [["币种：美元"]], ["12.00"], "USD", True),
        (["日期", "金额"], [["卡内账户", "002 活期储蓄存款 港币 现汇"]], ["12.00"], "HKD", True),
        (["Date", "Amount"], [], ["€12.00"], "EUR", True),
        (["日期", "金额"], [], ["12.00"], "CNY", False),  # a Chinese statement that says none: yuan
        (["Date", "Amount"], [], ["12.00"], "", False),  # a foreign one that says none: asked
    ],
)
def test_a_statements_currency(header, preamble, cells, currency, said):
    rows = [*preamble, header]
    assert statement_currency(header, rows, len(preamble), cells, []) == (currency, said)


# --- found in review: evidence that contradicts itself, words that are not a card's ----------
def test_insurance_against_a_return_is_a_purchase_not_evidence_of_direction():
    data = "日期,说明,金额\n2026-03-01,工资,8000.00\n2026-03-02,美团,-35.00\n2026-03-03,淘宝退货运费险,-2.00\n" \
           "2026-03-05,房租,-3000.00\n"  # fmt: skip
    r = read_statement("x.csv", data.encode())
    assert not r.direction_unsure and (r.total_income, r.total_expense) == (800_000, 303_700)


def test_rows_that_say_both_ways_are_asked_about():
    data = "日期,说明,金额\n2026-03-01,工资,8000.00\n2026-03-02,退款 某店,-35.00\n2026-03-05,房租,3000.00\n"
    assert read_statement("x.csv", data.encode()).direction_unsure  # the salary and the refund disagree


@pytest.mark.parametrize(("name", "title"), [("1月账单.csv", ""), ("x.csv", "某银行活期账户对账单\n")])
def test_an_account_statement_called_a_bill_is_not_a_card(name, title):
    data = f"{title}日期,说明,金额\n2026-01-05,代发工资,9000.00\n2026-01-06,房租,-3000.00\n".encode()
    r = read_statement(name, data)
    assert not r.card and (r.total_income, r.total_expense) == (900_000, 300_000) and r.debt_service() == []


def test_a_salary_says_it_is_an_account_even_under_a_card_title():
    data = "信用卡还款提醒\n日期,说明,金额\n2026-01-05,代发工资,9000.00\n2026-01-06,房租,-3000.00\n".encode()
    assert not read_statement("x.csv", data).card


def test_the_next_label_is_not_the_holders_name():
    assert holder_names([["户名", "", "账号", "6222****1234"], ["日期"]], 1) == []
    assert holder_names([["户名：", "账号："], ["日期"]], 1) == []


def test_a_purchase_refunded_in_two_parts_takes_both():
    from tests.test_core_imports_counting import alipay

    data = alipay([
        ["2026-05-08 09:00:00", "日用百货", "某某超市", "日用品", "支出", "150.00"],
        ["2026-05-09 09:30:00", "退款", "某某超市", "退款-日用品", "不计收支", "20.00"],
        ["2026-05-10 09:30:00", "退款", "某某超市", "退款-日用品", "不计收支", "30.00"],
    ])  # fmt: skip
    r = read_statement("alipay.csv", data)
    assert r.total_expense == 10_000 and r.refunds_netted == 2
