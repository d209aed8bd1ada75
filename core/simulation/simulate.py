"""What a scenario does to the household, month by month.

A scenario is a set of negotiated terms on debts (one entry per kind: core.loans.terms) plus
what happens to spare money each month; each debt's months under its
terms come from core.simulation.debt_plan.

The household: each month income − expenses (one-off costs and asset sales in their
month) − debt payments goes into a cash buffer that starts from the money available now.
A month ends short when the buffer falls below the safety margin. Spare money above the
margin stays as savings or prepays debts (avalanche, snowball or a custom order).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from core.errors import AmountLimitError, InputError
from core.household.model import Household
from core.loans import engine
from core.loans.schedule import owed_now_cents
from core.loans.terms import KINDS, asks_the_lender, check_term, warn_term
from core.loans.track import Track
from core.loans.values import Scenario
from core.simulation.debt_plan import HORIZON, Loan, Work, gather, rest_loan, run, track_work, write_rest


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
    warnings: list = field(default_factory=list)  # runs as asked, but worth saying (core.loans.terms)

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

    @functools.cached_property
    def debt_free(self) -> int | None:
        """The month the last debt is paid off (worked out once: a Result is not changed
        after the simulation, and pages ask it for every chart and table)."""
        if any(t.never for t in self.tracks):
            return None
        return max((p for p in (t.payoff for t in self.tracks) if p is not None), default=None)

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
    out = []
    for name, terms in scenario.terms.items():
        if name not in h.names:
            continue
        j = h.names.index(name)
        for term in terms:
            for column, code, params in warn_term(term, h.debts[j], h.lender_types[j], h.sale_values):
                out.append(InputError(column, code, {"value": name, **params}))
        if h.is_priority(j) and any(asks_the_lender(term) for term in terms):
            out.append(InputError("debt", "warn.sc_priority", {"value": name}))
    return list({(e.field, e.code, tuple(e.params.items())): e for e in out}.values())


def simulate(h: Household, scenario: Scenario, margin: int = 0) -> Result:
    """Run one scenario for the household, month by month. A scenario with invalid
    terms is reported with its errors and run as the status quo, never half-applied; so
    is one whose numbers cannot be worked out (what a debt owes grows past the amount
    limit under its terms: core.errors.AmountLimitError, with the debt and the month)."""
    return run(_scenario(h, scenario, margin))


def simulate_all(h: Household, scenarios: list[Scenario], margin: int = 0) -> list[Result]:
    """``simulate`` for each scenario, worked out side by side: the same Results, with the
    engine called once for what all of them need at each step instead of once per loan."""
    return [outcome.get() for outcome in run(gather([_scenario(h, s, margin) for s in scenarios]))]


def _scenario(h: Household, scenario: Scenario, margin: int) -> Work:
    errors = _validate(h, scenario)
    if not errors:
        try:
            return (yield from _run(h, scenario, margin, errors))
        except AmountLimitError as exc:
            errors = [exc.input_error()]
    return (yield from _run(h, scenario, margin, errors))


def _run(h: Household, scenario: Scenario, margin: int, errors: list) -> Work:
    """The scenario's months; its terms only when ``errors`` is empty (else the status quo)."""
    events: list = []
    tracks = []
    work = [
        track_work(name, h.debts[i], h.lender_types[i], h.status[i], [] if errors else scenario.terms.get(name, []),
                   h.sale_values, events)
        for i, name in enumerate(h.names)
    ]  # fmt: skip
    for name, outcome in zip(h.names, (yield from gather(work)), strict=True):
        try:
            tracks.append(outcome.get())  # the first debt that fails, as when they ran one after another
        except AmountLimitError as exc:
            raise exc.at(name) from None
        except OverflowError:  # not foreseen by the bounds (core.loans.terms, core.loans.engine): said the same way
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
    books = [t.payment for t in tracks]
    # What the debts ask each month; with prepayments it is summed as the month comes, after
    # the months before have changed them.
    due = None if prepay else _by_month(books, h.start, span)
    income_, expenses_ = income.tolist(), expenses.tolist()
    for k, month in enumerate(months):
        cash += income_[k] - expenses_[k] - (sum([b.get(month, 0) for b in books]) if due is None else due[k])
        if prepay and cash > margin:
            spare = cash - margin
            replanned = []
            for track in _order(tracks, scenario, month):
                paid, rest = _prepay(track, month, spare)
                if rest is not None:
                    replanned.append((track, rest))
                spare -= paid
                extra[k] += paid
                cash -= paid
                if spare <= 0:
                    break
            # What each prepaid debt pays from next month on, worked out together (a
            # prepayment's rest changes nothing this month, so none waits for another's).
            results = (yield [loan for _, loan in replanned]) if replanned else []
            for (track, loan), rows in zip(replanned, results, strict=True):
                if isinstance(rows, AmountLimitError):
                    raise rows.at(track.name, month + 1) from None
                if isinstance(rows, BaseException):
                    raise rows
                write_rest(track, month + 1, loan, rows)
        buffer[k] = cash
    payments = np.array(_by_month(books, h.start, span), dtype=np.int64)
    owed_rows = []
    for track, plain in zip(tracks, h.status, strict=True):
        owed = plain.derived.get("owed_now")
        if owed is None:
            owed = plain.derived["owed_now"] = owed_now_cents(track.debt)
        book, never = track.balance, track.never
        last_row = max(book, default=h.start - 1)
        row = []
        for month in months:
            if month in book:
                owed = book[month]
            elif month > last_row and not never:
                owed = 0
            row.append(owed)
        owed_rows.append(row)
    balances = np.array(owed_rows, dtype=np.int64).reshape(len(tracks), span)
    warnings = [] if errors else _warnings(h, scenario)
    return Result(scenario, months, tracks, income, expenses, payments, extra, buffer, balances, margin, errors,
                  warnings)  # fmt: skip


def _by_month(books: list[dict[int, int]], start: int, span: int) -> list[int]:
    """Every book's cents added up month by month, from ``start`` for ``span`` months."""
    totals = [0] * span
    for book in books:
        for month, cents in book.items():
            k = month - start
            if 0 <= k < span:
                totals[k] += cents
    return totals


def _order(tracks: list[Track], scenario: Scenario, month: int) -> list[Track]:
    """Debts that can take a prepayment this month, in the strategy's order."""
    live = [t for t in tracks if t.regular.get(month + 1) and t.balance.get(month, 0) > 0]
    if scenario.strategy == "avalanche":
        return sorted(live, key=lambda t: (-t.rate, t.balance.get(month, 0)))
    if scenario.strategy == "snowball":
        return sorted(live, key=lambda t: (t.balance.get(month, 0), -t.rate))
    rank = {name: i for i, name in enumerate(scenario.order)}
    return sorted(live, key=lambda t: rank.get(t.name, len(rank)))


def _prepay(track: Track, month: int, spare: int) -> tuple[int, Loan | None]:
    """Pay up to ``spare`` off a debt in ``month``; the regular payment stays as it was,
    so the debt ends sooner. Returns what was paid and the Loan that is left (the engine
    works out its months from next month on: core.simulation.debt_plan.write_rest), or
    None when nothing is left."""
    owed = track.balance.get(month, 0)
    amount = min(spare, owed)
    if amount <= 0:
        return 0, None
    level = track.regular[month + 1]
    track.drop_after(month)
    track.payment[month] = track.payment.get(month, 0) + amount
    track.balance[month] = owed - amount
    if owed - amount <= 0:
        return amount, None
    return amount, rest_loan(track, owed - amount, track.rate, 1, "annuity", level)
