"""How the simulation's cost grows with the profile: debts, scenarios and terms, each at two sizes.

The profile is bench/limits.py's (cards, online lenders and bank loans; scenarios of
freezes, extensions, rate cuts, waivers, settlements, fees, deferrals and reductions, a
third each saving, avalanche and snowball), built at a smaller size and at the caps; one
dimension changes at a time. Timed in one process, median of ``--runs`` (default 3):
loading the profile into the household, the household plan, every scenario of the
comparison (status quo, the plan, the user's: ``simulate_all``) and "do nothing".
The last line is ``growth_<dimension>_<size>_seconds=<s>`` for each row (the sum of the four).

    .venv/bin/python bench/growth.py [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.limits import DEBTS, SCENARIOS, profile_at_caps  # noqa: E402
from bench.report import timed  # noqa: E402
from core.household.loader import load  # noqa: E402
from core.simulation.arrears import do_nothing  # noqa: E402
from core.simulation.plan import comparison, household_plan  # noqa: E402
from core.simulation.simulate import simulate_all  # noqa: E402

# (dimension, size, debts, scenarios, terms per scenario): the caps are 100 debts, 20
# scenarios and 10 terms each (plus one term for every online lender in each scenario).
SIZES = (
    ("debts", 50, 50, SCENARIOS, 10),
    ("debts", 100, DEBTS, SCENARIOS, 10),
    ("scenarios", 10, DEBTS, 10, 10),
    ("scenarios", 20, DEBTS, SCENARIOS, 10),
    ("terms", 5, DEBTS, SCENARIOS, 5),
    ("terms", 10, DEBTS, SCENARIOS, 10),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    figures = []
    print(
        f"{'dimension':<10} {'size':>5} {'terms':>6} {'load':>7} {'plan':>7} {'scenarios':>10} {'nothing':>8} {'total':>7}"
    )
    for dimension, size, debts, scenarios, terms_each in SIZES:
        profile = profile_at_caps(debts, scenarios, terms_each)
        load_s, (h, errors) = timed(lambda profile=profile: load(profile), runs)
        assert not errors, errors[:3]
        plan_s, plan = timed(lambda h=h: household_plan(h, h.plan_settings), runs)
        sim_s, results = timed(lambda h=h, plan=plan: simulate_all(h, comparison(h, plan)), runs)
        nothing_s, _ = timed(lambda h=h: do_nothing(h), runs)
        total = load_s + plan_s + sim_s + nothing_s
        terms = len(profile.section("terms"))
        print(
            f"{dimension:<10} {size:>5} {terms:>6} {load_s:>6.3f}s {plan_s:>6.3f}s {sim_s:>9.3f}s {nothing_s:>7.3f}s "
            f"{total:>6.3f}s  ({len(results)} results)"
        )
        figures.append(f"growth_{dimension}_{size}_seconds={total:.3f}")
    print(" ".join(figures))


if __name__ == "__main__":
    main()
