"""Where the household stands: the figures the Overview page shows, from a profile."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from core.budget import BudgetSummary, summarize
from core.money import div_round, to_cents, to_decimal
from core.profile import Profile
from core.schedule import Schedule, owed_now_cents, schedules


@dataclass
class DebtLine:
    record: dict
    schedule: Schedule

    @property
    def total_owed(self) -> int:
        return owed_now_cents(self.schedule.debt)

    @property
    def overdue_total(self) -> int:
        """What is already past due: overdue principal and interest plus penalty so far."""
        debt = self.schedule.debt
        return self.total_owed - to_cents(debt.principal - debt.overdue_principal)


@dataclass
class Standing:
    budget: BudgetSummary
    debts: list[DebtLine]
    debt_errors: list
    assets_total: int
    liquid_now: int
    liquid_3_months: int
    quick_sale_value: int  # every asset sold now, less its expected sale discount
    buffers_total: int

    @property
    def names(self) -> list[str]:
        """Each valid debt's name as scenarios, letters and checks refer to it ("#n" if blank)."""
        return [str(line.record.get("name") or f"#{i + 1}") for i, line in enumerate(self.debts)]

    @property
    def total_debt(self) -> int:
        return sum(line.total_owed for line in self.debts)

    def due_in(self, month: int) -> int:
        """Everything due in a month across all debts (catch-up of overdue amounts included)."""
        total = 0
        for line in self.debts:
            for row in line.schedule.rows:
                if row.month == month and row.period >= 1:
                    total += row.payment
        return total

    def regular_payments(self) -> int:
        return sum(line.schedule.regular_payment for line in self.debts)

    @property
    def debt_service_ratio(self) -> Decimal | None:
        """Regular debt payments as a share of monthly income (percent)."""
        if self.budget.income <= 0:
            return None
        return (Decimal(self.regular_payments()) * 100 / Decimal(self.budget.income)).quantize(Decimal("0.1"))

    @property
    def net_worth(self) -> int:
        return self.assets_total - self.total_debt

    @property
    def monthly_gap(self) -> int:
        """Income minus expenses minus regular debt payments (negative: a shortfall)."""
        return self.budget.surplus - self.regular_payments()

    @property
    def runway_months(self) -> Decimal | None:
        """How many months liquid assets cover the shortfall; None when there is none."""
        gap = self.monthly_gap
        if gap >= 0:
            return None
        return (Decimal(self.liquid_now) / Decimal(-gap)).quantize(Decimal("0.1"))


def sale_value_cents(asset: dict) -> int:
    """What an asset row fetches if sold: its value less its expected sale discount."""
    discount = asset.get("sale_discount")
    keep = 1 - Fraction(to_decimal(0.0 if discount is None or discount != discount else float(discount))) / 100
    return div_round(to_cents(float(asset["value"])) * keep.numerator, keep.denominator)


def standing(profile: Profile) -> Standing:
    budget = summarize(profile.section("worksheet"))
    valid, errors = profile.debts()
    computed = schedules([debt for _, debt in valid])
    lines = [DebtLine(record, sched) for (record, _), sched in zip(valid, computed, strict=True)]
    assets = profile.section("assets")
    total = liquid = liquid3 = quick = 0
    for row in assets.to_dict("records"):
        value = row.get("value")
        if value is None or value != value:
            continue
        cents = to_cents(float(value))
        total += cents
        quick += sale_value_cents(row)
        if row.get("liquidity") == "now":
            liquid += cents
        if row.get("liquidity") in ("now", "3_months"):
            liquid3 += cents
    buffers = sum(to_cents(float(v)) for v in profile.section("buffers")["amount"].dropna())
    return Standing(budget, lines, errors, total, liquid, liquid3, quick, buffers)
