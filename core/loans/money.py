"""Money: exact amounts in integer cents, and the one rounding rule the app uses.

Every amount a user sees, stores or exports passes through this module. Rounding is
half-up by default (四舍五入); half-even is available as a setting.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

import numpy as np

HALF_UP = "half-up"
HALF_EVEN = "half-even"
_DECIMAL_MODES = {HALF_UP: ROUND_HALF_UP, HALF_EVEN: ROUND_HALF_EVEN}

CENT = Decimal("0.01")
# Largest amount the app accepts anywhere: 100 million yuan. Larger numbers are almost
# certainly typing mistakes for a household, and keeping below this bound guarantees
# that balance x rate products fit in 64-bit integers (see engine.py).
MAX_AMOUNT = Decimal("100000000")
HUNDRED_YUAN = 10_000  # cents: what a suggested amount is rounded to
MAX_CENTS = int(MAX_AMOUNT * 100)  # the same in cents: what a debt may come to owe under a scenario (core.loans.terms)
# Numbers this large are not numbers any field of the app can hold (the largest, an amount,
# stops at 1e8); refusing them at parsing keeps Decimal arithmetic from overflowing.
_ABSURD_EXPONENT = 18  # |x| >= 1e18


def to_decimal(value: object) -> Decimal:
    """Parse a number (int, str, Decimal or finite float) into a Decimal.

    Floats go through ``repr`` so 0.1 becomes Decimal('0.1'), not its binary expansion.
    Raises ValueError for text that is not a number, NaN or infinity.
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError("not a number")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
        text = text.replace("$", "").replace("元", "").replace("\u2212", "-").strip()  # U+2212: a typeset minus
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    elif isinstance(value, np.integer | np.floating):
        return to_decimal(value.item())
    else:
        raise ValueError(f"not a number: {value!r}")
    if not result.is_finite() or (result and result.adjusted() >= _ABSURD_EXPONENT):
        raise ValueError("not a finite number")  # 1e999999999 would break every later step
    return result


def round_money(value: Decimal | int | str | float, mode: str = HALF_UP) -> Decimal:
    """Round an amount to the cent with the app's rounding rule."""
    return to_decimal(value).quantize(CENT, rounding=_DECIMAL_MODES[mode])


def to_cents(value: Decimal | int | str | float, mode: str = HALF_UP) -> int:
    """An amount in yuan as whole cents, rounded with the app's rule."""
    return int(round_money(value, mode) * 100)


def from_cents(cents: int | np.integer) -> Decimal:
    """Whole cents back to a Decimal amount with two places."""
    return (Decimal(int(cents)) / 100).quantize(CENT)


def yuan_number(cents: int | np.integer | None) -> float | None:
    """Whole cents as the number in yuan a page's table cell or number box, or a JSON
    document, holds: the one way a result in cents becomes a displayed number (never
    ``cents / 100`` by hand); as text, money is format_money's.

    Streamlit's grids and number boxes and JSON take floats; the conversion happens here,
    at those boundaries only. It is exact: any amount of at most 15 digits (below 10^13
    yuan, far above MAX_CENTS or any total of the app) comes back from the float's
    shortest repr to the cent, so the text the user sees (format_money, as
    ui.common.money_table writes it) is the Decimal's. None stays None.
    """
    return None if cents is None else float(from_cents(cents))


def div_round(num, den, mode: str = HALF_UP):
    """Integer division num/den rounded to the nearest integer by the app's rule.

    Works on Python ints and on numpy int64 arrays alike; num must be >= 0 and den > 0.
    This is the only place where a cent is rounded inside the schedule engine.
    """
    if mode == HALF_UP:
        return (2 * num + den) // (2 * den)
    quotient, remainder = divmod(num, den)
    twice = 2 * remainder
    up = (twice > den) | ((twice == den) & (quotient % 2 == 1))
    if isinstance(up, np.ndarray):
        return quotient + up.astype(quotient.dtype if hasattr(quotient, "dtype") else np.int64)
    return quotient + int(bool(up))


def percent_of(cents: int, percent: object, step: int = 1, mode: str = HALF_UP) -> int:
    """``percent`` % of an amount in cents (both >= 0), exactly, rounded by ``mode`` to a
    whole multiple of ``step`` cents (HUNDRED_YUAN: to the ¥100)."""
    share = Fraction(to_decimal(percent))
    return div_round(int(cents) * share.numerator, 100 * share.denominator * step, mode) * step


def share_percent(part: int, whole: int) -> Decimal:
    """``part`` as a percent of ``whole`` (integers, e.g. cents), to one decimal, half up:
    31.8, 20.0 (0.0 of nothing)."""
    if whole <= 0:
        return Decimal("0.0")
    return Decimal(div_round(part * 1000, whole)).scaleb(-1)


def mul_div_round(value, num, den, mode: str = HALF_UP):
    """``div_round(value * num, den)`` where the product itself may not fit 64 bits but the
    result does: value = q·den + m, so value·num/den = q·num + m·num/den exactly, and only
    m·num (< den·num) is formed. Same rounding as div_round; int64 arrays or Python ints."""
    whole, part = value // den, value % den
    if mode == HALF_UP:
        return whole * num + (2 * part * num + den) // (2 * den)
    quotient, remainder = divmod(part * num, den)
    quotient = quotient + whole * num
    twice = 2 * remainder
    up = (twice > den) | ((twice == den) & (quotient % 2 == 1))
    if isinstance(up, np.ndarray):
        return quotient + up.astype(quotient.dtype if hasattr(quotient, "dtype") else np.int64)
    return quotient + int(bool(up))


def round_float_cents(values, mode: str = HALF_UP):
    """Round float amounts already expressed in cents to whole cents (numpy or scalar).

    Used only where a formula is irrational (the annuity payment); the tiny float error
    of such a formula cannot move a result that is not within 1e-6 of a half cent.
    """
    arr = np.asarray(values, dtype=np.float64)
    if mode == HALF_UP:
        out = np.floor(arr + 0.5)
    else:
        out = np.round(arr)
    return out.astype(np.int64)


def format_money(value: Decimal | int | float, symbol: str = "¥") -> str:
    """'¥1,234.56' (negative as '-¥1,234.56')."""
    amount = round_money(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.2f}"


def format_cents(cents: int | np.integer) -> str:
    """Whole cents as money text, '¥1,234.56' (negative as '-¥1,234.56'): the one way a
    result in cents is written for the user (format_money of the exact amount)."""
    return format_money(from_cents(cents))
