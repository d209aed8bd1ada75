"""What a statement's rows mean, read across the whole file: which way round its money is
written, whether it is a credit card's, whose account it is, which refunds belong to which
purchases, its currency, and the months it covers only in part.

- **Direction.** A signed amount column is read as money in positive unless the file says
  otherwise: refunds (退款/退货) are always money in, so their sign settles it; on a card
  statement (title words 信用卡, 账单, 还款日…) repayments (还款) are money in too. A file
  with neither, whose amounts are all or mostly positive, cannot be known: the user is
  shown its first rows both ways and picks one (``Choices.money_out``); nothing is guessed
  silently. A salary (工资, 代发) on an account's statement is money in too.
- **A card's money in** is never income: a refund or a reward (返现, 积分) lowers spending,
  anything else repays the card (debt service, its lender the card's bank).
- **Own money.** Transfers to or from the holder's own name (the name in the file's header
  — 户名, 姓名, 持卡人 — or the profile's full name) are own moves: listed, left out, and
  counted after all if the user says so; paying one's own card is debt service.
- **Refunds once.** A purchase marked fully refunded (已全额退款, Alipay's 交易关闭) is set
  aside, and so is its separate refund row; a partial refund (已退款(￥20.00)) lowers the
  purchase by what its own refund row returns, or by the amount its status says when the
  row is not in the file. Alipay writes refunds as 不计收支: one whose purchase is counted in
  the same file lowers spending; one whose purchase is not in the file (bought before the
  statement begins) stays out, as the file marks it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from decimal import Decimal

from core import vocabulary
from core.imports.cells import currency_of, main_currency
from core.imports.result import Partial, Transaction, month_of
from core.loans.money import from_cents, to_cents
from core.vocabulary import REFUND_KEYWORDS

REFUND_REACH_DAYS = 366  # a refund of a purchase made more than a year before it is not looked for
REFUND_LOOK = 500  # ... nor one more than this many purchases back

# "账单" alone is not a card's word: 支付宝账单, 1月账单 and a current account's 对账单 say it too.
CARD_TITLE_WORDS = ("信用卡", "还款日", "最低还款", "本期应还", "到期还款", "credit card", "minimum payment",
                    "payment due", "statement balance", "card account")  # fmt: skip
REFUND_WORDS = REFUND_KEYWORDS
NOT_REFUND_WORDS = ("运费险", "退货险", "退货运费")  # insurance bought against a return: a purchase
SALARY_WORDS = (
    *vocabulary.SALARY_WORDS,
    "代发",
)  # money in on an account statement (代发: paid by the employer's bank)
REPAY_WORDS = ("还款", "repayment", "payment received", "payment - thank", "autopay")
REWARD_WORDS = ("返现", "积分", "奖励", "回馈", "cash back", "cashback", "rebate", "reward")
CARD_REPAID_WORDS = ("还款", "转账", "存入", "入账", "缴款", "转入", "payment", "thank you")
OWN_MOVE_WORDS = (
    "转账",
    "汇款",
    "跨行",
    "无卡支付",
    "银联入账",
    "转入",
    "转出",
    "网银",
    "手机银行",
    "本人",
    "自己",
    "transfer",
)
OWN_CARD_WORDS = ("信用卡", "还款", "credit card")

_HOLDER = re.compile(
    r"(户名|姓名|持卡人|账户名称|账户名|客户姓名|客户名称|account holder|account name|name)\s*[:：]\s*\[?\s*([^\s,，\[\]|;；:：]+)",
    re.IGNORECASE,
)
_PARTIAL_REFUND = re.compile(r"已退款\s*[(（]?\s*[¥￥]?\s*([\d,]+(?:\.\d{1,2})?)")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_PERIOD_WORDS = ("起始", "终止", "起止", "至", "期间", "账单周期", "查询时间", "period", "from", " to ")


def _preamble_text(rows: list[list[object]], index: int) -> list[str]:
    return [" ".join(str(c) for c in row if c is not None and str(c).strip()) for row in rows[: max(index, 0)]]


def card_title(rows: list[list[object]], index: int, name: str = "") -> bool:
    """Whether the lines above the header (or the file's name) call it a credit card's."""
    text = " ".join([name, *_preamble_text(rows, index)]).lower()
    return any(word in text for word in CARD_TITLE_WORDS)


_HOLDER_LABELS = ("户名", "姓名", "持卡人", "账户名称", "账户名", "账户户名", "客户姓名", "客户名称", "account holder",
                  "account name")  # fmt: skip


def holder_names(rows: list[list[object]], index: int) -> list[str]:
    """The account holder's names in the lines above the header (户名：张三, 持卡人: 张三, or
    a label cell 账户户名 beside a cell 张三), never a masked one (张*) and never a nickname
    (微信昵称)."""
    found = []
    for line in _preamble_text(rows, index):
        for match in _HOLDER.finditer(line):
            if "昵称" in line[max(0, match.start() - 3) : match.start() + 2]:
                continue
            found.append(match.group(2).strip())
    for row in rows[: max(index, 0)]:  # a label in one cell, the name in the next filled one
        cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
        for label, value in zip(cells, cells[1:], strict=False):
            if label.rstrip(":：").strip().lower() in _HOLDER_LABELS:
                found.append(value)
    names = []
    for name in found:
        if _looks_like_a_name(name) and name not in names:
            names.append(name)
    return names


_LABELS = (*_HOLDER_LABELS, "账号", "卡号", "账户", "币种", "币别", "开户行", "开户机构", "起止日期", "日期", "account")


def _looks_like_a_name(text: str) -> bool:
    """A holder's name, not a masked one (张*), a number, or the next label (账号, 卡号：)."""
    bare = text.rstrip(":：").strip()
    return (
        2 <= len(bare) <= 40
        and "*" not in bare
        and not any(ch.isdigit() for ch in bare)
        and not text.endswith((":", "："))
        and bare.lower() not in _LABELS
    )


_ACCOUNT = re.compile(
    r"(卡号|账号|账户账号|客户账号|支付宝账户|微信昵称|account(?: number)?)\s*[:：/]?\s*\[?\s*([^\s,，\[\]|;；]+)",
    re.IGNORECASE,
)


def account_of(rows: list[list[object]], index: int) -> str:
    """The account the lines above the header name (卡号: 6222****1234, 支付宝账户：138****0000,
    a label cell 账户账号 beside its value), or "" when they name none."""
    for line in _preamble_text(rows, index):
        match = _ACCOUNT.search(line)
        if match and any(ch.isalnum() for ch in match.group(2)):
            return match.group(2).strip(":：")
    return ""


def statement_period(rows: list[list[object]], index: int) -> tuple[dt.date, dt.date] | None:
    """The period a statement's header says it covers (起始时间 … 终止时间, 2026-01-01 至 …)."""
    for line in _preamble_text(rows, index):
        if not any(word in line.lower() for word in _PERIOD_WORDS):
            continue
        found = []
        for match in _DATE.finditer(line):
            try:
                found.append(dt.date(*(int(g) for g in match.groups())))
            except ValueError:
                continue
        if len(found) >= 2 and found[0] <= found[1]:
            return found[0], found[1]
    return None


def partial_months(dates: list[dt.date], period: tuple[dt.date, dt.date] | None) -> list[Partial]:
    """The first and last months when the statement covers them only in part: by its header
    period when it gives one, else when its first row falls after the 15th of its month or
    its last before the 15th of its own."""
    if not dates and period is None:
        return []
    first, last = period if period is not None else (min(dates), max(dates))
    f_days = calendar.monthrange(first.year, first.month)[1]
    l_days = calendar.monthrange(last.year, last.month)[1]
    if month_of(first) == month_of(last):
        if period is not None:
            partial = last.day - first.day + 1 < f_days
        else:
            partial = first.day >= 16 or last.day <= 14
        return [Partial(month_of(first), first.day, last.day, f_days)] if partial else []
    out = []
    if first.day > 1 if period is not None else first.day >= 16:
        out.append(Partial(month_of(first), first.day, f_days, f_days))
    if last.day < l_days if period is not None else last.day <= 14:
        out.append(Partial(month_of(last), 1, last.day, l_days))
    return out


def _has(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)


def direction_evidence(rows: list[tuple[int, str]], card: bool) -> tuple[int | None, bool]:
    """For a signed amount column: (+1 when the file writes money in positive, -1 when it
    writes money out positive, None when the rows do not say; whether the rows contradict
    each other). Rows: (cents, words). Refunds are money in on any account (insurance
    against a return is a purchase); repayments are money in on a card's, a salary on any
    other. Each kind of evidence must agree with itself and with the others: a file whose
    rows say both is asked about, never read by whichever row came first."""
    found: set[int] = set()
    for words, applies in ((REFUND_WORDS, True), (REPAY_WORDS, card), (SALARY_WORDS, not card)):
        if not applies:
            continue
        signs = {1 if cents > 0 else -1 for cents, text in rows
                 if cents and _has(text, words) and not _has(text, NOT_REFUND_WORDS)}  # fmt: skip
        found |= signs
    if len(found) > 1:
        return None, True
    return (found.pop() if found else None), False


def money_in_sign(rows: list[tuple[int, str]], card: bool) -> int | None:
    """+1, -1 or None as ``direction_evidence`` finds it (None also when the rows disagree)."""
    return direction_evidence(rows, card)[0]


def has_salary(rows: list[tuple[int, str]]) -> bool:
    """A salary among the rows: an account's statement, never a card's."""
    return any(_has(text, SALARY_WORDS) for _, text in rows)


def mostly_positive(rows: list[tuple[int, str]]) -> bool:
    """No negative amounts, or more than twice as many positive as negative ones: a file
    that may write money out positive (as card statements do)."""
    positive = sum(1 for cents, _ in rows if cents > 0)
    negative = sum(1 for cents, _ in rows if cents < 0)
    return negative == 0 or positive > 2 * negative


def is_card_by_rows(rows: list[tuple[int, str]], in_sign: int | None) -> bool:
    """Repayments (还款) with the same sign as refunds: money in, so a card's statement."""
    if in_sign is None:
        return False
    repaid = [cents for cents, text in rows if cents and _has(text, REPAY_WORDS)]
    return bool(repaid) and all((cents > 0) == (in_sign > 0) for cents in repaid)


def card_money_in(transactions: list[Transaction]) -> None:
    """On a card's statement, money in is a refund or reward (less spending) or a repayment
    of the card (debt service); never income. Money in with no words of either is a refund
    when a purchase with the same words is in the statement, else a repayment."""
    charged = {tx.description for tx in transactions if tx.amount < 0}
    for tx in transactions:
        tx.card = True
        if tx.amount <= 0 or tx.neutral == "closed":
            continue
        if _has(tx.description, REFUND_WORDS) or _has(tx.description, REWARD_WORDS):
            tx.refund, tx.neutral = True, None
        elif _has(tx.description, CARD_REPAID_WORDS) or tx.description not in charged:
            tx.refund, tx.neutral = False, "debt"
        else:
            tx.refund, tx.neutral = True, None


def own_moves(transactions: list[Transaction], names: list[str]) -> int:
    """Rows to or from the holder's own name: a payment to their own card is debt service
    ("debt"), any other move "holder" (left out; the user may count it). Returns how many."""
    names = [n for n in names if len(n) >= 2]
    if not names:
        return 0
    found = 0
    for tx in transactions:
        if tx.neutral not in (None, "flag", "transfer"):
            continue
        party = tx.party.strip()
        named = any(party == n for n in names) or (
            any(n in tx.description for n in names) and _has(tx.description, OWN_MOVE_WORDS)
        )
        if not named:
            continue
        tx.neutral = "debt" if (tx.amount < 0 and _has(tx.description, OWN_CARD_WORDS)) else "holder"
        found += 1
    return found


def _same_party(a: Transaction, b: Transaction) -> bool:
    if a.party and b.party:
        return a.party == b.party or a.party in b.party or b.party in a.party
    return bool(a.description) and (a.description in b.description or b.description in a.description)


def pair_refunds(transactions: list[Transaction], statuses: dict[int, str]) -> int:
    """Refunds matched to their purchases so each refund counts once (see the module's
    description). ``statuses``: a row's status text (交易状态, 当前状态), by row. Returns how
    many refunds were netted."""
    purchases = [tx for tx in transactions if tx.amount < 0 and tx.neutral in (None, "closed")]
    partial: dict[int, int] = {}  # row -> cents the status says were refunded
    for tx in purchases:
        status = statuses.get(tx.row, "")
        match = _PARTIAL_REFUND.search(status) if "已退款" in status else None
        if match and tx.neutral is None:
            try:
                partial[tx.row] = to_cents(Decimal(match.group(1).replace(",", "")))
            except ArithmeticError:
                continue
    refunds = [
        tx
        for tx in transactions
        if tx.amount > 0
        and (
            (tx.neutral in (None, "closed") and tx.refund)  # WeChat marks the refund row 已全额退款 too
            or (tx.neutral == "flag" and (_has(tx.description, REFUND_WORDS) or "退款" in statuses.get(tx.row, "")))
        )
    ]
    netted = 0
    if not refunds and not partial:
        return 0
    # How much of each purchase may still be refunded: a purchase refunded in two parts
    # (20.00, then 30.00) takes both. Purchases by their counterparty, and by date for the
    # rest: a refund looks at the latest purchases of its own counterparty before it (at
    # most REFUND_LOOK of them), else at those of the year before it, so a long statement
    # with many refunds is not read once per refund.
    remaining = {id(p): -p.amount for p in purchases}
    by_party: dict[str, list[Transaction]] = {}
    for tx in sorted(purchases, key=lambda p: p.date):
        if tx.party:
            by_party.setdefault(tx.party, []).append(tx)
    ordered = sorted(purchases, key=lambda p: p.date)

    def before(rows: list[Transaction], refund: Transaction, earliest: dt.date) -> list[Transaction]:
        end = bisect_right(rows, refund.date, key=lambda p: p.date)
        start = max(bisect_left(rows, earliest, key=lambda p: p.date), end - REFUND_LOOK)
        return [p for p in rows[start:end] if remaining[id(p)] >= refund.amount]

    for refund in sorted(refunds, key=lambda r: (r.date, r.row)):
        earliest = refund.date - dt.timedelta(days=min(REFUND_REACH_DAYS, (refund.date - dt.date.min).days))
        candidates = before(by_party.get(refund.party, []), refund, earliest) if refund.party else []
        if not candidates:
            candidates = [p for p in before(ordered, refund, earliest) if _same_party(p, refund)]
        if not candidates:
            continue
        # The purchase refunded in full of this amount first, then a partial one of it, then any.
        purchase = min(candidates, key=lambda p: (
            not (p.neutral == "closed" and -p.amount == refund.amount),
            partial.get(p.row) != refund.amount,
            -p.amount != refund.amount,
            (refund.date - p.date).days,
        ))  # fmt: skip
        remaining[id(purchase)] -= refund.amount
        netted += 1
        if purchase.neutral == "closed":
            refund.neutral, refund.refund = "refunded", True  # one event: both set aside
            continue
        refund.neutral, refund.refund = None, True  # the purchase counts; its refund lowers it
        refund.category = purchase.category  # ... on the purchase's own line
        partial.pop(purchase.row, None)
    for tx in purchases:
        back = partial.get(tx.row)
        if back and back < -tx.amount:  # refunded in part, its refund row not in this file
            tx.amount += back
            tx.note = f"-{from_cents(back)}"
            netted += 1
    return netted


def statement_currency(header: list[str], rows: list[list[object]], index: int, amount_cells: list[object],
                       currency_values: list[str]) -> tuple[str, bool]:  # fmt: skip
    """The statement's currency and whether the file says it: a 币种 column's usual value,
    else the amount column's header ("Amount (USD)", "人民币金额"), a 币种 line above the
    header, the amounts' own symbols. A Chinese statement (its header or first rows in
    Chinese) that says none is in yuan; one in another language that says none is ""
    (unknown: the user is asked)."""
    main, _ = main_currency(currency_values)
    if main:
        return main, True
    for cell in header:
        if any(word in cell.lower() for word in ("金额", "支出", "收入", "amount", "paid", "money", "debit", "credit",
                                                  "bedrag", "betrag", "montant", "balance")):  # fmt: skip
            found = currency_of(cell)
            if found:
                return found, True
    for line in _preamble_text(rows, index):
        # 币种：美元; 卡内账户 002 活期储蓄存款 港币 现汇 (兴业银行: one file a currency)
        if any(word in line.lower() for word in ("币种", "币别", "货币", "currency", "valuta", "währung", "卡内账户",
                                                  "现汇", "现钞")):  # fmt: skip
            found = currency_of(line.split("：")[-1].split(":")[-1]) or currency_of(line)
            if found:
                return found, True
    symbols = [currency_of(c) for c in amount_cells[:200] if isinstance(c, str) and re.search(r"[^\d\s.,+\-()]", c)]
    symbols = [s for s in symbols if s]
    if symbols:
        return max(set(symbols), key=symbols.count), True
    words = [*header, *(str(c) for row in rows[index + 1 : index + 21] for c in row if isinstance(c, str))]
    if not any(re.search(r"[\u4e00-\u9fff]", cell) for cell in words):
        return "", False  # a statement in another language that does not say its currency: asked
    return "CNY", False
