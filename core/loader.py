"""One loader: a profile's tables in, the checked household out (beancount's ``load()``
is the model). Every amount becomes integer cents here, once; every consumer (pages,
simulator, readiness check, letters, report, command line) takes what this returns.
"""

from __future__ import annotations

from dataclasses import replace

from core.budget import summarize
from core.case import case_from_frame
from core.errors import InputError
from core.evidence import live
from core.household import AssetLine, BufferLine, DebtLine, Draft, Household
from core.money import div_round, to_cents, to_decimal
from core.offer import offers_from
from core.plan import settings_from
from core.profile import DOCUMENTS, Profile
from core.scenarios import scenarios_from_profile
from core.schedule import schedules


def _given(value) -> bool:
    return value is not None and value == value and not (isinstance(value, str) and not value.strip())


def sale_value_cents(value_cents: int, discount) -> int:
    """What an asset fetches if sold: its value less its expected sale discount (percent)."""
    if not _given(discount):
        return value_cents
    keep = (100 - to_decimal(discount)).as_integer_ratio()
    return div_round(value_cents * keep[0], keep[1] * 100)


def _assets(profile: Profile) -> list[AssetLine]:
    out = []
    for row in profile.section("assets").to_dict("records"):
        if not _given(row.get("value")):
            continue
        cents = to_cents(row["value"])
        name = str(row["name"]).strip() if _given(row.get("name")) else ""
        out.append(
            AssetLine(
                name=name,
                type=str(row.get("type") or ""),
                value=cents,
                liquidity=str(row.get("liquidity") or ""),
                sale_value=sale_value_cents(cents, row.get("sale_discount")),
            )
        )
    return out


def _drafts(rows: list[dict], errors: list[InputError]) -> list[Draft]:
    """The debt rows that failed because something is left blank, with what is missing."""
    out = []
    for index, row in enumerate(rows, start=1):
        fields = [e.field for e in errors if e.row == index]
        missing = tuple(dict.fromkeys(f for f in fields if not _given(row.get(f))))
        if missing and not _given(row.get("name")):
            missing = ("name", *missing)
        if missing:
            out.append(Draft(index, str(row.get("name") or "").strip() or f"#{index}", missing))
    return out


def load(profile: Profile) -> tuple[Household, list[InputError]]:
    """The household a profile describes, and every problem found on the way (debt rows
    that do not make a debt, scenario terms that name no scenario). Never raises on user
    data: a row that cannot be used is left out and reported."""
    valid, debt_errors = profile.debts()
    computed = schedules([debt for _, debt in valid])
    lines = [DebtLine(record, sched) for (record, _), sched in zip(valid, computed, strict=True)]
    first = min((line.schedule.debt.first_month for line in lines), default=None)
    budget = summarize(profile.section("worksheet"), now=first)  # the figures of the month the plan starts in
    buffers = [
        BufferLine(str(row["name"]).strip() if _given(row.get("name")) else "", str(row.get("kind") or "other"),
                   to_cents(row["amount"]))
        for row in profile.section("buffers").to_dict("records")
        if _given(row.get("amount"))
    ]  # fmt: skip
    scenarios, scenario_errors = scenarios_from_profile(profile)
    first = first if first is not None else 0
    attached: dict[str, int] = {}
    for row in live(profile.section("evidence")):
        attached[row["kind"]] = attached.get(row["kind"], 0) + 1
    case = case_from_frame(profile.section("case"))
    ticked = case.documents
    # A paper counts as held when it is ticked (kept on paper) or attached in the locker.
    case = replace(case, documents=case.documents | frozenset(k for k in attached if k in DOCUMENTS))
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
        plan_settings=settings_from(next(iter(profile.section("plan").to_dict("records")), None)),
        drafts=_drafts(profile.section("debts").to_dict("records"), debt_errors),
        agreed=[o for o in offers_from(profile.section("agreed")) if o.debt in {line.name for line in lines}],
    )
    return household, household.errors
