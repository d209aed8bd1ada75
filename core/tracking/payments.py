"""Payments made under the agreements, as rows of the profile's "payments" table: one
row for each sum of money, so the same money is never counted twice.

- **Paid as agreed**: one click records what is still due for the month due now (or the
  oldest month still open); nothing when this month is already paid.
- **By hand**: an amount and a date; the same amount to the same lender on the same day
  is already recorded and is refused.
- **From a statement** (core.tracking.matching): a new row carries the statement row's
  reference; a row that is the payment already typed by hand only gives it its reference.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from core.loans.dates import current_month
from core.loans.money import from_cents
from core.loans.values import Payment
from core.profiles.profile import empty_section
from core.tracking.progress import LenderProgress


def payment_row(debt: str, day: dt.date, cents: int, source: str = "by_hand", ref: str = "",
                balance: int | None = None, note: str = "") -> dict:  # fmt: skip
    """A payment as the row the "payments" table keeps (amounts exact, in yuan to the cent)."""
    return {"debt": debt, "date": day.isoformat(), "amount": from_cents(cents), "source": source, "ref": ref or None,
            "balance": None if balance is None else from_cents(balance), "note": note or None}  # fmt: skip


def as_agreed(lp: LenderProgress, today: dt.date) -> dict | None:
    """The row for "paid as agreed" today: what is still due for the oldest month open, when
    that month is due by the end of this one. None when this month is already paid."""
    due = lp.next_due
    if due is None or due.month > current_month(today):
        return None
    return payment_row(lp.debt, today, due.amount, "as_agreed")


def duplicate_of(payments: list[Payment], debt: str, day: dt.date, cents: int) -> Payment | None:
    """A payment already recorded to the same lender, on the same day, of the same amount."""
    return next((p for p in payments if p.debt == debt and p.date == day and p.amount == cents), None)


def with_rows(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    """The payments table with rows added (those whose statement reference is already in
    it are not added again)."""
    refs = set(frame["ref"].dropna().astype(str)) if "ref" in frame else set()
    fresh = [r for r in rows if not r.get("ref") or r["ref"] not in refs]
    if not fresh:
        return frame
    base = frame if len(frame) else empty_section("payments")
    return pd.concat([base, pd.DataFrame(fresh)], ignore_index=True)


def with_link(frame: pd.DataFrame, row: int, ref: str) -> pd.DataFrame:
    """The payments table with the statement row ``ref`` written on payment ``row`` (1-based):
    the payment typed by hand and the statement's row are the same money."""
    out = frame.copy()
    out.loc[out.index[row - 1], "ref"] = ref
    return out
