""" "If I do nothing", as it really happens: each month the household pays what its cash
allows, and what it cannot pay falls overdue.

The status quo scenario assumes every payment is made, so its cash line can fall to
minus tens of thousands — no household can have that. This view follows the same
contracts with the cash a household really has. The rules, exactly as the code applies
them:

**Cash.** Each month, cash = what it held + regular income − regular costs (worksheet
rows that start or stop follow their months) + one-off amounts of that month; debts are
paid only from cash above zero: **priority debts first** (core.household.model.Household.is_priority), then the
others in the order listed, each debt as far as the cash goes before the next.

**Order of a part payment within a debt.** 民法典 第五百六十一条: 债务人在履行主债务外还应当
支付利息和实现债权的有关费用，其给付不足以清偿全部债务的，除当事人另有约定外，应当按照下列顺序
履行：(一)实现债权的有关费用；(二)利息；(三)主债务. Lenders' contracts apply it with old
arrears before the current instalment, so a payment settles, in this order:

1. what fell due in earlier months and is still unpaid (the arrears owed at the start
   included), as one debt: first its costs (违约金 and unpaid instalment fees), then its
   penalty interest (罚息), then its interest, then its principal — within each, the
   amount that fell due first before a later one;
2. then this month's instalment in the same order: its fees, its interest, its principal.

**What arrears cost, a month at a time** (charged at the start of each month on what was
left unpaid at the end of the month before; what is owed at the start carries the
penalty accrued so far, so it is charged from the second month):

- a loan: the debt's penalty rate (contract rate +50 % when none is given: the top of the 30–50 %
  markup for overdue loans in 中国人民银行关于人民币贷款利率有关问题的通知, 银发〔2003〕251号, item 3),
  one twelfth of the yearly rate, on the unpaid principal only (no interest on interest,
  fees or penalty), rounded for each month's instalment separately;
- a **revolving credit card** (method "revolving"): from its first payment month, its
  minimum payment is worked out each month from what is really owed then, by the
  engine's rule (core.loans.engine REVOLVING): balance = all its principal and unpaid interest
  (never its fees or 违约金: no interest on fees, 银发〔2016〕111号; in the first month
  what was overdue at the start is left out, as above); interest = balance × the card's
  monthly rate; principal part = max(floor − interest, balance × minimum %), at most the
  principal not yet due; minimum = interest + principal part, due on top of any earlier
  minimum left unpaid. A card always paid therefore follows its plain schedule to the
  cent; an unpaid one is charged its rate on what it did not pay, and its minimum grows
  with that;
- a **card on instalments** (lender type credit_card with any other method, e.g. a
  账单分期 in equal principal or annuity) keeps its instalment rows; its unpaid principal
  is charged the card's own rate (as interest, not penalty);
- on any card, a 违约金 of 5 % of the part of this month's minimum or instalment left
  unpaid (CARD_LATE_FEE), once, as a cost of that month; no interest is charged on it.

**Age.** A month's instalment falls due at the start of its month and is paid from that
month's cash; the view is read at the month's end, the next due date, 30 days on. An
amount left unpaid is therefore 30 days overdue at the end of its own month (M1, 1–30
days), 60 a month later (M2), 90 (M3), then 120 (M3+). A debt's age is that of the oldest
amount still unpaid, whatever its kind; when the oldest is paid, the next oldest sets it,
and a debt fully caught up is 0 days overdue. A debt already N days overdue
(debt.days_overdue, counted to the first month's due date) is N + 30 days overdue at the
end of the first month if that amount is still unpaid then.

**Past 90 days.** A debt is past 90 days in the first month at whose end the oldest
amount still unpaid has been unpaid **more than 90 days** (M3+: 91 days or more; lenders
class such a loan as non-performing (不良, 逾期 90 天以上) and usually pass it to
collections). ``past_90`` is that month, kept even if the debt is caught up later.

**Totals** over the view: ``total_paid``; ``total_interest`` — the overdue interest owed
at the start, each month's contract interest and a card's interest on its arrears;
``total_fees`` — instalment fees of the months in the view; ``total_penalty`` — penalty
interest (the part accrued before the start included) and 违约金; so paid + still owed at
the end = principal at the start + interest + fees + penalty, to the cent.
``shortfall_months``: months at whose end something that had fallen due was still unpaid;
``debt_free``: the month everything owed reaches 0 within the view, else None.

Not modelled (said where the view is shown): a lender calling in the whole loan
(提前到期) after long arrears, collection costs and court interest.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from core.household.model import Household
from core.loans.money import div_round, to_cents
from core.loans.schedule import accrued_penalty_cents

MONTHS = 36  # how far the view follows the household: past the 12 and 24 months it quotes
CARD_LATE_FEE = Fraction(5, 100)  # 违约金: 5 % of the unpaid part of a minimum payment
SERIOUS_DAYS = 90  # past it: more than 90 days overdue
DAYS_A_MONTH = 30
PARTS = ("fees", "penalty", "interest", "principal")  # a part payment's order (民法典 art. 561)


@dataclass
class DebtArrears:
    name: str
    paid: list[int] = field(default_factory=list)  # cents paid each month
    overdue: list[int] = field(default_factory=list)  # fallen due and unpaid at month end
    owed: list[int] = field(default_factory=list)  # everything owed at month end
    days: list[int] = field(default_factory=list)  # days the oldest unpaid amount is overdue at month end
    parts: list[tuple[int, int, int, int]] = field(default_factory=list)  # overdue at month end: PARTS
    interest: int = 0  # interest charged (overdue interest owed at the start included)
    fees: int = 0  # instalment fees charged
    penalty: int = 0  # penalty interest and 违约金 charged (penalty owed at the start included)
    past_90: int | None = None  # the first month it is more than 90 days overdue
    payoff: int | None = None  # the month everything owed on it reaches 0, if it does in the view

    def owed_after(self, months: int) -> int:
        return self.owed[min(months, len(self.owed)) - 1] if self.owed else 0

    def overdue_after(self, months: int) -> int:
        """Cents fallen due and unpaid at the end of that month (the view's last month when
        it is shorter; 0 before anything is followed)."""
        k = min(months, len(self.overdue)) - 1
        return self.overdue[k] if k >= 0 else 0

    def stage_after(self, months: int) -> str | None:
        """The overdue stage at the end of that month, as lenders count it: M1 (1–30 days),
        M2 (31–60), M3 (61–90), then M3+ (more than 90 days); None when nothing is overdue."""
        k = min(months, len(self.overdue)) - 1
        if k < 0 or not self.overdue[k]:
            return None
        stage = max(-(-self.days[k] // DAYS_A_MONTH), 1)
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

    @property
    def serious(self) -> list[DebtArrears]:
        """The debts that go more than 90 days overdue within the view."""
        return [d for d in self.debts if d.past_90 is not None]

    @property
    def first_past_90(self) -> int | None:
        """The first month a debt is more than 90 days overdue (None: none is)."""
        return min((d.past_90 for d in self.serious), default=None)

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

    @property
    def total_paid(self) -> int:
        return self.paid

    @property
    def total_interest(self) -> int:
        return sum(d.interest for d in self.debts)

    @property
    def total_fees(self) -> int:
        return sum(d.fees for d in self.debts)

    @property
    def total_penalty(self) -> int:
        return sum(d.penalty for d in self.debts)

    @property
    def shortfall_months(self) -> int:
        """Months at whose end something that had fallen due was left unpaid."""
        return int(np.count_nonzero(self.overdue))

    @property
    def debt_free(self) -> int | None:
        """The month everything owed reaches 0, if it does within the view."""
        if not self.debts or any(d.payoff is None for d in self.debts):
            return None
        return max(d.payoff for d in self.debts)


@dataclass
class _Due:
    """What fell due at one time and is not paid yet (cents)."""

    day: int  # when it fell due: days from the first month's due date (30 a month)
    fees: int = 0  # costs: instalment fees and 违约金
    penalty: int = 0
    interest: int = 0
    principal: int = 0

    @property
    def total(self) -> int:
        return self.fees + self.penalty + self.interest + self.principal

    def take(self, part: str, cents: int) -> int:
        """Settle up to ``cents`` of one part; returns what it used."""
        used = min(cents, getattr(self, part))
        setattr(self, part, getattr(self, part) - used)
        return used


_parts_of = operator.attrgetter(*PARTS)  # a due's parts, in PARTS' order
_NO_PARTS = (0,) * len(PARTS)


def _monthly_fraction(annual_percent) -> Fraction:
    return Fraction(annual_percent) / 1200


def _times(cents: int, rate: Fraction) -> int:
    return div_round(cents * rate.numerator, rate.denominator)


def _settle(arrears: list[_Due], now: _Due, cents: int) -> None:
    """A payment in art. 561's order: old arrears part by part (the oldest first in each),
    then this month's instalment part by part."""
    # A part is taken only where it would change something: with nothing left to pay
    # (cents is never below 0) a part of 0 or more stays as it is.
    for part in PARTS:
        for due in arrears:
            have = getattr(due, part)
            if have < 0 or (cents and have):
                cents -= due.take(part, cents)
    for part in PARTS:
        have = getattr(now, part)
        if have < 0 or (cents and have):
            cents -= now.take(part, cents)


def do_nothing(h: Household, months: int = MONTHS) -> DoNothing:
    """The household's contracts followed with the cash it really has (module docstring)."""

    start = h.start
    n = len(h.names)
    order = [j for j in range(n) if h.is_priority(j)] + [j for j in range(n) if not h.is_priority(j)]
    rows = [{row.month: row for row in h.status[j].rows if row.period >= 1} for j in range(n)]
    revolving = [h.debts[j].method == "revolving" for j in range(n)]
    card = [revolving[j] or h.lender_types[j] == "credit_card" for j in range(n)]
    rate = [_monthly_fraction(h.debts[j].annual_rate) for j in range(n)]
    penalty_rate = [_monthly_fraction(h.debts[j].penalty_annual_rate) for j in range(n)]
    min_pct = [Fraction(h.debts[j].min_payment_pct) / 100 for j in range(n)]
    floor = [to_cents(h.debts[j].min_payment_floor) for j in range(n)]
    out = [DebtArrears(h.names[j]) for j in range(n)]
    # What is already overdue today is one amount that fell due debt.days_overdue days ago.
    catch_up = [
        (accrued_penalty_cents(d), to_cents(d.overdue_interest), to_cents(d.overdue_principal)) for d in h.debts
    ]
    arrears = []
    for j, (penalty, interest, principal) in enumerate(catch_up):
        out[j].penalty += penalty
        out[j].interest += interest
        arrears.append([_Due(-h.debts[j].days_overdue, 0, penalty, interest, principal)] if sum(catch_up[j]) else [])
    rest = [h.lines[j].total_owed - sum(catch_up[j]) for j in range(n)]  # principal not yet due
    one_off = {}
    for month, cents, _ in h.one_offs:
        one_off[month] = one_off.get(month, 0) + cents
    cash = h.buffer
    span = list(range(start, start + months))
    cash_line = np.zeros(months, dtype=np.int64)
    income, expenses = h.net_series(start, months)
    for k, month in enumerate(span):
        cash += int(income[k]) - int(expenses[k]) + one_off.get(month, 0)
        due_now = []
        for j in range(n):
            if k and not revolving[j]:  # what was left unpaid at the end of last month is charged a month
                for due in arrears[j]:
                    grow = _times(due.principal, rate[j] if card[j] else penalty_rate[j])
                    if card[j]:
                        due.interest += grow
                        out[j].interest += grow
                    else:
                        due.penalty += grow
                        out[j].penalty += grow
            now = _Due(k * DAYS_A_MONTH)
            if revolving[j]:
                if month >= h.debts[j].first_month:
                    # the minimum on the real balance: unpaid principal and interest, never fees
                    unpaid = sum(due.principal + due.interest for due in arrears[j]) if k else 0
                    balance = rest[j] + unpaid
                    now.interest = _times(balance, rate[j])
                    part = max(floor[j] - now.interest, _times(balance, min_pct[j]), 0)
                    now.principal = min(part, rest[j])
                    rest[j] -= now.principal
            elif (row := rows[j].get(month)) is not None:
                # the first row also carries what is overdue today: that is in the arrears already
                penalty, interest, principal = catch_up[j] if row.period == 1 else (0, 0, 0)
                now.fees = row.fees
                now.penalty = row.penalty - penalty
                now.interest = row.interest - interest
                now.principal = row.principal - principal
                rest[j] = row.balance
            out[j].interest += now.interest
            out[j].fees += now.fees
            out[j].penalty += now.penalty
            due_now.append(now)
        for j in order:
            now = due_now[j]
            pay = min(max(cash, 0), sum(due.total for due in arrears[j]) + now.total)
            cash -= pay
            _settle(arrears[j], now, pay)
            if card[j] and now.total:  # 违约金 on the part of this month's minimum left unpaid
                fee = _times(now.total, CARD_LATE_FEE)
                now.fees += fee
                out[j].penalty += fee
            arrears[j] = [due for due in arrears[j] if due.total] + ([now] if now.total else [])
            parts = tuple(map(sum, zip(*map(_parts_of, arrears[j]), strict=True))) if arrears[j] else _NO_PARTS
            behind = sum(parts)
            days = (k + 1) * DAYS_A_MONTH - arrears[j][0].day if arrears[j] else 0
            out[j].paid.append(pay)
            out[j].overdue.append(behind)
            out[j].owed.append(rest[j] + behind)
            out[j].days.append(days)
            out[j].parts.append(parts)
            if out[j].past_90 is None and days > SERIOUS_DAYS:
                out[j].past_90 = month
        cash_line[k] = cash
    for debt in out:
        if debt.owed and debt.owed[-1] == 0:
            left = [k for k, cents in enumerate(debt.owed) if cents]
            debt.payoff = span[left[-1] + 1] if left else start
    return DoNothing(start, span, cash_line, out)
