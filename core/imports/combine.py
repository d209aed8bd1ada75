"""Several statements imported together, counted once.

A household's money runs through a bank card, Alipay and WeChat Pay at once. Imported
side by side, their statements count some yuan twice:

- **Moves between one's own accounts** appear in two statements: a bank debit "支付宝充值"
  and Alipay's top-up, WeChat change withdrawn to the bank card and the bank's credit.
  A pair is the same amount out of one statement and into another within TRANSFER_DAYS,
  with words of such a move on at least one side; both sides are then left out, and the
  pairs are listed so the user can see what was matched.
- **Periods that overlap** are not added up month by month: every counted yuan of every
  statement is summed and divided by the calendar months the statements cover together
  (each month once), so three statements of the same three months give three months.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from core.imports.statements import ImportResult, Transaction

TRANSFER_DAYS = 3
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
    result: ImportResult  # the statements as one: own moves neutral, months counted once
    matches: list[Match]
    overlap: list[int]  # month indexes (year * 12 + month - 1) covered by two or more statements
    sources: list[str]


def _month(tx: Transaction) -> int:
    return tx.date.year * 12 + tx.date.month - 1


def _period(result: ImportResult) -> set[int]:
    """The months a statement covers, as ImportResult.months counts them (counted lines)."""
    months = [_month(tx) for tx in result.counted]
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
    is matched at most once, the closest dates first."""
    pairs = []
    for i, left in enumerate(results):
        for j, right in enumerate(results):
            if i == j:
                continue
            ins: dict[int, list[Transaction]] = {}
            for tx in _candidates(right):
                if tx.amount > 0:
                    ins.setdefault(tx.amount, []).append(tx)
            for out in _candidates(left):
                if out.amount >= 0:
                    continue
                for into in ins.get(-out.amount, ()):
                    gap = abs((into.date - out.date).days)
                    if gap > TRANSFER_DAYS or not (_channel(out) or _channel(into)):
                        continue
                    if out.neutral is None or into.neutral is None:
                        pairs.append((gap, i, out, j, into))
    pairs.sort(key=lambda p: (p[0], p[2].date, p[1], p[2].row, p[3], p[4].row))
    used: set[tuple[int, int]] = set()
    matches = []
    for _, i, out, j, into in pairs:
        if (i, id(out)) in used or (j, id(into)) in used:
            continue
        used.update({(i, id(out)), (j, id(into))})
        matches.append(Match(i, out, j, into))
    return matches


def combine(results: list[ImportResult]) -> Combined:
    """The statements as one import (see the module's description)."""
    statements = [r for r in results if r.kind == "statement"]
    matches = match_own_transfers(statements)
    moved = {(m.out_source, id(m.out)) for m in matches} | {(m.in_source, id(m.into)) for m in matches}
    transactions = []
    covered: dict[int, int] = {}
    for index, result in enumerate(statements):
        for month in _period(result):
            covered[month] = covered.get(month, 0) + 1
        for tx in result.transactions:
            if (index, id(tx)) in moved:
                tx = dataclasses.replace(tx, neutral="own")
            transactions.append(tx)
    merged = ImportResult(
        kind="statement",
        source="combined",
        transactions=transactions,
        errors=[e for r in statements for e in r.errors],
        period_months=len(covered),
    )
    overlap = sorted(month for month, count in covered.items() if count > 1)
    return Combined(merged, matches, overlap, [r.source for r in statements])
