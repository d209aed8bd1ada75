"""The value types a household carries, below every module that works with them: the
terms of a scenario, a scenario, a lender's offer, the household plan's settings.

They hold what the user asked for, nothing computed; the simulator (core.simulation.simulate), the
household plan (core.simulation.plan) and the offer check (core.simulation.offer) read them, and the household
(core.household.model) holds them as the loader (core.household.loader) read them from the profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ALL_DEBTS = "*"  # a term's debt written as "*": every debt ("type:<lender type>": every debt of that kind)
DEFAULT_TOKEN = 5_000  # ¥50 a month per lender


@dataclass(frozen=True)
class Term:
    kind: str
    start: int | None = None  # month index; None: the debt's first payment month
    months: int | None = None
    rate: Decimal | None = None  # new annual rate, percent
    amount: Decimal | None = None
    percent: Decimal | None = None
    mode: str | None = None
    asset: str | None = None


@dataclass
class Scenario:
    name: str
    strategy: str = "savings"
    order: tuple[str, ...] = ()  # debt names, for the custom strategy
    terms: dict[str, list[Term]] = field(default_factory=dict)  # debt name -> terms
    draws: tuple[tuple[int, str], ...] = ()  # (month, buffer name): help the household takes then

    @property
    def is_status_quo(self) -> bool:
        return not any(self.terms.values()) and self.strategy == "savings" and not self.draws


@dataclass(frozen=True)
class Offer:
    """A lender's counter-offer (core.simulation.offer), accepted ones kept in the profile's "agreed" table."""

    debt: str
    payment: int  # cents a month
    months: int
    fee: int = 0  # cents, paid when the offer starts
    waived: int = 0  # cents taken off what is owed
    frozen: bool = True  # no interest while the offer runs


@dataclass(frozen=True)
class PlanSettings:
    """The household plan's settings (core.simulation.plan), from the profile's one-row "plan" table."""

    contingency: int | None = None  # cents a month; None: the default share
    split: str = "balance"
    token: int = DEFAULT_TOKEN  # cents a month
    reserve: int = 0  # cents of savings the plan never spends below
