"""Several statements imported together, each yuan counted once.

A household's money runs through a bank card, a credit card, Alipay and WeChat Pay at
once. Imported side by side, their statements would count some yuan twice:

- **Moves between one's own accounts** appear in two statements: a bank debit "支付宝充值"
  and Alipay's top-up, WeChat change withdrawn to the bank card and the bank's credit.
  A pair is the same amount out of one statement and into another within TRANSFER_DAYS,
  with words of such a move on at least one side; both sides are then left out, and the
  pairs are listed so the user can see what was matched.
- **A card paid from the bank account**: the bank's repayment and the card statement's
  money in are one payment; the card's side is kept (it names the lender), the bank's
  left out ("own").
- **The same transaction twice** (one bill as a CSV and again in its zip, two exports of
  overlapping months) is counted once: rows of a later file that an earlier file holds —
  the same order number, date and amount where the file has order numbers, else the same
  date, amount and words — are dropped, and said how many. Rows that repeat within one
  file are never dropped (two coffees of ¥28 on one day are two coffees).
- **The same money in a wallet and a bank statement**: a purchase (or a repayment) paid in
  Alipay or WeChat Pay with a bank card shows in both (the wallet names the merchant, the
  bank only "支付宝-…" or "财付通-…"). The bank's row of the same amount within
  TRANSFER_DAYS is left out ("same") and the wallet's kept.
- **Each statement is averaged over its own months**: a month's wallet bill beside a
  bank statement of two months adds that month's spending as a month's, not half of it.
  The result's ``parts`` say each statement's source and months; ``months`` is the
  calendar months the statements cover together (said, not divided by).
- **Another currency** is never added to yuan: a statement in another currency is left out
  unless the caller converted it first (``ImportResult.in_yuan``).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from core.imports.result import ImportResult, Part, Transaction, month_of

TRANSFER_DAYS = 3
CARD_PAYMENT_DAYS = 5  # a card repayment is credited to the card within a few days
WALLETS = ("alipay", "wechat")
WALLET_WORDS = ("支付宝", "财付通", "微信支付", "alipay", "wechat", "tenpay", "网联", "快捷支付")
CHANNEL_WORDS = ("充值", "提现", "转入", "转出", "转账", "余额宝", "零钱", "银行卡", "储蓄卡", "支付宝", "微信", "财付通",
                 "网银", "快捷支付", "top up", "top-up", "withdraw", "transfer")  # fmt: skip


@dataclass(frozen=True)
class Match:
    """One move of one's own money, seen in two statements."""

    out_source: int  # index of the statement the money left
    out: Transaction
    in_source: int
    into: Transaction


@dataclass
class Combined:
    result: ImportResult  # the statements as one: own moves neutral, each averaged over its own months
    matches: list[Match]
    overlap: list[int]  # month indexes (year * 12 + month - 1) covered by two or more statements
    sources: list[str]
    duplicates: int = 0  # rows dropped: the same transaction in an earlier file
    same: int = 0  # bank rows left out: the same money in a wallet's statement
    left_out: list[int] = field(default_factory=list)  # statements in another currency, not added
    card_payments: int = 0  # bank repayments matched with a card statement's money in

    @property
    def matched_total(self) -> int:
        """Cents moved between the household's own accounts: each matched pair once."""
        return sum(-m.out.amount for m in self.matches)


def transaction_key(tx: Transaction) -> tuple:
    """What makes a row the same transaction in another file: its order number with its
    date and amount (two accounts' serial numbers can coincide), else its date, amount and
    words."""
    if tx.ref and tx.ref not in ("/", "-", "--"):
        return ("ref", tx.ref, tx.date, tx.amount)
    return ("row", tx.date, tx.amount, " ".join(tx.description.split()))


def drop_duplicates(results: list[ImportResult]) -> tuple[list[list[Transaction]], int]:
    """Each statement's rows less those an earlier statement already holds (as many times
    as it holds them), and how many were dropped."""
    seen: Counter = Counter()
    kept_all, dropped = [], 0
    for result in results:
        mine: Counter = Counter()
        kept = []
        for tx in result.transactions:
            key = transaction_key(tx)
            mine[key] += 1
            if mine[key] <= seen[key]:
                dropped += 1
                continue
            kept.append(tx)
        seen.update(mine)
        kept_all.append(kept)
    return kept_all, dropped


def _bank_funded(tx: Transaction) -> bool:
    via = tx.via
    return any(word in via for word in ("银行", "储蓄卡", "信用卡", "借记卡", "银行卡")) or "card" in via.lower()


class _ByDate:
    """Rows by amount, each amount's rows by date: the nearest one to a date that fits."""

    def __init__(self) -> None:
        self.rows: dict[int, list[tuple]] = {}

    def add(self, amount: int, date, item) -> None:
        self.rows.setdefault(amount, []).append((date, item))

    def sort(self) -> None:
        for rows in self.rows.values():
            rows.sort(key=lambda pair: pair[0])

    def nearest(self, amount: int, date, days: int, fits: Callable[[object], bool]) -> tuple[int, object] | None:
        """(gap in days, item) of the row of this amount nearest to ``date`` within ``days``
        that ``fits`` (the earlier on a tie), else None. It looks outward from the date, at
        most NEAREST_LOOK rows: long statements are not compared row by row."""
        rows = self.rows.get(amount)
        if not rows:
            return None
        lo = bisect_left(rows, date, key=lambda pair: pair[0]) - 1
        hi = lo + 1
        for _ in range(NEAREST_LOOK):
            gap_lo = (date - rows[lo][0]).days if lo >= 0 else None
            gap_hi = (rows[hi][0] - date).days if hi < len(rows) else None
            if gap_lo is None and gap_hi is None:
                return None
            if gap_hi is None or (gap_lo is not None and gap_lo <= gap_hi):
                gap, item, lo = gap_lo, rows[lo][1], lo - 1
            else:
                gap, item, hi = gap_hi, rows[hi][1], hi + 1
            if gap > days:  # the nearer side is already too far: so is everything after it
                return None
            if fits(item):
                return gap, item
        return None


NEAREST_LOOK = 200


def match_same_spending(sources: list[str], rows: list[list[Transaction]]) -> set[tuple[int, int]]:
    """Bank rows that are a wallet purchase or repayment paid by card: (statement, id(row))
    of the bank's side, matched to a wallet row of the same amount within TRANSFER_DAYS
    that counts or repays credit."""
    wallet = _ByDate()
    for index, source in enumerate(sources):
        if source in WALLETS:
            for tx in rows[index]:
                if tx.amount < 0 and tx.neutral in (None, "debt") and _bank_funded(tx):
                    wallet.add(tx.amount, tx.date, tx)
    wallet.sort()
    used: set[int] = set()
    out = set()
    for index, source in enumerate(sources):
        if source in WALLETS:
            continue
        for tx in rows[index]:
            if tx.amount >= 0 or tx.neutral not in (None, "debt"):
                continue
            if not any(word in tx.description.lower() for word in WALLET_WORDS):
                continue
            found = wallet.nearest(tx.amount, tx.date, TRANSFER_DAYS, lambda other: id(other) not in used)
            if found is not None:
                used.add(id(found[1]))
                out.add((index, id(tx)))
    return out


def _period(result: ImportResult) -> set[int]:
    """The months a statement covers, as ImportResult.months counts them (counted lines)."""
    months = [month_of(tx.date) for tx in result.counted]
    return set(range(min(months), max(months) + 1)) if months else set()


def _channel(tx: Transaction) -> bool:
    text = tx.description.lower()
    return any(word in text for word in CHANNEL_WORDS)


def _candidates(result: ImportResult) -> list[Transaction]:
    """What may be one side of an own move: not cancelled, not a repayment of credit."""
    return [tx for tx in result.transactions if tx.amount and tx.neutral not in ("closed", "debt")]


def match_own_transfers(results: list[ImportResult]) -> list[Match]:
    """Pairs of the same amount out of one statement and into another within TRANSFER_DAYS,
    with words of a move between accounts on at least one side and at least one side
    counted (a pair both statements already leave out changes nothing). Each transaction
    is matched at most once: money out in date order takes the nearest money in not yet
    matched, looked up by amount and date."""
    ins = [_ByDate() for _ in results]
    for j, right in enumerate(results):
        for tx in _candidates(right):
            if tx.amount > 0:
                ins[j].add(tx.amount, tx.date, tx)
        ins[j].sort()
    outs = sorted(((tx.date, tx.row, i, tx) for i, left in enumerate(results) for tx in _candidates(left)
                   if tx.amount < 0), key=lambda item: item[:3])  # fmt: skip
    used: set[int] = set()
    matches = []
    for date, _, i, out in outs:

        def fits(into: Transaction, out: Transaction = out) -> bool:
            return (id(into) not in used and (_channel(out) or _channel(into))
                    and (out.neutral is None or into.neutral is None))  # fmt: skip

        best = None  # (gap, j, into)
        for j, by_date in enumerate(ins):
            found = by_date.nearest(-out.amount, date, TRANSFER_DAYS, fits) if j != i else None
            if found is not None and (best is None or found[0] < best[0]):
                best = (found[0], j, found[1])
        if best is not None:
            used.add(id(best[2]))
            matches.append(Match(i, out, best[1], best[2]))
    return matches


def match_card_payments(results: list[ImportResult]) -> set[tuple[int, int]]:
    """A card paid from a bank account seen in both statements: (statement, id(row)) of the
    bank's repayment, matched with the card statement's money in of the same amount within
    CARD_PAYMENT_DAYS. The card's side is kept: it names the lender."""
    cards = _ByDate()
    for j, result in enumerate(results):
        for tx in result.transactions:
            if tx.card and tx.neutral == "debt" and tx.amount > 0:
                cards.add(tx.amount, tx.date, (j, tx))
    cards.sort()
    used: set[int] = set()
    out = set()
    for i, result in enumerate(results):
        for tx in result.transactions:
            if tx.card or tx.neutral != "debt" or tx.amount >= 0:
                continue
            found = cards.nearest(-tx.amount, tx.date, CARD_PAYMENT_DAYS,
                                  lambda item, i=i: item[0] != i and id(item[1]) not in used)  # fmt: skip
            if found is not None:
                used.add(id(found[1][1]))
                out.add((i, id(tx)))
    return out


def combine(results: list[ImportResult]) -> Combined:
    """The statements as one import (see the module's description)."""
    statements = [r for r in results if r.kind == "statement"]
    left_out = [i for i, r in enumerate(statements) if r.currency != "CNY"]
    statements = [r for i, r in enumerate(statements) if i not in left_out]
    for statement in statements:
        statement.fingerprint()  # of the whole file, before its repeats are dropped
    rows, duplicates = drop_duplicates(statements)
    statements = [dataclasses.replace(r, transactions=kept) for r, kept in zip(statements, rows, strict=True)]
    sources = [r.source for r in statements]
    same = match_same_spending(sources, rows)
    matches = match_own_transfers(statements)
    paid = match_card_payments(statements)
    moved = {(m.out_source, id(m.out)) for m in matches} | {(m.in_source, id(m.into)) for m in matches} | paid
    transactions = []
    covered: dict[int, int] = {}
    for index, result in enumerate(statements):
        for month in _period(result):
            covered[month] = covered.get(month, 0) + 1
        for tx in result.transactions:
            if (index, id(tx)) in moved:
                tx = dataclasses.replace(tx, neutral="own", file=index)
            elif (index, id(tx)) in same:
                tx = dataclasses.replace(tx, neutral="same", file=index)
            else:
                tx = dataclasses.replace(tx, file=index)
            transactions.append(tx)
    parts = [Part(r.source, r.months, r.account, r.fingerprint(), r.stated) for r in statements]
    merged = ImportResult(
        kind="statement",
        source="combined",
        transactions=transactions,
        errors=[e for r in statements for e in r.errors],
        period_months=len(covered),
        holder=list(dict.fromkeys(n for r in statements for n in r.holder)),
        # refunds netted in a statement whose every row was a repeat are not said twice
        refunds_netted=sum(r.refunds_netted for r in statements if r.transactions),
        duplicates=duplicates,
        lines=sum(r.lines or 0 for r in statements) or None,
        partial=_partial(statements),
        parts=parts,
    )
    overlap = sorted(month for month, count in covered.items() if count > 1)
    return Combined(merged, matches, overlap, sources, duplicates, len(same), left_out, len(paid))


def _partial(statements: list[ImportResult]) -> list:
    """Months a statement covers only in part, each with the statement it belongs to."""
    return [dataclasses.replace(part, file=index) for index, result in enumerate(statements) for part in result.partial]
