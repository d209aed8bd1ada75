"""One debt's month-by-month schedule: payment, interest, principal, fees, penalty, balance.

Built on core.loans.engine (the same batch engine the sweeps use), plus what only a single
contract has: fees, the catch-up of overdue amounts with penalty interest, dates, APR.
Totals are the sums of the rows, so rows always add up to totals to the cent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np

from core.loans import engine
from core.loans.apr import DEFAULT_LPR, apr_percent, rate_flags
from core.loans.dates import format_month
from core.loans.debts import Debt
from core.loans.money import HALF_UP, div_round, from_cents, round_money, to_cents

# A schedule's table, in order: each column is labelled col.<name>.
COLUMNS = ("period", "month", "payment", "interest", "principal", "fees", "penalty", "balance")


@dataclass(frozen=True)
class Row:
    """One month. Amounts in cents; ``payment`` is everything paid that month."""

    period: int
    month: int
    payment: int
    interest: int
    principal: int
    fees: int
    penalty: int
    balance: int


@dataclass
class Schedule:
    debt: Debt
    rows: list[Row]
    never_paid_off: bool
    flows: list[int] = field(repr=False)
    # What other modules derive from these rows, worked out once per schedule (the rows never
    # change): core.simulation.debt_plan keeps the plain months it copies into every scenario.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def total_payment(self) -> int:
        return sum(r.payment for r in self.rows)

    @property
    def total_interest(self) -> int:
        return sum(r.interest for r in self.rows)

    @property
    def total_principal(self) -> int:
        return sum(r.principal for r in self.rows)

    @property
    def total_fees(self) -> int:
        return sum(r.fees for r in self.rows)

    @property
    def total_penalty(self) -> int:
        return sum(r.penalty for r in self.rows)

    @property
    def regular_payment(self) -> int:
        """The payment of a typical month: the first row after any fee or catch-up row."""
        regular = [r for r in self.rows if r.period >= 1]
        if not regular:
            return 0
        if len(regular) > 1 and (self.debt.overdue_principal or self.debt.overdue_interest):
            return regular[1].payment
        return regular[0].payment

    @property
    def payoff_month(self) -> int | None:
        return None if self.never_paid_off or not self.rows else self.rows[-1].month

    @property
    def months(self) -> int:
        return sum(1 for r in self.rows if r.period >= 1)

    def apr(self) -> Decimal | None:
        """True annualised rate of this schedule (IRR x 12), fees and penalty included."""
        if self.never_paid_off:
            return None
        return apr_percent(self.flows)

    def flags(self, lpr: Decimal = DEFAULT_LPR) -> list[str]:
        return rate_flags(self.apr(), lpr)

    def as_dicts(self) -> list[dict]:
        """Rows as plain values for tables and JSON: amounts as Decimal yuan."""
        return [
            {
                "period": r.period,
                "month": format_month(r.month),
                "payment": from_cents(r.payment),
                "interest": from_cents(r.interest),
                "principal": from_cents(r.principal),
                "fees": from_cents(r.fees),
                "penalty": from_cents(r.penalty),
                "balance": from_cents(r.balance),
            }
            for r in self.rows
        ]


def _percent_fraction(percent: Decimal) -> Fraction:
    return Fraction(percent) / 100


def engine_inputs(debts: Sequence[Debt]) -> dict:
    """The batch engine's arrays for these debts (regular part only, overdue excluded)."""
    rate_num, rate_den, pct_num, pct_den, fixed, code = [], [], [], [], [], []
    for debt in debts:
        monthly = engine.monthly_rate_fraction(debt.annual_rate)
        rate_num.append(monthly.numerator)
        rate_den.append(monthly.denominator)
        pct = _percent_fraction(debt.min_payment_pct)
        pct_num.append(pct.numerator)
        pct_den.append(pct.denominator)
        if debt.fixed_payment is not None and debt.method in ("annuity", "equal_principal"):
            code.append(engine.FIXED)
            fixed.append(to_cents(debt.fixed_payment))
        else:
            code.append(engine.METHOD_CODES[debt.method])
            fixed.append(0)
    return {
        "principal_cents": np.array([to_cents(d.principal - d.overdue_principal) for d in debts], dtype=np.int64),
        "rate_num": np.array(rate_num, dtype=np.int64),
        "rate_den": np.array(rate_den, dtype=np.int64),
        "months": np.array([d.months for d in debts], dtype=np.int64),
        "method": np.array(code, dtype=np.int64),
        "fixed_payment_cents": np.array(fixed, dtype=np.int64),
        "min_pct_num": np.array(pct_num, dtype=np.int64),
        "min_pct_den": np.array(pct_den, dtype=np.int64),
        "min_floor_cents": np.array([to_cents(d.min_payment_floor) for d in debts], dtype=np.int64),
    }


def accrued_penalty_cents(debt: Debt, mode: str = HALF_UP) -> int:
    """Penalty interest accrued so far: overdue principal x penalty rate / 365 x days."""
    if not debt.overdue_principal or not debt.days_overdue:
        return 0
    rate = Fraction(debt.penalty_annual_rate) / 100 / 365 * debt.days_overdue
    cents = to_cents(debt.overdue_principal)
    return div_round(cents * rate.numerator, rate.denominator, mode)


def owed_now_cents(debt: Debt, mode: str = HALF_UP) -> int:
    """Everything owed before the first payment: balance, overdue interest, penalty so far."""
    return to_cents(debt.principal + debt.overdue_interest) + accrued_penalty_cents(debt, mode)


def monthly_fee_cents(debt: Debt, mode: str = HALF_UP) -> int:
    """Flat monthly fee charged on the original principal, as instalment plans do."""
    if not debt.monthly_fee_rate:
        return 0
    rate = _percent_fraction(debt.monthly_fee_rate)
    return div_round(to_cents(debt.fee_basis) * rate.numerator, rate.denominator, mode)


def schedules(debts: Sequence[Debt], mode: str = HALF_UP) -> list[Schedule]:
    """Schedules for many debts from one engine call."""
    if not debts:
        return []
    batch = engine.amortize(**engine_inputs(debts), keep_rows=True, mode=mode)
    return [_assemble(debt, batch, i, mode) for i, debt in enumerate(debts)]


def schedule(debt: Debt, mode: str = HALF_UP) -> Schedule:
    """The schedule of one debt."""
    return schedules([debt], mode)[0]


def _assemble(debt: Debt, batch: engine.BatchResult, i: int, mode: str) -> Schedule:
    payoff = int(batch.payoff_period[i])
    regular_cents = to_cents(debt.principal - debt.overdue_principal)
    never = payoff == engine.NEVER and regular_cents > 0
    if regular_cents == 0:
        n_rows = 1 if (debt.overdue_principal or debt.overdue_interest) else 0
    elif never:
        n_rows = int(np.count_nonzero(batch.interest[i] + batch.principal[i]))
        n_rows = max(n_rows, 1)
    else:
        n_rows = payoff
    fee = monthly_fee_cents(debt, mode)
    fee_months = debt.months if debt.method != "revolving" else 0
    catch_up_principal = to_cents(debt.overdue_principal)
    catch_up_interest = to_cents(debt.overdue_interest)
    penalty0 = accrued_penalty_cents(debt, mode)

    rows: list[Row] = []
    upfront = to_cents(debt.upfront_fee)
    if upfront:
        rows.append(Row(0, debt.first_month - 1, upfront, 0, 0, upfront, 0, to_cents(debt.principal)))
    for t in range(n_rows):
        interest = int(batch.interest[i, t]) if regular_cents else 0
        principal = int(batch.principal[i, t]) if regular_cents else 0
        balance = int(batch.balance[i, t]) if regular_cents else 0
        penalty = 0
        if t == 0:
            interest += catch_up_interest
            principal += catch_up_principal
            penalty = penalty0
        fees = fee if t < fee_months else 0
        payment = interest + principal + fees + penalty
        rows.append(Row(t + 1, debt.first_month + t, payment, interest, principal, fees, penalty, balance))
    flows = [to_cents(debt.principal) - upfront] + [-r.payment for r in rows if r.period >= 1]
    return Schedule(debt=debt, rows=rows, never_paid_off=never, flows=flows)


def calculator_total_interest(debt: Debt) -> Decimal:
    """Total interest as published calculators state it, to the cent.

    Annuity: unrounded payment x n - principal; equal principal: P·r·(n+1)/2;
    interest-only and bullet: P·r·n. A real schedule rounds each month and differs by
    a few yuan over 30 years; the app shows both and says which is which.
    """
    with localcontext() as context:  # local: the rest of the app keeps its own precision
        context.prec = 50
        return round_money(_calculator_total(debt))


def _calculator_total(debt: Debt) -> Decimal:
    p = debt.principal
    r = debt.annual_rate / 1200
    n = debt.months
    if debt.method == "annuity":
        if r == 0:
            return Decimal(0)
        growth = (1 + r) ** n
        total = p * r * growth / (growth - 1) * n - p
    elif debt.method == "equal_principal":
        total = p * r * (n + 1) / 2
    elif debt.method in ("interest_only", "bullet"):
        total = p * r * n
    else:
        raise ValueError("a revolving balance has no calculator total")
    return total
