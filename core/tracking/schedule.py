"""What an agreement asks, month by month: the amount due, the day it is due and the
balance expected after it — the same figures the simulator gives the accepted offer
(core.simulation.offer): the amount waived comes off at the start, a fee is paid with the
first payment, interest is added each month unless frozen, the last payment is what is
left, and a balance still owed when the agreed months end falls due the month after.

The agreement's first payment month anchors it: the household plan starts from today's
month, an agreement from the month the lender agreed to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.household.model import Household
from core.loans import engine
from core.loans.dates import current_month, day_in_month
from core.loans.money import div_round
from core.loans.values import Agreement


def due_date(month: int, due_day: int | None) -> dt.date:
    """The day a month's payment is due: the debt's due day (the month's last day when the
    month is shorter), or the month's last day when the debt has none."""
    return day_in_month(month, due_day or 31)


def first_month(agreement: Agreement, fallback: int) -> int:
    """The agreement's first payment month: as set; else the month after it was agreed;
    else ``fallback`` (the plan's first month)."""
    if agreement.first_month is not None:
        return agreement.first_month
    if agreement.agreed_on is not None:
        return current_month(agreement.agreed_on) + 1
    return fallback


@dataclass(frozen=True)
class Due:
    month: int
    date: dt.date
    amount: int  # cents due that month (the fee with the first payment; the balloon after the last)
    balance: int  # cents owed after it is paid as agreed
    balloon: bool = False  # what the agreed months leave, due the month after


@dataclass
class AgreedSchedule:
    """One agreement's months, in order."""

    agreement: Agreement
    owed: int  # cents owed when it starts (before the waiver)
    dues: list[Due] = field(default_factory=list)

    @property
    def debt(self) -> str:
        return self.agreement.debt

    @property
    def total(self) -> int:
        return sum(d.amount for d in self.dues)

    @property
    def first(self) -> int | None:
        return self.dues[0].month if self.dues else None

    @property
    def last(self) -> Due | None:
        return self.dues[-1] if self.dues else None

    def due_by(self, day: dt.date) -> list[Due]:
        """The months due on or before ``day``."""
        return [d for d in self.dues if d.date <= day]

    def balance_after(self, day: dt.date) -> int:
        """What is owed after every payment due by ``day`` is paid as agreed (before the
        first: what it starts from, the waiver taken off)."""
        done = self.due_by(day)
        return done[-1].balance if done else self.start_balance

    def balance_at(self, month: int, now: int | None = None) -> int:
        """What is owed after month ``month``'s payment, paid as agreed (``now``: the balance
        to give the month itself, when it is today's and not due yet); 0 after the last."""
        if now is not None:
            return now
        if self.dues and month >= self.dues[-1].month:
            return 0
        before = [d for d in self.dues if d.month <= month]
        return before[-1].balance if before else self.start_balance

    @property
    def start_balance(self) -> int:
        return max(self.owed - self.agreement.offer.waived, 0)


def agreed_schedule(h: Household, agreement: Agreement) -> AgreedSchedule:
    """The months of one agreement of the household ``h`` (its debt must be one of h's)."""
    offer = agreement.offer
    line = h.line(agreement.debt)
    due_day = h.due_days.get(agreement.debt)
    rate = engine.monthly_rate_fraction(line.debt.annual_rate) if not offer.frozen else 0
    start = first_month(agreement, h.start)
    schedule = AgreedSchedule(agreement, line.total_owed)
    balance = schedule.start_balance
    for k in range(offer.months):
        if balance <= 0 and k:
            break
        interest = div_round(balance * rate.numerator, rate.denominator) if rate else 0
        paid = min(offer.payment, balance + interest)
        balance += interest - paid
        fee = offer.fee if k == 0 else 0
        schedule.dues.append(Due(start + k, due_date(start + k, due_day), paid + fee, balance))
    if balance > 0:  # the agreed months leave something: due the month after, as the offer check says
        month = start + offer.months
        schedule.dues.append(Due(month, due_date(month, due_day), balance, 0, balloon=True))
    return schedule


def schedules(h: Household) -> dict[str, AgreedSchedule]:
    """Every agreement the lender said yes to, by debt (a proposal is not tracked)."""
    return {a.debt: agreed_schedule(h, a) for a in h.agreements if a.binding}
