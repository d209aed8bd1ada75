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

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

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


@dataclass(frozen=True)
class Loan:
    """One stretch of regular repayment for the engine to work out (one row of
    core.loans.engine.amortize): what is owed, the monthly rate, the term, the method's
    code, a fixed payment, a card's minimum (share and floor) and how long an open-ended
    loan is followed."""

    owed: int
    rate: Fraction
    months: int
    code: int
    fixed: int = 0
    pct: Fraction = Fraction(0)
    floor: int = 0
    horizon: int = HORIZON


@dataclass
class Rows:
    """The engine's months for one Loan: interest, principal and balance (cents, as long as
    the longest loan worked out with it: zeros after its own end) and its payoff period."""

    interest: np.ndarray
    principal: np.ndarray
    balance: np.ndarray
    payoff: int


# How the simulation is worked out quickly: every place that needs the engine is a
# generator (a coroutine) that yields the list of Loans it needs and is sent back their
# Rows (or the exception the engine raised for one). ``gather`` runs many coroutines side
# by side -- every debt of a scenario, every scenario of a comparison -- and ``run`` works
# out all the Loans asked at one step in a single engine call. Each loan's months do not
# depend on the others in the call, so the figures are the same as one call per loan,
# cent for cent; only the Python overhead of a thousand small calls is gone.
Work = Generator[list[Loan], list, Any]


@dataclass
class Outcome:
    """What a coroutine run by ``gather`` gave: its value, or the exception it raised."""

    value: Any = None
    error: BaseException | None = None

    def get(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


def work_out(loans: Sequence[Loan]) -> list[Rows | Exception]:
    """Every loan in one engine call. When the call refuses (a loan past the amount limit,
    core.errors.AmountLimitError, or a bad input), each loan is worked out alone, so only
    the loans that are refused get their exception."""
    if not loans:
        return []
    try:
        batch = engine.amortize(
            [loan.owed for loan in loans],
            [loan.rate.numerator for loan in loans],
            [loan.rate.denominator for loan in loans],
            [max(loan.months, 1) for loan in loans],
            [loan.code for loan in loans],
            fixed_payment_cents=[loan.fixed for loan in loans],
            min_pct_num=[loan.pct.numerator for loan in loans],
            min_pct_den=[loan.pct.denominator for loan in loans],
            min_floor_cents=[loan.floor for loan in loans],
            keep_rows=True,
            horizon=np.array([loan.horizon for loan in loans], dtype=np.int64),
        )
    except (AmountLimitError, ValueError, OverflowError) as exc:
        if len(loans) == 1:
            return [exc]
        return [work_out([loan])[0] for loan in loans]
    payoff = batch.payoff_period.tolist()
    return [Rows(batch.interest[i], batch.principal[i], batch.balance[i], payoff[i]) for i in range(len(loans))]


def ask(loan: Loan) -> Generator[list[Loan], list, Rows]:
    """In a coroutine, ``rows = yield from ask(loan)``: the engine's months for one loan."""
    (out,) = yield [loan]
    if isinstance(out, BaseException):
        raise out
    return out


def gather(coroutines: Sequence[Work]) -> Generator[list[Loan], list, list[Outcome]]:
    """Run coroutines side by side; at each step the loans all of them ask for go up as one
    list. Returns each one's Outcome, in order (an exception is kept, not raised: the
    caller decides, as one call after another would have, which one counts)."""
    outcomes = [Outcome() for _ in coroutines]
    waiting: dict[int, list[Loan]] = {}

    def step(i: int, sent: list | None) -> None:
        try:
            waiting[i] = coroutines[i].send(sent)
        except StopIteration as stop:
            outcomes[i].value = stop.value
        except Exception as exc:  # noqa: BLE001 - kept for the caller, raised there in order
            outcomes[i].error = exc

    for i in range(len(coroutines)):
        step(i, None)
    while waiting:
        asked = list(waiting.items())
        waiting.clear()
        results = yield [loan for _, loans in asked for loan in loans]
        at = 0
        for i, loans in asked:
            step(i, results[at : at + len(loans)])
            at += len(loans)
    return outcomes


def run(coroutine: Work) -> Any:
    """Run a coroutine to its end, working out the loans it asks for, and return its value."""
    sent = None
    try:
        while True:
            sent = work_out(coroutine.send(sent))
    except StopIteration as stop:
        return stop.value


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


def rest_loan(track: Track, owed: int, rate: Fraction, months: int, method: str, fixed: int | None) -> Loan:
    """What is left, ``owed``, repaid by ``method`` over ``months`` (or ``fixed`` a month) as one Loan."""
    debt = track.debt
    return Loan(
        owed=owed,
        rate=rate,
        months=max(months, 1),
        code=engine.FIXED if fixed is not None else engine.METHOD_CODES[method],
        fixed=fixed or 0,
        pct=Fraction(debt.min_payment_pct) / 100,
        floor=to_cents(debt.min_payment_floor),
    )


def plan_rest(track: Track, start: int, owed: int, rate: Fraction, months: int, method: str,
              fixed: int | None) -> Generator[list[Loan], list, int]:  # fmt: skip
    """Repay ``owed`` from ``start`` with the engine (a coroutine: ``yield from``); returns
    the month after the last row."""
    track.rate = rate
    if owed <= 0:
        return start
    loan = rest_loan(track, owed, rate, months, method, fixed)
    try:
        rows = yield from ask(loan)
    except AmountLimitError as exc:  # what is owed is already past what can be worked out
        raise exc.at(track.name, start) from None
    return write_rest(track, start, loan, rows)


def write_rest(track: Track, start: int, loan: Loan, rows: Rows) -> int:
    """Book the engine's months for the rest of a debt from ``start``; returns the month
    after the last row."""
    code = loan.code
    interest, principal, balance = rows.interest, rows.principal, rows.balance
    payoff = rows.payoff
    if payoff == engine.NEVER:
        track.never = True
        n = max(int(np.count_nonzero(interest + principal)), 1)
    else:
        n = payoff
    interest, payments, balance = interest[:n].tolist(), (interest[:n] + principal[:n]).tolist(), balance[:n].tolist()
    regular = code in (engine.ANNUITY, engine.FIXED, engine.REVOLVING)
    for t in range(n):
        pay = payments[t]
        track.add(start + t, pay, balance[t])
        track.charge_interest(start + t, interest[t])
        if regular:
            track.regular[start + t] = pay
    return start + n


def _stages(
    track: Track, start: int, owed: int, rate: Fraction, stages: list[Term]
) -> Generator[list[Loan], list, int]:
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
            rows = yield from ask(
                Loan(
                    owed=owed, rate=rate, months=1, code=engine.FIXED, fixed=to_cents(stage.amount or 0), horizon=limit
                )
            )
        except AmountLimitError as exc:
            raise exc.at(track.name, month) from None
        interest, principal, balance = rows.interest, rows.principal, rows.balance
        payoff = rows.payoff
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
        n = payoff if payoff != engine.NEVER else limit
        paid, charged, left = (interest[:n] + principal[:n]).tolist(), interest[:n].tolist(), balance[:n].tolist()
        for t in range(n):
            track.add(month + t, paid[t], left[t])
            track.charge_interest(month + t, charged[t])
        owed = left[n - 1]
        month += n
        if open_ended and payoff == engine.NEVER:
            track.never = True
            return month
    if owed > 0 and not track.never:
        track.add(month, owed, 0)  # the balloon after the last stage
        month += 1
    return month


def _apply(track: Track, group: list[Term], start: int, state: Opening, assets: dict,
           events: list) -> Generator[list[Loan], list, None]:  # fmt: skip
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
        end = yield from _stages(track, ctx.month, ctx.owed, ctx.rate, ctx.stages)
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
        end = yield from plan_rest(track, ctx.month, ctx.owed, ctx.rate, months or 1, method, fixed)
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


def _book_plain(track: Track, rows: list[Row]) -> Track:
    """Book a debt's own schedule rows (period >= 1) on its track, as the status quo pays them."""
    debt = track.debt
    prepayable = debt.method in ("annuity", "revolving") and not debt.monthly_fee_rate
    for r in rows:
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
    return track


def debt_track(name: str, debt: Debt, lender_type: str, status_schedule: Schedule, terms: list[Term], assets: dict,
               events: list) -> Track:  # fmt: skip
    """The months of one debt under its terms (exactly its plain schedule when there are none)."""
    return run(track_work(name, debt, lender_type, status_schedule, terms, assets, events))


def track_work(name: str, debt: Debt, lender_type: str, status_schedule: Schedule, terms: list[Term], assets: dict,
               events: list) -> Generator[list[Loan], list, Track]:  # fmt: skip
    """debt_track as a coroutine (``gather`` runs every debt of a scenario side by side)."""
    # Its plain schedule (period >= 1: a period-0 fee is in the past) is booked once per
    # schedule and copied into each scenario.
    plain = status_schedule.derived.get("track")
    if plain is None or plain.name != name or plain.lender_type != lender_type:
        rows = [r for r in status_schedule.rows if r.period >= 1]
        plain = _book_plain(Track(name, debt, lender_type, _monthly(debt.annual_rate)), rows)
        status_schedule.derived["track"] = plain
    track = Track(name=name, debt=debt, lender_type=lender_type, rate=plain.rate)
    # A term cannot take effect before the debt's first payment month.
    starts = [max(t.start if t.start is not None else debt.first_month, debt.first_month) for t in terms]
    first = min(starts, default=None)
    if first is None:
        track.payment, track.balance = dict(plain.payment), dict(plain.balance)
        track.interest_by_month, track.regular = dict(plain.interest_by_month), dict(plain.regular)
        track.fees, track.penalty, track.carried = plain.fees, plain.penalty, plain.carried
        track.never = status_schedule.never_paid_off
        return track
    rows = [r for r in status_schedule.rows if r.period >= 1]
    before = [r for r in rows if r.month < first]
    _book_plain(track, before)
    track.negotiated = True
    track.offer_start = first
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
        yield from _apply(track, group, start, state, assets, events)
    return track
