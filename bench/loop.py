"""A straightforward month-by-month pure-Python amortisation, one loan at a time.

It is the yardstick the vectorised engine is timed against, and an independent oracle
the tests compare the engine with (same rounding rule, written the obvious way).
"""

from __future__ import annotations

from core.loans.money import HALF_UP, div_round


def annuity_loop(
    principal_cents: int, rate_num: int, rate_den: int, months: int, payment_cents: int, mode: str = HALF_UP
) -> list[tuple[int, int, int]]:
    """Rows (interest, principal, balance) of a level-payment loan; the last row clears it."""
    balance = principal_cents
    rows = []
    for period in range(1, months + 1):
        interest = div_round(balance * rate_num, rate_den, mode)
        if period == months:
            principal = balance
        else:
            principal = min(max(payment_cents - interest, 0), balance)
        balance -= principal
        rows.append((interest, principal, balance))
        if balance == 0:
            break
    return rows


def equal_principal_loop(
    principal_cents: int, rate_num: int, rate_den: int, months: int, mode: str = HALF_UP
) -> list[tuple[int, int, int]]:
    """Rows of an equal-principal loan: a fixed share of principal plus falling interest."""
    share = div_round(principal_cents, months, mode)
    balance = principal_cents
    rows = []
    for period in range(1, months + 1):
        interest = div_round(balance * rate_num, rate_den, mode)
        principal = balance if period == months else min(share, balance)
        balance -= principal
        rows.append((interest, principal, balance))
        if balance == 0:
            break
    return rows
