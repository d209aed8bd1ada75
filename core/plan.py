"""The household plan (按能力统一方案): one affordable amount a month, split across every
unsecured lender by the same rule, so the requests to all lenders add up to a plan the
household can keep.

Debt advisers' practice (DOMAIN.md, "Plans across several lenders"; the UK's debt
management plans and Standard Financial Statement):

1. **Priority debts first.** A debt whose default threatens the home or what the
   household needs (a mortgage, a car loan; any debt the user marks as priority:
   rent or utility arrears, court-ordered payments) keeps its contract payment.
2. **The amount available**, month by month = income − costs (one-off costs in their
   month) − priority payments − a contingency line (set by the user; by default 5 % of
   what is left, the Scottish Common Financial Tool allowing up to 10 %).
3. **One monthly total for unsecured lenders**: the largest amount that never leaves
   the household's cash (what it holds now plus what each month leaves) below zero while
   the plan runs.
4. **The split**: pro rata by what is owed (the default, what a court would do) or by the
   contract's monthly payment (StepChange's variant), to the cent (largest remainder);
   a share below the token amount is raised to it (others give up the difference); a
   credit card is given at least what repays it within the 60 instalments card issuers
   may grant (个性化分期), when the total allows.
5. **Each share becomes a request** the simulator already knows: interest frozen with N
   instalments (停息挂账), N = what is owed ÷ the share, rounded up — so each instalment is
   at most the share. The plan is a scenario like any other.

By construction the plan never runs short unless even token payments do not fit (or a
card cannot be fitted within its 60 months); then the months short are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from core.engine import HORIZON_MONTHS
from core.household import Household
from core.money import div_round
from core.offer import offer_terms
from core.profile import SPLITS
from core.scenarios import HORIZON, Result, Scenario, Term, simulate
from core.terms import CARD_FREEZE_LIMIT

PLAN = "plan"  # the plan's scenario name (shown translated, like the status quo)
PRIORITY_TYPES = frozenset({"mortgage", "car_loan"})
DEFAULT_TOKEN = 5_000  # ¥50 a month per lender
DEFAULT_CONTINGENCY = Fraction(5, 100)  # of what is left after costs and priority debts
MONTH_LIMITS = {"credit_card": CARD_FREEZE_LIMIT}  # the most instalments a kind of lender grants
MAX_PLAN_MONTHS = 120  # a plan longer than ten years is no plan; the total is sized within it


def month_limit(lender_type: str) -> int:
    """The most instalments this kind of lender grants (cards 60); the engine's 50 years else."""
    return MONTH_LIMITS.get(lender_type, HORIZON_MONTHS)


@dataclass(frozen=True)
class PlanSettings:
    contingency: int | None = None  # cents a month; None: the default share
    split: str = "balance"
    token: int = DEFAULT_TOKEN  # cents a month


@dataclass(frozen=True)
class Share:
    """One unsecured lender's part of the plan."""

    name: str
    lender_type: str
    owed: int  # cents owed now (overdue amounts and penalty so far included)
    weight: int  # what the split is in proportion to: owed, or the contract payment
    share: int  # cents a month
    months: int  # instalments: owed ÷ share, rounded up
    raised_to_token: bool = False
    raised_to_limit: bool = False  # given more than its pro-rata share to fit its instalment limit
    over_limit: bool = False  # longer than this kind of lender grants, even so

    @property
    def limit(self) -> int:
        return month_limit(self.lender_type)


@dataclass
class HouseholdPlan:
    settings: PlanSettings
    start: int  # the month the plan's payments start
    surplus: int  # income − regular costs, cents a month
    priority: list[str]  # the debts kept at their contract payment
    priority_payments: int  # their regular payments, cents a month
    contingency: int  # cents a month kept back
    available: np.ndarray  # per month from the start: what is left for unsecured lenders
    total: int  # the monthly amount split across unsecured lenders
    shares: list[Share]
    scenario: Scenario
    result: Result | None = None  # the plan simulated
    needed: bool = True  # False: the contracts are affordable as they are
    agreed: list[str] = field(default_factory=list)  # debts paid as a lender's accepted offer
    errors: list = field(default_factory=list)

    @property
    def owed(self) -> int:
        """Everything owed to the unsecured lenders in the plan."""
        return sum(s.owed for s in self.shares)

    @property
    def months(self) -> int:
        return max((s.months for s in self.shares), default=0)

    @property
    def short_months(self) -> list[tuple[int, int]]:
        """(month, cents below zero) of every month the plan still runs short."""
        if self.result is None:
            return []
        return [(m, int(-b)) for m, b in zip(self.result.months, self.result.buffer, strict=True) if b < 0]

    def share_of(self, name: str) -> Share | None:
        return next((s for s in self.shares if s.name == name), None)


def is_priority(h: Household, j: int) -> bool:
    """The user's mark on the debt, else its kind of lender (a mortgage, a car loan)."""
    mark = h.lines[j].record.get("priority")
    if mark in ("priority", "unsecured"):
        return mark == "priority"
    return h.lender_types[j] in PRIORITY_TYPES


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
        share = min(shares[i], owed[i])
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


def _available(h: Household, start: int, priority: list[int], contingency: int) -> np.ndarray:
    """What each month from ``start`` leaves for unsecured lenders."""
    left = np.full(HORIZON, h.income - h.expenses - contingency, dtype=np.int64)
    for month, cents, _ in h.one_offs:
        if 0 <= month - start < HORIZON:
            left[month - start] += cents
    for j in priority:
        for row in h.status[j].rows:
            if row.period >= 1 and 0 <= row.month - start < HORIZON:
                left[row.month - start] -= row.payment
    return left


def _largest_total(cash: int, available: np.ndarray, months: int) -> int:
    """The largest constant monthly amount that keeps cash ≥ 0 through ``months`` months."""
    months = max(1, min(months, available.size))
    reach = cash + np.cumsum(available[:months])
    return max(int(np.min(reach // np.arange(1, months + 1))), 0)


def household_plan(h: Household, settings: PlanSettings | None = None) -> HouseholdPlan:
    """The plan for a loaded household (core.loader), simulated."""
    settings = settings or PlanSettings()
    start = h.start
    agreed = {o.debt: o for o in h.agreed}
    priority = [j for j in range(len(h.names)) if is_priority(h, j) and h.names[j] not in agreed]
    unsecured = [j for j in range(len(h.names)) if j not in priority and h.names[j] not in agreed]
    surplus = h.income - h.expenses
    priority_payments = sum(h.status[j].regular_payment for j in priority)
    if settings.contingency is not None:
        contingency = settings.contingency
    else:
        left = max(surplus - priority_payments, 0)
        contingency = div_round(left * DEFAULT_CONTINGENCY.numerator, DEFAULT_CONTINGENCY.denominator)
    available = _available(h, start, priority, contingency)
    agreed_terms = {name: offer_terms(o, start) for name, o in agreed.items()}
    if agreed_terms:  # accepted offers are paid as agreed, before the split
        for track in simulate(h, Scenario("agreed", terms=agreed_terms)).tracks:
            if track.name in agreed:
                for month, cents in track.payment.items():
                    if 0 <= month - start < HORIZON:
                        available[month - start] -= cents
    owed = [h.lines[j].total_owed for j in unsecured]
    if settings.split == "payment" and any(h.status[j].regular_payment for j in unsecured):
        weights = [h.status[j].regular_payment for j in unsecured]
    else:
        weights = owed
    types = [h.lender_types[j] for j in unsecured]
    plan = HouseholdPlan(
        settings=settings, start=start, surplus=surplus, priority=[h.names[j] for j in priority],
        priority_payments=priority_payments, contingency=contingency, available=available, total=0, shares=[],
        scenario=Scenario(PLAN, terms=dict(agreed_terms)), agreed=sorted(agreed),
    )  # fmt: skip
    status = simulate(h, Scenario("status_quo"))
    if not unsecured or not status.shortfall_months:
        plan.needed = bool(status.shortfall_months) or bool(agreed)
        plan.result = simulate(h, plan.scenario) if agreed else status
        return plan

    # The total: sized within the months the plan itself lasts (shorter plan, larger total).
    floor_total = sum(min(settings.token, o) for o in owed)
    months = MAX_PLAN_MONTHS
    total = 0
    for _ in range(12):
        total = min(max(_largest_total(h.buffer, available, months), floor_total), sum(owed))
        parts = allocate(total, owed, weights, types, settings.token)
        longest = max(p["months"] for p in parts)
        if longest >= months:
            break
        months = longest
    plan.total = total
    plan.shares = [
        Share(name=h.names[j], lender_type=types[k], owed=owed[k], weight=weights[k], **parts[k])
        for k, j in enumerate(unsecured)
    ]
    plan.scenario = Scenario(
        PLAN,
        terms={
            **agreed_terms,
            **{s.name: [Term("freeze", start=start, months=_request_months(s))] for s in plan.shares},
        },
    )
    plan.result = simulate(h, plan.scenario)
    plan.errors = plan.result.errors
    return plan


def _request_months(share: Share) -> int:
    """The instalments asked for: owed ÷ share; a card no more than its limit (it is then
    asked for more than its share, and the plan says the month it runs short)."""
    return min(share.months, share.limit)


def settings_from(record: dict | None) -> PlanSettings:
    """The plan's settings from the profile's one-row "plan" table (blank: the defaults)."""
    from core.money import to_cents

    if not record:
        return PlanSettings()

    def given(value) -> bool:
        return value is not None and value == value and value != ""

    return PlanSettings(
        contingency=to_cents(record["contingency"]) if given(record.get("contingency")) else None,
        split=record.get("split") if record.get("split") in SPLITS else "balance",
        token=to_cents(record["token"]) if given(record.get("token")) else DEFAULT_TOKEN,
    )


def comparison(h: Household, plan: HouseholdPlan) -> list[Scenario]:
    """The scenarios to compare: the status quo, the household plan (when one is needed),
    then the user's own."""
    own = h.scenarios[1:]
    return [h.scenarios[0]] + ([plan.scenario] if plan.scenario.terms else []) + own
