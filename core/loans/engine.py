"""The repayment-schedule engine: many loans at once, month by month, exact to the cent.

Balances are int64 cents; monthly rates are exact fractions num/den, so a month's
interest is ``div_round(balance * num, den)`` (core.loans.money) with no float error. The
per-loan schedule (core.loans.schedule) is this engine called with one loan: one code path.

Bounds that keep every product inside int64: balances <= 1e10 cents (money.MAX_AMOUNT)
and rate numerators <= 1e8 (rates to 1e-5 %, at most 1,000 % a year): 2e18 < 9.2e18. A
larger balance (what is owed with ten years of penalty interest) has its interest worked
out without forming balance x numerator (money.mul_div_round), decided once per call, so
the usual loop stays as fast. A balance never grows in the loop (interest is paid or the
loan is stopped), so checking the inputs once bounds every month: ``amortize`` refuses a
loan whose totals could pass 2**62 with core.errors.AmountLimitError (core.simulation.debt_plan
reports the scenario that makes it), never a wrapped-round figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from core.errors import AmountLimitError
from core.loans.money import HALF_UP, div_round, mul_div_round, round_float_cents

ANNUITY, EQUAL_PRINCIPAL, INTEREST_ONLY, BULLET, REVOLVING, FIXED = range(6)
METHOD_CODES = {
    "annuity": ANNUITY,
    "equal_principal": EQUAL_PRINCIPAL,
    "interest_only": INTEREST_ONLY,
    "bullet": BULLET,
    "revolving": REVOLVING,
    "fixed": FIXED,
}
# The longest one loan runs (50 years): a term, a contract's or a negotiated one, is at most
# this long, and a loan without a term (a card, a fixed payment) is followed this long on its
# own. Longer than the household's horizon (core.simulation.debt_plan.HORIZON), which a scenario follows.
LONGEST_LOAN_MONTHS = 600
NEVER = -1
# What any product, sum or payment in the loop may reach: half of int64's range, so the
# check (in float64, vectorised, once per call) has room for its own rounding.
ROOM = float(2**62)


def monthly_rate_fraction(annual_percent) -> Fraction:
    """Exact monthly rate as a fraction: annual % / 100 / 12."""
    return Fraction(annual_percent) / 1200


def annuity_payment_cents(principal_cents, rate_num, rate_den, months, mode: str = HALF_UP):
    """Level payment of an annuity, rounded to the cent (numpy-financial ``pmt``, sign flipped).

    Notes: M = P·r·(1+r)^n / ((1+r)^n − 1); with r = 0, M = P / n.
    >>> int(annuity_payment_cents(100000000, 49, 12000, 360))
    530727
    """
    p = np.asarray(principal_cents, dtype=np.float64)
    r = np.asarray(rate_num, dtype=np.float64) / np.asarray(rate_den, dtype=np.float64)
    n = np.asarray(months, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        growth = np.power(1.0 + r, n)
        level = np.where(r == 0, p / n, p * r * growth / (growth - 1.0))
        # (1+r)^n overflows only for absurd r·n; the payment is then just the interest.
        level = np.where(np.isfinite(level), level, p * r)
    return round_float_cents(level, mode)


def _int64(values) -> np.ndarray:
    """Whole numbers as int64; a number past its range is past the app's limits."""
    try:
        return np.asarray(values, dtype=np.int64)
    except OverflowError:
        raise AmountLimitError() from None


@dataclass
class BatchResult:
    """Per-loan results; the row arrays are (loans × months) and present only if asked."""

    total_interest: np.ndarray
    total_principal: np.ndarray
    total_payment: np.ndarray
    payoff_period: np.ndarray  # 1-based period of the last payment, NEVER if not paid off
    scheduled_payment: np.ndarray  # the level / first payment, in cents
    interest: np.ndarray | None = None
    principal: np.ndarray | None = None
    balance: np.ndarray | None = None


def amortize(
    principal_cents,
    rate_num,
    rate_den,
    months,
    method,
    *,
    fixed_payment_cents=None,
    min_pct_num=None,
    min_pct_den=None,
    min_floor_cents=None,
    keep_rows: bool = True,
    mode: str = HALF_UP,
    horizon: int = LONGEST_LOAN_MONTHS,
) -> BatchResult:
    """Amortise a batch of loans month by month.

    Every loan's last period absorbs the rounding residue. A loan whose payment does
    not cover its interest (a card at a floor below the interest, a fixed payment too
    small) is stopped and reported with ``payoff_period == NEVER``, never looped on.
    """
    bal0 = np.atleast_1d(_int64(principal_cents))
    count = bal0.size
    rnum = np.broadcast_to(_int64(rate_num), (count,))
    rden = np.broadcast_to(_int64(rate_den), (count,))
    term = np.broadcast_to(_int64(months), (count,))
    code = np.broadcast_to(_int64(method), (count,))
    if np.any(bal0 < 0) or np.any(rnum < 0) or np.any(rden <= 0):
        raise ValueError("balances and rates must be non-negative")

    open_ended = (code == REVOLVING) | (code == FIXED)
    limit = np.where(open_ended, horizon, term).astype(np.int64)
    if np.any(limit < 1):
        raise ValueError("every loan needs at least one month")
    # Inside int64 every month: the totals (at most the balance plus its interest every
    # month, as it never grows) and the interest's product, balance x numerator (div_round's
    # 2·b·num + den) or, for a larger balance, the rate's own (mul_div_round's 2·den·num).
    owed = bal0.astype(np.float64)
    rate = rnum / rden
    wide = 2 * owed * rnum + rden >= ROOM
    if np.any((owed * rate * limit + owed >= ROOM) | (wide & (2.0 * rden * rnum + rden >= ROOM))):
        raise AmountLimitError()
    wide = bool(wide.any())

    # Level payment (annuity) or fixed payment; the per-month principal target is
    # level_a - level_b * interest, which covers annuity, fixed, equal principal (b = 0)
    # and interest-only / bullet (a = b = 0) without a branch per method.
    level = np.zeros(count, dtype=np.int64)
    is_ann = code == ANNUITY
    if is_ann.any():
        level[is_ann] = annuity_payment_cents(bal0[is_ann], rnum[is_ann], rden[is_ann], term[is_ann], mode)
    is_fixed = code == FIXED
    if is_fixed.any():
        level[is_fixed] = np.broadcast_to(_int64(fixed_payment_cents), (count,))[is_fixed]
        if np.any(np.abs(level.astype(np.float64)) >= ROOM):
            raise AmountLimitError()
    is_ep = code == EQUAL_PRINCIPAL
    target_a = np.zeros(count, dtype=np.int64)
    target_a[is_ann | is_fixed] = level[is_ann | is_fixed]
    if is_ep.any():
        target_a[is_ep] = div_round(bal0[is_ep], term[is_ep], mode)
        level[is_ep] = target_a[is_ep]  # first payment is filled in after month 1
    target_b = (is_ann | is_fixed).astype(np.int64)

    is_rev = code == REVOLVING
    is_bullet = code == BULLET
    has_rev, has_bullet = bool(is_rev.any()), bool(is_bullet.any())
    if has_rev:
        pnum = np.broadcast_to(_int64(min_pct_num), (count,))
        pden = np.broadcast_to(_int64(min_pct_den), (count,))
        floor = np.broadcast_to(_int64(min_floor_cents), (count,))
        wide_pct = is_rev & (2 * owed * pnum + pden >= ROOM)  # the minimum's share, as the interest above
        if np.any((wide_pct & (2.0 * pden * pnum + pden >= ROOM)) | (is_rev & (np.abs(floor * 1.0) >= ROOM))):
            raise AmountLimitError()
        wide_pct = bool(wide_pct.any())
    bullet_interest = np.zeros(count, dtype=np.int64)
    if has_bullet:
        # Simple interest over the whole term, paid at maturity; Python ints avoid overflow.
        for i in np.flatnonzero(is_bullet):
            bullet_interest[i] = div_round(int(bal0[i]) * int(rnum[i]) * int(term[i]), int(rden[i]), mode)

    # Work in order of falling limit so the loans still running at month t are a prefix.
    order = np.argsort(-limit, kind="stable")
    bal = bal0[order].copy()
    rnum_s, rden_s, lim_s = rnum[order], rden[order], limit[order]
    term_end = np.where(open_ended[order], -1, term[order] - 1)
    ta, tb = target_a[order], target_b[order]
    is_rev_s, is_bullet_s, open_s = is_rev[order], is_bullet[order], open_ended[order]
    if has_rev:
        pnum_s, pden_s, floor_s = pnum[order], pden[order], floor[order]
    bullet_s = bullet_interest[order]

    tot_int = np.zeros(count, dtype=np.int64)
    tot_pr = np.zeros(count, dtype=np.int64)
    payoff = np.full(count, NEVER, dtype=np.int64)
    first_pay = np.zeros(count, dtype=np.int64)
    stuck = np.zeros(count, dtype=bool)
    max_t = int(lim_s[0]) if count else 0
    if keep_rows:
        rows_int = np.zeros((count, max_t), dtype=np.int64)
        rows_pr = np.zeros((count, max_t), dtype=np.int64)
        rows_bal = np.zeros((count, max_t), dtype=np.int64)
    has_open = bool(open_ended.any())
    running = int(count)
    for t in range(max_t):
        while running and lim_s[running - 1] <= t:
            running -= 1
        if not running:
            break
        k = running
        # Loans whose term ends this month are a suffix [ending, k) of the running prefix.
        ending = k
        while ending and lim_s[ending - 1] == t + 1:
            ending -= 1
        b = bal[:k]
        if wide:
            interest = mul_div_round(b, rnum_s[:k], rden_s[:k], mode)
        else:
            interest = div_round(b * rnum_s[:k], rden_s[:k], mode)
        target = ta[:k] - tb[:k] * interest
        if has_rev:
            if wide_pct:
                share = mul_div_round(b, pnum_s[:k], pden_s[:k], mode)
            else:
                share = div_round(b * pnum_s[:k], pden_s[:k], mode)
            card = np.maximum(floor_s[:k] - interest, share)
            target = np.where(is_rev_s[:k], card, target)
        if has_bullet:
            interest = np.where(is_bullet_s[:k], np.where(term_end[:k] == t, bullet_s[:k], 0), interest)
        if has_open:
            stuck[:k] |= open_s[:k] & (target <= 0) & (b > 0)
            live = (b > 0) & ~stuck[:k]
        else:
            live = b > 0
        paid = np.clip(target, 0, b)
        if ending < k:
            closing = ~open_s[ending:k]
            paid[ending:k] = np.where(closing, b[ending:k], paid[ending:k])
        paid *= live
        interest *= live
        b -= paid
        tot_int[:k] += interest
        tot_pr[:k] += paid
        if t == 0:
            first_pay[:k] = interest + paid
        finished = live & (b == 0)
        if finished.any():
            payoff[:k][finished] = t + 1
        if keep_rows:
            rows_int[:k, t] = interest
            rows_pr[:k, t] = paid
            rows_bal[:k, t] = b
        if not b.any():  # every loan still running is repaid: the months left would be zeros
            break

    inverse = np.empty_like(order)
    inverse[order] = np.arange(count)
    scheduled = np.where(is_ann | is_fixed, level, first_pay[inverse])
    result = BatchResult(
        total_interest=tot_int[inverse],
        total_principal=tot_pr[inverse],
        total_payment=(tot_int + tot_pr)[inverse],
        payoff_period=payoff[inverse],
        scheduled_payment=scheduled,
    )
    if keep_rows:
        result.interest = rows_int[inverse]
        result.principal = rows_pr[inverse]
        result.balance = rows_bal[inverse]
    return result
