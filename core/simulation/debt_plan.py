"""One debt under a scenario's terms: what its payments become.

Every stretch of regular repayment is computed by the batch engine (core.loans.engine), the
same code path as the foundation's schedules, and a debt with no terms keeps exactly its
plain schedule.

How terms combine on one debt, at the month a group of terms starts: the amount owed
then is the regular balance plus, if the overdue catch-up has not happened yet, overdue
principal, overdue interest and the penalty accrued so far; each term then changes it as
its entry in core.loans.terms says, phase by phase (waivers, a reduction, a fee or settlement,
the new term and rate, months paused or at a token amount, how the rest is paid), and
the rest is repaid by the engine over the months left or the new term. Terms starting
later re-plan from the balance the earlier plan leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from core.errors import AmountLimitError
from core.loans import engine
from core.loans.debts import Debt
from core.loans.money import MAX_CENTS, div_round, to_cents
from core.loans.schedule import Row, Schedule, accrued_penalty_cents
from core.loans.terms import KINDS, Context, in_phase_order
from core.loans.track import Track
from core.loans.values import Term

HORIZON = 360  # a scenario follows the household for 30 years (one loan alone: engine.LONGEST_LOAN_MONTHS)


@dataclass
class Opening:
    """What a debt owes when a group of its terms starts (cents), and what its contract
    still says then."""

    balance: int  # the regular balance
    overdue_principal: int = 0  # overdue amounts not caught up yet
    overdue_interest: int = 0
    penalty: int = 0  # accrued so far
    months_left: int | None = None  # of the contract (None: revolving)
    fixed: int | None = None  # the contract's fixed monthly payment
    # the contract's own rows from the first term on: a group of terms that leaves the
    # regular balance and rate as they were keeps them, cent for cent
    rows: list[Row] | None = None
    never: bool = False  # the contract never clears it within the horizon

    @property
    def owed(self) -> int:
        return self.balance + self.overdue_principal + self.overdue_interest + self.penalty


def _monthly(annual_percent: Decimal) -> Fraction:
    return engine.monthly_rate_fraction(annual_percent)


def plan_rest(track: Track, start: int, owed: int, rate: Fraction, months: int, method: str, fixed: int | None) -> int:
    """Repay ``owed`` from ``start`` with the engine; returns the month after the last row."""
    track.rate = rate
    if owed <= 0:
        return start
    code = engine.FIXED if fixed is not None else engine.METHOD_CODES[method]
    debt = track.debt
    pct = Fraction(debt.min_payment_pct) / 100
    try:
        batch = engine.amortize(
            [owed],
            [rate.numerator],
            [rate.denominator],
            [max(months, 1)],
            [code],
            fixed_payment_cents=[fixed or 0],
            min_pct_num=[pct.numerator],
            min_pct_den=[pct.denominator],
            min_floor_cents=[to_cents(debt.min_payment_floor)],
            keep_rows=True,
            horizon=HORIZON,
        )
    except AmountLimitError as exc:  # what is owed is already past what can be worked out
        raise exc.at(track.name, start) from None
    interest, principal, balance = batch.interest[0], batch.principal[0], batch.balance[0]
    payoff = int(batch.payoff_period[0])
    if payoff == engine.NEVER:
        track.never = True
        n = max(int(np.count_nonzero(interest + principal)), 1)
    else:
        n = payoff
    for t in range(n):
        pay = int(interest[t] + principal[t])
        track.add(start + t, pay, int(balance[t]))
        track.charge_interest(start + t, int(interest[t]))
        if code in (engine.ANNUITY, engine.FIXED, engine.REVOLVING):
            track.regular[start + t] = pay
    return start + n


def _stages(track: Track, start: int, owed: int, rate: Fraction, stages: list[Term]) -> int:
    """Staged repayment: each stage pays a fixed amount a month (the last stage, if it has
    no length, until the debt is paid); a balance left after the last stage is due the
    month after. Returns the month after the last row."""
    track.rate = rate
    month = start
    for i, stage in enumerate(stages):
        if owed <= 0:
            break
        open_ended = i == len(stages) - 1 and not stage.months
        limit = HORIZON if open_ended else int(stage.months or 1)
        try:
            batch = engine.amortize(
                [owed],
                [rate.numerator],
                [rate.denominator],
                [1],
                [engine.FIXED],
                fixed_payment_cents=[to_cents(stage.amount or 0)],
                keep_rows=True,
                horizon=limit,
            )
        except AmountLimitError as exc:
            raise exc.at(track.name, month) from None
        interest, principal, balance = batch.interest[0], batch.principal[0], batch.balance[0]
        payoff = int(batch.payoff_period[0])
        if payoff == engine.NEVER and not (interest + principal)[0]:
            # The stage's payment does not even cover the interest: nothing is paid and
            # the interest is added to the balance, month by month.
            for t in range(limit):
                grow = div_round(owed * rate.numerator, rate.denominator)
                owed += grow
                if grow and owed > MAX_CENTS:  # past the amount limit: these terms cannot be paid off
                    raise AmountLimitError(track.name, month + t)
                track.charge_interest(month + t, grow)
                track.add(month + t, 0, owed)
            month += limit
            if open_ended:
                track.never = True
            continue
        rows = payoff if payoff != engine.NEVER else limit
        for t in range(rows):
            track.add(month + t, int(interest[t] + principal[t]), int(balance[t]))
            track.charge_interest(month + t, int(interest[t]))
        owed = int(balance[rows - 1])
        month += rows
        if open_ended and payoff == engine.NEVER:
            track.never = True
            return month
    if owed > 0 and not track.never:
        track.add(month, owed, 0)  # the balloon after the last stage
        month += 1
    return month


def _apply(track: Track, group: list[Term], start: int, state: Opening, assets: dict, events: list) -> None:
    """Apply one group of terms that start in month ``start``, each as its kind says
    (core.loans.terms), phase by phase; then plan the rest of what is owed."""
    debt = track.debt
    last = {term.kind: term for term in group}  # one term of a kind per group (the last), but stages
    terms = in_phase_order(
        [t for t in group if KINDS[t.kind].repeats] + [t for k, t in last.items() if not KINDS[k].repeats]
    )
    ctx = Context(
        track=track,
        owed=state.owed,
        penalty=state.penalty,
        overdue_interest=state.overdue_interest,
        month=start,
        rate=track.rate,
        assets=assets,
        events=events,
    )
    penalty_booked, offer_start = False, None
    after_waivers = ctx.owed
    for term in terms:
        kind = KINDS[term.kind]
        if kind.phase > 1 and not penalty_booked:  # what is left of the penalty after waivers
            track.penalty += ctx.penalty
            penalty_booked = True
            after_waivers = ctx.owed
        if kind.phase > 2 and offer_start is None:  # the offer starts from what is owed after cuts
            offer_start = ctx.owed
        kind.apply(term, ctx)
        if ctx.settled:
            return
    if not penalty_booked:
        track.penalty += ctx.penalty
        after_waivers = ctx.owed
    # Overdue interest owed when the terms begin and not waived is interest paid under them.
    track.charge_interest(start, ctx.overdue_interest)
    track.carried += ctx.overdue_interest
    if offer_start is None:
        offer_start = ctx.owed
    # A term changes only what it names. When no term in the group re-plans how the debt
    # is repaid (only waivers, a reduction or a fee), the overdue amounts left after the
    # waivers are caught up in this month, as in the status quo, and the regular balance
    # follows its plan; a term that re-plans the debt spreads them with the rest.
    catch_up, unchanged = 0, False
    if not any(KINDS[k].phase >= 4 for k in last) and not ctx.stages:
        catch_up = min(max(after_waivers - state.balance, 0), ctx.owed)
        if catch_up:
            track.add(ctx.month, catch_up, ctx.owed - catch_up)
            ctx.owed -= catch_up
        unchanged = ctx.owed == state.balance and ctx.rate == track.rate
    if ctx.stages:
        end = _stages(track, ctx.month, ctx.owed, ctx.rate, ctx.stages)
    elif unchanged and state.rows and state.rows[0].month == ctx.month:
        end = _follow(track, state)
    else:
        months = ctx.new_months if ctx.new_months is not None else state.months_left
        method = debt.method
        replanned = any(KINDS[k].replans for k in last)
        if method in ("interest_only", "bullet") and replanned:
            method = "annuity"
        if method == "revolving" and any(KINDS[k].sets_term for k in last):
            method = "annuity"
        fixed = ctx.fixed
        if fixed is None and state.fixed and not replanned and method in ("annuity", "equal_principal"):
            fixed = state.fixed
        end = plan_rest(track, ctx.month, ctx.owed, ctx.rate, months or 1, method, fixed)
    # The offer as a loan: what was owed when it started, repaid by every payment from
    # then on (an up-front fee included): its true APR.
    track.offer_flows = [offer_start] + [-track.payment.get(m, 0) for m in range(start, end)]


def _follow(track: Track, state: Opening) -> int:
    """Keep the contract's own rows (the overdue catch-up in the first row is already paid
    on its own). Returns the month after the last row."""
    embedded = state.overdue_principal + state.overdue_interest + state.penalty
    overdue_interest = state.overdue_interest
    prepayable = track.debt.method in ("annuity", "revolving") and not track.debt.monthly_fee_rate
    for r in state.rows or []:
        first = r.period == 1
        pay = r.payment - (embedded if first else 0)
        track.add(r.month, pay, r.balance)
        track.charge_interest(r.month, r.interest - (overdue_interest if first else 0))  # booked when the group began
        track.fees += r.fees
        if prepayable and r.period >= 2:
            track.regular[r.month] = pay
    track.never = state.never
    return state.rows[-1].month + 1 if state.rows else 0


def debt_track(name: str, debt: Debt, lender_type: str, status_schedule: Schedule, terms: list[Term], assets: dict,
               events: list) -> Track:  # fmt: skip
    """The months of one debt under its terms (exactly its plain schedule when there are none)."""
    track = Track(name=name, debt=debt, lender_type=lender_type, rate=_monthly(debt.annual_rate))
    rows = [r for r in status_schedule.rows if r.period >= 1]  # a period-0 fee is in the past
    # A term cannot take effect before the debt's first payment month.
    starts = [max(t.start if t.start is not None else debt.first_month, debt.first_month) for t in terms]
    first = min(starts, default=None)
    prepayable = debt.method in ("annuity", "revolving") and not debt.monthly_fee_rate
    for r in rows:
        if first is not None and r.month >= first:
            break
        track.add(r.month, r.payment, r.balance)
        # Overdue interest caught up in the first month counts as interest (charged before
        # today, paid now), in every total, as it does in "do nothing" (core.simulation.arrears).
        track.charge_interest(r.month, r.interest)
        if r.period == 1:
            track.carried += to_cents(debt.overdue_interest)
        track.fees += r.fees
        track.penalty += r.penalty
        if prepayable and r.period >= 2:
            track.regular[r.month] = r.payment
    if first is None:
        track.never = status_schedule.never_paid_off
        return track
    track.negotiated = True
    track.offer_start = first
    before = [r for r in rows if r.month < first]
    months_left = debt.months - len(before) if debt.method != "revolving" else None
    state = Opening(
        balance=before[-1].balance if before else to_cents(debt.principal - debt.overdue_principal),
        overdue_principal=0 if before else to_cents(debt.overdue_principal),
        overdue_interest=0 if before else to_cents(debt.overdue_interest),
        penalty=0 if before else accrued_penalty_cents(debt),
        months_left=max(months_left, 1) if months_left is not None else None,
        fixed=to_cents(debt.fixed_payment) if debt.fixed_payment is not None else None,
        rows=[r for r in rows if r.month >= first],
        never=status_schedule.never_paid_off,
    )
    for i, start in enumerate(sorted(set(starts))):
        group = [t for t, s in zip(terms, starts, strict=True) if s == start]
        if i > 0:
            # Later terms re-plan from what the earlier plan leaves owing the month before.
            owed = track.balance.get(start - 1, 0)
            if owed <= 0:
                break
            used = sum(1 for m in track.payment if first <= m < start)
            track.drop_after(start - 1)
            track.never = False
            left = state.months_left - used if state.months_left else None
            state = Opening(balance=owed, months_left=max(left, 1) if left is not None else None)
        _apply(track, group, start, state, assets, events)
    return track
