"""The readiness check: lender by lender, what a lender is likely to object to and what
to do about it, from the household's numbers and the borrower's own answers.

The rules are the usual reasons lenders refuse (debt too large for the means, a poor
repayment record, no proof of hardship, unrealistic asks) and which papers to bring; for
cards, a personalised instalment plan needs a debt beyond the holder's means and the
holder still willing to pay (商业银行信用卡业务监督管理办法, art. 70). Each rule is plain
and explained with the numbers it used; there is no score: a rule either applies, or it
does not, or it cannot be checked yet.

A finding's status is one of:
- ``object``: the lender is likely to object; the finding says what to do;
- ``ok``: this point is covered;
- ``flag``: worth asking about (a rate above a reference line) — not legal advice;
- ``skip``: not checked (a question not answered, or no scenario chosen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.household.case import Case
from core.household.model import Household
from core.i18n import join, t
from core.loans.apr import DEFAULT_LPR, applicable_line, rate_note
from core.loans.dates import format_month
from core.loans.money import div_round, format_cents
from core.negotiation.benchmarks import FAR_ABOVE, FAR_BELOW, compare_costs
from core.simulation.negotiate import what_to_ask
from core.simulation.plan import household_plan

# A debt that would take longer than this to repay from its share of the monthly surplus
# is "large against income": a lender will doubt a plain instalment plan.
LARGE_MONTHS = 36
# A debt overdue longer than this has usually moved to collections.
LONG_OVERDUE_DAYS = 90
# Asking to pay less than this share of what the budget shows is affordable looks like
# asking for more than the numbers justify.
LOW_ASK_SHARE = Decimal("0.5")


# Every rule and the statuses it can give; each has its text, rd.<rule>.<status>.
RULES: dict[str, tuple[str, ...]] = {
    "reason": ("object", "ok"),
    "hardship_proof": ("object", "ok"),
    "income_proof": ("object", "ok"),
    "records": ("object", "ok"),
    "history": ("object", "ok", "skip"),
    "no_surplus": ("object", "ok"),
    "not_affordable": ("object", "ok", "skip"),
    "costs": ("object", "ok", "skip"),  # core.negotiation.benchmarks
    "large_debt": ("object", "ok", "skip"),
    "long_overdue": ("object", "ok"),
    "rate": ("flag", "ok", "skip"),
    "asks_too_much": ("object", "flag", "ok", "skip"),
    "promises_too_much": ("object",),
}


@dataclass(frozen=True)
class Finding:
    rule: str
    status: str  # "object" | "ok" | "flag" | "skip"
    debt: str | None = None
    params: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in RULES.get(self.rule, ()):
            raise ValueError(
                f"no readiness rule {self.rule!r} with status {self.status!r} (core.negotiation.readiness.RULES)"
            )

    def message(self, lang: str) -> str:
        """What the lender may say (when it objects) and what to do, or why this point is fine."""
        params = {k: _render(v, lang) for k, v in self.params.items()}
        return t(f"rd.{self.rule}.{self.status}", lang, **params)


def _render(value, lang: str) -> str:
    """Finding parameters: cents as money, tuples of choice keys as a translated list."""
    if isinstance(value, Money):
        return format_cents(value.cents)
    if isinstance(value, Choices):
        return join((t(f"{value.prefix}.{k}", lang) for k in value.keys), lang)
    if isinstance(value, Names):
        return join(value.names, lang)
    if isinstance(value, Key):
        return t(value.key, lang, **{k: _render(v, lang) for k, v in value.params.items()})
    return str(value)


@dataclass(frozen=True)
class Money:
    cents: int


@dataclass(frozen=True)
class Choices:
    prefix: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Names:
    """Names as a list in the finding's language: "A、B", "A, B"."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Key:
    """A translated phrase inside a finding's message."""

    key: str
    params: dict = field(default_factory=dict)


@dataclass
class Readiness:
    household: list[Finding]
    lenders: dict[str, list[Finding]]
    affordable: int  # income − expenses, cents a month, before debt payments
    shares: dict[str, int]  # the affordable amount split across debts by their contract payments
    owed: dict[str, int]
    coverage: Decimal | None  # affordable as a percent of all contract payments

    def all(self) -> list[Finding]:
        return self.household + [f for findings in self.lenders.values() for f in findings]


def tally(findings: list[Finding]) -> tuple[int, int]:
    """(what a lender may object to, what is flagged to check) among the findings."""
    return sum(1 for f in findings if f.status == "object"), sum(1 for f in findings if f.status == "flag")


def shares_of(affordable: int, weights: dict[str, int]) -> dict[str, int]:
    """The monthly amount the budget leaves for debts, split in proportion to the weights
    (each debt's contract payment: every lender is offered the same share of its due)."""
    total = sum(weights.values())
    if affordable <= 0 or total <= 0:
        return {name: 0 for name in weights}
    return {name: div_round(affordable * cents, total) for name, cents in weights.items()}


def months_to_repay(owed: int, per_month: int) -> int | None:
    if per_month <= 0:
        return None
    return -(-owed // per_month)


def budget_shares(h: Household, plan=None) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(owed now, contract payment, what the household plan gives it in its first month) per
    debt name: the plan's share for a lender it asks, the contract payment for a priority or
    kept debt, the agreed payment for an accepted offer. Every paper quotes these figures."""
    plan = plan if plan is not None else household_plan(h, h.plan_settings)
    owed = dict(zip(h.names, (line.total_owed for line in h.lines), strict=True))
    due = dict(zip(h.names, (line.schedule.regular_payment for line in h.lines), strict=True))
    if not plan.needed:  # the contracts are affordable: what is left is split by their payments
        return owed, due, shares_of(h.budget.surplus, due if any(due.values()) else owed)
    shares = {name: plan.monthly_of(name, h) or 0 for name in h.names}
    return owed, due, shares


def plan_months(h: Household, plan, name: str) -> int | None:
    """How many months the plan pays this debt (its contract's months when it is kept); when
    no plan is needed, how long its share of what is left would take."""
    if not plan.needed:
        owed, _, shares = budget_shares(h, plan)
        return months_to_repay(owed[name], shares[name]) if name in owed else None
    share = plan.share_of(name)
    if share is not None:
        return share.months
    if name in h.names:
        return h.status[h.names.index(name)].months or None
    return None


def supported_months(h: Household, debt: str, plan=None) -> int | None:
    """Months this debt takes under the household plan (None: nothing for it)."""
    plan = plan if plan is not None else household_plan(h, h.plan_settings)
    owed, _, shares = budget_shares(h, plan)
    if debt not in owed or shares[debt] <= 0:
        return None
    return plan_months(h, plan, debt)


def check(h: Household, lpr: Decimal = DEFAULT_LPR, result=None, margin: int = 0, plan=None) -> Readiness:
    """Run every rule. ``result`` is the chosen scenario's core.simulation.simulate.Result (or None)
    run on the same household; ``plan`` the household plan (worked out when not given),
    whose amount for each debt is what the worksheet can carry for it."""
    plan = plan if plan is not None else household_plan(h, h.plan_settings, margin)

    case = h.case
    s = h
    affordable = s.budget.surplus
    names = s.names
    owed, due, shares = budget_shares(s, plan)
    total_due = sum(due.values())
    coverage = (Decimal(max(affordable, 0)) * 100 / Decimal(total_due)).quantize(Decimal("1")) if total_due else None

    household: list[Finding] = []
    if case.reason is None or not case.story:
        household.append(
            Finding(
                "reason",
                "object",
                params={"missing": Key("rd.missing.reason" if case.reason is None else "rd.missing.story")},
            )
        )
    else:
        household.append(Finding("reason", "ok", params={"reason": Key(f"choice.reason.{case.reason}")}))

    household.append(_papers("income_proof", ("income_proof", "bank_statements"), case))
    if "hardship_proof" in case.documents:
        household.append(Finding("hardship_proof", "ok"))
    else:
        household.append(
            Finding("hardship_proof", "object", params={"papers": Key(f"rd.papers.{case.reason or 'unknown'}")})
        )
    household.append(_papers("records", ("contracts", "repayment_records"), case))
    if case.history is None:
        household.append(Finding("history", "skip"))
    elif case.history == "often_late":
        household.append(Finding("history", "object"))
    else:
        household.append(Finding("history", "ok", params={"history": Key(f"choice.history.{case.history}")}))
    if s.lines and affordable <= 0:
        household.append(
            Finding(
                "no_surplus",
                "object",
                params={"income": Money(s.budget.income), "expenses": Money(s.budget.expenses)},
            )
        )
    else:
        household.append(Finding("no_surplus", "ok", params={"affordable": Money(affordable)}))
    household.extend(cost_findings(h))

    if result is None:
        household.append(Finding("not_affordable", "skip"))
    elif result.shortfall_months:
        support = _support(h, margin)
        household.append(
            Finding(
                "not_affordable",
                "object",
                params={
                    "n": result.shortfall_months,
                    "first": format_month(result.first_shortfall),
                    "support": support,
                },
            )
        )
    else:
        household.append(Finding("not_affordable", "ok"))

    lenders: dict[str, list[Finding]] = {}
    line_lpr = Decimal(lpr)
    for name, line in zip(names, s.lines, strict=True):
        findings = []
        share = shares[name]
        months = plan_months(h, plan, name) if share > 0 else None  # the plan's own months
        if share <= 0:
            findings.append(Finding("large_debt", "skip", name))
        elif months > LARGE_MONTHS:
            findings.append(
                Finding(
                    "large_debt",
                    "object",
                    name,
                    {
                        "owed": Money(owed[name]),
                        "share": Money(share),
                        "n": months,
                        "limit": LARGE_MONTHS,
                        "pct": coverage,
                    },
                )
            )
        else:
            findings.append(Finding("large_debt", "ok", name, {"share": Money(share), "n": months, "pct": coverage}))

        days = line.schedule.debt.days_overdue
        findings.append(Finding("long_overdue", "object" if days > LONG_OVERDUE_DAYS else "ok", name, {"n": days}))

        track = _track(result, name)
        findings.extend(_ask_fit(name, track, share, months, result.shortfall_months if result is not None else 0))

        aprs = [("contract", line.schedule.apr())]
        if track is not None:
            aprs.append(("offer", track.offer_apr()))
        # The note that fits this kind of lender and contract date (core.loans.apr.rate_note).
        notes = [(which, rate_note(apr, line.lender_type, line.contract_date, line_lpr)) for which, apr in aprs]
        flagged = [(which, note) for which, note in notes if note is not None]
        if flagged:
            which, note = flagged[0]
            findings.append(
                Finding("rate", "flag", name,
                        {"which": Key(f"rd.rate.{which}"), "note": Key(f"{note.key}.long", note.params())})
            )  # fmt: skip
        else:
            known = next((apr for _, apr in aprs if apr is not None), None)
            findings.append(
                Finding("rate", "ok" if known is not None else "skip", name,
                        {"line": f"{applicable_line(line.lender_type, line_lpr).normalize():f}"})
            )  # fmt: skip
        lenders[name] = findings
    return Readiness(household, lenders, affordable, shares, owed, coverage)


def _ask_fit(name: str, track, share: int, months: int | None, short_months: int = 0) -> list[Finding]:
    """Whether the scenario's ask for this debt fits what the worksheet shows. Rule
    "asks_too_much": far less than the debt's share, or a write-off the numbers don't need.
    Rule "promises_too_much", the other way: more a month than the share while the money
    runs short — a promise the household cannot keep. Both can hold (a settlement's lump sum)."""
    if track is None or share <= 0:
        return [Finding("asks_too_much", "skip", name)]
    payment = track.offer_payment()
    found = []
    asks_low = Decimal(payment) < LOW_ASK_SHARE * share
    forgives = track.forgiven > 0 and months is not None and months <= 60
    if asks_low or forgives:
        what = Key("rd.ask.low_payment" if asks_low else "rd.ask.forgiveness",
                   {"payment": Money(payment), "forgiven": Money(track.forgiven)})  # fmt: skip
        found.append(Finding("asks_too_much", "object", name, {"what": what, "share": Money(share), "n": months}))
    if payment > share:  # more than the worksheet can carry for this lender: never ticked as fine
        if short_months:
            found.append(Finding("promises_too_much", "object", name,
                                 {"payment": Money(payment), "share": Money(share), "n": short_months}))  # fmt: skip
        else:
            found.append(Finding("asks_too_much", "flag", name, {"payment": Money(payment), "share": Money(share)}))
    return found or [Finding("asks_too_much", "ok", name, {"payment": Money(payment), "share": Money(share)})]


def ask_fit(h: Household, result, name: str, plan=None) -> list[Finding]:
    """The two rules on the ask alone, for one debt (the Letters page checks its own ask)."""
    plan = plan if plan is not None else household_plan(h, h.plan_settings)
    _, _, shares = budget_shares(h, plan)
    short = result.shortfall_months if result is not None else 0
    return _ask_fit(name, _track(result, name), shares[name], plan_months(h, plan, name), short)


def _papers(rule: str, papers: tuple[str, ...], case: Case) -> Finding:
    """A rule that asks for papers: which of them are still missing, if any."""
    missing = tuple(d for d in papers if d not in case.documents)
    return (
        Finding(rule, "object", params={"missing": Choices("choice.document", missing)})
        if missing
        else Finding(rule, "ok")
    )


def _track(result, name: str):
    if result is None:
        return None
    for track in result.tracks:
        if track.name == name and track.negotiated:
            return track
    return None


def _support(h: Household, margin: int) -> Key:
    """What the numbers support across all debts (core.simulation.negotiate's asks), as a phrase."""
    asks = what_to_ask(h, list(h.names), margin)
    ask = asks[0]
    if getattr(ask, "costs_more", False):  # an ask that costs more than the contracts says so
        return Key(
            "rd.support_costs_more",
            {"ask": _ask_key(ask), "extra": Key("sc.ask.extra_cost", {"extra": Money(ask.extra_cost)})},
        )
    return _ask_key(ask)


def _ask_key(ask) -> Key:
    return Key(
        ask.key,
        {
            "debts": Names(tuple(ask.above)),
            "owed": Money(ask.owed),
            "n": ask.months,
            "rate": ask.rate,
            "percent": ask.percent,
            "payment": Money(ask.payment or 0),
            "cost": Money(ask.cost or 0),
        },
    )


def cost_findings(h: Household) -> list:
    """The readiness rule "costs": skip without a household size (or without any costs),
    object when a category is far above or below its benchmark, else ok."""
    report = compare_costs(h)
    if report is None or not any(c > 0 for c in h.budget.by_category.values()):
        why = "rd.costs.why.size" if report is None else "rd.costs.why.costs"
        return [Finding("costs", "skip", params={"why": Key(why)})]
    common = {
        "household": Key(*report.household_phrase()),
        "basis": Key(*report.basis_phrase()),
        "source": Key("bm.source", {"year": report.year}),
    }
    flagged = report.flagged
    if not flagged:
        high, low = str(FAR_ABOVE), str(FAR_BELOW * 100)  # "2", "40"
        return [Finding("costs", "ok", params={**common, "high": high, "low": low})]
    gaps = None
    for check in reversed(flagged):  # "a; b; c" as nested phrases, rendered in the finding's language
        gap = Key(
            "rd.costs.gap.missing" if check.cents == 0 else f"rd.costs.gap.{check.verdict}",
            {"category": Key(f"bm.category.{check.category}"), "amount": Money(check.cents),
             "benchmark": Money(check.benchmark), "percent": check.percent},
        )  # fmt: skip
        gaps = gap if gaps is None else Key("rd.costs.more", {"gap": gap, "rest": gaps})
    return [Finding("costs", "object", params={**common, "gaps": gaps})]
