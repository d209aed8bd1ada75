"""Benchmark: the vectorised schedule engine against a plain month-by-month Python loop.

Workload (issue 2): 2,000 term variants x 10 debts, annuity amortisation with cent
rounding every month; principals 2,000–200,000, annual rates 3–36 %, terms 6–360 months,
seeded random. Prints the figures; the last line is
``engine_seconds=<s> loop_seconds=<s> ratio=<loop/engine>``.
"""

from __future__ import annotations

import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loop import annuity_loop  # noqa: E402
from core.loans import engine  # noqa: E402


def workload(seed: int = 20261122, variants: int = 2000, debts: int = 10):
    rng = np.random.default_rng(seed)
    principal = rng.integers(2_000, 200_001, size=debts) * 100  # cents
    rate_bp = rng.integers(300, 3601, size=debts)  # annual rate in basis points
    months = rng.integers(6, 361, size=(variants, debts))
    fractions = [Fraction(int(bp), 10000 * 12) for bp in rate_bp]
    return {
        "principal_cents": np.tile(principal, variants),
        "rate_num": np.tile([f.numerator for f in fractions], variants).astype(np.int64),
        "rate_den": np.tile([f.denominator for f in fractions], variants).astype(np.int64),
        "months": months.reshape(-1).astype(np.int64),
        "method": np.full(variants * debts, engine.ANNUITY, dtype=np.int64),
    }


def best_of(func, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    work = workload()
    loans = work["principal_cents"].size
    engine_seconds, batch = best_of(lambda: engine.amortize(**work, keep_rows=False), repeat=5)
    payments = batch.scheduled_payment

    def loop():
        totals = []
        for i in range(loans):
            rows = annuity_loop(
                int(work["principal_cents"][i]),
                int(work["rate_num"][i]),
                int(work["rate_den"][i]),
                int(work["months"][i]),
                int(payments[i]),
            )
            totals.append((sum(r[0] for r in rows), sum(r[1] for r in rows), len(rows), rows[-1][0] + rows[-1][1]))
        return totals

    loop_seconds, totals = best_of(loop, repeat=1)
    loop_interest = np.array([t[0] for t in totals])
    loop_principal = np.array([t[1] for t in totals])
    loop_payoff = np.array([t[2] for t in totals])
    agree = (
        np.array_equal(loop_interest, batch.total_interest)
        and np.array_equal(loop_principal, batch.total_principal)
        and np.array_equal(loop_payoff, batch.payoff_period)
    )
    month_rows = int(work["months"].sum())
    print(f"loans={loans} schedule_months={month_rows} cores={__import__('os').cpu_count()}")
    print(f"engine: {engine_seconds:.4f} s best of 5 ({month_rows / engine_seconds / 1e6:.1f} M loan-months/s)")
    print(f"loop:   {loop_seconds:.4f} s")
    print(f"agree to the cent (total interest, principal, payoff month of every loan): {agree}")
    if not agree:
        sys.exit(1)
    print(
        f"engine_seconds={engine_seconds:.4f} loop_seconds={loop_seconds:.4f} ratio={loop_seconds / engine_seconds:.1f}"
    )


if __name__ == "__main__":
    main()
