"""Counting an import right: repayments of credit are debt service (not living costs),
money from people is irregular income the user confirms, WeChat spending is categorised
from its merchant and goods text, and the worksheet's figures before and after are shown."""

import io

import pandas as pd
from openpyxl import Workbook

from core.household.loader import import_effect
from core.imports import read_statement
from core.imports.categories import credit_lender, missing_lenders
from core.profiles.profile import normalize_section
from tests.fixtures import make
from tests.fixtures.make import ALIPAY_HEADER, WECHAT_HEADER


def alipay(rows: list[list[str]]) -> bytes:
    """An Alipay export (GBK, its header line) with rows of
    [time, 交易分类, 交易对方, 商品说明, 收/支, 金额]."""
    lines = [",".join(ALIPAY_HEADER)]
    for when, category, party, goods, flag, amount in rows:
        lines.append(",".join([when, category, party, "", goods, flag, amount, "余额", "交易成功", "X", "", ""]))
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def wechat(rows: list[list[str]]) -> bytes:
    """A WeChat Pay export (XLSX) with rows of [time, 交易类型, 交易对方, 商品, 收/支, 金额]."""
    book = Workbook()
    sheet = book.active
    sheet.append(["微信支付账单明细"])
    sheet.append(WECHAT_HEADER)
    for when, kind, party, goods, flag, amount in rows:
        sheet.append([when, kind, party, goods, flag, amount, "零钱", "支付成功", "T", "M", "/"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Three months: salary, rent, food, and four kinds of credit repayment that Alipay files as
# spending (支出) under 信用借还; one more the file itself calls 不计收支.
ALIPAY_WITH_REPAYMENTS = alipay(
    [
        ["2026-01-10 10:00:00", "收入", "某某公司", "1月工资", "收入", "9000.00"],
        ["2026-01-12 09:00:00", "信用借还", "花呗", "花呗主动还款-2026年01月账单", "支出", "1200.00"],
        ["2026-01-15 09:00:00", "信用借还", "蚂蚁借呗", "借呗-还本付息", "支出", "2100.00"],
        ["2026-02-01 08:00:00", "住房物业", "李房东", "2月房租", "支出", "3000.00"],
        ["2026-02-12 09:00:00", "信用借还", "花呗", "花呗主动还款-2026年02月账单", "支出", "900.00"],
        ["2026-02-20 12:00:00", "信用借还", "招商银行", "信用卡还款", "支出", "1500.00"],
        ["2026-03-05 12:00:00", "餐饮美食", "美团", "外卖", "支出", "150.00"],
        ["2026-03-15 09:00:00", "信用借还", "蚂蚁借呗", "借呗-还本付息", "不计收支", "2100.00"],
    ]
)


def test_repayments_of_credit_are_debt_service_not_living_costs():
    r = read_statement("alipay.csv", ALIPAY_WITH_REPAYMENTS)
    # Living costs: the rent and the meal only; income: the salary.
    assert r.total_expense == 315_000 and r.total_income == 900_000
    assert r.monthly_by_category() == {"工资": ("income", 300_000), "房租/物业": ("expense", 100_000),
                                       "餐饮/买菜": ("expense", 5_000)}  # fmt: skip
    # By lender, averaged over the statement's three months (2,100 x 2 / 3 = 1,400).
    assert r.debt_service() == [("借呗", 140_000, 2), ("花呗", 70_000, 2), ("招行信用卡", 50_000, 1)]
    assert {t.neutral for t in r.transactions if "还" in t.description} == {"debt"}


def test_a_wechat_card_repayment_and_a_bank_repayment_are_debt_service_too():
    r = read_statement("wechat.xlsx", make.wechat_xlsx())  # 信用卡还款 to 招商银行, 收/支 "/"
    assert r.debt_service() == [("招行信用卡", 50_000, 1)]  # ¥1,000 over two months
    r = read_statement("bank.csv", make.bank_signed_csv())
    assert r.total_expense == 416_700 and [name for name, _, _ in r.debt_service()] != []


def test_lenders_are_named_as_the_debts_page_names_them():
    assert credit_lender("花呗主动还款-2026年01月账单") == "花呗"
    assert credit_lender("蚂蚁借呗 借呗-还本付息") == "借呗"
    assert credit_lender("招商银行 信用卡还款") == "招行信用卡"
    assert credit_lender("中国建设银行 个人贷款还款") == "建行"
    assert credit_lender("信用卡还款") == "信用卡"
    assert credit_lender("还款") == ""


def test_lenders_missing_from_the_debts_page():
    debts = ["借呗 ", "招行信用卡 招商银行", "房贷 建设银行"]
    assert missing_lenders(["借呗", "花呗", "招行信用卡", "建行", "", "花呗"], debts) == ["花呗"]
    assert missing_lenders(["招行信用卡"], ["信用卡 招商银行"]) == []  # the bank named as the lender
    assert missing_lenders(["微粒贷"], []) == ["微粒贷"]


def test_money_from_people_is_irregular_income_the_user_confirms():
    r = read_statement("wechat.xlsx", make.wechat_xlsx())  # 转账 from 妈妈, ¥200 in two months
    assert r.monthly_by_category()["亲友转账/红包"] == ("income", 10_000)
    assert r.from_people_monthly() == 10_000
    left_out = r.worksheet_rows("zh", from_people=False)
    assert all(row["category"] != "亲友转账/红包" for row in left_out)
    counted = {row["category"]: row for row in r.worksheet_rows("zh", from_people=True)}
    assert counted["亲友转账/红包"]["kind"] == "variable" and "不固定" in counted["亲友转账/红包"]["note"]
    # A salary paid by transfer is still a salary: a rule decides before the transfer words.
    r = read_statement("w.xlsx", wechat([["2026-01-05 10:00:00", "转账", "某公司", "1月工资", "收入", "¥5,000.00"]]))
    assert list(r.monthly_by_category()) == ["工资"]


def test_wechat_spending_is_categorised_from_merchant_and_goods():
    r = read_statement(
        "w.xlsx",
        wechat(
            [
                ["2026-01-02 08:00:00", "商户消费", "全家便利店", "饭团", "支出", "¥12.00"],
                ["2026-01-03 18:00:00", "扫二维码付款", "中国石化", "92号汽油", "支出", "¥300.00"],
                ["2026-01-04 12:00:00", "商户消费", "叮咚买菜", "/", "支出", "¥88.00"],
                ["2026-01-05 12:00:00", "商户消费", "国家电网", "电费", "支出", "¥120.00"],
                ["2026-01-06 12:00:00", "商户消费", "某某大药房", "感冒药", "支出", "¥35.00"],
                ["2026-01-07 12:00:00", "商户消费", "携程旅行", "火车票", "支出", "¥220.00"],
                ["2026-01-08 12:00:00", "商户消费", "某某理发店", "剪发", "支出", "¥40.00"],
            ]
        ),
    )
    by = r.monthly_by_category()
    assert by["餐饮/买菜"] == ("expense", 10_000)  # 12 + 88
    assert by["交通"] == ("expense", 52_000)  # 300 + 220
    assert by["水电燃气/通讯"] == ("expense", 12_000)
    assert by["医疗"] == ("expense", 3_500)
    assert by["其他"] == ("expense", 4_000)  # a haircut: nothing says otherwise


def test_the_effect_of_an_import_is_shown_and_a_surprise_is_caught():
    existing, _ = normalize_section(
        "worksheet",
        pd.DataFrame([{"category": "工资", "direction": "income", "amount": 8000, "frequency": "monthly"},
                      {"category": "房租", "direction": "expense", "amount": 3000, "frequency": "monthly"}]),
    )  # fmt: skip
    r = read_statement("alipay.csv", ALIPAY_WITH_REPAYMENTS)
    incoming, _ = normalize_section("worksheet", pd.DataFrame(r.worksheet_rows("zh")))
    effect = import_effect(existing, incoming)
    assert (effect.now.income, effect.now.expenses) == (800_000, 300_000)
    assert (effect.appended.income, effect.appended.expenses) == (1_100_000, 405_000)
    assert (effect.replaced.income, effect.replaced.expenses) == (300_000, 105_000)
    assert effect.surprises() == []  # +37.5 % income, +35 % costs: not a surprise
    twice = import_effect(existing, pd.concat([incoming] * 3, ignore_index=True))
    assert twice.surprises() == ["income", "expenses"]  # 8,000 -> 17,000; 3,000 -> 6,150
    assert import_effect(existing.iloc[0:0], incoming).surprises() == []  # nothing to compare with


def test_a_refund_lowers_spending_and_is_never_income():
    """Money back for something bought (退款, 退货) nets against spending; a refund with no
    spending of its kind in the statement is left out rather than counted as income."""
    data = alipay(
        [
            ["2026-01-05 09:00:00", "工资", "某公司", "工资", "收入", "8000.00"],
            ["2026-01-10 12:00:00", "日用百货", "京东", "京东商城 耳机", "支出", "300.00"],
            ["2026-01-12 12:00:00", "退款", "京东", "京东商城 耳机 退款", "收入", "120.00"],
            ["2026-01-20 12:00:00", "退款", "某小店", "退货退款", "收入", "45.50"],
        ]
    )
    r = read_statement("alipay.csv", data)
    assert r.errors == []
    assert r.total_income == 800_000  # the salary only
    assert r.total_expense == 30_000 - 12_000 - 4_550
    rows = {row["category"]: (row["direction"], row["amount"]) for row in r.worksheet_rows("zh")}
    # 300 bought, 120 back; the 45.50 refunded for something bought before the statement
    # lowers the spending total, so the worksheet takes it off its largest spending line.
    assert rows["购物"] == ("expense", 134.5)
    assert r.monthly_by_category()["退款"] == ("expense", -4_550)  # a category below nothing, as summed
    assert sum(v for _, (d, v) in r.monthly_by_category().items() if d == "expense") == r.total_expense
    assert all(direction == "expense" or category == "工资" for category, (direction, _) in rows.items()), rows
    assert "其他收入" not in rows
