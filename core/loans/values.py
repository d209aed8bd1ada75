"""The value types a household carries, below every module that works with them: the
terms of a scenario, a scenario, a lender's offer, the household plan's settings.

They hold what the user asked for, nothing computed; the simulator (core.simulation.simulate), the
household plan (core.simulation.plan) and the offer check (core.simulation.offer) read them, and the household
(core.household.model) holds them as the loader (core.household.loader) read them from the profile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

ALL_DEBTS = "*"  # a term's debt written as "*": every debt ("type:<lender type>": every debt of that kind)
DEFAULT_TOKEN = 5_000  # ¥50 a month per lender
DEFAULT_GRACE = 3  # days after a due day before a payment counts as late
DEFAULT_CHANGE_SHARE = Decimal(10)  # percent the monthly surplus may change before the plan is reviewed


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
    grace: int = DEFAULT_GRACE  # days after a due day before a payment is late (core.tracking)
    review_on: dt.date | None = None  # the review date the user set (None: from the plan kept)
    change_share: Decimal = DEFAULT_CHANGE_SHARE  # percent change of the surplus that calls a review


@dataclass(frozen=True)
class Agreement:
    """An offer a lender made or accepted, with where it stands (core.tracking): the
    profile's "agreed" table, one row per debt (the last one counts)."""

    offer: Offer
    state: str = "agreed"  # proposed | agreed | active | completed | broken
    agreed_on: dt.date | None = None
    first_month: int | None = None  # the first payment month (None: the month after agreed_on)
    confirmed_by: str | None = None
    reference: str = ""
    confirmation: str = ""  # the evidence file's SHA-256
    still_charged: bool = False  # interest still charged though the agreement froze it
    holder: str = ""  # who holds the debt now (blank: the lender)
    holder_kind: str | None = None  # collector | amc | other
    holder_contact: str = ""
    row: int = 0  # 1-based, as the table counts

    @property
    def debt(self) -> str:
        return self.offer.debt

    @property
    def binding(self) -> bool:
        """Whether the lender said yes (a proposal is only asked)."""
        return self.state != "proposed"


@dataclass(frozen=True)
class Payment:
    """A payment made to a lender (the profile's "payments" table)."""

    debt: str
    date: dt.date
    amount: int  # cents
    source: str = "by_hand"  # as_agreed | by_hand | statement
    ref: str = ""  # the statement row it came from ("": typed or ticked)
    balance: int | None = None  # cents the lender reported owed after it
    note: str = ""
    row: int = 0  # 1-based, as the table counts


@dataclass(frozen=True)
class VersionLine:
    """One line of a plan kept (the profile's "versions" table): the household's own line
    (``debt`` ""), or what one lender was asked or agreed then."""

    version: int
    saved: dt.datetime
    reason: str = "chosen"  # chosen | agreed | review | change
    debt: str = ""
    request: str = ""
    monthly: int | None = None  # cents a month
    state: str = ""
    surplus: int | None = None  # cents: the household's monthly surplus then
    review_on: dt.date | None = None
