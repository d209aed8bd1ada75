"""The plan against what really happened, lender by lender and for the household: what
was due and what was paid by a day, what is behind, the balance expected against the one
the lender reported, the share repaid, the months kept on time, the next payment and the
debt-free date.

A month is kept when, by its due day plus the grace the household set, everything due up
to it has been paid (a payment counts toward the oldest month still open). A month whose
grace has passed without that is missed (nothing paid toward it) or short.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from core.household.model import Household
from core.loans.dates import current_month
from core.loans.money import share_percent
from core.loans.values import DEFAULT_GRACE, Payment
from core.tracking.schedule import AgreedSchedule, Due, schedules

WEEK = 7  # days: what "due this week" looks ahead


@dataclass(frozen=True)
class Miss:
    """A month whose grace passed before everything due up to it was paid."""

    month: int
    date: dt.date  # its due day
    due: int  # cents due that month
    paid: int  # cents paid toward it by its due day plus the grace

    @property
    def short_by(self) -> int:
        return self.due - self.paid

    @property
    def kind(self) -> str:
        return "missed" if self.paid <= 0 else "short"


@dataclass(frozen=True)
class NextDue:
    month: int
    date: dt.date
    amount: int  # cents still to pay for it
    late: bool  # its grace has passed


@dataclass
class LenderProgress:
    schedule: AgreedSchedule
    as_of: dt.date
    grace: int
    lender: str  # who is paid: the holder of the debt now, else the lender
    stored: str  # the state as recorded
    payments: list[Payment] = field(default_factory=list)  # this debt's, up to ``as_of``
    scheduled: int = 0  # cents due on or before ``as_of``
    paid: int = 0  # cents paid on or before ``as_of``
    behind: int = 0  # cents due with the grace passed and not paid
    expected_balance: int = 0  # cents owed after every payment due by ``as_of``, paid as agreed
    reported_balance: int | None = None  # the balance the lender last reported
    reported_on: dt.date | None = None
    months_due: int = 0  # months whose grace has passed
    months_on_track: int = 0  # of them, kept on time
    misses: list[Miss] = field(default_factory=list)
    next_due: NextDue | None = None

    @property
    def debt(self) -> str:
        return self.schedule.debt

    @property
    def agreement(self):
        return self.schedule.agreement

    @property
    def total(self) -> int:
        """Everything the agreement asks, fee and last balance included."""
        return self.schedule.total

    @property
    def ahead(self) -> int:
        return max(self.paid - self.scheduled, 0)

    @property
    def open_misses(self) -> list[Miss]:
        """The months missed or short that what is behind now is made of (the latest ones:
        a payment counts toward the oldest month open, so older ones were made up)."""
        out, left = [], self.behind
        for miss in reversed(self.misses):
            if left <= 0:
                break
            out.append(miss)
            left -= miss.short_by
        return out[::-1]

    @property
    def percent(self) -> Decimal:
        """The share of the agreement paid so far."""
        return share_percent(min(self.paid, self.total), self.total)

    @property
    def state(self) -> str:
        """Where the agreement stands: the state recorded, moved on by the payments
        (agreed → active once a payment is made or due; completed once all is paid)."""
        if self.stored in ("broken", "completed"):
            return self.stored
        if self.total and self.paid >= self.total:
            return "completed"
        if self.stored == "active" or self.paid > 0 or self.scheduled > 0:
            return "active"
        return "agreed"

    @property
    def status(self) -> str:
        """One word for the page and the command line: completed, broken, behind,
        on_track or not_started (nothing due yet)."""
        state = self.state
        if state in ("completed", "broken"):
            return state
        if self.behind > 0:
            return "behind"
        return "on_track" if self.scheduled > 0 or self.paid > 0 else "not_started"

    @property
    def debt_free(self) -> int | None:
        """The month of the agreement's last payment (None: nothing is due under it)."""
        last = self.schedule.last
        return last.month if last else None

    @property
    def months_left(self) -> int:
        """Months from ``as_of``'s month to the last payment's (0 once it is reached)."""
        free = self.debt_free
        return max(free - current_month(self.as_of), 0) if free is not None else 0

    @property
    def balance_gap(self) -> int | None:
        """The balance the lender reported less the one expected (None: nothing reported)."""
        return None if self.reported_balance is None else self.reported_balance - self.expected_balance

    def due_within(self, first: dt.date, last: dt.date) -> list[tuple[Due, int]]:
        """(month, cents still to pay) of the months due between two days, both counted."""
        cum = 0
        out = []
        for due in self.schedule.dues:
            cum += due.amount
            left = min(cum - self.paid, due.amount)
            if first <= due.date <= last and left > 0:
                out.append((due, left))
        return out


def lender_progress(h: Household, schedule: AgreedSchedule, as_of: dt.date, grace: int,
                    paid: list[Payment] | None = None) -> LenderProgress:  # fmt: skip
    """One agreement against its payments (``paid``: this debt's, oldest first; default: h's)."""
    agreement = schedule.agreement
    line = h.line(agreement.debt)
    paid = [p for p in h.payments if p.debt == agreement.debt] if paid is None else paid
    mine = [p for p in paid if p.date <= as_of]
    out = LenderProgress(schedule, as_of, grace, agreement.holder or line.lender or agreement.debt, agreement.state,
                         mine)  # fmt: skip
    days = [p.date for p in mine]
    paid_by = list(accumulate(p.amount for p in mine))

    def paid_on(day: dt.date) -> int:
        k = bisect_right(days, day)
        return paid_by[k - 1] if k else 0

    out.paid = paid_by[-1] if paid_by else 0
    out.scheduled = sum(d.amount for d in schedule.due_by(as_of))
    out.expected_balance = schedule.balance_after(as_of)
    reported = [p for p in mine if p.balance is not None]
    if reported:
        out.reported_balance, out.reported_on = reported[-1].balance, reported[-1].date
    before = 0  # everything due before this month
    settled = 0  # everything due in months whose grace has passed
    for due in schedule.dues:
        deadline = due.date + dt.timedelta(days=grace)
        if deadline < as_of:
            settled += due.amount
            out.months_due += 1
            toward = min(max(paid_on(deadline) - before, 0), due.amount)
            if toward >= due.amount:
                out.months_on_track += 1
            else:
                out.misses.append(Miss(due.month, due.date, due.amount, toward))
        before += due.amount
    out.behind = max(settled - out.paid, 0)
    cum = 0
    for due in schedule.dues:
        cum += due.amount
        if cum > out.paid:
            late = due.date + dt.timedelta(days=grace) < as_of
            out.next_due = NextDue(due.month, due.date, min(cum - out.paid, due.amount), late)
            break
    return out


@dataclass
class HouseholdProgress:
    as_of: dt.date
    grace: int
    lenders: list[LenderProgress]

    @property
    def scheduled(self) -> int:
        return sum(lp.scheduled for lp in self.lenders)

    @property
    def paid(self) -> int:
        return sum(lp.paid for lp in self.lenders)

    @property
    def behind(self) -> int:
        return sum(lp.behind for lp in self.lenders)

    @property
    def total(self) -> int:
        return sum(lp.total for lp in self.lenders)

    @property
    def percent(self) -> Decimal:
        return share_percent(sum(min(lp.paid, lp.total) for lp in self.lenders), self.total)

    @property
    def late(self) -> list[LenderProgress]:
        """The lenders with a payment past its grace and not made (a broken one too)."""
        return [lp for lp in self.lenders if lp.behind > 0]

    @property
    def months_on_track(self) -> int:
        """Months (whose grace has passed, for some lender) in which every lender due was kept."""
        missed = {m.month for lp in self.lenders for m in lp.misses}
        due = {d.month for lp in self.lenders for d in lp.schedule.dues
               if d.date + dt.timedelta(days=self.grace) < self.as_of}  # fmt: skip
        return len(due - missed)

    @property
    def debt_free(self) -> int | None:
        """The month the last agreement's last payment is due."""
        return max((lp.debt_free for lp in self.lenders if lp.debt_free is not None), default=None)

    @property
    def months_left(self) -> int:
        free = self.debt_free
        return max(free - current_month(self.as_of), 0) if free is not None else 0

    def due_this_week(self) -> list[tuple[LenderProgress, Due, int]]:
        """(lender, month, cents still to pay) of payments due from ``as_of`` for a week."""
        last = self.as_of + dt.timedelta(days=WEEK - 1)
        out = [(lp, due, left) for lp in self.lenders for due, left in lp.due_within(self.as_of, last)]
        return sorted(out, key=lambda item: (item[1].date, item[0].debt))


def progress(h: Household, as_of: dt.date | None = None) -> HouseholdProgress:
    """Every agreement a lender said yes to, against the payments recorded, on ``as_of``
    (today when not given)."""
    as_of = as_of or dt.date.today()
    grace = h.plan_settings.grace if h.plan_settings is not None else DEFAULT_GRACE
    by_debt: dict[str, list[Payment]] = {}
    for payment in h.payments:  # oldest first, as the loader sorts them
        by_debt.setdefault(payment.debt, []).append(payment)
    lenders = [lender_progress(h, s, as_of, grace, by_debt.get(debt, [])) for debt, s in schedules(h).items()]
    return HouseholdProgress(as_of, grace, lenders)
