"""What can I ask for? Sweeps of negotiated terms for one debt or several, and the
smallest ask under which the household never runs short.

A sweep replaces the chosen debts' plans, from each debt's first payment month, with
the engine's schedule of what is then owed (balance, overdue amounts and penalty so
far) — at a term x rate grid, or as a settlement of a share of it paid over a term —
and keeps every other debt on its plain schedule. One engine call covers the whole grid.
The same terms, put into a scenario (core.simulation.simulate), give the same payments; a test
checks that a plan found here really never runs short when simulated.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from core.household.model import Household
from core.loans import engine
from core.loans.money import div_round
from core.loans.schedule import owed_now_cents
from core.loans.terms import KINDS
from core.loans.values import Scenario, Term
from core.simulation.debt_plan import HORIZON
from core.simulation.simulate import simulate

RATE_STEP = Decimal("0.1")
SWEEP_CELLS = 4_000  # loans per engine call in a sweep (grid combinations x debts): measured best


@dataclass
class Sweep:
    axis: str  # "rate" (term x annual rate %) or "settlement" (term x % of what is owed)
    targets: list[str]
    months: np.ndarray  # grid rows
    values: np.ndarray  # grid columns: annual rate % or settlement %
    feasible: np.ndarray  # (months x values) bool: never below the margin
    cost: np.ndarray  # (months x values) cents paid to the chosen debts
    lowest: np.ndarray  # (months x values) the lowest cash buffer reached
    first_payment: np.ndarray  # (months x values) the new monthly payment of the chosen debts, total

    @property
    def combinations(self) -> int:
        return int(self.feasible.size)


def _method(h: Household, j: int) -> int:
    method = h.debts[j].method
    return engine.METHOD_CODES[method] if method in ("annuity", "equal_principal") else engine.ANNUITY


def _base(h: Household, targets: list[int]) -> np.ndarray:
    """Each month's income − expenses − payments of the debts not being negotiated (their
    plain schedules, which is what the status quo pays)."""
    income, expenses = h.net_series(h.start, HORIZON)
    net = income - expenses
    for month, cents, _ in h.one_offs:
        if 0 <= month - h.start < HORIZON:
            net[month - h.start] += cents
    for j, plain in enumerate(h.status):
        if j in targets:
            continue
        for row in plain.rows:
            if row.period >= 1 and 0 <= row.month - h.start < HORIZON:
                net[row.month - h.start] -= row.payment
    return net


def sweep(
    h: Household,
    targets: list[str],
    months: list[int] | np.ndarray,
    values: list | np.ndarray,
    axis: str = "rate",
    margin: int = 0,
) -> Sweep:
    """Every (term, value) pair for the chosen debts, in one engine call."""
    idx = [h.names.index(n) for n in targets]
    months = np.asarray(months, dtype=np.int64)
    values = np.asarray([Decimal(str(v)) for v in values], dtype=object)
    n_m, n_v, n_t = len(months), len(values), len(idx)
    owed = np.array([owed_now_cents(h.debts[j]) for j in idx], dtype=np.int64)
    if axis == "rate":
        rates = [[engine.monthly_rate_fraction(min(v, h.debts[j].annual_rate)) for j in idx] for v in values]
        principal = np.broadcast_to(owed, (n_m, n_v, n_t))
        rate_num = np.array([[r.numerator for r in row] for row in rates], dtype=np.int64)
        rate_den = np.array([[r.denominator for r in row] for row in rates], dtype=np.int64)
        rate_num = np.broadcast_to(rate_num, (n_m, n_v, n_t))
        rate_den = np.broadcast_to(rate_den, (n_m, n_v, n_t))
    elif axis == "settlement":
        shares = [Fraction(v) / 100 for v in values]
        principal = np.array([div_round(owed * s.numerator, s.denominator) for s in shares], dtype=np.int64)
        principal = np.broadcast_to(principal, (n_m, n_v, n_t))
        rate_num = np.zeros((n_m, n_v, n_t), dtype=np.int64)
        rate_den = np.ones((n_m, n_v, n_t), dtype=np.int64)
    else:
        raise ValueError(f"unknown axis {axis!r}")
    # Engine calls over groups of debts (each call covers the whole grid for its group):
    # memory stays bounded however many debts are chosen (all 100 at once took 1.5 GB),
    # and each call is large enough that numpy, not Python, sets the pace.
    combos = n_m * n_v
    term = np.broadcast_to(months[:, None], (n_m, n_v)).reshape(-1)
    plans = np.zeros((combos, HORIZON), dtype=np.int64)
    first = np.zeros(combos, dtype=np.int64)
    group = max(1, SWEEP_CELLS // combos)
    for lo in range(0, n_t, group):
        ks = list(range(lo, min(lo + group, n_t)))
        batch = engine.amortize(
            np.ascontiguousarray(principal[:, :, ks].transpose(2, 0, 1)).reshape(-1),
            np.ascontiguousarray(rate_num[:, :, ks].transpose(2, 0, 1)).reshape(-1),
            np.ascontiguousarray(rate_den[:, :, ks].transpose(2, 0, 1)).reshape(-1),
            np.tile(term, len(ks)),
            np.repeat(np.array([_method(h, idx[k]) for k in ks], dtype=np.int64), combos),
            keep_rows=True,
        )
        paid = (batch.interest + batch.principal).reshape(len(ks), combos, -1)
        for g, k in enumerate(ks):
            offset = h.debts[idx[k]].first_month - h.start
            span = min(paid.shape[2], HORIZON - offset)
            plans[:, offset : offset + span] += paid[g, :, :span]
            first += paid[g, :, 0]
    cash = h.buffer + np.cumsum(_base(h, idx)[None, :] - plans, axis=1)
    lowest = cash.min(axis=1)
    shape = (n_m, n_v)
    return Sweep(
        axis=axis,
        targets=list(targets),
        months=months,
        values=np.array([float(v) for v in values]),
        feasible=(lowest >= margin).reshape(shape),
        cost=plans.sum(axis=1).reshape(shape),
        lowest=lowest.reshape(shape),
        first_payment=first.reshape(shape),
    )


DEFAULT_TARGETS = 12


def heatmap_marks(h: Household, scenarios: list[Scenario], chosen: list[str], axis: str) -> list[tuple]:
    """Where each scenario sits on the heat-map of the chosen debts: (name, value, months).
    Which terms count, and where each sits, is each kind's own entry in core.loans.terms
    (``axis``, ``axis_value``). On the rate axis a scenario needs a term that sets the
    months (extension, freeze) and sits at the lowest rate its terms give (the highest
    current rate when none gives one); on the settlement axis it sits at its settlement %."""
    marks = []
    for scenario in scenarios:
        terms = [x for name in chosen for x in scenario.terms.get(name, []) if x.kind in KINDS]
        on_axis = [x for x in terms if KINDS[x.kind].axis == axis]
        values = [v for x in on_axis if KINDS[x.kind].axis_value and (v := KINDS[x.kind].axis_value(x)) is not None]
        if axis == "rate":
            months = next((x.months for x in on_axis if KINDS[x.kind].sets_term and x.months), None)
            if months:
                current = max(float(h.debts[h.names.index(n)].annual_rate) for n in chosen)
                marks.append((scenario.name, min(values, default=current), months))
        elif values:
            marks.append((scenario.name, values[0], 1))
    return marks


def axis_values(h: Household, targets: list[str], axis: str) -> list[float]:
    """The values the heat-map's axis runs over: 40 rates from 0 to the highest current rate
    of the chosen debts, or settlements from 2.5 % to 100 % of what is owed."""
    if axis == "rate":
        top = max(float(h.debts[h.names.index(n)].annual_rate) for n in targets)
        return [round(top * i / 39, 2) for i in range(40)]
    return sorted([float(v) for v in range(5, 101, 5)] + [2.5])


HEATMAP_MONTHS = list(range(3, 151, 3))


def default_targets(h: Household, limit: int = DEFAULT_TARGETS) -> list[str]:
    """The debts "what can I ask for" starts with: all of them, or the ``limit`` largest
    by what is owed now (in the household's order) when there are more; the sweep over
    100 debts at once takes seconds and a map over all of them says little."""
    if len(h.names) <= limit:
        return list(h.names)
    owed = sorted(range(len(h.names)), key=lambda j: -owed_now_cents(h.debts[j]))[:limit]
    return [h.names[j] for j in sorted(owed)]


@dataclass
class Ask:
    """One thing the user can ask for, with the numbers behind it."""

    kind: str  # "extension", "rate_cut", "settlement", "none_needed", "not_enough", "margin_blocks"
    targets: list[str]
    owed: int
    months: int | None = None
    rate: Decimal | None = None
    percent: Decimal | None = None
    payment: int | None = None  # the new monthly payment (total of the chosen debts)
    cost: int | None = None
    above: tuple[str, ...] = ()  # a rate cut: the debts whose rate is above it (the others keep theirs)
    spread: bool = False  # an extension over just the months left: the overdue amount spread, no longer term
    extra_cost: int | None = None  # cost − what the chosen debts' contracts cost (cents; > 0 costs more)

    @property
    def actionable(self) -> bool:
        """Whether it is something to ask for (a term kind whose entry says so), not a finding
        such as "none needed": then a scenario can be added from it."""
        return self.kind in KINDS and KINDS[self.kind].actionable

    @property
    def key(self) -> str:
        """The i18n key of its sentence (a kind's entry may word it its own way: a cut that
        leaves some debts' lower rates alone, an extension that spreads what is overdue)."""
        return KINDS[self.kind].ask_key(self) if self.actionable else f"sc.ask.{self.kind}"

    @property
    def costs_more(self) -> bool:
        """Whether it costs the chosen debts more in all than their contracts (then it says so)."""
        return self.extra_cost is not None and self.extra_cost > 0

    def terms_for(self, name: str | None) -> list[Term]:
        """The ask as one debt's terms, as its kind's entry puts it (a rate cut only where it
        is a cut); ``name`` None: the ask as a whole."""
        return [Term(**fields) for fields in KINDS[self.kind].asked(self, name)] if self.actionable else []

    def terms(self) -> list[Term]:
        """The same ask as scenario terms (to simulate it)."""
        return self.terms_for(None)

    def scenario(self, name: str = "ask") -> Scenario:
        return Scenario(name=name, terms={t: self.terms_for(t) for t in self.targets})


def _contract_cost(h: Household, idx: list[int]) -> int:
    """What the chosen debts' plain contracts pay, counted as a sweep's ``cost`` counts: from
    each first payment month on (the overdue catch-up included), within the horizon."""
    return sum(
        row.payment for j in idx for row in h.status[j].rows if row.period >= 1 and 0 <= row.month - h.start < HORIZON
    )


def what_to_ask(h: Household, targets: list[str], margin: int = 0, max_months: int = 120) -> list[Ask]:
    """The smallest term extension (at the current rate), the smallest rate cut (over the
    months left) and the largest one-off settlement under which the household never falls
    below the margin. Each is computed on its own: any one of them is enough.

    An extension is never shorter than the months the chosen debts have left (re-amortising
    over fewer months "works" only by spreading the overdue catch-up): when the months left
    are already enough, the ask is to spread what is overdue over them (``spread``). Each
    ask's ``extra_cost`` is what it costs the chosen debts beyond their contracts."""
    idx = [h.names.index(n) for n in targets]
    owed = sum(owed_now_cents(h.debts[j]) for j in idx)
    status = simulate(h, Scenario("status_quo"), margin)
    if status.shortfall_months == 0:
        return [Ask("none_needed", targets, owed)]
    asks: list[Ask] = []
    contract = _contract_cost(h, idx)
    top_rate = max(Decimal(h.debts[j].annual_rate) for j in idx)
    lefts = [
        h.debts[j].months - max(h.start - h.debts[j].first_month, 0) for j in idx if h.debts[j].method != "revolving"
    ]
    shortest = max(max(lefts, default=1), 1)  # revolving cards have no term to keep: from 1
    terms = np.arange(shortest, max(max_months, shortest) + 1)
    ext = sweep(h, targets, terms, [top_rate], "rate", margin)
    ok = np.flatnonzero(ext.feasible[:, 0])
    if ok.size:
        k = int(ok[0])
        spread = k == 0 and len(lefts) == len(idx) and set(lefts) == {shortest}  # every debt keeps its term
        asks.append(Ask("extension", targets, owed, months=int(terms[k]), rate=top_rate,
                        payment=int(ext.first_payment[k, 0]), cost=int(ext.cost[k, 0]), spread=spread,
                        extra_cost=int(ext.cost[k, 0]) - contract))  # fmt: skip
    left = max(max(lefts, default=36), 1)
    steps = int(top_rate / RATE_STEP)
    rates = [top_rate - RATE_STEP * i for i in range(steps + 1)] + (
        [Decimal(0)] if steps * RATE_STEP != top_rate else []
    )
    cut = sweep(h, targets, [left], rates, "rate", margin)
    ok = np.flatnonzero(cut.feasible[0])
    if ok.size and rates[int(ok[0])] < top_rate:  # at the current rate it is no cut: the extension says it
        k = int(ok[0])
        rate = Decimal(str(rates[k])).quantize(RATE_STEP)
        above = tuple(h.names[j] for j in idx if h.debts[j].annual_rate > rate)
        asks.append(Ask("rate_cut", targets, owed, months=left, rate=rate, payment=int(cut.first_payment[0, k]),
                        cost=int(cut.cost[0, k]), above=above, extra_cost=int(cut.cost[0, k]) - contract))  # fmt: skip
    shares = [Decimal(100 - i) for i in range(100)]
    settle = sweep(h, targets, [1], shares, "settlement", margin)
    ok = np.flatnonzero(settle.feasible[0])
    if ok.size:
        k = int(ok[0])
        asks.append(Ask("settlement", targets, owed, months=1, percent=shares[k],
                        payment=int(settle.first_payment[0, k]), cost=int(settle.cost[0, k]),
                        extra_cost=int(settle.cost[0, k]) - contract))  # fmt: skip
    if not asks and margin > 0 and any(a.kind != "not_enough" for a in what_to_ask(h, targets, 0, max_months)):
        return [Ask("margin_blocks", targets, owed)]  # the safety margin, not the debts, is what fails
    return asks or [Ask("not_enough", targets, owed)]
