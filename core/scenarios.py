"""Negotiated terms: what each debt's payments become, and what the household lives through.

A scenario is a set of negotiated terms on debts (one entry per kind: core.terms) plus
what happens to spare money each month. Every stretch of regular
repayment is computed by the batch engine (core.engine) — the same code path as the
foundation's schedules — and a debt with no terms keeps exactly its plain schedule.

How terms combine on one debt, at the month a group of terms starts: the amount owed
then is the regular balance plus, if the overdue catch-up has not happened yet, overdue
principal, overdue interest and the penalty accrued so far; each term then changes it as
its entry in core.terms says, phase by phase (waivers, a reduction, a fee or settlement,
the new term and rate, months paused or at a token amount, how the rest is paid), and
the rest is repaid by the engine over the months left or the new term. Terms starting
later re-plan from the balance the earlier plan leaves.

The household: each month income − expenses (one-off costs and asset sales in their
month) − debt payments goes into a cash buffer that starts from the money available now.
A month ends short when the buffer falls below the safety margin. Spare money above the
margin stays as savings or prepays debts (avalanche, snowball or a custom order).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from core import engine
from core.apr import apr_percent
from core.dates import parse_month
from core.debts import Debt
from core.errors import AmountLimitError, InputError
from core.money import MAX_CENTS, div_round, to_cents, to_decimal
from core.profile import Profile
from core.schedule import accrued_penalty_cents, owed_now_cents
from core.terms import KINDS, Context, asks_the_lender, check_term, in_phase_order, warn_term

if TYPE_CHECKING:
    from core.household import Household

HORIZON = 360  # a scenario follows the household for 30 years (one loan alone: engine.LONGEST_LOAN_MONTHS)
ALL_DEBTS = "*"


# --- scenario definitions ----------------------------------------------------------------
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


# --- one debt under a scenario -------------------------------------------------------------
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
        paid = [m for m, v in self.payment.items() if v]
        return max(paid) if paid else None

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


def _monthly(annual_percent: Decimal) -> Fraction:
    return engine.monthly_rate_fraction(annual_percent)


def _plan(track: Track, start: int, owed: int, rate: Fraction, months: int, method: str, fixed: int | None) -> int:
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


def _apply(track: Track, group: list[Term], start: int, state: dict, assets: dict, events: list) -> None:
    """Apply one group of terms that start in month ``start``, each as its kind says
    (core.terms), phase by phase; then plan the rest of what is owed."""
    debt = track.debt
    last = {term.kind: term for term in group}  # one term of a kind per group (the last), but stages
    terms = in_phase_order(
        [t for t in group if KINDS[t.kind].repeats] + [t for k, t in last.items() if not KINDS[k].repeats]
    )
    ctx = Context(
        track=track,
        owed=state["balance"] + state["overdue_principal"] + state["overdue_interest"] + state["penalty"],
        penalty=state["penalty"],
        overdue_interest=state["overdue_interest"],
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
        catch_up = min(max(after_waivers - state["balance"], 0), ctx.owed)
        if catch_up:
            track.add(ctx.month, catch_up, ctx.owed - catch_up)
            ctx.owed -= catch_up
        unchanged = ctx.owed == state["balance"] and ctx.rate == track.rate
    if ctx.stages:
        end = _stages(track, ctx.month, ctx.owed, ctx.rate, ctx.stages)
    elif unchanged and state.get("rows") and state["rows"][0].month == ctx.month:
        end = _follow(track, state)
    else:
        months = ctx.new_months if ctx.new_months is not None else state["months_left"]
        method = debt.method
        replanned = any(KINDS[k].replans for k in last)
        if method in ("interest_only", "bullet") and replanned:
            method = "annuity"
        if method == "revolving" and any(KINDS[k].sets_term for k in last):
            method = "annuity"
        fixed = ctx.fixed
        if fixed is None and state.get("fixed") and not replanned and method in ("annuity", "equal_principal"):
            fixed = state["fixed"]
        end = _plan(track, ctx.month, ctx.owed, ctx.rate, months or 1, method, fixed)
    # The offer as a loan: what was owed when it started, repaid by every payment from
    # then on (an up-front fee included): its true APR.
    track.offer_flows = [offer_start] + [-track.payment.get(m, 0) for m in range(start, end)]


def _follow(track: Track, state: dict) -> int:
    """Keep the contract's own rows (the overdue catch-up in the first row is already paid
    on its own). Returns the month after the last row."""
    embedded = state["overdue_principal"] + state["overdue_interest"] + state["penalty"]
    overdue_interest = state["overdue_interest"]
    prepayable = track.debt.method in ("annuity", "revolving") and not track.debt.monthly_fee_rate
    for r in state["rows"]:
        first = r.period == 1
        pay = r.payment - (embedded if first else 0)
        track.add(r.month, pay, r.balance)
        track.charge_interest(r.month, r.interest - (overdue_interest if first else 0))  # booked when the group began
        track.fees += r.fees
        if prepayable and r.period >= 2:
            track.regular[r.month] = pay
    track.never = state["never"]
    return state["rows"][-1].month + 1 if state["rows"] else 0


def debt_track(name, debt, lender_type, status_schedule, terms: list[Term], assets, events) -> Track:
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
        # today, paid now), in every total, as it does in "do nothing" (core.arrears).
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
    state = {
        "balance": before[-1].balance if before else to_cents(debt.principal - debt.overdue_principal),
        "overdue_principal": 0 if before else to_cents(debt.overdue_principal),
        "overdue_interest": 0 if before else to_cents(debt.overdue_interest),
        "penalty": 0 if before else accrued_penalty_cents(debt),
        "months_left": max(months_left, 1) if months_left is not None else None,
        "fixed": to_cents(debt.fixed_payment) if debt.fixed_payment is not None else None,
        # the contract's own rows from the first term on: a group of terms that leaves the
        # regular balance and rate as they were keeps them, cent for cent
        "rows": [r for r in rows if r.month >= first],
        "never": status_schedule.never_paid_off,
    }
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
            left = state["months_left"] - used if state["months_left"] else None
            state = {
                "balance": owed,
                "overdue_principal": 0,
                "overdue_interest": 0,
                "penalty": 0,
                "months_left": max(left, 1) if left is not None else None,
                "fixed": None,
                "rows": None,
            }
        _apply(track, group, start, state, assets, events)
    return track


# --- what a scenario does to the household -----------------------------------------------
@dataclass
class Result:
    scenario: Scenario
    months: list[int]
    tracks: list[Track]
    income: np.ndarray  # regular income plus one-off income and asset sales
    expenses: np.ndarray  # regular expenses plus one-off costs
    payments: np.ndarray  # every debt payment, prepayments included
    extra: np.ndarray  # prepayments from spare money
    buffer: np.ndarray  # cash at the end of each month
    balances: np.ndarray  # (debts x months) owed at the end of each month
    margin: int
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # runs as asked, but worth saying (core.terms)

    @property
    def beyond_limit(self) -> list:
        """The errors that say its numbers cannot be worked out (core.errors.AmountLimitError):
        what is shown for it is the status quo."""
        return [e for e in self.errors if e.code in AmountLimitError.CODES]

    @property
    def shortfall_months(self) -> int:
        return int(np.count_nonzero(self.buffer < self.margin))

    @property
    def first_shortfall(self) -> int | None:
        short = np.flatnonzero(self.buffer < self.margin)
        return self.months[int(short[0])] if short.size else None

    @property
    def total_paid(self) -> int:
        return sum(t.total_paid for t in self.tracks)

    @property
    def total_interest(self) -> int:
        return sum(t.interest for t in self.tracks)

    @property
    def total_fees(self) -> int:
        return sum(t.fees for t in self.tracks)

    @property
    def total_penalty(self) -> int:
        return sum(t.penalty for t in self.tracks)

    @property
    def forgiven(self) -> int:
        return sum(t.forgiven for t in self.tracks)

    @property
    def debt_free(self) -> int | None:
        if any(t.never for t in self.tracks):
            return None
        known = [t.payoff for t in self.tracks if t.payoff is not None]
        return max(known) if known else None

    @property
    def lowest_buffer(self) -> int:
        return int(self.buffer.min()) if self.buffer.size else 0


def _validate(h: Household, scenario: Scenario) -> list[InputError]:
    errors = []
    for name, terms in scenario.terms.items():
        if name not in h.names:
            errors.append(InputError("debt", "err.sc_unknown_debt", {"value": name}))
            continue
        j = h.names.index(name)
        for term in terms:
            if term.months is not None and not 1 <= term.months <= engine.LONGEST_LOAN_MONTHS:
                errors.append(InputError("months", "err.sc_months_range", {"value": name}))
            if term.percent is not None and not 0 <= term.percent <= 100:
                errors.append(InputError("percent", "err.sc_percent_range", {"value": name}))
            if term.kind not in KINDS:
                errors.append(InputError("term", "err.sc_bad_term", {"value": term.kind}))
                continue
            for column, code, params in check_term(term, h.debts[j], h.lender_types[j], h.sale_values):
                errors.append(InputError(column, code, {"value": name, **params}))
    return errors


def _warnings(h: Household, scenario: Scenario) -> list[InputError]:
    """What runs but is worth saying: a card asked for longer than issuers usually grant, a
    priority debt (the home, the car) asked to change at all (the household plan never asks it;
    one-off help arriving changes nothing the lender is asked)."""
    from core.plan import is_priority

    out = []
    for name, terms in scenario.terms.items():
        if name not in h.names:
            continue
        j = h.names.index(name)
        for term in terms:
            for column, code, params in warn_term(term, h.debts[j], h.lender_types[j], h.sale_values):
                out.append(InputError(column, code, {"value": name, **params}))
        if is_priority(h, j) and any(asks_the_lender(term) for term in terms):
            out.append(InputError("debt", "warn.sc_priority", {"value": name}))
    return list({(e.field, e.code, tuple(e.params.items())): e for e in out}.values())


def simulate(h: Household, scenario: Scenario, margin: int = 0) -> Result:
    """Run one scenario for the household, month by month. A scenario with invalid
    terms is reported with its errors and run as the status quo, never half-applied; so
    is one whose numbers cannot be worked out (what a debt owes grows past the amount
    limit under its terms: core.errors.AmountLimitError, with the debt and the month)."""
    errors = _validate(h, scenario)
    if not errors:
        try:
            return _run(h, scenario, margin, errors)
        except AmountLimitError as exc:
            errors = [exc.input_error()]
    return _run(h, scenario, margin, errors)


def _run(h: Household, scenario: Scenario, margin: int, errors: list) -> Result:
    """The scenario's months; its terms only when ``errors`` is empty (else the status quo)."""
    events: list = []
    tracks = []
    for i, name in enumerate(h.names):
        try:
            tracks.append(
                debt_track(
                    name,
                    h.debts[i],
                    h.lender_types[i],
                    h.status[i],
                    [] if errors else scenario.terms.get(name, []),
                    h.sale_values,
                    events,
                )
            )
        except AmountLimitError as exc:
            raise exc.at(name) from None
        except OverflowError:  # not foreseen by the bounds (core.terms, core.engine): said the same way
            raise AmountLimitError(name) from None
    # Every scenario is followed at least as long as the status quo, so charts line up.
    plain_last = [r.month for sched in h.status for r in sched.rows if r.period >= 1]
    last = max([max(t.payment, default=h.start) for t in tracks] + plain_last + [h.start])
    span = min(max(last - h.start + 1, 12), HORIZON)
    months = list(range(h.start, h.start + span))
    index = {m: k for k, m in enumerate(months)}
    income, expenses = h.net_series(h.start, span)  # rows that start or stop follow their months
    for month, cents, _ in h.one_offs:
        if month in index:
            if cents >= 0:
                income[index[month]] += cents
            else:
                expenses[index[month]] -= cents
    sold: set[str] = set()  # an asset is sold (help arrives) once, however many terms name it
    events.extend((month, name) for month, name in scenario.draws if name in h.sale_values)
    for month, asset in sorted(events):
        value, already_cash = h.sale_values[asset]
        if month in index and not already_cash and asset not in sold:
            sold.add(asset)
            income[index[month]] += value
    extra = np.zeros(span, dtype=np.int64)
    buffer = np.zeros(span, dtype=np.int64)
    cash = h.buffer
    prepay = scenario.strategy in ("avalanche", "snowball", "custom")
    for k, month in enumerate(months):
        cash += int(income[k]) - int(expenses[k]) - sum(t.payment.get(month, 0) for t in tracks)
        if prepay and cash > margin:
            spare = cash - margin
            for track in _order(tracks, scenario, month):
                paid = _prepay(track, month, spare)
                spare -= paid
                extra[k] += paid
                cash -= paid
                if spare <= 0:
                    break
        buffer[k] = cash
    payments = np.array([sum(t.payment.get(m, 0) for t in tracks) for m in months], dtype=np.int64)
    balances = np.zeros((len(tracks), span), dtype=np.int64)
    for j, track in enumerate(tracks):
        owed = owed_now_cents(track.debt)
        last_row = max(track.balance, default=h.start - 1)
        for k, month in enumerate(months):
            if month in track.balance:
                owed = track.balance[month]
            elif month > last_row and not track.never:
                owed = 0
            balances[j, k] = owed
    warnings = [] if errors else _warnings(h, scenario)
    return Result(scenario, months, tracks, income, expenses, payments, extra, buffer, balances, margin, errors,
                  warnings)  # fmt: skip


def _order(tracks: list[Track], scenario: Scenario, month: int) -> list[Track]:
    """Debts that can take a prepayment this month, in the strategy's order."""
    live = [t for t in tracks if t.regular.get(month + 1) and t.balance.get(month, 0) > 0]
    if scenario.strategy == "avalanche":
        return sorted(live, key=lambda t: (-t.rate, t.balance.get(month, 0)))
    if scenario.strategy == "snowball":
        return sorted(live, key=lambda t: (t.balance.get(month, 0), -t.rate))
    rank = {name: i for i, name in enumerate(scenario.order)}
    return sorted(live, key=lambda t: rank.get(t.name, len(rank)))


def _prepay(track: Track, month: int, spare: int) -> int:
    """Pay up to ``spare`` off a debt in ``month``; the regular payment stays as it was,
    so the debt ends sooner. Returns what was paid."""
    owed = track.balance.get(month, 0)
    amount = min(spare, owed)
    if amount <= 0:
        return 0
    level = track.regular[month + 1]
    track.drop_after(month)
    track.payment[month] = track.payment.get(month, 0) + amount
    track.balance[month] = owed - amount
    _plan(track, month + 1, owed - amount, track.rate, 1, "annuity", level)
    return amount


# --- scenarios kept in a profile ---------------------------------------------------------------
def scenarios_from_profile(profile: Profile) -> tuple[list[Scenario], list[InputError]]:
    """The profile's scenarios (status quo first, always)."""
    out = [Scenario(name="status_quo")]
    errors: list[InputError] = []
    by_name: dict[str, Scenario] = {}
    for row in profile.section("scenarios").to_dict("records"):
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            continue
        order = tuple(x.strip() for x in str(row.get("custom_order") or "").split(";") if x.strip())
        scenario = Scenario(name=name.strip(), strategy=row.get("strategy") or "savings", order=order)
        by_name[scenario.name] = scenario
        out.append(scenario)
    debts = profile.section("debts")
    types = dict(zip(debts["name"].astype(object), debts["lender_type"].astype(object), strict=False))
    for index, row in enumerate(profile.section("terms").to_dict("records"), start=1):
        scenario = by_name.get(str(row.get("scenario") or "").strip())
        if scenario is None:
            errors.append(
                InputError(
                    "scenario", "err.sc_unknown_scenario", {"value": row.get("scenario")}, row=index, sheet="terms"
                )
            )
            continue
        target = str(row.get("debt") or "").strip()
        try:
            term = Term(
                kind=row["term"],
                start=parse_month(row["start"]) if _given(row.get("start")) else None,
                months=int(row["months"]) if _given(row.get("months")) else None,
                rate=to_decimal(row["rate"]) if _given(row.get("rate")) else None,
                amount=to_decimal(row["amount"]) if _given(row.get("amount")) else None,
                percent=to_decimal(row["percent"]) if _given(row.get("percent")) else None,
                mode=row.get("mode") if _given(row.get("mode")) else None,
                asset=str(row["asset"]).strip() if _given(row.get("asset")) else None,
            )
        except (ValueError, TypeError):
            errors.append(InputError("term", "err.sc_bad_term", {"value": row.get("term")}, row=index, sheet="terms"))
            continue
        for name in _targets(target, types):
            scenario.terms.setdefault(name, []).append(term)
    return out, errors


def _given(value) -> bool:
    return (
        value is not None and value is not pd.NA and not (isinstance(value, float) and value != value) and value != ""
    )


def _targets(target: str, types: dict) -> list[str]:
    """A debt name, '*' for every debt, or 'type:<lender type>' for a kind of lender."""
    if target == ALL_DEBTS:
        return [str(n) for n in types]
    if target.startswith("type:"):
        kind = target[5:]
        return [str(n) for n, t in types.items() if t == kind]
    return [target] if target else []


# --- ready-made scenarios -------------------------------------------------------------------
PRESETS = ("freeze36", "fee24", "settle60", "avalanche")


def preset_rows(key: str, h: Household, lang: str) -> tuple[dict, list[dict]] | None:
    """A ready-made scenario as rows for the profile's scenarios and terms tables
    (None when the household has nothing it applies to)."""
    from core.i18n import t

    name = t(f"sc.preset.{key}", lang)
    scenario = {"name": name, "strategy": "savings", "custom_order": None, "note": None}
    if key == "freeze36":
        terms = [{"scenario": name, "debt": "type:online_lending", "term": "freeze", "months": 36}]
    elif key == "fee24":
        terms = [
            {"scenario": name, "debt": ALL_DEBTS, "term": "fee", "percent": 5.0, "mode": "upfront"},
            {"scenario": name, "debt": ALL_DEBTS, "term": "freeze", "months": 24},
        ]
    elif key == "settle60":
        cards = [
            (line.debt.principal, n)
            for n, line in zip(h.names, h.lines, strict=True)
            if line.lender_type == "credit_card"
        ]
        if not cards:
            return None
        largest = max(cards, key=lambda c: c[0])[1]  # the first of equals, as the table lists them
        terms = [{"scenario": name, "debt": largest, "term": "settlement", "percent": 60.0}]
    elif key == "avalanche":
        scenario["strategy"] = "avalanche"
        terms = []
    else:
        raise ValueError(key)
    return scenario, terms
