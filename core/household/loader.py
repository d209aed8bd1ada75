"""One loader: a profile's tables in, the checked household out (beancount's ``load()``
is the model). This is the one place a profile's tables are read for figures, every cell
through one blank rule (core.blank); every amount becomes integer cents here, once; every
consumer (pages, simulator, readiness check, letters, report, command line) takes what
this returns.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pandas as pd

from core.blank import cell, is_blank, records, text
from core.errors import InputError
from core.household.budget import BudgetSummary, ImportEffect, OneOff, Recurring, monthly_cents, summary
from core.household.case import Case
from core.household.contacts import Contact
from core.household.model import AssetLine, BufferLine, DebtLine, Draft, Household
from core.loans.dates import date_or_none, datetime_or_none, next_month, parse_month
from core.loans.debts import Debt, due_day, parse_debt, rate_doubt
from core.loans.money import div_round, to_cents, to_decimal
from core.loans.schedule import Schedule, schedules
from core.loans.values import (
    ALL_DEBTS,
    DEFAULT_CHANGE_SHARE,
    DEFAULT_GRACE,
    DEFAULT_TOKEN,
    Agreement,
    Offer,
    Payment,
    PlanSettings,
    Scenario,
    Term,
    VersionLine,
)
from core.profiles.evidence import live
from core.profiles.profile import DOCUMENTS, SPLITS, Profile

# The plan's own settings: one of them saved means the plan was chosen (the review's and the
# grace days' settings share its row, and a row of only those does not).
CHOSEN_BY = ("contingency", "token", "reserve")


def _or_none(parse, value):
    """``parse(value)``, or None for a blank cell."""
    return None if value is None else parse(value)


def load(profile: Profile) -> tuple[Household, list[InputError]]:
    """The household a profile describes, and every problem found on the way (debt rows
    that do not make a debt, scenario terms that name no scenario). Never raises on user
    data: a row that cannot be used is left out and reported."""
    rows = records(profile.section("debts"))
    valid, debt_errors = _debts(rows)
    computed = schedules([debt for _, debt in valid])
    lines = [_line(row, sched) for (row, _), sched in zip(valid, computed, strict=True)]
    first = min((line.schedule.debt.first_month for line in lines), default=None)
    budget = budget_of(profile.section("worksheet"), now=first)  # the figures of the month the plan starts in
    buffers = [
        BufferLine(text(row, "name"), cell(row, "kind", "other"), to_cents(row["amount"]))
        for row in records(profile.section("buffers"))
        if not is_blank(row.get("amount"))
    ]
    scenarios, scenario_errors = _scenarios(profile)
    first = first if first is not None else 0
    attached: dict[str, int] = {}
    for row in live(profile.section("evidence")):
        attached[row["kind"]] = attached.get(row["kind"], 0) + 1
    case = _case(profile.section("case"))
    ticked = case.documents
    # A paper counts as held when it is ticked (kept on paper) or attached in the locker.
    case = replace(case, documents=case.documents | frozenset(k for k in attached if k in DOCUMENTS))
    names = {line.name for line in lines}
    plan = records(profile.section("plan"))
    agreements = [a for a in _agreements(profile.section("agreed")) if a.debt in names]
    household_versions = _versions(profile.section("versions"))  # a plan kept counts as chosen
    household = Household(
        budget=budget,
        lines=lines,
        assets=_assets(profile),
        buffers=buffers,
        case=case,
        attached=attached,
        ticked=ticked,
        scenarios=scenarios,
        start=first,
        debt_errors=debt_errors,
        scenario_errors=scenario_errors,
        plan_settings=_plan_settings(next(iter(plan), None)),
        drafts=_drafts(rows, debt_errors),
        agreed=[a.offer for a in agreements if a.binding],
        agreements=agreements,
        payments=_payments(profile.section("payments"), names),
        versions=household_versions,
        letters=len(profile.section("letters")),
        log=[_contact(row) for row in records(profile.section("contacts"))],
        plan_chosen=bool(household_versions) or any(not is_blank(row.get(c)) for row in plan for c in CHOSEN_BY),
    )
    return household, household.errors


# --- debts ----------------------------------------------------------------------------------
def _debts(rows: list[dict]) -> tuple[list[tuple[dict, Debt]], list[InputError]]:
    """The debt rows that make valid engine debts (with their rows), and the errors of those that don't."""
    result, errors = [], []
    for index, row in enumerate(rows, start=1):
        debt, row_errors = parse_debt({k: cell(row, k) for k in row}, row=index)
        for e in row_errors:
            errors.append(InputError(e.field, e.code, e.params, row=index, sheet="debts"))
        if debt is not None:
            result.append((row, debt))
    return result, errors


def _line(row: dict, schedule: Schedule) -> DebtLine:
    lender_type = text(row, "lender_type")
    return DebtLine(
        schedule=schedule,
        name=text(row, "name"),
        lender=text(row, "lender"),
        lender_type=lender_type,
        contract_date=date_or_none(cell(row, "contract_date")),
        priority=cell(row, "priority"),
        due_day=due_day(row.get("due_day"))[0],
        rate_doubt=rate_doubt(row.get("rate"), cell(row, "rate_unit", "annual"), lender_type),
    )


def _drafts(rows: list[dict], errors: list[InputError]) -> list[Draft]:
    """The debt rows that failed because something is left blank, with what is missing."""
    out = []
    for index, row in enumerate(rows, start=1):
        fields = [e.field for e in errors if e.row == index]
        missing = tuple(dict.fromkeys(f for f in fields if is_blank(row.get(f))))
        if missing and is_blank(row.get("name")):
            missing = ("name", *missing)
        if missing:
            out.append(Draft(index, text(row, "name") or f"#{index}", missing))
    return out


# --- assets ---------------------------------------------------------------------------------
def sale_value_cents(value_cents: int, discount) -> int:
    """What an asset fetches if sold: its value less its expected sale discount (percent)."""
    if is_blank(discount):
        return value_cents
    keep = (100 - to_decimal(discount)).as_integer_ratio()
    return div_round(value_cents * keep[0], keep[1] * 100)


def _assets(profile: Profile) -> list[AssetLine]:
    out = []
    for row in records(profile.section("assets")):
        if is_blank(row.get("value")):
            continue
        cents = to_cents(row["value"])
        out.append(
            AssetLine(
                name=text(row, "name"),
                type=cell(row, "type", ""),
                value=cents,
                liquidity=cell(row, "liquidity", ""),
                sale_value=sale_value_cents(cents, row.get("sale_discount")),
            )
        )
    return out


# --- the worksheet ----------------------------------------------------------------------------
def budget_of(worksheet: pd.DataFrame, now: int | None = None) -> BudgetSummary:
    """The worksheet's figures in month ``now`` (default: next month, the first payment
    month a debt is given when none is typed), and every row with its months."""
    recurring: list[Recurring] = []
    one_offs: list[OneOff] = []
    for row in records(worksheet):
        amount = cell(row, "amount")
        if amount is None:
            continue
        category = cell(row, "category", "—")
        direction = cell(row, "direction", "expense")
        if cell(row, "frequency") == "one_off":
            month = cell(row, "month")
            if month is not None:
                one_offs.append(OneOff(parse_month(month), category, direction, to_cents(amount)))
            continue
        cents = monthly_cents(amount, cell(row, "frequency", "monthly"))
        starts, ends = (_or_none(_month, cell(row, key)) for key in ("starts", "ends"))
        recurring.append(Recurring(category, direction, cell(row, "kind", "fixed"), cents, starts, ends))
    return summary(recurring, one_offs, next_month() if now is None else now)


def _month(value) -> int | None:
    try:
        return parse_month(value)
    except ValueError:
        return None


def import_effect(existing: pd.DataFrame, incoming: pd.DataFrame, kept: pd.DataFrame | None = None) -> ImportEffect:
    """What applying an import would do to the worksheet's monthly income and costs.
    ``kept``: the rows that stay when it is added (those of an earlier import of the same
    account go), by default all of them."""
    kept = existing if kept is None else kept
    frames = [f for f in (kept, incoming) if not f.empty]
    appended = pd.concat(frames, ignore_index=True) if frames else existing
    return ImportEffect(budget_of(existing), budget_of(appended), budget_of(incoming))


# --- the borrower's case, the plan's settings, accepted offers -------------------------------------
def _case(frame: pd.DataFrame) -> Case:
    if frame.empty:
        return Case()
    row = records(frame)[0]
    return Case(
        full_name=text(row, "full_name"),
        contact=text(row, "contact"),
        reason=cell(row, "reason"),
        story=text(row, "story"),
        since=cell(row, "since"),
        documents=frozenset(d for d in DOCUMENTS if row.get(d) is True),
        history=cell(row, "history"),
        household_size=_or_none(int, cell(row, "household_size")),
        area=cell(row, "area"),
    )


def _plan_settings(row: dict | None) -> PlanSettings:
    """The plan's settings from the profile's one-row "plan" table (blank: the defaults)."""
    if not row:
        return PlanSettings()
    return PlanSettings(
        contingency=_or_none(to_cents, cell(row, "contingency")),
        split=row.get("split") if row.get("split") in SPLITS else "balance",
        token=DEFAULT_TOKEN if is_blank(row.get("token")) else to_cents(row["token"]),
        reserve=to_cents(cell(row, "reserve", 0)),
        grace=int(cell(row, "grace", DEFAULT_GRACE)),
        review_on=date_or_none(cell(row, "review_on")),
        change_share=_share(cell(row, "change_share")),
    )


def _share(value) -> Decimal:
    """The change of surplus (percent) that calls a review: 1 to 100 (blank: the default)."""
    if value is None:
        return DEFAULT_CHANGE_SHARE
    return min(max(to_decimal(value), Decimal(1)), Decimal(100))


def _contact(row: dict) -> Contact:
    return Contact(
        when=datetime_or_none(cell(row, "when")),
        lender=text(row, "lender"),
        said=text(row, "said"),
        outcome=cell(row, "outcome"),
        follow_up=date_or_none(cell(row, "follow_up")),
    )


def _agreements(frame: pd.DataFrame) -> list[Agreement]:
    """The offers kept in the profile's "agreed" table, with where each stands (the last
    row per debt counts)."""
    out: dict[str, Agreement] = {}
    for index, row in enumerate(records(frame), start=1):
        name, payment, months = cell(row, "debt"), cell(row, "payment"), cell(row, "months")
        if not isinstance(name, str) or payment is None or months is None:
            continue
        offer = Offer(name, to_cents(payment), int(months), to_cents(cell(row, "fee", 0)),
                      to_cents(cell(row, "waived", 0)), bool(cell(row, "frozen", True)))  # fmt: skip
        out[name] = Agreement(
            offer,
            state=cell(row, "state", "agreed"),
            agreed_on=date_or_none(cell(row, "agreed_on")),
            first_month=_or_none(parse_month, cell(row, "first_month")),
            confirmed_by=cell(row, "confirmed_by"),
            reference=text(row, "reference"),
            confirmation=text(row, "confirmation"),
            still_charged=bool(cell(row, "still_charged", False)),
            holder=text(row, "holder"),
            holder_kind=cell(row, "holder_kind"),
            holder_contact=text(row, "holder_contact"),
            row=index,
        )
    return list(out.values())


def _payments(frame: pd.DataFrame, names: set[str]) -> list[Payment]:
    """The payments recorded to the household's debts, oldest first (a row naming no debt
    of the household, or without a date or amount, is left out)."""
    out = []
    for index, row in enumerate(records(frame), start=1):
        name, when, amount = text(row, "debt"), date_or_none(cell(row, "date")), cell(row, "amount")
        if name not in names or when is None or amount is None:
            continue
        out.append(Payment(name, when, to_cents(amount), cell(row, "source", "by_hand"), text(row, "ref"),
                           _or_none(to_cents, cell(row, "balance")), text(row, "note"), index))  # fmt: skip
    return sorted(out, key=lambda p: (p.date, p.row))


def _versions(frame: pd.DataFrame) -> list[VersionLine]:
    """The plans kept, line by line, oldest first (a line without its number or time is left out)."""
    out = []
    for row in records(frame):
        number, saved = cell(row, "version"), datetime_or_none(cell(row, "saved"))
        if number is None or saved is None:
            continue
        out.append(VersionLine(int(number), saved, cell(row, "reason", "chosen"), text(row, "debt"),
                               text(row, "request"), _or_none(to_cents, cell(row, "monthly")), text(row, "state"),
                               _or_none(to_cents, cell(row, "surplus")), date_or_none(cell(row, "review_on"))))  # fmt: skip
    return sorted(out, key=lambda v: (v.version, v.saved))


# --- scenarios ------------------------------------------------------------------------------------
def _scenarios(profile: Profile) -> tuple[list[Scenario], list[InputError]]:
    """The profile's scenarios (status quo first, always) and the terms that name no scenario."""
    out = [Scenario(name="status_quo")]
    errors: list[InputError] = []
    by_name: dict[str, Scenario] = {}
    for row in records(profile.section("scenarios")):
        name = cell(row, "name")
        if not isinstance(name, str):
            continue
        order = tuple(x.strip() for x in text(row, "custom_order").split(";") if x.strip())
        scenario = Scenario(name=name.strip(), strategy=cell(row, "strategy", "savings"), order=order)
        by_name[scenario.name] = scenario
        out.append(scenario)
    debts = profile.section("debts")
    types = dict(zip(debts["name"].astype(object), debts["lender_type"].astype(object), strict=False))
    for index, row in enumerate(records(profile.section("terms")), start=1):
        scenario = by_name.get(text(row, "scenario"))
        if scenario is None:
            errors.append(
                InputError(
                    "scenario", "err.sc_unknown_scenario", {"value": row.get("scenario")}, row=index, sheet="terms"
                )
            )
            continue
        target = text(row, "debt")
        try:
            term = Term(
                kind=row["term"],
                start=_or_none(parse_month, cell(row, "start")),
                months=_or_none(int, cell(row, "months")),
                rate=_or_none(to_decimal, cell(row, "rate")),
                amount=_or_none(to_decimal, cell(row, "amount")),
                percent=_or_none(to_decimal, cell(row, "percent")),
                mode=cell(row, "mode"),
                asset=text(row, "asset") or None,
            )
        except (ValueError, TypeError):
            errors.append(InputError("term", "err.sc_bad_term", {"value": row.get("term")}, row=index, sheet="terms"))
            continue
        for name in _targets(target, types):
            scenario.terms.setdefault(name, []).append(term)
    return out, errors


def _targets(target: str, types: dict) -> list[str]:
    """A debt name, '*' for every debt, or 'type:<lender type>' for a kind of lender."""
    if target == ALL_DEBTS:
        return [str(n) for n in types]
    if target.startswith("type:"):
        kind = target[5:]
        return [str(n) for n, t in types.items() if t == kind]
    return [target] if target else []
