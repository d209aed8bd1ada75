"""The true annualised rate of a schedule (IRR of its cash flows, fees included) and the
reference lines a rate is compared with.

Chinese lenders must state an annualised rate computed by IRR (DOMAIN.md): the monthly
internal rate of return x 12. A "0.6 % monthly fee" plan over 12 months is about 13 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import numpy as np

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
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.sum(values * np.exp(-periods * np.log1p(rate))))

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
    """Annualised rate in percent (monthly IRR x 12), to two decimals; None if undefined."""
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
