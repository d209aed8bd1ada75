"""Negotiated terms, one entry per kind: the fields it uses, its modes and default mode,
what it checks, how it changes a debt's plan, the clause a letter states it with, how the
guided builder offers it (order, fields, defaults) and whether "what can I ask for" may
answer with it.

Adding a kind means adding one entry here, its strings in the catalogues
(``choice.term.<kind>``, ``lt.term.<kind>...``, ``guide.explain.<kind>``) and its tests; the
editor's choices (core.profiles.profile), the simulator (core.simulation.debt_plan, core.simulation.simulate), the letters
(core.paperwork.letter), the guided builder (core.simulation.guide, ui.guide) and "what can I ask for"
(core.simulation.negotiate) read it.

A group of terms starting in the same month is applied in phases (``Kind.phase``), then
the rest of what is owed is planned (core.simulation.debt_plan):
1. waivers of penalty and overdue interest;  2. a principal reduction;
3. a fee, a lump-sum settlement (which ends the debt), one-off help arriving (family
help, other support or a credit line drawn: the household's cash in that month);  4. the new term and rate
(extension, rate cut, freeze at 0 %);  5. months paused or at a token amount
(deferral, token payment, a hardship subsidy forgiving a fixed amount a month);
6. how the rest is paid (stages, a higher fixed payment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from core.errors import AmountLimitError
from core.loans.debts import Debt
from core.loans.engine import monthly_rate_fraction
from core.loans.money import MAX_CENTS, div_round, to_cents, to_decimal
from core.loans.schedule import Schedule
from core.loans.track import Track
from core.loans.values import Term

CARD_FREEZE_LIMIT = 60  # credit cards: 个性化分期 at most 5 years (商业银行信用卡业务监督管理办法, art. 70)


@dataclass
class Context:
    """A debt's state while one group of terms is applied (core.simulation.debt_plan builds it)."""

    track: Track
    owed: int
    penalty: int
    overdue_interest: int
    month: int
    rate: Fraction
    assets: dict
    events: list
    settled: bool = False
    new_months: int | None = None  # the term the rest is repaid over (extension, freeze)
    fixed: int | None = None  # a fixed monthly payment (higher payment)
    stages: list[Term] = field(default_factory=list)


def _share(cents: int, percent) -> int:
    share = Fraction(to_decimal(percent)) / 100
    return div_round(cents * share.numerator, share.denominator)


def _interest(ctx: Context) -> int:
    return div_round(ctx.owed * ctx.rate.numerator, ctx.rate.denominator)


def _grown(ctx: Context, by: int) -> None:
    """After what is owed grew ``by`` cents (interest or a fee added to it): past the app's
    amount limit, these terms cannot be paid off, and the scenario stops here with that
    reason instead of carrying numbers no amount field could hold (nor the engine's int64)."""
    if by > 0 and ctx.owed > MAX_CENTS:
        raise AmountLimitError(ctx.track.name, ctx.month)


# --- how each kind changes the plan ---------------------------------------------------------
def _waiver(term, ctx: Context) -> None:
    percent = term.percent if term.percent is not None else 100
    mode = term.mode or KINDS["waiver"].default_mode
    if mode in ("penalty", "both"):
        cut = _share(ctx.penalty, percent)
        ctx.penalty -= cut
        ctx.owed -= cut
        ctx.track.forgiven += cut
    if mode in ("interest", "both"):
        cut = _share(ctx.overdue_interest, percent)
        ctx.overdue_interest -= cut
        ctx.owed -= cut
        ctx.track.forgiven += cut


def _reduction(term, ctx: Context) -> None:
    cut = min(ctx.owed, to_cents(term.amount)) if term.amount is not None else _share(ctx.owed, term.percent or 0)
    ctx.owed -= cut
    ctx.track.forgiven += cut


def _fee(term, ctx: Context) -> None:
    fee = _share(ctx.owed, term.percent or 0) + to_cents(term.amount or 0)
    ctx.track.fees += fee
    if (term.mode or KINDS["fee"].default_mode) == "added":
        ctx.owed += fee
        _grown(ctx, fee)
    else:
        ctx.track.add(ctx.month, fee, ctx.owed)


def _settlement(term, ctx: Context) -> None:
    if term.amount is not None:
        pay = min(ctx.owed, to_cents(term.amount))
    else:
        pay = _share(ctx.owed, term.percent if term.percent is not None else 100)
    ctx.track.forgiven += ctx.owed - pay
    ctx.track.add(ctx.month, pay, 0)
    if term.asset and term.asset in ctx.assets:
        ctx.events.append((ctx.month, term.asset))
    ctx.settled = True


def _extension(term, ctx: Context) -> None:
    if term.months:
        ctx.new_months = int(term.months)


def _rate_cut(term, ctx: Context) -> None:
    if term.rate is not None:
        ctx.rate = monthly_rate_fraction(term.rate)


def _freeze(term, ctx: Context) -> None:
    ctx.rate = Fraction(0)
    if term.months:
        ctx.new_months = int(term.months)


def _deferral(term, ctx: Context) -> None:
    mode = term.mode or KINDS["deferral"].default_mode
    for _ in range(int(term.months or 0)):
        interest = _interest(ctx) if mode != "free" else 0
        ctx.track.charge_interest(ctx.month, interest)
        if mode == "interest_only":
            ctx.track.add(ctx.month, interest, ctx.owed)
        else:
            ctx.owed += interest
            _grown(ctx, interest)
            ctx.track.add(ctx.month, 0, ctx.owed)
        ctx.month += 1


def _a_fixed_amount_a_month(term, ctx: Context, frozen: bool, forgiven: bool) -> None:
    """For N months, a fixed amount a month comes off what is owed (at most all of it), with
    interest frozen or still charged (what the amount does not cover is added): paid by the
    household, or ``forgiven`` by the lender (then nothing is paid those months)."""
    amount = to_cents(term.amount or 0)
    for _ in range(int(term.months or 0)):
        if ctx.owed <= 0:
            break
        interest = 0 if frozen else _interest(ctx)
        ctx.track.charge_interest(ctx.month, interest)
        cut = min(amount, ctx.owed + interest)
        ctx.owed += interest - cut
        _grown(ctx, interest - cut)
        if forgiven:
            ctx.track.forgiven += cut
        ctx.track.add(ctx.month, 0 if forgiven else cut, ctx.owed)
        ctx.month += 1


def _token(term, ctx: Context) -> None:
    """象征性还款: a small fixed amount a month for N months, interest frozen ("frozen") or
    still charged ("accruing"); then the plan resumes on what is left."""
    _a_fixed_amount_a_month(term, ctx, (term.mode or KINDS["token"].default_mode) == "frozen", forgiven=False)


def _subsidy(term, ctx: Context) -> None:
    """困难补贴: for N months the lender forgives a fixed amount a month of what is owed, interest
    still charged, nothing paid; then the plan resumes on what is left."""
    _a_fixed_amount_a_month(term, ctx, frozen=False, forgiven=True)


def _help(term, ctx: Context) -> None:
    """One-off help (family, other support, or a credit line drawn) arriving this month: the
    household's cash, not a change to the debt's plan."""
    if term.asset and term.asset in ctx.assets:
        ctx.events.append((ctx.month, term.asset))


def _stage(term, ctx: Context) -> None:
    ctx.stages.append(term)


def _higher_payment(term, ctx: Context) -> None:
    ctx.fixed = to_cents(term.amount)


# --- what each kind checks --------------------------------------------------------------------
@dataclass(frozen=True)
class Checked:
    """What a check may look at: the debt, its kind of lender and the household's assets."""

    debt: Debt
    lender_type: str
    assets: dict


def _needs_months(term, c: Checked) -> list:
    return [] if term.months else [("months", "err.sc_months_needed", {})]


def _needs_amount(term, c: Checked) -> list:
    return [] if term.amount else [("amount", "err.sc_amount_needed", {})]


def _warn_card_months(term, c: Checked) -> list:
    """Longer than card issuers usually grant (个性化分期, at most 60 months): simulated, and
    said, never refused (a plan may need it; the letter says what would fit)."""
    if c.lender_type == "credit_card" and (term.months or 0) > CARD_FREEZE_LIMIT:
        return [("months", "err.sc_card_freeze", {})]
    return []


def _check_settlement(term, c: Checked) -> list:
    problems = []
    if term.amount is None and term.percent is None:
        problems.append(("percent", "err.sc_amount_needed", {}))
    if term.asset and term.asset not in c.assets:
        problems.append(("asset", "err.sc_unknown_asset", {"value": term.asset}))
    return problems


def _check_rate_cut(term, c: Checked) -> list:
    if term.rate is None:
        return [("rate", "err.sc_rate_needed", {})]
    if term.rate > c.debt.annual_rate:
        return [("rate", "err.sc_rate_not_lower", {"rate": f"{c.debt.annual_rate.normalize()}"})]
    return []


def _check_help(term, c: Checked) -> list:
    if not term.asset:
        return [("asset", "err.sc_help_needed", {})]
    if term.asset not in c.assets:
        return [("asset", "err.sc_unknown_asset", {"value": term.asset})]
    return []


def _needs_months_and_amount(term, c: Checked) -> list:
    return _needs_months(term, c) + _needs_amount(term, c)


def _no_check(term, c: Checked) -> list:
    return []


# --- how a letter states each kind ------------------------------------------------------------
def _clause_mode(kind: str) -> Callable:
    def key(term) -> str:
        return f"lt.term.{kind}.{term.mode or KINDS[kind].default_mode}"

    return key


def _clause_waiver(term) -> str:
    return _clause_mode("waiver")(term) + (".part" if term.percent is not None else "")


def _clause_fee(term) -> str:
    return f"lt.term.fee.{term.mode or KINDS['fee'].default_mode}.{'percent' if term.percent is not None else 'amount'}"


def _clause_amount_or_percent(kind: str) -> Callable:
    return lambda term: f"lt.term.{kind}.{'amount' if term.amount is not None else 'percent'}"


def _clause(kind: str) -> Callable:
    return lambda term: f"lt.term.{kind}"


# --- what the guided builder asks, and the values it starts from (core.simulation.guide) ---------------------
# Each function gets the household and the chosen debts' lines: only what these protocols
# name, so the terms (loans) need nothing from the household's layer above them.
class ChosenDebt(Protocol):
    """What a kind's defaults read of a chosen debt (core.household.model.DebtLine)."""

    debt: Debt
    schedule: Schedule
    lender_type: str


class HouseholdAssets(Protocol):
    """What a kind's defaults read of the household (core.household.model.Household):
    help and assets listed, name -> (value in cents, how soon it can be had)."""

    sale_values: dict


class Answer(Protocol):
    """What a kind reads of a "what can I ask for" answer (core.simulation.negotiate.Ask)."""

    targets: list[str]
    months: int | None
    rate: Decimal | None
    percent: Decimal | None
    above: tuple[str, ...]
    spread: bool


def _always(h: HouseholdAssets, lines: list[ChosenDebt]) -> bool:
    return True


def _some_rate_to_cut(h: HouseholdAssets, lines: list[ChosenDebt]) -> bool:
    return any(line.debt.annual_rate > 0 for line in lines)


def _help_listed(h: HouseholdAssets, lines: list[ChosenDebt]) -> bool:
    return bool(h.sale_values)


def _starting(**values) -> Callable:
    return lambda h, lines: dict(values)


def _longer_term(h: HouseholdAssets, lines: list[ChosenDebt]) -> dict:
    """Twice the longest months left, 24 to 120 (cards at most 60)."""
    longest = max((max(1, line.schedule.months or line.debt.months or 12) for line in lines), default=12)
    months = min(120, max(24, 2 * longest))
    cards = any(line.lender_type == "credit_card" for line in lines)
    return {"months": min(months, CARD_FREEZE_LIMIT) if cards else months}


def _half_the_lowest_rate(h: HouseholdAssets, lines: list[ChosenDebt]) -> dict:
    lowest = min((line.debt.annual_rate for line in lines if line.debt.annual_rate > 0), default=Decimal(0))
    return {"rate": float((lowest / 2).quantize(Decimal("0.1")))}


def _a_fifth_more(h: HouseholdAssets, lines: list[ChosenDebt]) -> dict:
    """1.2 x the largest regular payment, to the ¥100."""
    payment = max((line.schedule.regular_payment for line in lines), default=0)
    return {"amount": float(div_round(payment * 12, 10 * 100 * 100) * 100)}


def _help_not_counted_as_cash(h: HouseholdAssets, lines: list[ChosenDebt]) -> dict:
    """The help or asset listed that is not already counted as cash, first."""
    ranked = sorted(h.sale_values, key=lambda name: h.sale_values[name][1])
    return {"asset": ranked[0] if ranked else None}


@dataclass(frozen=True)
class Guided:
    """How the guided builder offers a kind (a kind without one stays in the advanced grid)."""

    order: int  # where it is listed: the order a person in arrears usually asks
    defaults: Callable[
        [HouseholdAssets, list[ChosenDebt]], dict
    ]  # (household, chosen lines) -> starting values (a mode: the kind's)
    offered: Callable[[HouseholdAssets, list[ChosenDebt]], bool] = _always  # whether it fits the chosen debts
    fields: tuple[str, ...] | None = None  # the form's fields, when not all of the kind's
    either: bool = False  # an amount or a share of what is owed: the form asks which
    labels: tuple[tuple[str, str], ...] = ()  # (field, i18n key) where the form words a field its own way


# --- "what can I ask for" (core.simulation.negotiate.Ask): the terms an answer of this kind puts to a debt --
def _ask_extension(ask: Answer, debt: str | None) -> list[dict]:
    return [{"kind": "extension", "months": ask.months}]


def _ask_rate_cut(ask: Answer, debt: str | None) -> list[dict]:
    """A rate cut only where it is a cut (``debt`` None: the ask as a whole)."""
    cut = [{"kind": "rate_cut", "rate": ask.rate}] if debt is None or debt in ask.above else []
    return [*cut, *_ask_extension(ask, debt)]


def _ask_settlement(ask: Answer, debt: str | None) -> list[dict]:
    return [{"kind": "settlement", "percent": ask.percent}]


def _sentence_extension(ask: Answer) -> str:
    """Over just the months left, an extension spreads what is overdue."""
    return "sc.ask.spread" if ask.spread else "sc.ask.extension"


def _sentence_rate_cut(ask: Answer) -> str:
    """A cut that leaves some debts' lower rates alone says so."""
    return "sc.ask.rate_cut_some" if len(ask.above) < len(ask.targets) else "sc.ask.rate_cut"


@dataclass(frozen=True)
class Kind:
    name: str
    phase: int  # when it applies within a group of terms (module docstring)
    fields: tuple[str, ...]  # what the user fills in: months, rate, amount, percent, mode, asset
    apply: Callable[[Term, Context], None]
    check: Callable[[Term, Checked], list] = _no_check
    warn: Callable[[Term, Checked], list] = _no_check  # what is worth saying but runs all the same
    clause: Callable[[Term], str] | None = None  # the letter's i18n key for a term
    modes: tuple[str, ...] = ()
    default_mode: str | None = None
    replans: bool = False  # a new plan for the rest: interest-only and bullet loans become annuities
    sets_term: bool = False  # a new number of months: a card's revolving balance becomes instalments
    # The heat-map ("what can I ask for") this kind moves along: "rate" (months x annual
    # rate) or "settlement" (share of what is owed paid once); and where a term of this
    # kind sits on it (None: the debt's current rate, or not placed).
    axis: str | None = None
    axis_value: Callable[[Term], float | None] | None = None
    guided: Guided | None = None  # how the guided builder offers it
    household_cash: bool = False  # the household's cash, not a change to the debt: written once, asks nothing
    repeats: bool = False  # several in one group, each kept in order (stages); else the last one counts
    # "What can I ask for" answers of this kind: (ask, debt or None) -> the terms, as Term fields.
    asked: Callable[[Answer, str | None], list[dict]] | None = None
    ask_sentence: Callable[[Answer], str] | None = None  # the answer's i18n key, when not sc.ask.<kind>

    def clause_key(self, term) -> str:
        return (self.clause or _clause(self.name))(term)

    @property
    def actionable(self) -> bool:
        """Whether "what can I ask for" may answer with it (then a scenario can be added from it)."""
        return self.asked is not None

    def ask_key(self, ask) -> str:
        return self.ask_sentence(ask) if self.ask_sentence else f"sc.ask.{self.name}"

    def fields_guided(self) -> tuple[str, ...]:
        return self.guided.fields if self.guided and self.guided.fields is not None else self.fields

    def defaults(self, h, lines: list) -> dict:
        """The guided builder's starting values for a term of this kind on these debts."""
        values = self.guided.defaults(h, lines)
        return {**values, "mode": self.default_mode} if self.default_mode and "mode" in self.fields_guided() else values


# In the order the editor lists them (and, within a phase, the order they apply in).
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "extension",
            4,
            ("months",),
            _extension,
            _needs_months,
            _warn_card_months,
            replans=True,
            sets_term=True,
            axis="rate",
            guided=Guided(20, _longer_term),
            asked=_ask_extension,
            ask_sentence=_sentence_extension,
        ),  # fmt: skip
        Kind(
            "rate_cut",
            4,
            ("rate",),
            _rate_cut,
            _check_rate_cut,
            replans=True,
            axis="rate",
            axis_value=lambda term: None if term.rate is None else float(term.rate),
            guided=Guided(30, _half_the_lowest_rate, _some_rate_to_cut),
            asked=_ask_rate_cut,
            ask_sentence=_sentence_rate_cut,
        ),  # fmt: skip
        Kind(
            "freeze",
            4,
            ("months",),
            _freeze,
            _needs_months,
            _warn_card_months,
            replans=True,
            sets_term=True,
            axis="rate",
            axis_value=lambda term: 0.0,
            guided=Guided(10, _starting(months=36)),
        ),  # fmt: skip
        Kind(
            "waiver",
            1,
            ("mode", "percent"),
            _waiver,
            clause=_clause_waiver,
            modes=("penalty", "interest", "both"),
            default_mode="both",
            guided=Guided(40, _starting(percent=100.0)),
        ),  # fmt: skip
        Kind(
            "reduction",
            2,
            ("amount", "percent"),
            _reduction,
            clause=_clause_amount_or_percent("reduction"),
            guided=Guided(80, _starting(percent=20.0), either=True),
        ),  # fmt: skip
        Kind(
            "deferral",
            5,
            ("months", "mode"),
            _deferral,
            clause=_clause_mode("deferral"),
            modes=("capitalise", "interest_only", "free"),
            default_mode="capitalise",
            guided=Guided(50, _starting(months=6)),
        ),  # fmt: skip
        Kind(
            "fee",
            3,
            ("percent", "amount", "mode"),
            _fee,
            clause=_clause_fee,
            modes=("upfront", "added"),
            default_mode="upfront",
            guided=Guided(90, _starting(percent=5.0), either=True),
        ),  # fmt: skip
        Kind(
            "stage",
            6,
            ("months", "amount"),
            _stage,
            _needs_amount,
            repeats=True,
            clause=lambda term: (
                "lt.term.stage" if term.months is not None else "lt.term.stage_rest"
            ),  # the last stage: until repaid
        ),  # fmt: skip
        Kind(
            "settlement",
            3,
            ("amount", "percent", "asset"),
            _settlement,
            _check_settlement,
            clause=_clause_amount_or_percent("settlement"),
            axis="settlement",
            axis_value=lambda term: None if term.percent is None else float(term.percent),
            # an asset sold to pay it is named in the advanced grid
            guided=Guided(70, _starting(percent=60.0), fields=("amount", "percent"), either=True),
            asked=_ask_settlement,
        ),  # fmt: skip
        Kind(
            "higher_payment",
            6,
            ("amount",),
            _higher_payment,
            _needs_amount,
            replans=True,
            guided=Guided(100, _a_fifth_more),
        ),  # fmt: skip
        Kind(
            "token",
            5,
            ("months", "amount", "mode"),
            _token,
            _needs_months_and_amount,
            clause=_clause_mode("token"),
            modes=("frozen", "accruing"),
            default_mode="frozen",
            guided=Guided(60, _starting(months=6, amount=100.0)),
        ),  # fmt: skip
        Kind(
            "help",
            3,
            ("asset",),
            _help,
            _check_help,
            household_cash=True,
            guided=Guided(110, _help_not_counted_as_cash, _help_listed, labels=(("asset", "field.terms.asset_help"),)),
        ),  # fmt: skip
        Kind(
            "subsidy",
            5,
            ("months", "amount"),
            _subsidy,
            _needs_months_and_amount,
            guided=Guided(65, _starting(months=6, amount=500.0)),
        ),  # fmt: skip
    )
}
TERM_KINDS = tuple(KINDS)
TERM_MODES = tuple(dict.fromkeys(mode for kind in KINDS.values() for mode in kind.modes))
PHASES = sorted({kind.phase for kind in KINDS.values()})
AXES = tuple(dict.fromkeys(kind.axis for kind in KINDS.values() if kind.axis))
# What the guided builder offers, in its order (stages, one row per stage, stay in the advanced grid).
GUIDED = tuple(sorted((kind for kind in KINDS.values() if kind.guided), key=lambda kind: kind.guided.order))


def in_phase_order(group: list) -> list:
    """A group's terms in the order they apply: by phase, then as the editor lists kinds,
    then as the user listed them (stages keep their order)."""
    order = {name: i for i, name in enumerate(KINDS)}
    return sorted(group, key=lambda term: (KINDS[term.kind].phase, order[term.kind]))


def asks_the_lender(term) -> bool:
    """Whether a term asks the lender to change something (one-off help arriving does not)."""
    kind = KINDS.get(term.kind)
    return kind is None or not kind.household_cash


def check_term(term, debt, lender_type: str, assets: dict) -> list[tuple[str, str, dict]]:
    """(field, error code, params) for what is missing or wrong in one term."""
    kind = KINDS.get(term.kind)
    return [] if kind is None else kind.check(term, Checked(debt, lender_type, assets))


def warn_term(term, debt, lender_type: str, assets: dict) -> list[tuple[str, str, dict]]:
    """(field, code, params) for what is worth saying about a term that still runs."""
    kind = KINDS.get(term.kind)
    return [] if kind is None else kind.warn(term, Checked(debt, lender_type, assets))


__all__ = ["CARD_FREEZE_LIMIT", "GUIDED", "KINDS", "PHASES", "TERM_KINDS", "TERM_MODES", "Context", "Decimal"]
