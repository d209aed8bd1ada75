"""The big banks' own statement layouts, recognised by their header rows.

Each layout names the columns that hold the date, the money and the words, and says how
to read the money: a signed amount, money out and money in in two columns, an unsigned
amount with a 借/贷 (debit/credit) column, or a credit-card statement where a positive
amount is spending. The header rows follow the banks' exports as people download them
(debit cards from the banks' web and mobile banking; CMB's credit-card statement); the
collection of real exports in the open-source double-entry-generator project was used to
check them. A file that matches none of these is read by the generic bank reader or
through a column mapping.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A direction column's words (借/贷, 收/支, 转出/转入, D/C, Debit/Credit, Af/Bij, Soll/Haben):
# "money out" (the bank debits the account) and "money in". One letter counts only as a word
# of its own ("D", "C"), never as the start of another.
OUT_WORDS = ("借", "借方", "dr", "d", "debit", "支出", "支", "出", "付", "转出", "af", "out", "withdrawal", "soll", "s")
IN_WORDS = ("贷", "贷方", "cr", "c", "credit", "收入", "收", "入", "存", "转入", "bij", "in", "deposit", "haben", "h")


@dataclass(frozen=True)
class Layout:
    source: str  # "icbc", …: also the label key ws.source.<source>
    # Header cells that must all be present (as headers.norm writes them); "存入|存入金额": either.
    signature: tuple[str, ...]
    date: tuple[str, ...]  # the date column, first found ("a|b": either name)
    amount: str | None = None  # a signed amount (or unsigned, with direction)
    debit: str | None = None  # money out
    credit: str | None = None  # money in
    direction: str | None = None  # a 借/贷 column for an unsigned amount
    card: bool = False  # a credit-card statement: positive = spending, negative = repayment
    card_in: tuple[str, ...] = ()  # a card statement of unsigned amounts: words of money in
    text: tuple[str, ...] = ()  # the columns whose words describe the transaction
    year_from_title: bool = False  # dates written MM/DD: the year comes from the title line
    # The counterparty: one column, or the payee's for money out and the payer's for money in.
    party: str | None = None
    party_out: str | None = None
    party_in: str | None = None
    currency: str | None = None  # the column that names each row's currency
    amount_last: bool = False  # the amount is the row's last number (currency and amount in two cells)
    short_dates: bool = False  # dates written YYMMDD (251103)
    # Words naming the bank, one of which must stand above the header or in the file's name:
    # for a layout whose columns other banks' exports share (支出金额 / 存入金额 is not CEB's
    # alone), so another bank's file is read by the generic reader, not labelled wrongly.
    names: tuple[str, ...] = ()


LAYOUTS = (
    # 中国工商银行 信用卡 明细查询文件下载: as the debit card's, with a 记账日期 column.
    Layout(
        "icbc_credit",
        ("交易日期", "记账日期", "摘要", "记账金额(收入)", "记账金额(支出)"),
        ("交易日期", "记账日期"),
        debit="记账金额(支出)",
        credit="记账金额(收入)",
        text=("摘要", "交易场所", "对方户名"),
    ),
    # 中国银行 信用卡账单: 交易日, 银行记账日, 卡号后四位, 交易描述, 存入, 支出, 币种.
    Layout(
        "boc_credit",
        ("交易日", "银行记账日", "交易描述", "存入", "支出"),
        ("交易日", "银行记账日"),
        debit="支出",
        credit="存入",
        text=("交易描述",),
    ),
    # 交通银行 信用卡: unsigned "CNY 123.18" amounts; 消费 is spending, 退货 and 还款 money in.
    Layout(
        "bocom_credit",
        ("交易日期", "记账日期", "交易说明", "入账币种/金额"),
        ("交易日期", "记账日期"),
        amount="入账币种/金额",
        card=True,
        card_in=("退货", "退款", "还款", "返现"),
        text=("交易说明",),
    ),
    # 中国工商银行 借记卡 明细查询文件下载 (CSV): amounts in 记账金额(收入)/(支出), "-" when empty.
    Layout(
        "icbc",
        ("交易日期", "摘要", "记账金额(收入)", "记账金额(支出)"),
        ("交易日期",),
        debit="记账金额(支出)",
        credit="记账金额(收入)",
        text=("摘要", "交易场所", "对方户名"),
    ),
    # 中国建设银行 账户明细 (XLS/CSV): 记账日, 交易日期, 交易时间, 支出, 收入, 账户余额, …
    Layout(
        "ccb",
        ("记账日", "交易日期", "支出", "收入", "账户余额"),
        ("交易日期", "记账日"),
        debit="支出",
        credit="收入",
        text=("摘要", "对方户名", "交易地点"),
    ),
    # 中国农业银行 活期明细: 交易日期 (20240101), 交易时间 (123456), signed 交易金额 (+10000.00).
    Layout(
        "abc",
        ("交易日期", "交易金额", "本次余额"),
        ("交易日期",),
        amount="交易金额",
        text=("交易摘要", "对手信息", "交易附言", "交易渠道"),
    ),
    # 中国银行 交易流水明细单: 记账日期, 记账时间, 币别, signed 金额, 余额, 交易名称, …
    Layout(
        "boc",
        ("记账日期", "金额", "交易名称"),
        ("记账日期",),
        amount="金额",
        text=("交易名称", "附言", "对方账户名"),
    ),
    # 交通银行 借记卡: an unsigned 交易金额 with a 借贷 column ("借 Dr" = out, "贷 Cr" = in).
    Layout(
        "bocom",
        ("交易日期", "借贷", "交易金额"),
        ("交易日期",),
        amount="交易金额",
        direction="借贷",
        text=("交易类型", "对方户名", "摘要", "交易地点"),
    ),
    Layout(
        "bocom",
        ("交易日期", "借贷标志", "交易金额"),
        ("交易日期",),
        amount="交易金额",
        direction="借贷标志",
        text=("交易类型", "摘要", "对方户名", "交易地点"),
    ),
    # 招商银行 信用卡对账单: 交易日, 记账日 (MM/DD), 交易摘要, 人民币金额 (positive = spending).
    Layout(
        "cmb_credit",
        ("交易日", "记账日", "交易摘要", "人民币金额"),
        ("交易日", "记账日"),
        amount="人民币金额",
        card=True,
        text=("交易摘要",),
        year_from_title=True,
    ),
    # The banks' PDF statements (sent by their mobile apps), by their own header rows:
    # 中国工商银行 借记账户历史明细: a signed 收入/支出金额.
    Layout(
        "icbc",
        ("交易日期", "摘要", "收入/支出金额"),
        ("交易日期",),
        amount="收入/支出金额",
        text=("摘要", "对方户名", "渠道"),
    ),
    # 中国建设银行 个人活期账户交易明细: a signed 交易金额 and 账户余额.
    Layout(
        "ccb",
        ("摘要", "交易日期", "交易金额", "账户余额", "对方账号与户名"),
        ("交易日期",),
        amount="交易金额",
        text=("摘要", "交易地点/附言", "对方账号与户名"),
    ),
    # 招商银行 交易流水 (PDF): 记账日期, 货币, signed 交易金额, 联机余额, 交易摘要, 对手信息.
    Layout(
        "cmb",
        ("记账日期", "交易金额", "联机余额"),
        ("记账日期",),
        amount="交易金额",
        text=("交易摘要", "对手信息"),
    ),
    # 招商银行 借记卡 交易记录: 交易日期, 交易时间, 收入, 支出, 余额, 交易类型, 交易备注.
    Layout(
        "cmb",
        ("交易日期", "收入", "支出", "交易类型", "交易备注"),
        ("交易日期",),
        debit="支出",
        credit="收入",
        text=("交易类型", "交易备注"),
    ),
    # Credit cards whose statements were read with their signs reversed before (issue 23).
    # 中信银行 信用卡 已出账单明细 (XLS): 交易日期, 入账日期, 交易描述, 卡末四位, 交易币种,
    # 结算币种, 交易金额, 结算金额; positive = spending, the settled yuan amount counts.
    Layout(
        "citic_credit",
        ("交易日期", "入账日期", "交易描述", "卡末四位", "结算金额"),
        ("交易日期", "入账日期"),
        amount="结算金额",
        card=True,
        text=("交易描述",),
        currency="结算币种",
    ),
    # 广发银行 信用卡 (CSV): 交易日期, 入账日期, 交易摘要 ("（消费）…", "（还款）…"), 交易金额,
    # 交易货币, 入账金额, 入账货币; positive = spending.
    Layout(
        "cgb_credit",
        ("交易日期", "入账日期", "交易摘要", "入账金额", "入账货币"),
        ("交易日期", "入账日期"),
        amount="入账金额",
        card=True,
        text=("交易摘要",),
        currency="入账货币",
    ),
    # 中国建设银行 龙卡信用卡对账单 (an e-mail): 交易日, 银行记账日, 卡号后四位, 交易描述,
    # 交易币/金额, 结算币/金额 (each a currency cell and an amount cell); positive = spending.
    Layout(
        "ccb_credit",
        ("交易日", "银行记账日", "卡号后四位", "交易描述", "结算币/金额"),
        ("交易日", "银行记账日"),
        amount="结算币/金额",
        card=True,
        text=("交易描述",),
        amount_last=True,
    ),
    # 中国农业银行 金穗信用卡电子对账单 (an e-mail): 交易日期 (YYMMDD), 入账日期, 卡号后四位,
    # 交易描述, 交易金额/币种, 入账金额/币种 ("-45.00/CNY"): negative = spending.
    Layout(
        "abc_credit",
        ("交易日期", "入账日期", "卡号后四位", "交易描述", "入账金额/币种"),
        ("交易日期", "入账日期"),
        amount="入账金额/币种",
        text=("交易描述",),
        short_dates=True,
    ),
    # 上海浦东发展银行 借记卡 (XLS): 交易日期 (date and time in one cell), 交易摘要, 存入, 取出,
    # 余额, 对方户名, 对方账号, 附言.
    Layout(
        "spdb",
        ("交易日期|交易时间", "存入|存入金额", "取出|取出金额"),
        ("交易日期|交易时间",),
        debit="取出|取出金额",
        credit="存入|存入金额",
        text=("摘要|交易摘要", "附言"),
        party="对方户名",
        names=("浦发", "浦东发展", "spdb"),
    ),
    # 兴业银行 交易明细: 交易时间, 记账日, 支出, 收入, 账户余额, 摘要, 对方户名, 对方银行, 对方账号,
    # 用途, 交易渠道, 备注 (a negative 支出 is a reversal: money back in).
    Layout(
        "cib",
        ("交易时间", "记账日", "支出", "收入", "账户余额", "对方户名"),
        ("交易时间", "记账日"),
        debit="支出",
        credit="收入",
        text=("摘要", "用途", "备注"),
        party="对方户名",
        names=("兴业", "cib"),
    ),
    # 平安银行 账户流水明细: 交易时间, 付款方姓名, 付款方账号, 收款方姓名, 收款方账号, 交易类型
    # (转出 / 转入), an unsigned 交易金额, 账户余额, 摘要, 备注, 交易流水号.
    Layout(
        "pingan",
        ("交易时间", "付款方姓名", "收款方姓名", "交易类型", "交易金额"),
        ("交易时间",),
        amount="交易金额",
        direction="交易类型",
        text=("摘要", "备注"),
        party_out="收款方姓名",
        party_in="付款方姓名",
    ),
    # 中国光大银行 账户明细查询清单 (XLS): 交易日期, 交易时间, 支出金额, 存入金额, 账户余额, 对方账号,
    # 对方户名, 摘要.
    Layout(
        "ceb",
        ("交易日期", "支出金额", "存入金额", "账户余额"),
        ("交易日期",),
        debit="支出金额",
        credit="存入金额",
        text=("摘要", "附言", "用途"),
        party="对方户名",
        names=("光大", "everbright"),
    ),
    # 中国邮政储蓄银行 账户交易明细: 序号, 交易日期, 交易时间, 记账日期, 支出金额, 收入金额, 余额,
    # 对方账号, 对方户名, 对方行名, 用途, 附言, 摘要, 交易流水号.
    Layout(
        "psbc",
        ("交易日期", "记账日期", "支出金额", "收入金额", "对方行名"),
        ("交易日期", "记账日期"),
        debit="支出金额",
        credit="收入金额",
        text=("摘要", "用途", "附言"),
        party="对方户名",
        names=("邮储", "邮政储蓄", "psbc"),
    ),
    # 中国民生银行 个人账户对账单 (PDF): 凭证类型, 凭证号码, 交易时间, 摘要, a signed 交易金额 (negative
    # = money out), 账户余额, 现转标志, 交易渠道, 交易机构, 对方户名/账号, 对方行名.
    Layout(
        "cmbc",
        ("交易时间", "摘要", "交易金额", "现转标志"),
        ("交易时间",),
        amount="交易金额",
        text=("摘要", "交易渠道"),
        party="对方户名/账号",
    ),
)


def find_layout(cells: set[str], text: str | Callable[[], str] = "") -> Layout | None:
    """The bank layout whose header cells are all in this row (normalised), if any; a layout
    that must be named (Layout.names) only where ``text`` (the lines above the header and
    the file's name) names its bank."""
    lowered = None
    for layout in LAYOUTS:
        if all(any(name in cells for name in names.split("|")) for names in layout.signature):
            if layout.names:
                if lowered is None:  # worked out only when a layout that must be named matches
                    lowered = (text() if callable(text) else text).lower()
                if not any(word in lowered for word in layout.names):
                    continue
            return layout
    return None


def direction_sign(text: str) -> int | None:
    """-1 for money out (借, Dr, 支出), +1 for money in (贷, Cr, 收入), None if unclear."""
    word = text.strip().lower()
    if not word:
        return None
    first = word.split()[0]
    if first in OUT_WORDS or word.startswith(("借", "dr")):
        return -1
    if first in IN_WORDS or word.startswith(("贷", "cr")):
        return 1
    return None


_TITLE_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")


def title_month(rows: list[list[object]], header_index: int) -> tuple[int, int] | None:
    """(year, month) of the statement from a title line above the header ("2024年01月")."""
    for row in rows[:header_index]:
        for cell in row:
            match = _TITLE_MONTH.search(str(cell or ""))
            if match:
                year, month = int(match.group(1)), int(match.group(2))
                if 1 <= month <= 12:
                    return year, month
    return None


_MONTH_DAY = re.compile(r"^(\d{1,2})[/-](\d{1,2})$")


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a date written without its year ("01/05")."""
    match = _MONTH_DAY.match(text.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None
