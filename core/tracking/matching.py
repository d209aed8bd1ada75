"""Payments found in statements: the repayments of credit the importer sets aside (花呗 and
借呗 repayments, card repayments, loan deductions: debt service) are matched to the
lenders with an agreement by the lender's name (its product, its bank, or who holds the
debt now), then by the amount due and the agreement's months, and offered as payments to
confirm — never guessed:

- a row naming a lender that no agreement names is not a payment under the plan (a
  repayment of another debt, or to the wrong lender): listed, not offered;
- a row that names no lender, or several debts of the same bank with no amount to tell
  them apart, is asked about: the user picks the debt;
- the same money is counted once: a statement row already recorded (its reference) is
  not offered again, and one that is a payment already typed by hand (same lender and
  amount within a few days) only confirms it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from core.household.model import Household
from core.imports.categories import credit_lender, lender_aliases
from core.imports.result import ImportResult, Transaction
from core.loans.dates import current_month, month_to_date
from core.tracking.schedule import AgreedSchedule, schedules

SAME_MONEY_DAYS = 5  # a payment and another record of it: this many days apart at most
TICKED_LATE_DAYS = (
    15  # "paid as agreed" is ticked on the day it is remembered: up to this many days after the money left
)
WINDOW_DAYS = 31  # a repayment this long before the first due day or after the last still counts
STATUSES = ("new", "same", "recorded", "ask", "untracked", "outside")


@dataclass
class Candidate:
    """A repayment found in a statement, and what it is to the plan."""

    key: tuple[int, int]  # (file, row) among the files imported together
    date: dt.date
    amount: int  # cents repaid
    description: str
    lender_word: str  # the lender the row names ("" when it names none)
    ref: str  # the row's reference: the same row read again has the same one
    status: str  # one of STATUSES
    debt: str | None = None  # the debt it pays (status new, same, recorded)
    same_as: int | None = None  # the payment (1-based row) it confirms (status same)
    choices: list[str] = field(default_factory=list)  # the debts to pick from (status ask)


def repayments(result: ImportResult) -> list[Transaction]:
    """The statement's repayments of credit: money that went to a lender."""
    return [tx for tx in result.transactions if tx.neutral == "debt" and (tx.amount if tx.card else -tx.amount) > 0]


def row_ref(tx: Transaction, seen: dict[str, int]) -> str:
    """A reference for a statement row that the same row, read again from the same file or
    a later one covering the same days, gets again (the second of two identical rows is
    told apart by its order)."""
    base = "|".join(
        (tx.date.isoformat(), str(abs(tx.amount)), tx.description.strip(), tx.party.strip(), tx.ref.strip())
    )
    seen[base] = seen.get(base, 0) + 1
    return "st:" + hashlib.sha256(f"{base}|{seen[base]}".encode()).hexdigest()[:16]


def _names(h: Household, schedule: AgreedSchedule) -> str:
    """Everything that names a debt's lender: the debt's name, its lender, its holder now."""
    line = h.line(schedule.debt)
    return " ".join((schedule.debt, line.lender, schedule.agreement.holder))


def _fits(schedule: AgreedSchedule, day: dt.date) -> bool:
    if not schedule.dues:
        return False
    first = month_to_date(schedule.dues[0].month) - dt.timedelta(days=WINDOW_DAYS)
    return first <= day <= schedule.dues[-1].date + dt.timedelta(days=WINDOW_DAYS)


def _due_in(schedule: AgreedSchedule, day: dt.date) -> set[int]:
    month = current_month(day)
    return {d.amount for d in schedule.dues if abs(d.month - month) <= 1}


class _Book:
    """The payments recorded, as matching reads them: by reference, and by lender and
    amount (each may be taken once by one statement row)."""

    def __init__(self, h: Household):
        self.refs = {p.ref: p for p in h.payments if p.ref}
        self.by_amount: dict[tuple[str, int], list] = {}
        for p in h.payments:
            self.by_amount.setdefault((p.debt, p.amount), []).append(p)
        self.taken: set[int] = set()

    def same_money(self, debt: str, amount: int, day: dt.date):
        """The payment already recorded that this statement row is another record of: the
        same lender and amount, a few days apart (a "paid as agreed" tick up to two weeks
        after), or one recorded from another statement; the nearest in date first."""

        def near(p) -> bool:
            days = (p.date - day).days
            late = TICKED_LATE_DAYS if p.source == "as_agreed" and not p.ref else SAME_MONEY_DAYS
            return -SAME_MONEY_DAYS <= days <= late

        found = [p for p in self.by_amount.get((debt, amount), ()) if p.row not in self.taken and near(p)]
        best = min(found, key=lambda p: abs((p.date - day).days), default=None)
        if best is not None:
            self.taken.add(best.row)
        return best


def settle(h: Household, cand: Candidate, debt: str, book: _Book | None = None) -> Candidate:
    """What a repayment is to the plan once its debt is known (matched by name, or picked
    by the user): recorded already, outside the agreement's months, the same money as a
    payment recorded (typed: it gets the row's reference; from another statement: recorded),
    or new."""
    book = book or _Book(h)
    schedule = schedules(h).get(debt)
    cand.debt = debt
    if cand.ref in book.refs:
        cand.status = "recorded"
    elif schedule is None or not _fits(schedule, cand.date):
        cand.status = "outside"
    else:
        same = book.same_money(debt, cand.amount, cand.date)
        if same is None:
            cand.status = "new"
        elif same.ref:  # the same money, read from another statement before
            cand.status, cand.same_as = "recorded", same.row
        else:
            cand.status, cand.same_as = "same", same.row
    return cand


def match(h: Household, result: ImportResult) -> list[Candidate]:
    """Every repayment in the statement, with the debt it pays and whether to offer it."""
    plans = schedules(h)
    book = _Book(h)
    refs = book.refs
    names = {debt: _names(h, s) for debt, s in plans.items()}  # what names each lender, once
    seen: dict[str, int] = {}
    out = []
    for tx in repayments(result):
        amount = abs(tx.amount)
        word = credit_lender(tx.description) or (tx.lender if tx.card else "")
        ref = row_ref(tx, seen)
        cand = Candidate(tx.key, tx.date, amount, tx.description, word, ref, "ask")
        out.append(cand)
        if ref in refs:  # recorded already, whichever debt it was given to (one asked about too)
            cand.status, cand.debt = "recorded", refs[ref].debt
            continue
        said = f"{tx.description} {tx.party}"
        named = [s for s in plans.values() if s.agreement.holder and s.agreement.holder in said]
        if not named and word:
            aliases = lender_aliases(word)
            named = [s for s in plans.values() if any(alias in names[s.debt] for alias in aliases)]
            if len(named) > 1 and word.endswith("信用卡"):  # a card's repayment: the card, not the bank's loan
                cards = [s for s in named if h.line(s.debt).lender_type == "credit_card"]
                named = cards or named
        if len(named) > 1:  # several debts of one bank: the one due this amount, if only one is
            by_amount = [s for s in named if amount in _due_in(s, tx.date)]
            named = by_amount if len(by_amount) == 1 else named
        if not word and not named:  # names no lender: asked, never guessed (nothing to ask without agreements)
            cand.choices = sorted(plans)
            cand.status = "ask" if plans else "untracked"
            continue
        if not named:
            cand.status = "untracked"
            continue
        if len(named) > 1:
            cand.choices = sorted(s.debt for s in named)
            continue
        settle(h, cand, named[0].debt, book)
    return out
