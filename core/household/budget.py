"""The income/expense worksheet as monthly figures, and upcoming one-off costs.

Weekly amounts are x 52 / 12, quarterly / 3, yearly / 12 (an average month);
one-off amounts are not averaged but kept with their month for the simulator.

A regular row may start or stop in a given month (a new job from March, unemployment
benefit ending in June, a child's fees from September): ``starts`` and ``ends`` are the
first and last months it applies in (blank: already, and for good). The headline figures
(``income``, ``expenses``, by category) are those of the month the summary is taken in;
``income_in(month)`` / ``expenses_in(month)`` and the series follow every row month by
month, and the simulator, the plan and "do nothing" read those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from core.loans.money import div_round, to_cents

PER_MONTH = {"weekly": Fraction(52, 12), "monthly": Fraction(1), "quarterly": Fraction(1, 3), "yearly": Fraction(1, 12)}


def monthly_cents(amount, frequency: str) -> int:
    """An amount at a frequency as an average monthly amount in cents (0 for one-off)."""
    factor = PER_MONTH.get(frequency)
    if factor is None:
        return 0
    cents = to_cents(amount)
    return div_round(cents * factor.numerator, factor.denominator)


@dataclass(frozen=True)
class OneOff:
    month: int
    category: str
    direction: str
    cents: int


@dataclass(frozen=True)
class Recurring:
    """A regular worksheet row as an average monthly amount, with the months it applies in."""

    category: str
    direction: str
    kind: str
    cents: int  # a month
    starts: int | None = None  # first month it applies in (None: already)
    ends: int | None = None  # last month it applies in (None: for good)

    def active(self, month: int) -> bool:
        return (self.starts is None or self.starts <= month) and (self.ends is None or month <= self.ends)


@dataclass
class BudgetSummary:
    income: int  # cents a month, in the month the summary is taken in (``now``)
    fixed_expenses: int
    variable_expenses: int
    by_category: dict[str, int]  # expense categories, cents a month
    income_by_category: dict[str, int]
    one_offs: list[OneOff]
    recurring: list[Recurring] = field(default_factory=list)
    now: int = 0

    def income_in(self, month: int) -> int:
        """Regular income in a month (rows that have started and not yet stopped)."""
        return sum(r.cents for r in self.recurring if r.direction == "income" and r.active(month))

    def expenses_in(self, month: int) -> int:
        return sum(r.cents for r in self.recurring if r.direction != "income" and r.active(month))

    def series(self, start: int, span: int) -> tuple[np.ndarray, np.ndarray]:
        """(regular income, regular expenses) for each month from ``start``, cents."""
        income = np.zeros(span, dtype=np.int64)
        expenses = np.zeros(span, dtype=np.int64)
        for r in self.recurring:
            lo = 0 if r.starts is None else min(max(r.starts - start, 0), span)
            hi = span if r.ends is None else min(max(r.ends - start + 1, 0), span)
            if lo < hi:
                (income if r.direction == "income" else expenses)[lo:hi] += r.cents
        return income, expenses

    @property
    def changes(self) -> list[tuple[int, Recurring, str]]:
        """(month, row, "starts" | "ends") for every row that starts or stops after ``now``:
        the month it starts in, or the month after the one it ends in."""
        out = []
        for r in self.recurring:
            if r.starts is not None and r.starts > self.now:
                out.append((r.starts, r, "starts"))
            if r.ends is not None and r.ends >= self.now:
                out.append((r.ends + 1, r, "ends"))
        return sorted(out, key=lambda item: item[0])

    @property
    def expenses(self) -> int:
        return self.fixed_expenses + self.variable_expenses

    @property
    def surplus(self) -> int:
        """What is left each month for debts, before any debt payment."""
        return self.income - self.expenses


def summary(recurring: list[Recurring], one_offs: list[OneOff], now: int) -> BudgetSummary:
    """The worksheet's figures in month ``now`` from its rows (core.household.loader reads them), in
    the rows' order; one-off amounts by month."""
    income = fixed = variable = 0
    by_category: dict[str, int] = {}
    income_by_category: dict[str, int] = {}
    for line in recurring:
        if not line.active(now):
            continue
        if line.direction == "income":
            income += line.cents
            income_by_category[line.category] = income_by_category.get(line.category, 0) + line.cents
        else:
            if line.kind == "variable":
                variable += line.cents
            else:
                fixed += line.cents
            by_category[line.category] = by_category.get(line.category, 0) + line.cents
    one_offs = sorted(one_offs, key=lambda o: o.month)
    return BudgetSummary(income, fixed, variable, by_category, income_by_category, one_offs, list(recurring), now)


SURPRISE_SHARE = Fraction(1, 2)  # an import that raises monthly income or costs by more than half…
SURPRISE_CENTS = 50_000  # …and by ¥500 or more is shown as a surprise before it is applied


@dataclass(frozen=True)
class ImportEffect:
    """The worksheet's monthly figures now, with an import added, and with it instead."""

    now: BudgetSummary
    appended: BudgetSummary
    replaced: BudgetSummary

    def surprises(self) -> list[str]:
        """ "income" and/or "expenses" when adding the import would raise that monthly figure
        by more than half and by ¥500 or more (four statements read as one month's income,
        say): worth a look before it lands. Nothing to compare with is no surprise."""
        out = []
        for name in ("income", "expenses"):
            before, after = getattr(self.now, name), getattr(self.appended, name)
            if before > 0 and after - before >= SURPRISE_CENTS and after - before > before * SURPRISE_SHARE:
                out.append(name)
        return out
