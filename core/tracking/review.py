"""The plan's review (debt advisers' practice): a token plan is looked at again after a
few months (3 to 6), any other plan after a year, and any plan when the household's
monthly surplus (income less costs) has changed by more than the share the user set. Each
plan kept is written down, lender by lender, so the history shows what was asked and
agreed when; a review compares today's plan with the last one kept, and every lender whose
amount changes is told so in a "change of circumstances" letter (core.paperwork.letter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

from core.household.model import Household
from core.loans.dates import current_month, day_in_month
from core.loans.money import from_cents, share_percent
from core.loans.schedule import schedule
from core.loans.values import VersionLine
from core.simulation.plan import REVIEW_MONTHS, HouseholdPlan, household_plan
from core.tracking.progress import progress

TOKEN_REVIEW = (3, 6)  # months: a token plan is reviewed this soon
REASONS = ("date", "change")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    return day_in_month(current_month(day) + months, day.day)


def review_months(plan: HouseholdPlan) -> int:
    """How long a plan runs before it is reviewed: a token plan 3 to 6 months, others 12."""
    if plan.is_token:
        low, high = TOKEN_REVIEW
        return min(max(plan.token_months, low), high)
    return REVIEW_MONTHS


@dataclass(frozen=True)
class PlanVersion:
    """One plan kept: when, why, the review date set then, the household's surplus then,
    and each lender's line."""

    version: int
    saved: dt.datetime
    reason: str
    review_on: dt.date | None
    surplus: int | None
    lines: tuple[VersionLine, ...]

    def monthly_of(self, debt: str) -> int | None:
        return next((line.monthly for line in self.lines if line.debt == debt), None)


def history(h: Household) -> list[PlanVersion]:
    """Every plan kept, oldest first."""
    groups: dict[int, list[VersionLine]] = {}
    for line in h.versions:
        groups.setdefault(line.version, []).append(line)
    out = []
    for number, lines in sorted(groups.items()):
        own = next((x for x in lines if not x.debt), lines[0])
        out.append(PlanVersion(number, own.saved, own.reason, own.review_on, own.surplus,
                               tuple(x for x in lines if x.debt)))  # fmt: skip
    return out


def kept_since(h: Household) -> dt.date | None:
    """The day the plan in force was kept: the last version's, else the first agreement's."""
    versions = history(h)
    if versions:
        return versions[-1].saved.date()
    days = [a.agreed_on for a in h.agreements if a.binding and a.agreed_on is not None]
    return min(days) if days else None


def review_date(h: Household, plan: HouseholdPlan) -> dt.date | None:
    """The next review: the date the user set; else the one set when the plan was last kept;
    else from the day it was kept; None before any plan is kept or agreed."""
    if h.plan_settings is not None and h.plan_settings.review_on is not None:
        return h.plan_settings.review_on
    versions = history(h)
    if versions and versions[-1].review_on is not None:
        return versions[-1].review_on
    since = kept_since(h)
    return None if since is None else add_months(since, review_months(plan))


@dataclass
class ReviewCheck:
    on: dt.date | None  # the review date
    today: dt.date
    surplus_then: int | None  # cents a month when the plan was kept
    surplus_now: int
    share: Decimal  # percent of change that calls a review
    reasons: list[str] = field(default_factory=list)  # of REASONS

    @property
    def due(self) -> bool:
        return bool(self.reasons)

    @property
    def change(self) -> int | None:
        return None if self.surplus_then is None else self.surplus_now - self.surplus_then

    @property
    def change_percent(self) -> Decimal | None:
        """How much the surplus changed, percent of what it was (None: no plan kept)."""
        if self.surplus_then is None:
            return None
        base = abs(self.surplus_then)
        if base == 0:
            return Decimal(0) if self.surplus_now == 0 else Decimal(100)
        return share_percent(abs(self.surplus_now - self.surplus_then), base)

    @property
    def days_left(self) -> int | None:
        return None if self.on is None else (self.on - self.today).days


def review_check(h: Household, plan: HouseholdPlan, today: dt.date | None = None) -> ReviewCheck:
    """Whether the plan is due a review today: its date has come, or the surplus moved by
    more than the share set since the plan was kept."""
    today = today or dt.date.today()
    versions = history(h)
    then = versions[-1].surplus if versions else None
    share = h.plan_settings.change_share if h.plan_settings is not None else Decimal(10)
    check = ReviewCheck(review_date(h, plan), today, then, h.budget.surplus, share)
    if check.on is not None and today >= check.on:
        check.reasons.append("date")
    if then is not None and abs(check.surplus_now - then) * 100 > share * abs(then):  # exact, not the rounded percent
        check.reasons.append("change")
    return check


def replanned(h: Household, today: dt.date) -> Household:
    """The household as a review that must reopen the agreements sees it: every agreement
    open again (its lender asked afresh, by the same rule as the others), each agreed debt
    owing what it owes today under its agreement (what was expected by today, plus what is
    behind, less what was paid ahead), repaid from next month; a debt paid off under its
    agreement is left out."""
    owed = {lp.debt: max(lp.expected_balance + lp.behind - lp.ahead, 0) for lp in progress(h, today).lenders}
    start = current_month(today) + 1
    lines = []
    for line in h.lines:
        cents = owed.get(line.name)
        if cents is not None:
            if cents <= 0:
                continue
            zero = type(line.debt.principal)(0)
            debt = replace(line.debt, principal=from_cents(cents), overdue_principal=zero, overdue_interest=zero,
                           days_overdue=0, first_month=max(line.debt.first_month, start))  # fmt: skip
            line = replace(line, schedule=schedule(debt))
        lines.append(line)
    first = min((line.debt.first_month for line in lines), default=h.start)
    return replace(h, lines=lines, agreed=[], start=first)


def review_plan(h: Household, check: ReviewCheck) -> tuple[Household, HouseholdPlan]:
    """The plan a review keeps. The agreements go on while the plan with them never runs
    short; when the household's figures moved past the share and it now would, every
    agreement is asked afresh by the same rule as the other lenders, from what it is owed
    today (each lender is told its new amount)."""
    plan = household_plan(h, h.plan_settings)
    if "change" in check.reasons and plan.short_months and any(a.binding for a in h.agreements):
        fresh = replanned(h, check.today)
        return fresh, household_plan(fresh, fresh.plan_settings)
    return h, plan


def request_of(h: Household, plan: HouseholdPlan, debt: str) -> str:
    """What the plan does with a debt: "agreed" (paid as a lender agreed), "priority",
    "keep", or the plan's request of that lender."""
    if debt in plan.agreed:
        return "agreed"
    if debt in plan.priority:
        return "priority"
    share = plan.share_of(debt)
    return share.request if share is not None else "keep"


def version_rows(h: Household, plan: HouseholdPlan, when: dt.datetime, reason: str,
                 review_on: dt.date | None = None) -> list[dict]:  # fmt: skip
    """The rows that keep today's plan as the next version: the household's own line, then
    one line per debt (what it is asked or agreed, a month)."""
    number = max((v.version for v in h.versions), default=0) + 1
    review_on = review_on or add_months(when.date(), review_months(plan))
    saved = when.replace(microsecond=0).isoformat(sep=" ")
    states = {a.debt: a.state for a in h.agreements}
    rows = [{"version": number, "saved": saved, "reason": reason, "debt": None, "request": None,
             "monthly": from_cents(plan.total), "state": None, "surplus": from_cents(h.budget.surplus),
             "review_on": review_on.isoformat()}]  # fmt: skip
    for name in h.names:
        monthly = plan.monthly_of(name, h)
        rows.append({"version": number, "saved": saved, "reason": reason, "debt": name,
                     "request": request_of(h, plan, name), "monthly": None if monthly is None else from_cents(monthly),
                     "state": states.get(name), "surplus": None, "review_on": None})  # fmt: skip
    return rows


@dataclass(frozen=True)
class Change:
    """A lender's amount in the last plan kept and in today's."""

    debt: str
    before: int | None  # cents a month (None: not in the last plan)
    after: int | None  # cents a month today (None: no longer in the plan)

    @property
    def changed(self) -> bool:
        return self.before != self.after


def changes(h: Household, plan: HouseholdPlan) -> list[Change]:
    """Every debt's amount, last plan kept against today's (a debt with an agreement keeps
    its agreed amount; the others follow today's plan)."""
    versions = history(h)
    last = versions[-1] if versions else None
    return [Change(name, last.monthly_of(name) if last else None, plan.monthly_of(name, h)) for name in h.names]
