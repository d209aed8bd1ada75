"""How long the full report takes: the sample household with four scenarios, built once,
then written as XLSX (native charts) and as offline HTML (plotly.js inlined).

Run: .venv/bin/python bench/report.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.household.loader import load  # noqa: E402
from core.paperwork.report import build, report_html, report_xlsx  # noqa: E402
from core.profiles.profile import normalize_section  # noqa: E402
from core.profiles.workbook import profile_from_xlsx  # noqa: E402
from core.simulation.presets import PRESETS, preset_rows  # noqa: E402


def sample_with_presets():
    profile, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    scenarios, terms = [], []
    for key in PRESETS:
        rows = preset_rows(key, load(profile)[0], "zh")
        if rows:
            scenarios.append(rows[0])
            terms += rows[1]
    profile.sections["scenarios"] = normalize_section("scenarios", pd.DataFrame(scenarios))[0]
    profile.sections["terms"] = normalize_section("terms", pd.DataFrame(terms))[0]
    return profile


def timed(fn, repeat=5):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    profile = sample_with_presets()
    build(profile)  # warm-up (imports)
    t_build, data = timed(lambda: build(profile))
    t_xlsx, xlsx = timed(lambda: report_xlsx(data))
    t_html, page = timed(lambda: report_html(data))
    print(f"scenarios: {len(data.results)}, months: {len(data.results[0].months)}")
    print(f"build (simulate every scenario): {t_build:.3f} s")
    print(f"XLSX: {t_xlsx:.3f} s, {len(xlsx) / 1024:.0f} KiB")
    print(f"HTML: {t_html:.3f} s, {len(page.encode()) / 1024 / 1024:.1f} MiB (plotly.js inlined)")


if __name__ == "__main__":
    main()
