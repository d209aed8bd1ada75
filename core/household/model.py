"""The loaded household: one object every consumer reads (pages, simulator, readiness,
letters, report, command line), built by ``core.household.loader.load`` from a profile.

Amounts here are integer cents; the engine's debts are exact Decimal yuan to the cent
(core.loans.debts). Nothing downstream goes back to the profile's tables for a figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from core.errors import InputError
from core.household.budget import BudgetSummary
from core.household.case import Case
from core.household.contacts import Contact
from core.loans.apr import RateNote, rate_note
from core.loans.debts import Debt
from core.loans.money import to_cents
from core.loans.schedule import Schedule, owed_now_cents
from core.loans.values import Agreement, Offer, Payment, PlanSettings, Scenario, VersionLine

PRIORITY_TYPES = frozenset({"mortgage", "car_loan"})  # their default threatens the home or what the household needs


@dataclass
class DebtLine:
    """A debt that makes a valid engine debt, with what the user typed about it that is not
    the engine's (core.household.loader reads it)."""

    schedule: Schedule
    name: str = ""
    lender: str = ""
    lender_type: str = ""
    contract_date: dt.date | None = None  # when the contract was signed (the rate note depends on it)
    priority: str | None = None  # the user's mark: "priority" | "unsecured" (None: by its kind of lender)
    due_day: int | None = None  # the day of the month the lender takes the payment (还款日)
    rate_doubt: InputError | None = None  # a rate unusual for its kind of lender, as typed: a question

    def rate_note(self, lpr: Decimal) -> RateNote | None:
        """What can fairly be said about this debt's true rate for its kind of lender."""
        return rate_note(self.schedule.apr(), self.lender_type, self.contract_date, lpr)

    @property
    def debt(self) -> Debt:
        return self.schedule.debt

    @property
    def total_owed(self) -> int:
        return owed_now_cents(self.schedule.debt)

    @property
    def overdue_total(self) -> int:
        """What is already past due: overdue principal and interest plus penalty so far."""
        debt = self.schedule.debt
        return self.total_owed - to_cents(debt.principal - debt.overdue_principal)


@dataclass(frozen=True)
class AssetLine:
    name: str
    type: str
    value: int  # cents
    liquidity: str  # "now" | "3_months" | "illiquid"
    sale_value: int  # cents: the value less its expected sale discount


@dataclass(frozen=True)
class BufferLine:
    """Money that could come from outside the household's own: family help, other support,
    or an unused credit line (new borrowing: a risk, not a resource)."""

    name: str
    kind: str  # "credit_line" | "family_help" | "other"
    amount: int  # cents

    @property
    def is_credit(self) -> bool:
        return self.kind == "credit_line"


@dataclass(frozen=True)
class Draft:
    """A debt row that does not make a debt yet (a name only, say): kept in the table as
    typed, left out of every figure, and named with the fields it still needs."""

    row: int  # 1-based, as the table counts
    name: str
    missing: tuple[str, ...]  # fields left blank that a debt needs


@dataclass
class Household:
    """Everything the app knows about one household, in cents, checked once."""

    budget: BudgetSummary
    lines: list[DebtLine]  # the debts that make valid engine debts, in table order
    assets: list[AssetLine]
    buffers: list[BufferLine]
    case: Case
    scenarios: list[Scenario]  # the status quo first, then the profile's own
    start: int  # the month the simulation starts: the first debt's first payment month
    debt_errors: list = field(default_factory=list)
    scenario_errors: list = field(default_factory=list)
    plan_settings: PlanSettings | None = None  # the household plan's settings (core.simulation.plan)
    agreed: list[Offer] = field(default_factory=list)  # accepted counter-offers (core.simulation.offer)
    agreements: list[Agreement] = field(default_factory=list)  # every offer kept, with where it stands (core.tracking)
    payments: list[Payment] = field(default_factory=list)  # payments made to the debts, oldest first
    versions: list[VersionLine] = field(default_factory=list)  # every plan kept, oldest first (core.tracking.review)
    attached: dict = field(default_factory=dict)  # document kind -> files in the evidence locker
    ticked: frozenset = frozenset()  # the papers ticked as kept on paper (the case's own boxes)
    drafts: list[Draft] = field(default_factory=list)  # incomplete debt rows
    letters: int = 0  # letters kept
    log: list[Contact] = field(default_factory=list)  # the contact log, as typed
    plan_chosen: bool = False  # the plan's settings saved (the user chose the plan)

    @property
    def errors(self) -> list:
        return self.debt_errors + self.scenario_errors

    # --- the debts, as the simulator indexes them -------------------------------------
    @cached_property
    def names(self) -> list[str]:
        """Each valid debt's name as scenarios, letters and checks refer to it ("#n" if blank)."""
        return [line.name or f"#{i + 1}" for i, line in enumerate(self.lines)]

    @cached_property
    def debts(self) -> list[Debt]:
        return [line.schedule.debt for line in self.lines]

    @cached_property
    def lender_types(self) -> list[str]:
        return [line.lender_type for line in self.lines]

    @cached_property
    def status(self) -> list[Schedule]:
        """Each debt's plain schedule: what the contract asks, month by month."""
        return [line.schedule for line in self.lines]

    def line(self, name: str) -> DebtLine:
        return self.lines[self.names.index(name)]

    @cached_property
    def due_days(self) -> dict[str, int]:
        """Each debt's due day (1–31) by name, where the user gave one."""
        return {line.name: line.due_day for line in self.lines if line.name and line.due_day}

    def is_priority(self, j: int) -> bool:
        """Whether debt ``j`` is a priority debt (never asked to change): the user's mark on
        it, else its kind of lender (a mortgage, a car loan)."""
        mark = self.lines[j].priority
        if mark in ("priority", "unsecured"):
            return mark == "priority"
        return self.lender_types[j] in PRIORITY_TYPES

    # --- money coming in and going out --------------------------------------------------
    @property
    def income(self) -> int:
        return self.budget.income

    @property
    def expenses(self) -> int:
        return self.budget.expenses

    def net_series(self, start: int, span: int) -> tuple:
        """(regular income, regular expenses) month by month from ``start`` (rows that start
        or stop later follow their months, core.household.budget)."""
        return self.budget.series(start, span)

    @cached_property
    def one_offs(self) -> list[tuple[int, int, str]]:
        """(month, signed cents, label) of one-off amounts from the start month on."""
        return [
            (o.month, o.cents if o.direction == "income" else -o.cents, o.category)
            for o in self.budget.one_offs
            if o.month >= self.start
        ]

    # --- assets -------------------------------------------------------------------------
    @property
    def assets_total(self) -> int:
        return sum(a.value for a in self.assets)

    @property
    def liquid_now(self) -> int:
        return sum(a.value for a in self.assets if a.liquidity == "now")

    @property
    def liquid_3_months(self) -> int:
        return sum(a.value for a in self.assets if a.liquidity in ("now", "3_months"))

    @property
    def quick_sale_value(self) -> int:
        """Every asset sold now, less its expected sale discount."""
        return sum(a.sale_value for a in self.assets)

    @property
    def buffer(self) -> int:
        """The cash the simulation starts from: the money available now."""
        return self.liquid_now

    @cached_property
    def sale_values(self) -> dict[str, tuple[int, bool]]:
        """What a scenario can bring in once (an asset sold, help from family, a credit line
        drawn): name -> (cents, already counted as cash). Assets first; a buffer by its name."""
        values = {a.name: (a.sale_value, a.liquidity == "now") for a in self.assets if a.name}
        for b in self.buffers:
            if b.name and b.name not in values:
                values[b.name] = (b.amount, False)
        return values

    @property
    def buffers_total(self) -> int:
        return sum(b.amount for b in self.buffers)

    @property
    def help_total(self) -> int:
        """Family help and other support that is not borrowing."""
        return sum(b.amount for b in self.buffers if not b.is_credit)

    @property
    def credit_total(self) -> int:
        """Unused credit lines: new borrowing, not money the household has."""
        return sum(b.amount for b in self.buffers if b.is_credit)

    def credit_names(self) -> set[str]:
        return {b.name for b in self.buffers if b.is_credit and b.name not in {a.name for a in self.assets}}

    def relies_on_credit(self, scenario: Scenario) -> list[str]:
        """The credit lines a scenario draws on (以贷养贷: borrowing new to repay old)."""
        credit = self.credit_names()
        return sorted({t.asset for terms in scenario.terms.values() for t in terms if t.asset in credit})

    # --- where the household stands ------------------------------------------------------
    @property
    def total_debt(self) -> int:
        return sum(line.total_owed for line in self.lines)

    def due_in(self, month: int) -> int:
        """Everything due in a month across all debts (catch-up of overdue amounts included)."""
        total = 0
        for line in self.lines:
            for row in line.schedule.rows:
                if row.month == month and row.period >= 1:
                    total += row.payment
        return total

    def regular_payments(self) -> int:
        return sum(line.schedule.regular_payment for line in self.lines)

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
        return self._runway(self.liquid_now)

    @property
    def runway_with_help(self) -> Decimal | None:
        """The same with family help and other support counted (credit lines are not)."""
        return self._runway(self.liquid_now + self.help_total)

    def _runway(self, cash: int) -> Decimal | None:
        gap = self.monthly_gap
        if gap >= 0:
            return None
        return (Decimal(cash) / Decimal(-gap)).quantize(Decimal("0.1"))
