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
from core.months import parse_month
from core.offer import offers_from
from core.plan import settings_from
from core.profile import DOCUMENTS, Profile
from core.schedule import schedules
from core.values import ALL_DEBTS, Scenario, Term


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
    scenarios, scenario_errors = _scenarios(profile)
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


def _scenarios(profile: Profile) -> tuple[list[Scenario], list[InputError]]:
    """The profile's scenarios (status quo first, always) and the terms that name no scenario."""
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


def _targets(target: str, types: dict) -> list[str]:
    """A debt name, '*' for every debt, or 'type:<lender type>' for a kind of lender."""
    if target == ALL_DEBTS:
        return [str(n) for n in types]
    if target.startswith("type:"):
        kind = target[5:]
        return [str(n) for n, t in types.items() if t == kind]
    return [target] if target else []
