"""The Overview's two pictures as tables with bars: where the money goes each month, and
who is owed how much (and how much of it is overdue).

Tables rather than charts: the amounts are written out (no hovering, readable on a phone
and when printed), each row's share of the whole is a bar, and the first page a person
sees needs no chart library, which made it about two seconds slower to appear
(bench/first_paint.py; docs/benchmarks.md has the figures).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import t
from core.loans.money import div_round


@dataclass(frozen=True)
class Share:
    label: str
    cents: int  # this row's amount
    percent: float  # its share of all rows, one decimal (for the bar: a picture, not money)
    overdue: int = 0  # of which overdue (debts only)


def _shares(items: list[tuple[str, int, int]]) -> list[Share]:
    """Rows with a positive amount, largest first (ties in the given order), with shares."""
    kept = [item for item in items if item[1] > 0]
    total = sum(cents for _, cents, _ in kept)
    ordered = sorted(kept, key=lambda item: -item[1])  # sorted() is stable
    return [Share(label, cents, div_round(cents * 1000, total) / 10, overdue) for label, cents, overdue in ordered]


def spending_shares(by_category: dict[str, int], debt_payments: int, lang: str) -> list[Share]:
    """Each spending category's monthly amount, and the month's debt payments beside them."""
    items = [(label, cents, 0) for label, cents in by_category.items()]
    items.append((t("ov.debt_payments", lang), debt_payments, 0))
    return _shares(items)


def owed_shares(names: list[str], owed: list[int], overdue: list[int]) -> list[Share]:
    """Each debt's amount owed now (overdue part included) and its share of all debts."""
    return _shares([(name, total, late) for name, total, late in zip(names, owed, overdue, strict=True)])
