"""Several statements together: a move between one's own accounts counted once (not at
all), and months that two statements both cover counted once."""

import datetime as dt

from core.imports import read_statement
from core.imports.combine import combine, match_own_transfers
from core.imports.result import ImportResult, Transaction
from tests.test_core_imports_counting import alipay


def bank_rows(rows: list[tuple[str, str, str]]) -> bytes:
    return bank(rows)


def bank(rows: list[tuple[str, str, str]]) -> bytes:
    """A bank statement (signed amounts) with rows of (date, 摘要, amount)."""
    lines = ["交易日期,摘要,交易金额"] + [f"{d},{text},{amount}" for d, text, amount in rows]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


# January to March at the bank: salary in, rent out, and a top-up of the Alipay balance
# (银联快捷支付 to 支付宝) that the Alipay bill shows as 充值 coming in.
BANK = bank(
    [
        ("2026-01-10", "代发工资", "9000.00"),
        ("2026-01-11", "支付宝 快捷支付 充值", "-2000.00"),
        ("2026-02-01", "房租", "-3000.00"),
        ("2026-02-10", "代发工资", "9000.00"),
        ("2026-03-10", "代发工资", "9000.00"),
        ("2026-03-12", "超市", "-400.00"),
    ]
)
# January to April in Alipay: the top-up arrives (marked 收入 by the bill, but its words say
# it is one's own money: left out already), then spending from the balance, and a transfer from a friend of the same amount on
# another day (not a move of one's own money: no match, it stays income from people).
ALIPAY = alipay(
    [
        ["2026-01-12 08:00:00", "充值", "余额充值", "银行卡充值到余额", "收入", "2000.00"],
        ["2026-02-03 12:00:00", "餐饮美食", "美团", "外卖", "支出", "600.00"],
        ["2026-04-03 12:00:00", "交通出行", "滴滴出行", "打车", "支出", "300.00"],
        ["2026-04-20 12:00:00", "转账红包", "王五", "转账", "收入", "2000.00"],
    ]
)


def test_an_own_transfer_seen_in_two_statements_is_matched_and_left_out():
    bank_result, alipay_result = read_statement("bank.csv", BANK), read_statement("alipay.csv", ALIPAY)
    # Separately, the ¥2,000 top-up is spending at the bank (its words could be a payment).
    assert bank_result.total_expense == 540_000 and alipay_result.total_income == 200_000
    together = combine([bank_result, alipay_result])
    assert [(m.out.amount, m.out.date.isoformat(), m.into.date.isoformat()) for m in together.matches] == [
        (-200_000, "2026-01-11", "2026-01-12")
    ]
    r = together.result
    # Each yuan once: salary 27,000 and the friend's 2,000 in; rent, food, taxi, market out.
    assert r.total_income == 2_900_000
    assert r.total_expense == 300_000 + 60_000 + 30_000 + 40_000
    assert sum(1 for tx in r.transactions if tx.neutral == "own") == 2


def test_each_statement_is_averaged_over_its_own_months():
    together = combine([read_statement("bank.csv", BANK), read_statement("alipay.csv", ALIPAY)])
    # Bank: Jan-Mar; Alipay's counted lines: Feb-Apr. Together they cover Jan-Apr (said),
    # but each statement's money is averaged over its own months.
    assert together.result.months == 4
    assert [m % 12 + 1 for m in together.overlap] == [2, 3]
    assert [(p.source, p.months) for p in together.result.parts] == [("bank", 3), ("alipay", 3)]
    by = together.result.monthly_by_category()
    assert by["工资"] == ("income", 900_000)  # 27,000 over the bank's 3 months, not over 4


def test_a_months_bill_beside_a_longer_bank_statement_is_not_spread_thin():
    bank = read_statement("bank.csv", bank_rows([("2026-02-10", "代发工资", "9000.00"),
                                                 ("2026-03-10", "代发工资", "9000.00"),
                                                 ("2026-03-12", "超市", "-400.00")]))  # fmt: skip
    march = read_statement("alipay.csv", alipay([["2026-03-20 12:00:00", "教育培训", "某某学校", "春季课程", "支出",
                                                   "1200.00"]]))  # fmt: skip
    by = combine([bank, march]).result.monthly_by_category()
    assert by["工资"] == ("income", 900_000) and by["餐饮/买菜"] == ("expense", 20_000)  # over the bank's 2 months
    assert by["教育"] == ("expense", 120_000)  # a month's bill counts as a month's, not half


def test_a_card_paid_from_the_bank_is_one_repayment_named_by_the_card():
    bank = read_statement("bank.csv", bank_rows([("2026-01-20", "信用卡还款", "-3000.00")]))
    card = read_statement("card.csv", (
        "招商银行信用卡对账单（个人消费卡账户 2026年01月）\n交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额\n"
        "01/05,01/06,美团外卖,58.00,1234,58.00\n01/21,01/21,还款,-3000.00,1234,-3000.00\n").encode())  # fmt: skip
    together = combine([bank, card])
    assert together.card_payments == 1
    assert together.result.debt_service() == [("招行信用卡", 300_000, 1)]  # once, named


def test_two_accounts_whose_serial_numbers_coincide_lose_no_rows():
    def account(name: str, amount: str) -> bytes:
        return alipay([[f"2026-01-0{i + 1} 12:00:00", "日用百货", name, "x", "支出", amount] for i in range(3)])

    together = combine(
        [read_statement("a.csv", account("甲店", "10.00")), read_statement("b.csv", account("乙店", "1000.00"))]
    )
    assert together.duplicates == 0  # the same order number "X" on different days and amounts: different rows
    assert together.result.total_expense == 3_000 + 300_000


def test_the_same_statement_twice_counts_nothing_twice():
    one = read_statement("alipay.csv", ALIPAY)
    twice = combine([one, read_statement("alipay.csv", ALIPAY)])
    assert twice.result.months == one.months == 3
    # Every row of the second is a row of the first (its order number): dropped, and said.
    assert twice.duplicates == len(one.transactions)
    assert (twice.result.total_expense, twice.result.total_income) == (one.total_expense, one.total_income)


def test_no_match_without_channel_words_or_beyond_three_days():
    def tx(source_row, day, amount, text):
        return Transaction(source_row, dt.date(2026, 1, day), amount, text, "其他")

    a = ImportResult("statement", "bank", [tx(2, 1, -50_000, "房租"), tx(3, 5, -70_000, "转账")])
    b = ImportResult("statement", "alipay", [tx(2, 2, 50_000, "红包"), tx(3, 9, 70_000, "转入")])
    assert match_own_transfers([a, b]) == []  # no move words on the first; four days apart on the second
    c = ImportResult("statement", "alipay", [tx(2, 2, 50_000, "余额充值"), tx(3, 3, 50_000, "余额充值")])
    matches = match_own_transfers([a, c])
    assert len(matches) == 1 and matches[0].into.row == 2  # the closest date, each side used once


def test_a_wallet_repayment_paid_by_bank_card_is_not_also_spending_on_the_bank_statement():
    from tests.test_core_imports_counting import wechat

    wallet = read_statement(
        "wechat.xlsx",
        wechat(
            [
                ["2026-03-10 09:00:00", "信用卡还款", "招商银行", "/", "/", "¥2,000.00"],
                ["2026-03-12 12:00:00", "商户消费", "美团", "外卖", "支出", "¥50.00"],
            ]
        ),
    )
    # the helper pays from 零钱; a repayment from a bank card names the card
    for tx in wallet.transactions:
        tx.via = "招商银行储蓄卡(1234)"
    account = read_statement("bank.csv", bank([("2026-03-10", "财付通-微信支付", "-2000.00"),
                                               ("2026-03-12", "财付通-美团", "-50.00"),
                                               ("2026-03-01", "代发工资", "9000.00")]))  # fmt: skip
    together = combine([account, wallet])
    assert together.same == 2  # both bank rows are the wallet's own
    assert together.result.total_expense == 5_000  # the purchase once; the repayment is debt service
    assert together.result.debt_service() == [("招行信用卡", 200_000, 1)]


def test_the_money_moved_between_own_accounts_is_summed_once_a_pair():
    def tx(source_row: int, day: int, amount: int, text: str) -> Transaction:
        return Transaction(source_row, dt.date(2026, 1, day), amount, text, "其他")

    bank = ImportResult("statement", "bank", [tx(2, 1, -50_000, "支付宝充值"), tx(3, 5, -70_000, "转账到微信")])
    alipay = ImportResult("statement", "alipay", [tx(2, 2, 50_000, "余额充值")])
    wechat = ImportResult("statement", "wechat", [tx(2, 6, 70_000, "零钱充值")])
    combined = combine([bank, alipay, wechat])
    assert len(combined.matches) == 2
    assert combined.matched_total == 120_000
    assert combine([bank]).matched_total == 0
