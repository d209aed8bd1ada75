"""Benchmarks for the negotiated-terms simulator (issue 4).

1. The Scenarios page re-run, measured with AppTest, for the sample household with seven
   rows (the status quo, the household plan, the four ready-made scenarios and a staged
   plan with snowball): the
   first run after the scenarios change (nothing cached) and a plain re-run (a widget
   touched; results cached by the profile's version). Target: re-run <= 0.3 s.
2. The heat-map sweep: 2,000 term x rate combinations (rates to 0.01 %, as the page
   offers them) for every debt of the sample household. Target: <= 0.5 s.
The last line is ``page_rerun_seconds=<s> page_first_run_seconds=<s> sweep_seconds=<s>``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.household.loader import load  # noqa: E402
from core.profiles.profile import normalize_section  # noqa: E402
from core.profiles.store import Store, default_db_path  # noqa: E402
from core.profiles.workbook import profile_from_xlsx  # noqa: E402
from core.simulation.negotiate import sweep  # noqa: E402
from core.simulation.presets import PRESETS, preset_rows  # noqa: E402


def sample_with_scenarios():
    profile, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    scenarios, terms = [], []
    for key in PRESETS:
        scenario, rows = preset_rows(key, load(profile)[0], "zh")
        scenarios.append(scenario)
        terms += rows
    scenarios.append({"name": "分阶段", "strategy": "snowball"})
    terms += [
        {"scenario": "分阶段", "debt": "微粒贷", "term": "freeze", "months": 24},
        {"scenario": "分阶段", "debt": "微粒贷", "term": "stage", "months": 6, "amount": 300},
        {"scenario": "分阶段", "debt": "微粒贷", "term": "stage", "amount": 1200},
    ]
    profile.sections["scenarios"] = normalize_section("scenarios", pd.DataFrame(scenarios))[0]
    profile.sections["terms"] = normalize_section("terms", pd.DataFrame(terms))[0]
    return profile


def bench_page(profile) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        os.environ["REPAY_PLANNER_DATA"] = folder
        store = Store(default_db_path())
        pid = store.create(profile)
        store.set_meta("active_profile", str(pid))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        at.switch_page("app_pages/scenarios.py").run()
        assert not at.exception, at.exception
        table = next(
            d.value for d in at.table if "方案" in d.value.columns
        )  # drawn with st.table (ui.common.money_table)
        assert len(table) == 7, table  # the status quo, the household plan and five of its own
        first, rerun = [], []
        for i in range(5):
            # A change to the scenarios (a new version of the profile): nothing is cached.
            store.save_section(pid, "scenarios", profile.section("scenarios"))
            started = time.perf_counter()
            at.run()
            first.append(time.perf_counter() - started)
            for _ in range(3):
                started = time.perf_counter()
                at.number_input(key="sc.margin").set_value(float(i % 2)).run()  # margin 0/1 yuan: cached after once
                rerun.append(time.perf_counter() - started)
        return statistics.median(first), statistics.median(rerun)


def bench_sweep(profile) -> float:
    h, _ = load(profile)
    months = np.arange(3, 123, 3)  # 40 terms
    rates = np.round(
        np.linspace(0, 36, 50), 2
    )  # 50 rates, to 0.01 % as the page offers them (core.simulation.negotiate.axis_values)
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        grid = sweep(h, h.names, months, rates, "rate")
        best = min(best, time.perf_counter() - started)
    assert grid.combinations == 2000
    print(f"sweep: {grid.combinations:,} combinations x {len(h.names)} debts, {int(grid.feasible.sum())} feasible")
    return best


def main() -> None:
    profile = sample_with_scenarios()
    sweep_seconds = bench_sweep(profile)
    print(f"heat-map sweep (best of 5): {sweep_seconds:.3f} s")
    first, rerun = bench_page(profile)
    print(
        f"Scenarios page, 7 scenarios, AppTest: first run after a change {first:.3f} s, re-run {rerun:.3f} s (medians)"
    )
    print(f"page_rerun_seconds={rerun:.3f} page_first_run_seconds={first:.3f} sweep_seconds={sweep_seconds:.3f}")


if __name__ == "__main__":
    main()
