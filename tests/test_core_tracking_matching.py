"""Repayments found in a statement, matched to the lenders with an agreement: by the
lender's name, then the amount due; a payment to another lender is not matched, a row
naming no lender is asked about, and the same money is never counted twice — not when the
statement is read again, not when the payment was already typed by hand."""

import datetime as dt

import pandas as pd

from core.household.loader import load
from core.imports import read_statement
from core.imports.result import ImportResult, Transaction
from core.profiles.profile import normalize_section
from core.tracking.matching import match, repayments
from core.tracking.payments import payment_row, with_rows
from tests.fixtures.tracking import AGREED, DEBTS, PAYMENTS, household
from tests.fixtures.workspace import make_profile

HEAD = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注\n"
ROWS = [
    "2027-05-09 10:00:00,信用借还,蚂蚁借呗,,借呗还款,不计收支,1000.00,余额,还款成功,T1,,",
    "2027-05-10 10:00:00,信用借还,花呗,,花呗还款,不计收支,1000.00,余额,还款成功,T2,,",  # another lender, same amount
    "2027-05-20 10:00:00,信用借还,招商银行,,招商银行信用卡还款,不计收支,500.00,余额,还款成功,T3,,",
    "2027-05-12 10:00:00,餐饮美食,美团外卖,,午餐,支出,36.50,余额,交易成功,T4,,",
    "2027-05-01 10:00:00,收入,某某公司,,5月工资,收入,8000.00,,交易成功,T5,,",
]
THIRD = {"debt": "招行消费贷", "payment": 800, "months": 40, "agreed_on": "2026-12-20"}


def alipay(rows=ROWS) -> ImportResult:
    return read_statement("alipay.csv", (HEAD + "\n".join(rows) + "\n").encode("gbk"))


def by_description(candidates):
    return {c.description: c for c in candidates}


def test_repayments_are_matched_by_the_lenders_name_not_by_the_amount():
    found = by_description(match(household(), alipay()))
    assert set(found) == {"蚂蚁借呗 借呗还款", "花呗 花呗还款", "招商银行 招商银行信用卡还款"}  # debt service only
    assert (found["蚂蚁借呗 借呗还款"].status, found["蚂蚁借呗 借呗还款"].debt) == ("new", "借呗")
    assert found["蚂蚁借呗 借呗还款"].amount == 100_000
    # 花呗 is not 借呗, though the amount is 借呗's: not matched, not offered.
    assert (found["花呗 花呗还款"].status, found["花呗 花呗还款"].debt) == ("untracked", None)
    assert (found["招商银行 招商银行信用卡还款"].status, found["招商银行 招商银行信用卡还款"].debt) == (
        "new",
        "招行信用卡",
    )


def test_two_debts_of_one_bank_are_told_apart_by_the_card_then_the_amount_else_asked():
    h = household(agreed=[*AGREED, THIRD])
    tx = [
        Transaction(1, dt.date(2027, 5, 20), -50_000, "招商银行信用卡还款", "", neutral="debt"),
        Transaction(2, dt.date(2027, 5, 5), -80_000, "招商银行 贷款扣款", "", neutral="debt"),
        Transaction(3, dt.date(2027, 5, 6), -12_300, "招商银行 还款", "", neutral="debt"),
        Transaction(4, dt.date(2027, 5, 7), -50_000, "贷款还款", "", neutral="debt"),
    ]
    found = match(h, ImportResult("statement", "bank", transactions=tx))
    assert [(c.status, c.debt) for c in found[:2]] == [("new", "招行信用卡"), ("new", "招行消费贷")]
    assert (found[2].status, found[2].choices) == ("ask", ["招行信用卡", "招行消费贷"])  # 招行, 123: either
    assert (found[3].status, found[3].debt, found[3].choices) == ("ask", None, ["借呗", "招行信用卡", "招行消费贷"])


def test_a_card_statements_own_repayments_repay_that_card():
    tx = [Transaction(1, dt.date(2027, 5, 19), 50_000, "还款 谢谢", "", neutral="debt", card=True, lender="招行信用卡")]
    (found,) = match(household(), ImportResult("statement", "bank", transactions=tx, card=True, lender="招行信用卡"))
    assert (found.status, found.debt) == ("new", "招行信用卡")


def test_the_same_statement_read_again_adds_nothing():
    h = household()
    first = [c for c in match(h, alipay()) if c.status == "new"]
    rows = [payment_row(c.debt, c.date, c.amount, "statement", c.ref) for c in first]
    frame = with_rows(normalize_section("payments", pd.DataFrame(PAYMENTS))[0], rows)
    assert len(frame) == len(PAYMENTS) + 2
    assert len(with_rows(frame, rows)) == len(frame)  # the same rows again: nothing added
    again = household(payments=[dict(r, amount=str(r["amount"])) for r in frame.to_dict("records")])
    found = by_description(match(again, alipay()))
    assert found["蚂蚁借呗 借呗还款"].status == "recorded" and found["招商银行 招商银行信用卡还款"].status == "recorded"


def test_a_payment_typed_by_hand_is_confirmed_not_counted_again():
    typed = [*PAYMENTS, {"debt": "借呗", "date": "2027-05-07", "amount": 1_000}]  # 2 days before the statement's
    h = household(payments=typed)
    found = by_description(match(h, alipay()))
    assert (found["蚂蚁借呗 借呗还款"].status, found["蚂蚁借呗 借呗还款"].same_as) == ("same", len(typed))
    # Two statement rows of the same money and one typed payment: the second row is new.
    twice = alipay([ROWS[0], ROWS[0].replace("T1", "T9")])
    assert [c.status for c in match(h, twice)] == ["same", "new"]


def test_a_repayment_long_before_the_agreement_is_not_offered():
    old = ["2026-09-09 10:00:00,信用借还,蚂蚁借呗,,借呗还款,不计收支,1000.00,余额,还款成功,T0,,"]
    (found,) = match(household(), alipay(old))
    assert (found.status, found.debt) == ("outside", "借呗")


def test_a_debt_sold_on_is_matched_by_who_holds_it_now():
    sold = [dict(AGREED[0], holder="某资产管理公司"), AGREED[1]]
    row = ["2027-05-09 10:00:00,转账,某资产管理公司,,还款,不计收支,1000.00,余额,交易成功,T7,,"]
    result = alipay(row)
    assert repayments(result), "the importer reads a repayment to a collector as debt service"
    (found,) = match(household(agreed=sold), result)
    assert (found.status, found.debt) == ("new", "借呗")


def test_debts_without_an_agreement_are_not_offered():
    h, _ = load(make_profile(debts=DEBTS))
    unnamed = ["2027-05-07 10:00:00,信用借还,,,贷款还款,不计收支,500.00,余额,还款成功,T8,,"]
    assert {c.status for c in match(h, alipay([*ROWS, *unnamed]))} == {"untracked"}


def test_a_row_naming_no_lender_once_given_to_a_debt_is_not_asked_about_again():
    unnamed = ["2027-05-07 10:00:00,信用借还,,,贷款还款,不计收支,500.00,余额,还款成功,T8,,"]
    (asked,) = match(household(), alipay(unnamed))
    assert asked.status == "ask"
    given = [*PAYMENTS, payment_row("招行信用卡", asked.date, asked.amount, "statement", asked.ref)]
    (again,) = match(household(payments=[dict(r, amount=str(r["amount"])) for r in given]), alipay(unnamed))
    assert (again.status, again.debt) == ("recorded", "招行信用卡")


def test_paid_as_agreed_ticked_days_later_is_the_same_money_as_the_statements_row():
    """Paid on the 9th, "paid as agreed" ticked on the 17th: the statement's row confirms it."""
    ticked = [*PAYMENTS, {"debt": "借呗", "date": "2027-05-17", "amount": 1_000, "source": "as_agreed"}]
    found = by_description(match(household(payments=ticked), alipay()))
    assert (found["蚂蚁借呗 借呗还款"].status, found["蚂蚁借呗 借呗还款"].same_as) == ("same", len(ticked))
    typed = [*PAYMENTS, {"debt": "借呗", "date": "2027-05-17", "amount": 1_000, "source": "by_hand"}]
    assert (
        by_description(match(household(payments=typed), alipay()))["蚂蚁借呗 借呗还款"].status == "new"
    )  # a date typed is meant


def test_the_same_repayment_in_another_statement_is_recorded_already():
    """Recorded from the Alipay bill; the bank's statement shows the same ¥1,000 to 借呗 the next day."""
    from_alipay = [
        *PAYMENTS,
        {"debt": "借呗", "date": "2027-05-09", "amount": 1_000, "source": "statement", "ref": "st:ali"},
    ]
    tx = [Transaction(1, dt.date(2027, 5, 10), -100_000, "支付宝-蚂蚁借呗还款", "", neutral="debt")]
    (found,) = match(household(payments=from_alipay), ImportResult("statement", "bank", transactions=tx))
    assert (found.status, found.debt, found.same_as) == ("recorded", "借呗", len(from_alipay))


def test_a_row_given_to_a_debt_by_the_user_is_checked_like_one_matched_by_name():
    from core.tracking.matching import settle

    typed = [*PAYMENTS, {"debt": "招行信用卡", "date": "2027-05-07", "amount": 500}]
    h = household(payments=typed)
    unnamed = ["2027-05-07 10:00:00,信用借还,,,贷款还款,不计收支,500.00,余额,还款成功,T8,,"]
    (asked,) = match(h, alipay(unnamed))
    assert asked.status == "ask"
    assert (settle(h, asked, "招行信用卡").status, asked.same_as) == ("same", len(typed))  # linked, not doubled
    (again,) = match(h, alipay(unnamed))
    assert settle(h, again, "借呗").status == "new"
