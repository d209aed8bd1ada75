"""The household plan (按能力统一方案): one affordable amount a month across every lender,
so the requests to all lenders add up to a plan the household can keep.

Debt advisers' practice (the UK's debt management plans and the Standard Financial
Statement of the Money and Pensions Service):

1. **Priority debts are never asked.** A debt whose default threatens the home or what the
   household needs (a mortgage, a car loan; any debt the user marks as priority) keeps its
   contract; accepted counter-offers are paid as agreed. Both come off first.
2. **What is left**, month by month = income − costs − priority and agreed payments − a
   contingency line (set by the user; by default 5 % of what is left in the first month,
   the Scottish Common Financial Tool allowing up to 10 %). Worksheet rows that start or
   stop in a month (a new job, benefit ending) change it from that month: phases.
3. **Ask only those who need to be asked.** The amount is split across the other lenders
   pro rata by what is owed (what a court would do) or by the contract payments
   (StepChange's variant), to the cent (largest remainder); a share below the token is
   raised to it; a credit card is given what repays it within the 60 instalments card
   issuers grant (个性化分期) only when the total allows it. A lender whose contract payment
   fits within its share in every month of its contract keeps its contract ("keep"), and
   the split is made again among the rest, until no other lender fits.
4. **The least that works, lender by lender**, each asked for exactly its share (so the
   request never exceeds the share): an extension at the contract rate when the share
   covers the interest and repays within the lender's usual limit (cards 60 months,
   others ``PLAN_BOUND``); else interest frozen (停息挂账); else frozen with penalty and
   overdue interest waived. A request still longer than the limit says so, with what it
   would take a month to fit.
5. **A one-off cost does not set the whole plan.** The cash held now (never below the
   reserve the user keeps) and then family help pay for it; only what they cannot cover
   is found by paying less for the shortest run of months before it (every lender still
   at least its token). The plan then has phases, and each lender is told its amount in
   each phase.
6. **When a lender is paid off, its share goes to the others** by the same rule, so the
   plan ends sooner; each such change is a phase of those lenders.
7. **Too little for a real plan.** When every share is a token or the plan would run past
   ``PLAN_BOUND`` months (advisers work with about five to seven years), the plan is a
   token payment plan (象征性还款): the token to each lender, interest frozen, for
   ``TOKEN_MONTHS`` months (until the income returns, when a worksheet row says when, 3 to
   12 months), then a review. Every other plan is reviewed after 12 months.

A lender's payments are worked out month by month here, then written as the terms the
simulator knows (an extension or an interest freeze, with a stage for each run of equal
payments), so the simulated plan pays each lender exactly what this module says. The plan
never runs short unless even token payments do not fit; then the months short are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from core.household.model import Household
from core.i18n import t
from core.loans import engine
from core.loans.dates import format_month
from core.loans.money import div_round, format_cents, from_cents, to_cents
from core.loans.terms import CARD_FREEZE_LIMIT
from core.loans.values import PlanSettings, Scenario, Term
from core.simulation.debt_plan import HORIZON
from core.simulation.offer import offer_terms
from core.simulation.simulate import Result, simulate, simulate_all

PLAN = "plan"  # the plan's scenario name (shown translated, like the status quo)
DEFAULT_CONTINGENCY = Fraction(5, 100)  # of what is left after costs and priority debts
PLAN_BOUND = 72  # months: past six years a repayment plan is no plan (advisers: five to seven)
MONTH_LIMITS = {"credit_card": CARD_FREEZE_LIMIT}  # the most instalments a kind of lender usually grants
TOKEN_MONTHS = 6  # a token plan's length when nothing says when things improve
TOKEN_RANGE = (3, 12)  # a token plan lasts 3 to 12 months, then is reviewed
REVIEW_MONTHS = 12  # a plan that is not a token plan is reviewed after a year
REQUESTS = ("keep", "extension", "freeze", "freeze_waiver", "token")


def month_limit(lender_type: str) -> int:
    """The most instalments this kind of lender usually grants (cards 60; others the plan's bound)."""
    return MONTH_LIMITS.get(lender_type, PLAN_BOUND)


@dataclass(frozen=True)
class Phase:
    start: int  # month index from which this amount is paid
    monthly: int  # cents a month


def phases_text(phases, lang: str, money=None) -> str:
    """Phases as one phrase in ``lang`` ("¥50.00 a month from 2027-01; ¥516.17 a month from
    2027-07"): letters, statements and the Plan page say them alike. ``money``: cents as text."""
    money = money or format_cents
    steps = (t("lt.plan.phase", lang, start=format_month(ph.start), monthly=money(ph.monthly)) for ph in phases)
    return t("lt.plan.phase_sep", lang).strip("|").join(steps)


@dataclass(frozen=True)
class Share:
    """One lender's part of the plan (every lender but the priority and agreed ones)."""

    name: str
    lender_type: str
    owed: int  # cents owed now (overdue amounts and penalty so far included)
    weight: int  # what the split is in proportion to: owed, or the contract payment
    share: int  # cents it receives in the plan's first month
    months: int  # months with a payment
    request: str = "freeze"  # one of REQUESTS
    phases: tuple[Phase, ...] = ()  # what it receives, from each month its amount changes
    last: int = 0  # the last payment (cents), smaller when the balance left is smaller
    ends: int | None = None  # the month of its last payment
    waived: int = 0  # penalty and overdue interest asked to be waived (freeze_waiver)
    raised_to_token: bool = False
    raised_to_limit: bool = False  # given more than its pro-rata share to fit its instalment limit
    over_limit: bool = False  # longer than this kind of lender grants, even so
    fit: int | None = None  # over the limit: what a month would fit it within the limit

    @property
    def limit(self) -> int:
        return month_limit(self.lender_type)

    @property
    def later(self) -> tuple[Phase, ...]:
        """The phases after the first (the changes a letter states)."""
        return self.phases[1:]


@dataclass
class HouseholdPlan:
    settings: PlanSettings
    start: int  # the month the plan's payments start
    surplus: int  # income − regular costs in the first month, cents
    priority: list[str]  # the debts kept at their contract payment
    priority_payments: int  # their regular payments, cents a month
    contingency: int  # cents a month kept back
    available: np.ndarray  # per month from the start: what is left for the lenders asked
    total: int  # the first month's amount for the lenders in the split
    shares: list[Share]
    scenario: Scenario
    result: Result | None = None  # the plan simulated
    needed: bool = True  # False: the contracts are affordable as they are
    agreed: list[str] = field(default_factory=list)  # debts paid as a lender's accepted offer
    errors: list = field(default_factory=list)
    phases: tuple[Phase, ...] = ()  # the total for the lenders asked, from each change
    review: int | None = None  # the month the plan is reviewed
    token_months: int = 0  # a token plan: how many months of token payments before the review
    reserve: int = 0  # the cash the plan never goes below (the reserve, or what is held if less)
    draws: tuple[tuple[int, str], ...] = ()  # (month, name): family help taken for a cost

    @property
    def owed(self) -> int:
        """Everything owed to the lenders in the split."""
        return sum(s.owed for s in self.shares)

    @property
    def asked(self) -> list[Share]:
        return [s for s in self.shares if s.request != "keep"]

    @property
    def is_token(self) -> bool:
        return self.token_months > 0

    @property
    def months(self) -> int:
        return max((s.months for s in self.shares), default=0)

    @property
    def short_months(self) -> list[tuple[int, int]]:
        """(month, cents below the reserve) of every month the plan still runs short."""
        if self.result is None:
            return []
        return [
            (m, int(self.reserve - b)) for m, b in zip(self.result.months, self.result.buffer, strict=True)
            if b < self.reserve
        ]  # fmt: skip

    @property
    def worst_short(self) -> tuple[int, int] | None:
        """(month, cents) of the month the plan runs shortest (the first, if two are as
        short); None when it never runs short."""
        return max(self.short_months, key=lambda item: item[1], default=None)

    def percent_of(self, share: Share) -> float | None:
        """A lender's share as a percent of the amount for all the lenders (None: nothing to split)."""
        return share.share * 100 / self.total if self.total else None

    def share_of(self, name: str) -> Share | None:
        return next((s for s in self.shares if s.name == name), None)

    def asks(self, name: str) -> bool:
        """Whether the plan asks this lender for anything (never a priority or kept debt)."""
        share = self.share_of(name)
        return share is not None and share.request != "keep"

    def monthly_of(self, name: str, h: Household) -> int | None:
        """What this debt receives in the plan's first month: its share, its contract payment
        (priority, kept) or its agreed payment. None when the debt is not in the plan."""
        share = self.share_of(name)
        if share is not None:
            return share.share
        if name in h.names:
            if name in self.agreed and self.result is not None:
                track = next(t for t in self.result.tracks if t.name == name)
                return track.offer_payment()
            return h.status[h.names.index(name)].regular_payment
        return None


def split(total: int, weights: list[int]) -> list[int]:
    """``total`` cents in proportion to ``weights``, to the cent: each gets the floor of its
    exact share and the cents left go to the largest remainders (the first of equals)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    floors = [total * w // whole for w in weights]
    left = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def allocate(total: int, owed: list[int], weights: list[int], types: list[str], token: int) -> list[dict]:
    """Split ``total`` by the weights; raise tiny shares to the token amount, then give a card
    what fits it in its instalment limit when the others can still get their token; every
    raise is taken from the lenders not raised, in proportion again."""
    n = len(owed)
    fixed: dict[int, int] = {}
    flags = [{"token": False, "limit": False} for _ in range(n)]
    shares: dict[int, int] = {}
    for _ in range(2 * n + 1):
        free = [i for i in range(n) if i not in fixed]
        rest = split(total - sum(fixed.values()), [weights[i] for i in free])
        shares = dict(zip(free, rest, strict=True)) | fixed
        # Every share at least the token (never more than what is owed).
        low = [i for i in free if shares[i] < min(token, owed[i])]
        if low:
            for i in low:
                fixed[i] = min(token, owed[i])
                flags[i]["token"] = True
            continue
        # A card given enough to repay within its limit, if the others keep their token.
        need = {
            i: -(-owed[i] // MONTH_LIMITS[types[i]])
            for i in free
            if types[i] in MONTH_LIMITS and shares[i] < -(-owed[i] // MONTH_LIMITS[types[i]])
        }
        if need:
            others = [i for i in free if i not in need]
            floor = sum(min(token, owed[i]) for i in others)
            if sum(fixed.values()) + sum(need.values()) + floor <= total:
                for i, cents in need.items():
                    fixed[i] = cents
                    flags[i]["limit"] = True
                continue
        break
    out = []
    for i in range(n):
        share = min(shares.get(i, 0), owed[i])
        months = -(-owed[i] // share) if share > 0 else 0
        limit = month_limit(types[i])
        out.append(
            {
                "share": share,
                "months": months,
                "raised_to_token": flags[i]["token"],
                "raised_to_limit": flags[i]["limit"],
                "over_limit": months > limit,
            }
        )
    return out


# --- the money each month ------------------------------------------------------------------------
def _reserve_payments(payments: dict[int, int], level: int, start: int, regular: np.ndarray, one_off: np.ndarray):
    """Keep a debt's level payment back in every month it runs; a payment above the level
    (an overdue catch-up, an up-front fee, a balloon) is a one-off cost of its month."""
    for month, cents in payments.items():
        k = month - start
        if 0 <= k < regular.size and cents > 0:
            regular[k] -= level
            if cents > level:
                one_off[k] -= cents - level


def _level(payments: dict[int, int]) -> int:
    """A debt's usual monthly payment: the most frequent one (the larger of equals)."""
    counts: dict[int, int] = {}
    for cents in payments.values():
        if cents > 0:
            counts[cents] = counts.get(cents, 0) + 1
    return max(counts.items(), key=lambda item: (item[1], item[0]))[0] if counts else 0


@dataclass
class _Lender:
    index: int  # in the household's debts
    name: str
    lender_type: str
    owed: int
    weight: int
    contract: dict[int, int]  # the contract's payments by month
    rate: Fraction  # the contract's monthly rate
    waivable: int  # penalty so far and overdue interest


def _streams(
    totals: np.ndarray, lenders: list[_Lender], start: int, token: int, rates: dict[int, Fraction], owed: dict[int, int]
) -> tuple[dict[int, dict[int, int]], dict[int, dict]]:
    """Month by month, each month's total split across the lenders still owed (their share,
    never more than what they owe with this month's interest): what each receives, and the
    allocation flags of its first month."""
    pay: dict[int, dict[int, int]] = {x.index: {} for x in lenders}
    flags: dict[int, dict] = {}
    balance = {x.index: owed[x.index] for x in lenders}
    memo: dict[tuple, dict[int, dict]] = {}
    for k in range(totals.size):
        live = [x for x in lenders if balance[x.index] > 0]
        if not live:
            break
        key = (int(totals[k]), tuple(x.index for x in live))
        parts = memo.get(key)
        if parts is None:
            got = allocate(int(totals[k]), [owed[x.index] for x in live], [x.weight for x in live],
                           [x.lender_type for x in live], token)  # fmt: skip
            parts = memo[key] = {x.index: part for x, part in zip(live, got, strict=True)}
        for x in live:
            j = x.index
            flags.setdefault(j, parts[j])
            rate = rates[j]
            interest = div_round(balance[j] * rate.numerator, rate.denominator) if rate else 0
            cents = min(parts[j]["share"], balance[j] + interest)
            balance[j] += interest - cents
            if cents:
                pay[j][start + k] = cents
    return pay, flags


def _phases(payments: dict[int, int]) -> tuple[tuple[Phase, ...], int, int | None]:
    """A payment stream as runs of equal amounts; its last payment and month. The last
    payment is no phase of its own when it only clears what is left (it is smaller)."""
    months = sorted(m for m, v in payments.items() if v)
    if not months:
        return (), 0, None
    runs: list[Phase] = []
    for m in months[:-1] if len(months) > 1 else months:
        if not runs or runs[-1].monthly != payments[m]:
            runs.append(Phase(m, payments[m]))
    last_month = months[-1]
    last = payments[last_month]
    if len(months) > 1 and last > runs[-1].monthly:  # the last month a step up: a phase too
        runs.append(Phase(last_month, last))
    return tuple(runs), last, last_month


def _months_at(payments: dict[int, int], owed: int, rate: Fraction, start: int, limit: int) -> int | None:
    """How many months the same amounts repay ``owed`` at ``rate`` (the last amount going on
    after the stream ends); None when a payment does not cover the month's interest or it
    takes longer than ``limit``."""
    phases, _, _ = _phases(payments)
    if not phases:
        return None
    amounts = {p.start: p.monthly for p in phases}
    balance, amount = owed, phases[0].monthly
    for k in range(limit):
        amount = amounts.get(start + k, amount)
        interest = div_round(balance * rate.numerator, rate.denominator)
        if amount <= interest:
            return None
        balance += interest - min(amount, balance + interest)
        if balance <= 0:
            return k + 1
    return None


def _cash_pass(
    base: np.ndarray,
    one_off: np.ndarray,
    floor_total: int,
    cash0: int,
    floor_cash: int,
    helps: list[tuple[str, int]],
    start: int,
) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """The lenders' total each month: what the month leaves (at least the tokens), lowered
    only for the shortest run of months before a month that the cash held (never below the
    reserve) and then family help cannot carry; every lender keeps its token."""
    totals = np.maximum(base, floor_total).astype(np.int64)
    draws: list[tuple[int, str]] = []
    extra = np.zeros(base.size, dtype=np.int64)
    pending = list(helps)
    settled = -1  # months up to here are as low as they go: a month short there cannot be helped
    for _ in range(4 * base.size):
        cash = cash0 + np.cumsum(base - totals + one_off + extra)
        below = np.flatnonzero(cash[settled + 1 :] < floor_cash)
        if not below.size:
            break
        m = settled + 1 + int(below[0])
        deficit = int(floor_cash - cash[m])
        if pending:  # family help first: it is there for such a month
            name, amount = pending.pop(0)
            draws.append((start + m, name))
            extra[m] += amount
            continue
        room = np.maximum(totals[settled + 1 : m + 1] - floor_total, 0)
        room = np.concatenate([np.zeros(settled + 1, dtype=np.int64), room])
        fixed = False
        for length in range(1, m - settled + 1):
            window = room[m + 1 - length : m + 1]
            if int(window.sum()) >= deficit:
                lo, hi = 0, int(window.max())
                while lo < hi:  # the smallest equal cut that covers the deficit
                    mid = (lo + hi) // 2
                    if int(np.minimum(window, mid).sum()) >= deficit:
                        hi = mid
                    else:
                        lo = mid + 1
                totals[m + 1 - length : m + 1] -= np.minimum(window, lo)
                fixed = True
                break
        if not fixed:  # even tokens do not carry this month: it runs short; tokens until the cash is back
            totals[: m + 1] -= room
            settled = m
    return totals, draws


def household_plan(h: Household, settings: PlanSettings | None = None, margin: int = 0) -> HouseholdPlan:
    """The plan for a loaded household (core.household.loader), simulated. ``margin``: cash the
    caller wants kept at least (the command line's --margin); the plan keeps the larger of
    it and the reserve in its settings."""
    settings = settings or PlanSettings()
    start, span = h.start, HORIZON
    n = len(h.names)
    agreed = {o.debt: o for o in h.agreed}
    priority = [j for j in range(n) if h.is_priority(j) and h.names[j] not in agreed]
    unsecured = [j for j in range(n) if j not in priority and h.names[j] not in agreed]
    surplus = h.income - h.expenses
    priority_payments = sum(h.status[j].regular_payment for j in priority)
    if settings.contingency is not None:
        contingency = settings.contingency
    else:
        left = max(surplus - priority_payments, 0)
        contingency = div_round(left * DEFAULT_CONTINGENCY.numerator, DEFAULT_CONTINGENCY.denominator)
    reserve = max(settings.reserve, margin)
    floor_cash = min(reserve, h.buffer)  # savings are never spent below the reserve

    income, expenses = h.net_series(start, span)
    regular = income - expenses - contingency
    one_off = np.zeros(span, dtype=np.int64)
    for month, cents, _ in h.one_offs:
        if 0 <= month - start < span:
            one_off[month - start] += cents
    contract = [{r.month: r.payment for r in h.status[j].rows if r.period >= 1} for j in range(n)]
    for j in priority:
        _reserve_payments(contract[j], h.status[j].regular_payment, start, regular, one_off)
    agreed_terms = {name: offer_terms(o, start) for name, o in agreed.items()}
    if agreed_terms:  # accepted offers are paid as agreed, before the split
        for track in simulate(h, Scenario("agreed", terms=agreed_terms)).tracks:
            if track.name in agreed:
                _reserve_payments(track.payment, _level(track.payment), start, regular, one_off)

    plan = HouseholdPlan(
        settings=settings, start=start, surplus=surplus, priority=[h.names[j] for j in priority],
        priority_payments=priority_payments, contingency=contingency, available=regular.copy(), total=0, shares=[],
        scenario=Scenario(PLAN, terms=dict(agreed_terms)), agreed=sorted(agreed), reserve=floor_cash,
    )  # fmt: skip
    status = simulate(h, Scenario("status_quo"), floor_cash)
    if not unsecured or not status.shortfall_months:
        plan.needed = bool(status.shortfall_months) or bool(agreed)
        plan.result = simulate(h, plan.scenario, floor_cash) if agreed else status
        return plan

    payment_split = settings.split == "payment" and any(h.status[j].regular_payment for j in unsecured)
    lenders = [
        _Lender(j, h.names[j], h.lender_types[j], h.lines[j].total_owed,
                h.status[j].regular_payment if payment_split else h.lines[j].total_owed, contract[j],
                engine.monthly_rate_fraction(h.debts[j].annual_rate),
                h.lines[j].total_owed - to_cents(h.debts[j].principal))
        for j in unsecured
    ]  # fmt: skip
    helps = [(b.name, b.amount) for b in h.buffers if not b.is_credit and b.name and b.amount > 0]
    helps = [(name, cents) for name, cents in helps if name in h.sale_values and not h.sale_values[name][1]]

    best = None
    for allow_keep in (True, False):
        attempt = _attempt(h, settings, lenders, regular, one_off, floor_cash, helps, allow_keep)
        attempt_result = simulate(h, _scenario(attempt, agreed_terms), floor_cash)
        if best is None or attempt_result.shortfall_months < best[1].shortfall_months:
            best = (attempt, attempt_result)
        if not attempt_result.shortfall_months or not attempt["kept"]:
            break
    attempt, result = best
    plan.shares = attempt["shares"]
    plan.phases = attempt["phases"]
    plan.total = int(attempt["totals"][0]) + sum(
        s.share for s in plan.shares if s.request == "keep"
    )  # fmt: skip
    plan.available = attempt["base"]
    plan.draws = tuple(attempt["draws"])
    plan.token_months = attempt["token_months"]
    plan.review = start + (attempt["token_months"] or REVIEW_MONTHS)
    plan.scenario = _scenario(attempt, agreed_terms)
    plan.result = result
    plan.errors = result.errors
    return plan


def _scenario(attempt: dict, agreed_terms: dict) -> Scenario:
    return Scenario(PLAN, terms={**agreed_terms, **attempt["terms"]}, draws=tuple(attempt["draws"]))


def _attempt(
    h: Household,
    settings: PlanSettings,
    lenders: list[_Lender],
    regular: np.ndarray,
    one_off: np.ndarray,
    floor_cash: int,
    helps: list,
    allow_keep: bool,
) -> dict:
    """One way of building the plan: which lenders keep their contract, the totals month by
    month, the token phase if any, and each lender's request and payments."""
    start, span, token = h.start, regular.size, settings.token
    kept: list[_Lender] = []
    asked = list(lenders)
    # 3. A lender whose contract fits within its share in every month it runs keeps it.
    for _ in range(len(lenders) if allow_keep else 0):
        base = regular.copy()
        one = one_off.copy()
        for x in kept:
            _reserve_payments(x.contract, max(x.contract.values(), default=0), start, base, one)
        fits = []
        for x in asked:
            if not x.contract:
                continue
            months = [m - start for m in x.contract if 0 <= m - start < span]
            amount = int(max(base[min(months) : max(months) + 1].min(), 0)) if months else 0
            parts = allocate(amount, [y.owed for y in asked], [y.weight for y in asked],
                             [y.lender_type for y in asked], token)  # fmt: skip
            if max(x.contract.values()) <= parts[asked.index(x)]["share"]:
                fits.append(x)
        if not fits:
            break
        kept += fits
        asked = [x for x in asked if x not in fits]
        if not asked:
            break
    base = regular.copy()
    one = one_off.copy()
    for x in kept:
        _reserve_payments(x.contract, max(x.contract.values(), default=0), start, base, one)
    floor_total = sum(min(token, x.owed) for x in asked)
    totals, draws = _cash_pass(base, one, floor_total, h.buffer, floor_cash, helps, start) if asked else (
        np.zeros(span, dtype=np.int64), [])  # fmt: skip

    owed = {x.index: x.owed for x in asked}
    frozen = {x.index: Fraction(0) for x in asked}
    token_months = 0
    if asked:
        pay, _ = _streams(totals, asked, start, token, frozen, owed)
        longest = max((len(p) for p in pay.values()), default=0)
        tokens_only = int(base[0]) <= floor_total  # what the month regularly leaves: only the tokens
        if tokens_only or longest > PLAN_BOUND:
            token_months = _token_months(h, totals, floor_total, start)
            totals = totals.copy()
            totals[:token_months] = np.minimum(totals[:token_months], floor_total)
    requests: dict[int, str] = {}
    rates: dict[int, Fraction] = {}
    if asked:
        pay, _ = _streams(totals, asked, start, token, frozen, owed)
        for x in asked:
            limit = month_limit(x.lender_type)
            stream = pay[x.index]
            if token_months:
                requests[x.index], rates[x.index] = "token", Fraction(0)
                continue
            if x.rate and _months_at(stream, x.owed, x.rate, start, limit) is not None:
                requests[x.index], rates[x.index] = "extension", x.rate
            elif len(stream) <= limit or not x.waivable:
                requests[x.index], rates[x.index] = "freeze", Fraction(0)
            else:
                requests[x.index], rates[x.index] = "freeze_waiver", Fraction(0)
                owed[x.index] = x.owed - x.waivable
    pay, flags = _streams(totals, asked, start, token, rates, owed) if asked else ({}, {})
    shares: list[Share] = []
    terms: dict[str, list[Term]] = {}
    for x in lenders:
        if x in kept:
            level = _level(x.contract)
            months = sorted(x.contract)
            shares.append(Share(x.name, x.lender_type, x.owed, x.weight, share=x.contract.get(start, level),
                                months=len(months), request="keep", phases=(Phase(months[0], level),) if months else (),
                                last=x.contract[months[-1]] if months else 0,
                                ends=months[-1] if months else None))  # fmt: skip
            continue
        j = x.index
        stream = pay[j]
        phases, last, ends = _phases(stream)
        request = requests[j]
        limit = month_limit(x.lender_type)
        over = len(stream) > limit
        fit = -(-owed[j] // limit) if over else None
        first = flags.get(j, {})
        shares.append(
            Share(x.name, x.lender_type, x.owed, x.weight, share=stream.get(start, 0), months=len(stream),
                  request=request, phases=phases, last=last, ends=ends,
                  waived=x.owed - owed[j],
                  raised_to_token=bool(first.get("raised_to_token")), raised_to_limit=bool(first.get("raised_to_limit")),
                  over_limit=over, fit=fit)
        )  # fmt: skip
        terms[x.name] = _terms(request, phases, start, len(stream))
    last = max((max(p) for p in pay.values() if p), default=start - 1)  # the asked lenders' last payment
    return {"kept": kept, "shares": shares, "terms": terms, "totals": totals, "draws": draws, "base": base,
            "token_months": token_months, "phases": _phases_of(totals, start, last)}  # fmt: skip


def _phases_of(totals: np.ndarray, start: int, last: int) -> tuple[Phase, ...]:
    """The lenders' monthly total as runs of equal amounts, up to the last payment."""
    runs: list[Phase] = []
    for k in range(max(0, min(last - start + 1, totals.size))):
        if not runs or runs[-1].monthly != int(totals[k]):
            runs.append(Phase(start + k, int(totals[k])))
    return tuple(runs)


def _token_months(h: Household, totals: np.ndarray, floor_total: int, start: int) -> int:
    """How long a token plan runs before its review: until the total rises above the tokens
    (the income returning, a cost ending) when that is within 12 months, else 6 months;
    always 3 to 12."""
    low, high = TOKEN_RANGE
    rise = next((k for k in range(1, high + 1) if k < totals.size and int(totals[k]) > floor_total), None)
    if int(totals[0]) <= floor_total and rise is not None:
        return max(low, min(rise, high))
    changes = [m - start for m, r, how in h.budget.changes
               if (r.direction == "income") == (how == "starts") and 0 < m - start <= high]  # fmt: skip
    if changes:
        return max(low, min(changes[0], high))
    return TOKEN_MONTHS


def _terms(request: str, phases: tuple[Phase, ...], start: int, months: int) -> list[Term]:
    """A lender's request as simulator terms that pay exactly its stream: the request's
    kind, then a stage for each run of equal payments (the last one until it is paid)."""
    out: list[Term] = []
    if request == "freeze_waiver":
        out.append(Term("waiver", start=start, mode="both"))
    if request == "extension":
        out.append(Term("extension", start=start, months=max(months, 1)))
    else:
        out.append(Term("freeze", start=start, months=max(months, 1)))
    for i, phase in enumerate(phases):
        following = phases[i + 1].start if i + 1 < len(phases) else None
        length = None if following is None else following - phase.start
        out.append(Term("stage", start=start, months=length, amount=from_cents(phase.monthly)))
    return out


def simulated(h: Household, plan: HouseholdPlan, scenarios: list[Scenario], margin: int = 0) -> list[Result]:
    """Each scenario simulated with ``margin``: the plan's own result where it is the scenario
    household_plan simulated, at the cash the plan keeps (the same figures as simulating it
    again), the rest together (simulate_all)."""
    reused = [plan.result if plan.result is not None and plan.result.margin == margin and s == plan.result.scenario
              else None for s in scenarios]  # fmt: skip
    worked = iter(simulate_all(h, [s for s, r in zip(scenarios, reused, strict=True) if r is None], margin))
    return [r if r is not None else next(worked) for r in reused]


def comparison(h: Household, plan: HouseholdPlan) -> list[Scenario]:
    """The scenarios to compare: the status quo, the household plan (when one is needed),
    then the user's own."""
    own = h.scenarios[1:]
    return [h.scenarios[0]] + ([plan.scenario] if plan.scenario.terms else []) + own
