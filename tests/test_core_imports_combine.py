"""Several statements together: a move between one's own accounts counted once (not at
all), and months that two statements both cover counted once."""

import datetime as dt

from core.imports import read_statement
from core.imports.combine import combine, match_own_transfers
from core.imports.statements import ImportResult, Transaction
from tests.test_core_imports_counting import alipay


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


def test_months_two_statements_cover_are_counted_once():
    together = combine([read_statement("bank.csv", BANK), read_statement("alipay.csv", ALIPAY)])
    # Bank: Jan-Mar; Alipay's counted lines: Feb-Apr. Together Jan-Apr: 4 months, not 3 + 3.
    assert together.result.months == 4
    assert [m % 12 + 1 for m in together.overlap] == [2, 3]
    by = together.result.monthly_by_category()
    assert by["工资"] == ("income", 675_000)  # 27,000 / 4 months


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
