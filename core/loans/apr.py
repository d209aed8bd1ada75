"""The true annualised rate of a schedule (IRR of its cash flows, fees included) and the
reference lines a rate is compared with.

Lenders in China must state an annualised rate that counts every cost of the loan
(中国人民银行公告〔2021〕第3号); it is worked out here by the IRR method: the monthly
internal rate of return x 12. A "0.6 % monthly fee" plan over 12 months is about 13 %.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from core.i18n import t

DEFAULT_LPR = Decimal("3.85")  # one-year LPR at signing; a setting, not a constant


def monthly_irr(flows: Sequence[int]) -> float | None:
    """Monthly internal rate of return of cash flows at periods 0, 1, 2, …

    flows[0] is what the borrower received (positive), later ones what they paid
    (negative). Returns None when there is no sign change (no rate describes it).
    Root-finding is scipy's brentq on the net present value, which is monotone in the
    rate for a loan's flows (money in first, money out after).
    """
    values = np.asarray(flows, dtype=np.float64)
    if values.size < 2 or not (values > 0).any() or not (values < 0).any():
        return None
    periods = np.arange(values.size, dtype=np.float64)

    def npv(rate: float) -> float:
        return float(np.sum(values * np.exp(-periods * np.log1p(rate))))

    with np.errstate(over="ignore", invalid="ignore"):  # once for the search, not once per step
        # Widen the bracket until the net present value changes sign across it.
        low, high = -0.5, 1.0
        while not npv(low) < 0 < npv(high):
            if high < 1e6 and not npv(high) > 0:
                high *= 4
            elif low > -0.999999 and not npv(low) < 0:
                low = -1 + (1 + low) / 8
            else:
                return None
        from scipy.optimize import brentq  # imported here: it takes half a second and only APR needs it

        return brentq(npv, low, high, xtol=1e-14, rtol=1e-12, maxiter=500)


def apr_percent(flows: Sequence[int]) -> Decimal | None:
    """Annualised rate in percent (monthly IRR x 12), to two decimals; None if undefined.
    The same flows always give the same rate: an offer shown in several scenarios (a
    comparison at the caps has hundreds, a third of them alike) is worked out once."""
    return _apr_percent(tuple(int(cents) for cents in flows))


@functools.lru_cache(maxsize=4096)
def _apr_percent(flows: tuple[int, ...]) -> Decimal | None:
    rate = monthly_irr(flows)
    if rate is None:
        return None
    value = Decimal(repr(rate * 1200)).quantize(Decimal("0.01"))
    return value if value else Decimal("0.00")  # never "-0.00"


def rate_lines(lpr_percent: Decimal = DEFAULT_LPR) -> dict[str, Decimal]:
    """The reference lines: 4 x LPR (courts' private-lending cap since Aug 2020), 24 %, 36 %."""
    return {"above_lpr4": 4 * Decimal(lpr_percent), "above_24": Decimal(24), "above_36": Decimal(36)}


def rate_flags(apr: Decimal | None, lpr_percent: Decimal = DEFAULT_LPR) -> list[str]:
    """The lines this rate is above, lowest line first (empty when none or unknown)."""
    if apr is None:
        return []
    lines = sorted(rate_lines(lpr_percent).items(), key=lambda item: item[1])
    return [name for name, line in lines if apr > line]


def flag_message(flag: str, lang: str, lpr_percent: Decimal = DEFAULT_LPR) -> str:
    """What a flag from rate_flags says, with the 4 x LPR line filled in."""

    return t(f"flag.{flag}", lang, line=f"{rate_lines(lpr_percent)['above_lpr4']}")


# --- which line applies to which lender -------------------------------------------------------
# Private lending: 4 x LPR (最高人民法院关于审理民间借贷案件适用法律若干问题的规定, as amended
# 2020, art. 25; 24 % / 36 % before 20 August 2020). Licensed lenders: a court may cut what
# interest and fees together charge above 24 % a year (法发〔2017〕22号, art. 2).
PRIVATE_LENDING = frozenset({"private_loan"})  # the 4 x LPR cap: private lending only
CAP_RULE_DATE = dt.date(2020, 8, 20)  # the 2020 private-lending rules; earlier contracts: 24 % / 36 %
LICENSED_LINE = Decimal(24)  # for licensed lenders: a true rate above this is worth questioning


@dataclass(frozen=True)
class RateNote:
    """What can fairly be said about a rate for this kind of lender: an i18n key ("note.…",
    with ".long" for the full sentence) and the line it was compared with. Never legal advice."""

    key: str
    line: Decimal
    apr: Decimal

    def params(self) -> dict:
        return {"apr": f"{self.apr}", "line": f"{self.line.normalize():f}"}


def applicable_line(lender_type: str, lpr_percent: Decimal = DEFAULT_LPR) -> Decimal:
    """The line a rate is compared with for this kind of lender: 4 x LPR for private
    lending, 24 % (with fees) for licensed lenders."""
    return 4 * Decimal(lpr_percent) if lender_type in PRIVATE_LENDING else LICENSED_LINE


def rate_note(
    apr: Decimal | None, lender_type: str, contract_date: dt.date | None = None, lpr_percent: Decimal = DEFAULT_LPR
) -> RateNote | None:
    """The note for a debt's true rate, or None when there is nothing to say.

    - Private lending (民间借贷): courts do not support interest above 4 × the one-year LPR
      at the contract date (最高人民法院关于审理民间借贷案件适用法律若干问题的规定, 2020);
      for a contract made before 2020-08-20, interest up to 2020-08-19 may be judged by the
      older lines — 24 % supported, above 36 % not.
    - Licensed lenders (banks, card issuers, consumer-finance companies, licensed online and
      micro lenders) are outside that cap (法释〔2020〕27号); a true rate above 24 % with fees
      is still worth questioning, without calling it illegal. Cards have had no rate ceiling
      since 2021 (银发〔2020〕327号) but must show it as a yearly rate.
    """
    if apr is None:
        return None
    if lender_type in PRIVATE_LENDING:
        cap = 4 * Decimal(lpr_percent)
        if contract_date is not None and contract_date < CAP_RULE_DATE:
            if apr > 36:
                return RateNote("note.private_old.above_36", Decimal(36), apr)
            if apr > 24:
                return RateNote("note.private_old.above_24", Decimal(24), apr)
            return RateNote("note.private_old.above_lpr4", cap, apr) if apr > cap else None
        return RateNote("note.private.above_lpr4", cap, apr) if apr > cap else None
    if apr > LICENSED_LINE:
        kind = "card" if lender_type == "credit_card" else "licensed"
        return RateNote(f"note.{kind}.above_24", LICENSED_LINE, apr)
    return None
