"""One debt's months under a scenario: what it pays, what it still owes and what it was
charged, month by month (core.simulation.debt_plan fills it in, core.loans.terms changes it, core.simulation.simulate
reads it)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from core.loans.apr import apr_percent
from core.loans.debts import Debt


@dataclass
class Track:
    """One debt's months under a scenario: cents by month index, plus what was charged."""

    name: str
    debt: Debt
    lender_type: str
    rate: Fraction  # the monthly rate of the current plan
    payment: dict[int, int] = field(default_factory=dict)
    balance: dict[int, int] = field(default_factory=dict)  # owed after the month's payment
    interest_by_month: dict[int, int] = field(default_factory=dict)  # charged: paid or capitalised
    regular: dict[int, int] = field(default_factory=dict)  # the plan's level payment, where a prepayment may go
    fees: int = 0  # charged: paid or added to the balance
    penalty: int = 0  # charged
    forgiven: int = 0
    carried: int = 0  # overdue interest owed at the start, paid under the plan: in ``interest`` too
    never: bool = False  # the payments never clear it within the horizon
    offer_flows: list[int] | None = None  # the negotiated offer as a loan, for its true APR
    offer_start: int | None = None  # the month the (first) negotiated terms take effect
    negotiated: bool = False

    @property
    def total_paid(self) -> int:
        return sum(self.payment.values())

    @property
    def interest(self) -> int:
        return sum(self.interest_by_month.values())

    @property
    def payoff(self) -> int | None:
        if self.never:
            return None
        return max((m for m, v in self.payment.items() if v), default=None)

    def add(self, month: int, payment: int, balance: int) -> None:
        self.payment[month] = self.payment.get(month, 0) + payment
        self.balance[month] = balance

    def charge_interest(self, month: int, cents: int) -> None:
        self.interest_by_month[month] = self.interest_by_month.get(month, 0) + cents

    def drop_after(self, month: int) -> None:
        """Forget every month after ``month`` (before they are planned again)."""
        for book in (self.payment, self.balance, self.interest_by_month, self.regular):
            for m in [m for m in book if m > month]:
                del book[m]

    def offer_months(self) -> int:
        """Months with a payment from the offer's start on."""
        if self.offer_start is None:
            return 0
        return sum(1 for m, v in self.payment.items() if m >= self.offer_start and v)

    def offer_payment(self) -> int:
        """The offer's usual monthly payment: the most frequent one from its start on."""
        if self.offer_start is None:
            return 0
        counts = Counter(v for m, v in self.payment.items() if m >= self.offer_start and v)
        return max(counts.items(), key=lambda item: (item[1], item[0]))[0] if counts else 0

    def offer_apr(self) -> Decimal | None:
        if not self.offer_flows:
            return None
        return apr_percent(self.offer_flows)
