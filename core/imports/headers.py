"""The words a statement's header uses for each of its columns, in the languages its
exports are written in, and finding a column by them.

A header cell is compared normalised (``norm``: trimmed, full-width brackets as ASCII, no
spaces, lower case), and an amount header may carry its unit in brackets ("Amount (USD)",
"金额(人民币)"): it is matched with or without it.
"""

from __future__ import annotations

import re
from functools import lru_cache

DATE_HEADERS = (
    "交易时间",
    "交易创建时间",
    "付款时间",
    "交易日期",
    "记账日期",
    "日期",
    "入账日期",
    "交易日",
    "记账日",
    "入账日",
    "银行记账日",
    "date",
    "transaction date",
    "posting date",
    "posted date",
    "value date",
    "booking date",
    "datum",
    "buchungstag",
    "date opération",
)
# An amount header may carry its currency in brackets ("Amount (USD)", "金额(人民币)"): it is
# matched without it (see find).
AMOUNT_HEADERS = ("金额", "交易金额", "发生额", "收支金额", "入账金额", "结算金额", "记账金额", "人民币金额",
                  "amount", "transaction amount", "bedrag", "betrag", "montant")  # fmt: skip
DEBIT_HEADERS = (
    "支出",
    "支出金额",
    "借方金额",
    "借方发生额",
    "付款金额",
    "debit",
    "withdrawal",
    "withdrawals",
    "money out",
    "paid out",
    "debit amount",
    "withdrawal amount",
    "取出",
    "取出金额",
    "支取金额",
)
CREDIT_HEADERS = ("收入", "收入金额", "贷方金额", "贷方发生额", "存入金额", "存入", "credit", "deposit", "deposits", "money in",
                  "paid in", "credit amount", "deposit amount")  # fmt: skip
DESCRIPTION_HEADERS = (
    "摘要",
    "交易摘要",
    "交易描述",
    "交易说明",
    "说明",
    "描述",
    "交易详情",
    "交易名称",
    "附言",
    "交易附言",
    "商品说明",
    "商品",
    "交易对方",
    "对方户名",
    "用途",
    "交易类型",
    "备注",
    "description",
    "details",
    "memo",
    "narrative",
    "payee",
    "naam/omschrijving",
    "omschrijving",
    "mededelingen",
    "verwendungszweck",
    "libellé",
)
# The counterparty, the file's order number, how a wallet purchase was paid, the currency,
# and a direction column for an unsigned amount (the generic reader's; a bank's own layout
# names its own).
PARTY_HEADERS = ("对方户名", "对方账户名", "交易对方", "对手信息", "对方名称", "收款人", "付款人", "收款方", "对方账号与户名",
                 "counterparty", "payee", "name", "naam/omschrijving", "beneficiary")  # fmt: skip
REF_HEADERS = ("交易单号", "交易订单号", "交易号", "流水号", "交易流水号", "订单号", "商户单号", "商家订单号", "参考号",
               "reference", "transaction id", "ref")  # fmt: skip
VIA_HEADERS = ("收/付款方式", "支付方式", "付款方式")
CURRENCY_HEADERS = ("记账币种", "结算币种", "入账币种", "币种", "币别", "货币", "交易币种", "currency", "ccy", "munt",
                    "währung", "devise")  # fmt: skip
DIRECTION_COLUMN_HEADERS = ("借贷", "借/贷", "借贷标志", "借贷方向", "收支方向", "收支类型", "debit/credit", "credit/debit",
                            "dr/cr", "d/c", "c/d", "afbij", "af/bij", "soll/haben", "type")  # fmt: skip
CATEGORY_HEADERS = ("类别", "分类", "项目", "交易分类", "category", "item")
FREQUENCY_HEADERS = ("频率", "周期", "frequency", "how often")
DIRECTION_HEADERS = ("收/支", "收支", "类型", "income/expense", "type", "direction")
KIND_HEADERS = ("固定/浮动", "性质", "fixed/variable", "kind")
NOTE_HEADERS = ("备注", "说明", "note", "notes")

STATUS_HEADERS = ("交易状态", "当前状态", "状态", "status")
SOURCE_CATEGORY_HEADERS = ("交易分类", "类别", "分类", "category")  # the file's own category of a row
FLAG_HEADERS = ("收/支",)  # a wallet export's money in / money out / neither
MONTH_HEADERS = ("月份", "日期", "month", "date")  # a budget sheet's one-off month


def header_of(row: list[object]) -> list[str]:
    """A header row's cells as the user sees them: trimmed text, a missing cell ''."""
    return [str(c).strip() if c is not None else "" for c in row]


def norm(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return text.strip().replace("（", "(").replace("）", ")").replace(" ", "").lower()


# "(元)", "(USD)", "(人民币)" after a header: the column's unit, not its name.
_UNIT = re.compile(r"\((元|人民币|rmb|cny|usd|eur|gbp|hkd|jpy|aud|cad|sgd|美元|港币|欧元|¥|￥|£|\$|€)\)$")


def find_named(header: list[str], names: str | None) -> int | None:
    """A layout's column: "存入|存入金额" is either name."""
    return find(header, tuple(names.split("|"))) if names else None


@lru_cache(maxsize=256)
def _keys(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(norm(name) for name in names)


def find(header: list[str], names: tuple[str, ...]) -> int | None:
    """The first of ``names`` the header holds (its unit in brackets aside), as a column."""
    return find_normalized([norm(h) for h in header], names)


def find_normalized(normalized: list[str], names: tuple[str, ...]) -> int | None:
    bare = [_UNIT.sub("", h) for h in normalized]
    for key in _keys(names):
        if key in normalized:
            return normalized.index(key)
        if key in bare:
            return bare.index(key)
    return None
