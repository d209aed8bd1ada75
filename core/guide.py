"""The guided scenario builder: pick the debts, pick one thing to ask for, fill in only
what that term needs (with defaults that fit the debts), see what it does, add it.

The Scenarios page draws it; this module decides which terms are offered, their
defaults, the preview's figures and the rows the scenario is saved as (the same
``scenarios`` and ``terms`` tables the grids edit, so both views stay in sync).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.debts import Debt
from core.household import Household
from core.money import div_round, to_decimal
from core.months import format_month
from core.simulate import Result, simulate
from core.terms import CARD_FREEZE_LIMIT, KINDS
from core.values import Scenario, Term

# What the guided form offers, in the order a person in arrears usually asks. Stages
# (one row per stage) stay in the advanced grid.
GUIDED = ("freeze", "extension", "rate_cut", "waiver", "deferral", "token", "settlement", "reduction",
          "fee", "higher_payment", "help")  # fmt: skip
# Terms that take an amount or a share of what is owed: the form asks which.
EITHER = ("reduction", "settlement", "fee")
NAME_CHARS = 60


def offered(h: Household, debts: list[str]) -> list[str]:
    """The kinds the form offers for these debts: a rate cut only when some rate can be
    cut, one-off help only when the household has help or an asset listed."""
    lines = [h.line(name) for name in debts]
    kinds = []
    for kind in GUIDED:
        if kind == "rate_cut" and not any(line.debt.annual_rate > 0 for line in lines):
            continue
        if kind == "help" and not h.sale_values:
            continue
        kinds.append(kind)
    return kinds


def _months_left(debt: Debt, h: Household, name: str) -> int:
    return max(1, h.line(name).schedule.months or debt.months or 12)


def defaults(kind: str, h: Household, debts: list[str]) -> dict:
    """Sensible starting values for a term of ``kind`` on these debts."""
    lines = [h.line(name) for name in debts]
    cards = any(line.lender_type == "credit_card" for line in lines)
    if kind == "extension":
        longest = max((_months_left(line.debt, h, line.name) for line in lines), default=12)
        months = min(120, max(24, 2 * longest))
        return {"months": min(months, CARD_FREEZE_LIMIT) if cards else months}
    if kind == "rate_cut":
        lowest = min((line.debt.annual_rate for line in lines if line.debt.annual_rate > 0), default=Decimal(0))
        return {"rate": float((lowest / 2).quantize(Decimal("0.1")))}
    if kind == "freeze":
        return {"months": 36}
    if kind == "waiver":
        return {"mode": KINDS["waiver"].default_mode, "percent": 100.0}
    if kind == "reduction":
        return {"percent": 20.0}
    if kind == "deferral":
        return {"months": 6, "mode": KINDS["deferral"].default_mode}
    if kind == "token":
        return {"months": 6, "amount": 100.0, "mode": KINDS["token"].default_mode}
    if kind == "settlement":
        return {"percent": 60.0}
    if kind == "fee":
        return {"percent": 5.0, "mode": KINDS["fee"].default_mode}
    if kind == "higher_payment":
        payment = max((line.schedule.regular_payment for line in lines), default=0)
        return {"amount": float(div_round(payment * 12, 10 * 100 * 100) * 100)}  # 1.2 x, to the ¥100
    if kind == "help":  # help that is not already counted as cash first
        ranked = sorted(h.sale_values, key=lambda name: h.sale_values[name][1])
        return {"asset": ranked[0] if ranked else None}
    raise ValueError(kind)


def term(kind: str, values: dict, start: int | None = None) -> Term:
    """The term the form's values describe (fields the kind does not use are ignored)."""
    used = KINDS[kind].fields

    def number(name):
        value = values.get(name)
        return None if name not in used or value is None or value == "" else to_decimal(value)

    months = number("months")
    return Term(
        kind=kind,
        start=start,
        months=None if months is None else int(months),
        rate=number("rate"),
        amount=number("amount"),
        percent=number("percent"),
        mode=values.get("mode") if "mode" in used else None,
        asset=values.get("asset") if "asset" in used else None,
    )


@dataclass
class DebtPreview:
    name: str
    payment_before: int  # the contract's regular payment, cents
    payment_after: int  # the offer's usual monthly payment
    months_after: int  # months with a payment from the offer's start
    apr: Decimal | None  # the offer's true APR, fees included


@dataclass
class Preview:
    result: Result
    base: Result
    debts: list[DebtPreview] = field(default_factory=list)

    @property
    def errors(self) -> list:
        return self.result.errors

    @property
    def saving(self) -> int:
        """What the household pays less (negative: more) than by doing nothing different."""
        return self.base.total_paid - self.result.total_paid


def preview(h: Household, debts: list[str], new: Term, margin: int = 0, base: Result | None = None) -> Preview:
    """What the term does to the household: the chosen debts' new payment, months and true
    APR, and the household's whole picture (short months, debt-free month, total paid)."""
    debts = targets(new, debts)
    scenario = Scenario(name="preview", terms={name: [new] for name in debts})
    result = simulate(h, scenario, margin)
    base = base if base is not None else simulate(h, h.scenarios[0], margin)
    shown = Preview(result, base)
    if not result.errors:
        for track in result.tracks:
            if track.name in debts:
                shown.debts.append(
                    DebtPreview(
                        track.name,
                        h.line(track.name).schedule.regular_payment,
                        track.offer_payment(),
                        track.offer_months(),
                        track.offer_apr(),
                    )
                )
    return shown


def targets(new: Term, debts: list[str]) -> list[str]:
    """The debts a term is written for: one-off help is the household's cash, so it is
    written once (on the first debt chosen), not once per debt."""
    return debts[:1] if new.kind == "help" else list(debts)


def rows(name: str, debts: list[str], new: Term) -> tuple[dict, list[dict]]:
    """The scenario as rows of the profile's ``scenarios`` and ``terms`` tables."""
    debts = targets(new, debts)
    scenario = {"name": name, "strategy": "savings", "custom_order": None, "note": None}
    cells = {
        "term": new.kind,
        "start": None if new.start is None else format_month(new.start),
        "months": new.months,
        "rate": None if new.rate is None else float(new.rate),
        "amount": None if new.amount is None else float(new.amount),
        "percent": None if new.percent is None else float(new.percent),
        "mode": new.mode,
        "asset": new.asset,
    }
    return scenario, [{"scenario": name, "debt": debt, **cells} for debt in debts]


def ask_rows(name: str, ask) -> tuple[dict, list[dict]]:
    """A "what can I ask for" answer (core.negotiate.Ask) as a scenario's rows: each debt
    with its own terms (a rate cut only where it is a cut)."""
    scenario = {"name": name, "strategy": "savings", "custom_order": None, "note": None}
    terms = []
    for debt in ask.targets:
        for t in ask.terms_for(debt):
            terms.extend(rows(name, [debt], t)[1])
    return scenario, terms


def suggested_name(kind_label: str, debts: list[str], separator: str) -> str:
    """ "停息挂账 · 招行信用卡、借呗" — at most 60 characters, as a scenario name may be."""
    text = f"{kind_label} · {separator.join(debts)}"
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1] + "…"
