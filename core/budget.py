"""The income/expense worksheet as monthly figures, and upcoming one-off costs.

Weekly amounts are x 52 / 12, quarterly / 3, yearly / 12 (an average month);
one-off amounts are not averaged but kept with their month for the simulator.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from core.money import div_round, to_cents
from core.months import parse_month

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


@dataclass
class BudgetSummary:
    income: int  # cents a month
    fixed_expenses: int
    variable_expenses: int
    by_category: dict[str, int]  # expense categories, cents a month
    income_by_category: dict[str, int]
    one_offs: list[OneOff]

    @property
    def expenses(self) -> int:
        return self.fixed_expenses + self.variable_expenses

    @property
    def surplus(self) -> int:
        """What is left each month for debts, before any debt payment."""
        return self.income - self.expenses


def summarize(worksheet: pd.DataFrame) -> BudgetSummary:
    income = fixed = variable = 0
    by_category: dict[str, int] = {}
    income_by_category: dict[str, int] = {}
    one_offs: list[OneOff] = []
    for row in worksheet.to_dict("records"):
        amount = row.get("amount")
        if amount is None or pd.isna(amount):
            continue
        category = row.get("category") or "—"
        direction = row.get("direction") or "expense"
        if row.get("frequency") == "one_off":
            month = row.get("month")
            if month:
                one_offs.append(OneOff(parse_month(month), category, direction, to_cents(amount)))
            continue
        cents = monthly_cents(amount, row.get("frequency") or "monthly")
        if direction == "income":
            income += cents
            income_by_category[category] = income_by_category.get(category, 0) + cents
        else:
            if row.get("kind") == "variable":
                variable += cents
            else:
                fixed += cents
            by_category[category] = by_category.get(category, 0) + cents
    one_offs.sort(key=lambda o: o.month)
    return BudgetSummary(income, fixed, variable, by_category, income_by_category, one_offs)


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


def import_effect(existing: pd.DataFrame, incoming: pd.DataFrame) -> ImportEffect:
    """What applying an import would do to the worksheet's monthly income and costs."""
    frames = [f for f in (existing, incoming) if not f.empty]
    appended = pd.concat(frames, ignore_index=True) if frames else existing
    return ImportEffect(summarize(existing), summarize(appended), summarize(incoming))
