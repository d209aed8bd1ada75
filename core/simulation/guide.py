"""The guided scenario builder: pick the debts, pick one thing to ask for, fill in only
what that term needs (with defaults that fit the debts), see what it does, add it.

The Scenarios page draws it; this module decides which terms are offered, their
defaults, the preview's figures and the rows the scenario is saved as (the same
``scenarios`` and ``terms`` tables the grids edit, so both views stay in sync).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.blank import is_blank
from core.household.model import Household
from core.i18n import join
from core.loans.dates import format_month
from core.loans.money import to_decimal
from core.loans.terms import GUIDED, KINDS
from core.loans.values import Scenario, Term
from core.simulation.simulate import Result, simulate

NAME_CHARS = 60


def offered(h: Household, debts: list[str]) -> list[str]:
    """The kinds the form offers for these debts, in the form's order: those whose entry
    (core.loans.terms) has a guided form that fits them (e.g. a rate cut only when some rate can
    be cut, one-off help only when the household has help or an asset listed)."""
    lines = [h.line(name) for name in debts]
    return [kind.name for kind in GUIDED if kind.guided.offered(h, lines)]


def defaults(kind: str, h: Household, debts: list[str]) -> dict:
    """Sensible starting values for a term of ``kind`` on these debts (its entry's)."""
    return KINDS[kind].defaults(h, [h.line(name) for name in debts])


def fields(kind: str, by: str = "percent") -> list[str]:
    """The form's fields for ``kind``, in order; for a kind taken as an amount or a share of
    what is owed, only the one chosen ``by``."""
    entry = KINDS[kind]
    dropped = ("amount" if by == "percent" else "percent") if entry.guided.either else None
    return [name for name in entry.fields_guided() if name != dropped]


def label_key(kind: str, name: str) -> str | None:
    """The i18n key a kind words one of its fields with on the form (None: the field's own label)."""
    return dict(KINDS[kind].guided.labels).get(name)


def term(kind: str, values: dict, start: int | None = None) -> Term:
    """The term the form's values describe (fields the kind does not use are ignored)."""
    used = KINDS[kind].fields

    def number(name):
        value = values.get(name)
        return None if name not in used or is_blank(value) else to_decimal(value)

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
    return debts[:1] if KINDS[new.kind].household_cash else list(debts)


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
    """A "what can I ask for" answer (core.simulation.negotiate.Ask) as a scenario's rows: each debt
    with its own terms (a rate cut only where it is a cut)."""
    scenario = {"name": name, "strategy": "savings", "custom_order": None, "note": None}
    terms = []
    for debt in ask.targets:
        for t in ask.terms_for(debt):
            terms.extend(rows(name, [debt], t)[1])
    return scenario, terms


def suggested_name(kind_label: str, debts: list[str], lang: str) -> str:
    """ "停息挂账 · 招行信用卡、借呗" — at most 60 characters, as a scenario name may be."""
    text = f"{kind_label} · {join(debts, lang)}"
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1] + "…"
