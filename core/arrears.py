""" "If I do nothing", as it really happens: each month the household pays what its cash
allows, and what it cannot pay falls overdue.

The status quo scenario assumes every payment is made, so its cash line can fall to
minus tens of thousands — no household can have that. This view follows the same
contracts with the cash a household really has:

- each month, cash = what it held + income − costs (one-off costs in their month);
  debts are paid only from cash above zero;
- **priority debts first** (core.plan.is_priority), then the debts in the order listed;
  on each debt the oldest amounts first: penalty, overdue interest and fees, overdue
  principal, then this month's instalment (民法典 art. 561's order: costs, interest,
  principal);
- what is not paid stays overdue: overdue principal accrues the debt's penalty rate
  (contract rate +50 % when none is given, DOMAIN.md) a month at a time, one twelfth of
  the yearly rate; a **credit card** instead keeps charging its own rate on the overdue
  principal and adds a 违约金 of 5 % of the unpaid part of each minimum payment (no
  interest on fees, 银发〔2016〕111号);
- the overdue age is counted from the oldest unpaid instalment's due month (30 days a
  month, added to the days already overdue); it passes 90 days three months after it.

Not modelled (said where the view is shown): a lender calling in the whole loan
(提前到期) after long arrears, collection costs and court interest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from core.household import Household
from core.money import div_round

MONTHS = 36  # how far the view follows the household: past the 12 and 24 months it quotes
CARD_LATE_FEE = Fraction(5, 100)  # 违约金: 5 % of the unpaid part of a minimum payment
SERIOUS_DAYS = 90


@dataclass
class DebtArrears:
    name: str
    paid: list[int] = field(default_factory=list)  # cents paid each month
    overdue: list[int] = field(default_factory=list)  # overdue at month end: principal, interest, penalty
    owed: list[int] = field(default_factory=list)  # everything owed at month end
    days: list[int] = field(default_factory=list)  # days the oldest unpaid amount is overdue at month end
    penalty: int = 0  # penalty interest (cards: their interest and late fees) charged on arrears
    past_90: int | None = None  # the month it passes 90 days overdue

    def owed_after(self, months: int) -> int:
        return self.owed[min(months, len(self.owed)) - 1] if self.owed else 0

    def stage_after(self, months: int) -> str | None:
        """The overdue stage at the end of that month, as lenders count it: M1 (up to 30
        days), M2, M3, then M3+ (more than 90 days); None when nothing is overdue."""
        k = min(months, len(self.overdue)) - 1
        if k < 0 or not self.overdue[k]:
            return None
        stage = self.days[k] // 30 + 1
        return f"M{stage}" if stage <= 3 else "M3+"


@dataclass
class DoNothing:
    start: int
    months: list[int]
    cash: np.ndarray  # at the end of each month
    debts: list[DebtArrears]

    def owed_after(self, months: int) -> int:
        """Everything owed to every lender after ``months`` months."""
        return sum(d.owed_after(months) for d in self.debts)

    def overdue_after(self, months: int) -> int:
        k = min(months, len(self.months)) - 1
        return sum(d.overdue[k] for d in self.debts) if k >= 0 else 0

    @property
    def overdue(self) -> np.ndarray:
        """Overdue across all debts at the end of each month."""
        return np.array([sum(d.overdue[k] for d in self.debts) for k in range(len(self.months))], dtype=np.int64)

    @property
    def paid(self) -> int:
        return sum(sum(d.paid) for d in self.debts)


def _monthly_fraction(annual_percent) -> Fraction:
    return Fraction(annual_percent) / 1200


def do_nothing(h: Household, months: int = MONTHS) -> DoNothing:
    """The household's contracts followed with the cash it really has (module docstring)."""
    from core.plan import is_priority

    start = h.start
    n = len(h.names)
    order = [j for j in range(n) if is_priority(h, j)] + [j for j in range(n) if not is_priority(h, j)]
    due = [{row.month: row for row in h.status[j].rows if row.period >= 1} for j in range(n)]
    card = [h.debts[j].method == "revolving" or h.lender_types[j] == "credit_card" for j in range(n)]
    rate = [_monthly_fraction(h.debts[j].annual_rate if card[j] else h.debts[j].penalty_annual_rate) for j in range(n)]
    od_principal = [0] * n
    od_interest = [0] * n
    penalty = [0] * n
    since = [None] * n  # month index of the oldest unpaid instalment
    extra_days = [h.debts[j].days_overdue for j in range(n)]  # already overdue today
    balance = [h.lines[j].total_owed - h.lines[j].overdue_total for j in range(n)]
    out = [DebtArrears(h.names[j]) for j in range(n)]
    one_off = {}
    for month, cents, _ in h.one_offs:
        one_off[month] = one_off.get(month, 0) + cents
    cash = h.buffer
    span = list(range(start, start + months))
    cash_line = np.zeros(months, dtype=np.int64)
    income, expenses = h.net_series(start, months)
    for k, month in enumerate(span):
        cash += int(income[k]) - int(expenses[k]) + one_off.get(month, 0)
        for j in range(n):  # arrears left from earlier months grow
            if od_principal[j]:
                grow = div_round(od_principal[j] * rate[j].numerator, rate[j].denominator)
                penalty[j] += grow
                out[j].penalty += grow
        paid_now = [0] * n
        for j in order:
            row = due[j].get(month)
            instalment = row.payment if row else 0
            had = penalty[j] + od_interest[j] + od_principal[j]
            pay = min(max(cash, 0), had + instalment)
            cash -= pay
            paid_now[j] = pay
            for pool in (penalty, od_interest, od_principal):
                take = min(pay, pool[j])
                pool[j] -= take
                pay -= take
            if had and not (penalty[j] or od_interest[j] or od_principal[j]):
                since[j], extra_days[j] = None, 0  # every earlier arrear is paid: the age starts again
            if row is not None:
                balance[j] = row.balance
                rest = row.payment - row.principal  # interest, fees and penalty of this instalment
                on_rest = min(pay, rest)
                unpaid_rest, unpaid_principal = rest - on_rest, row.principal - (pay - on_rest)
                od_interest[j] += unpaid_rest
                od_principal[j] += unpaid_principal
                if card[j] and unpaid_rest + unpaid_principal:
                    fee = div_round(
                        (unpaid_rest + unpaid_principal) * CARD_LATE_FEE.numerator, CARD_LATE_FEE.denominator
                    )
                    penalty[j] += fee
                    out[j].penalty += fee
            behind = penalty[j] + od_interest[j] + od_principal[j]
            if not behind:
                since[j], extra_days[j] = None, 0
            elif since[j] is None:
                since[j] = month
            days = (month - since[j]) * 30 + extra_days[j] if since[j] is not None else 0
            out[j].paid.append(paid_now[j])
            out[j].overdue.append(behind)
            out[j].owed.append(balance[j] + behind)
            out[j].days.append(days)
            if out[j].past_90 is None and days > SERIOUS_DAYS - 1 and behind:
                out[j].past_90 = month
        cash_line[k] = cash
    return DoNothing(start, span, cash_line, out)
