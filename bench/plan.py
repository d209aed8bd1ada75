"""How long the household plan takes for 10 debts: the split, its simulation, the
cash-limited "do nothing" view and a letter to every lender — what the Plan and Letters
pages compute after a change. Target: under 0.3 s.

Run: python bench/plan.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.household.loader import load  # noqa: E402
from core.loans.schedule import owed_now_cents  # noqa: E402
from core.paperwork.letter import compose, proposal  # noqa: E402
from core.profiles.profile import Profile, normalize_section  # noqa: E402
from core.simulation.arrears import do_nothing  # noqa: E402
from core.simulation.plan import household_plan  # noqa: E402

KINDS = ("credit_card", "online_lending", "bank_consumer", "online_lending", "credit_card")


def ten_debts() -> Profile:
    debts = [
        {"name": f"债务{i + 1}", "lender": f"机构{i + 1}", "lender_type": KINDS[i % len(KINDS)],
         "principal": 8_000 + 7_000 * i, "rate": 9 + 2.5 * i, "months": 12 + 6 * (i % 5), "first_month": "2027-01",
         **({"overdue_principal": 500, "days_overdue": 40} if i % 4 == 0 else {})}
        for i in range(10)
    ]  # fmt: skip
    worksheet = [
        {"category": "工资", "direction": "income", "amount": 12_000},
        {"category": "房租", "amount": 3_500},
        {"category": "生活", "amount": 3_000, "kind": "variable"},
        {"category": "学费", "amount": 4_000, "frequency": "one_off", "month": "2027-09"},
    ]
    sections = {
        "debts": normalize_section("debts", pd.DataFrame(debts))[0],
        "worksheet": normalize_section("worksheet", pd.DataFrame(worksheet))[0],
        "assets": normalize_section("assets", pd.DataFrame([{"name": "存款", "value": 6_000}]))[0],
    }
    return Profile("bench", sections)


def run(profile: Profile) -> tuple:
    h, _ = load(profile)
    plan = household_plan(h, h.plan_settings)
    nothing = do_nothing(h)
    letters = []
    for track in plan.result.tracks:
        if track.negotiated:
            offer = proposal(track, plan.scenario, owed_now_cents(track.debt))
            letters.append(compose(h, track.name, "zh", offer, dt.date(2026, 11, 24), plan, nothing))
    return plan, nothing, letters


def main() -> None:
    profile = ten_debts()
    run(profile)  # imports and first-use caches
    times = []
    for _ in range(7):
        started = time.perf_counter()
        plan, nothing, letters = run(profile)
        times.append(time.perf_counter() - started)
    print(f"plan: {len(plan.shares)} lenders, {plan.total / 100:,.2f} a month, {plan.months} months, "
          f"{plan.result.shortfall_months} short months; {len(letters)} letters")  # fmt: skip
    print(f"load + plan + do-nothing + {len(letters)} letters (median of 7): {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
