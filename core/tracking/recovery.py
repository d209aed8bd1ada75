"""When a payment is missed: what the agreement says follows, and a way back.

- **A broken arrangement** (debt advisers' practice; the lender's usual terms): the lender
  may take back what it gave — the amount waived and the interest frozen come back — and
  ask for the whole debt at once; unpaid, it then grows at the contract's penalty rate. It
  is projected beside the agreement, month by month, and against the cash the household has.
- **A catch-up** that fits the worksheet: what is behind, spread over the fewest months
  (at most a year) in which the household's money left after the plan's payments carries
  it on top of the agreed amount; when nothing is left over, the months behind are asked
  to be added at the end of the agreement instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.household.model import Household
from core.loans import engine
from core.loans.dates import current_month
from core.loans.money import div_round
from core.simulation.plan import HouseholdPlan
from core.tracking.progress import LenderProgress

CATCH_UP_MONTHS = 12  # the longest a catch-up is spread over
PROJECTION_MONTHS = 12


def spare(h: Household, plan: HouseholdPlan) -> int:
    """What the household has left a month after its costs and every lender's amount in
    the plan (the plan's contingency line, mostly)."""
    paid = sum(plan.monthly_of(name, h) or 0 for name in h.names)
    return h.budget.surplus - paid


@dataclass(frozen=True)
class CatchUp:
    debt: str
    behind: int  # cents to catch up
    payment: int  # cents a month agreed
    spare: int  # cents a month left after the plan
    start: int  # month the catch-up starts
    months: int = 0  # months with an extra payment (0: added at the end instead)
    extra: int = 0  # cents a month on top of the agreed amount
    last_extra: int = 0  # the last month's extra (what is left, at most ``extra``)
    end_months: int = 0  # months added after the agreement's last (when nothing is spare)

    @property
    def at_end(self) -> bool:
        return self.months == 0


def catch_up(h: Household, plan: HouseholdPlan, lp: LenderProgress) -> CatchUp | None:
    """A way to make up what is behind with one lender (None: nothing is behind)."""
    behind = lp.behind
    if behind <= 0:
        return None
    payment = lp.agreement.offer.payment
    left = spare(h, plan)
    start = current_month(lp.as_of) + 1
    if left > 0:
        months = -(-behind // left)
        if months <= CATCH_UP_MONTHS:
            extra = -(-behind // months)
            return CatchUp(lp.debt, behind, payment, left, start, months, extra, behind - extra * (months - 1))
    end_months = -(-behind // payment) if payment > 0 else 1
    return CatchUp(lp.debt, behind, payment, left, start, end_months=end_months)


@dataclass
class BrokenProjection:
    """The agreement treated as broken in ``month``: the whole debt due, the waiver and the
    frozen interest back, then the penalty rate on what stays unpaid."""

    debt: str
    month: int
    owed: int  # cents owed under the agreement now (behind included)
    waived_back: int  # the amount waived, asked again
    interest_back: int  # interest the freeze held off so far, asked again
    penalty_monthly: int  # cents the whole sum grows a month, unpaid
    cash: int  # cents the household holds now
    broken: list[tuple[int, int]] = field(default_factory=list)  # (month, owed) if broken and unpaid
    kept: list[tuple[int, int]] = field(default_factory=list)  # (month, owed) if the agreement is kept
    kept_paid: int = 0  # what the kept path pays over the projection's months (what is behind included)

    @property
    def due_now(self) -> int:
        return self.owed + self.waived_back + self.interest_back

    @property
    def short_by(self) -> int:
        """What the household's cash falls short of the whole sum by."""
        return max(self.due_now - self.cash, 0)

    @property
    def extra_cost(self) -> int:
        """What breaking it costs by the end of the projection, against keeping it: what is
        owed then plus what the kept path pays on the way (the waiver and frozen interest
        back, the penalty on the whole sum)."""
        if not self.broken or not self.kept:
            return 0
        return self.broken[-1][1] - (self.kept[-1][1] + self.kept_paid)


def broken_projection(h: Household, lp: LenderProgress, months: int = PROJECTION_MONTHS) -> BrokenProjection:
    offer = lp.agreement.offer
    debt = h.line(lp.debt).debt
    month = current_month(lp.as_of)
    owed = lp.expected_balance + lp.behind - lp.ahead
    interest_back = 0
    if offer.frozen:  # the interest the contract rate would have added while frozen
        rate = engine.monthly_rate_fraction(debt.annual_rate)
        for due in lp.schedule.dues:
            if due.month > month or due.balloon:
                break
            before = due.balance + due.amount - (offer.fee if due is lp.schedule.dues[0] else 0)
            interest_back += div_round(before * rate.numerator, rate.denominator)
    due_now = owed + offer.waived + interest_back
    penalty = engine.monthly_rate_fraction(debt.penalty_annual_rate)
    penalty_monthly = div_round(due_now * penalty.numerator, penalty.denominator)
    out = BrokenProjection(lp.debt, month, owed, offer.waived, interest_back, penalty_monthly, h.buffer)
    # Kept: the agreed balances month by month, plus what is behind until it is made up (at the
    # end of the projection it has been: the catch-up), less anything paid ahead.
    dues = {d.month: d for d in lp.schedule.dues}
    late = lp.behind - lp.ahead
    for k in range(months + 1):
        m = month + k
        out.broken.append((m, due_now + penalty_monthly * k))
        out.kept.append((m, max(lp.schedule.balance_at(m, lp.expected_balance if k == 0 else None) + late, 0)))
        if m in dues and dues[m].date > lp.as_of:  # this month's too, when it is not due yet
            out.kept_paid += dues[m].amount
    out.kept_paid += late
    out.kept[-1] = (out.kept[-1][0], max(out.kept[-1][1] - late, 0))
    return out
