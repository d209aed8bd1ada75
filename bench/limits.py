"""A profile at the caps (core.profiles.profile.MAX_ROWS): 100 debts x 20 scenarios, 200 terms.

Measures, each in a fresh process so peak memory is the page's own:
1. ``python -m core simulate`` on the profile (all 21 scenarios with the status quo);
2. the Scenarios page's first run (AppTest, nothing cached): seconds and peak RSS;
3. every other page's first run (seconds): every page of app_pages/.
``--before PATH`` measures the pages of an older checkout too, alternating run by run, and
prints both medians of ``--runs``; ``--pages a,b`` measures only those pages.
The last line is ``limits_simulate_seconds=<s> limits_scenarios_page_seconds=<s>
limits_scenarios_page_peak_mib=<MiB> limits_pages_max_seconds=<s>``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.profiles.profile import LENDER_TYPES, MAX_ROWS, Profile, normalize_section  # noqa: E402
from core.profiles.workbook import profile_to_xlsx  # noqa: E402

DEBTS = MAX_ROWS["debts"]
SCENARIOS = MAX_ROWS["scenarios"]
PAGES = (
    "overview",
    "worksheet",
    "assets",
    "debts",
    "plan",
    "scenarios",
    "readiness",
    "letters",
    "contacts",
    "evidence",
    "next_steps",
    "report",
    "progress",
    "recovery",
    "calculator",
    "history",
)


def profile_at_caps() -> Profile:
    debts = []
    for i in range(DEBTS):
        kind = LENDER_TYPES[i % 3]  # online lending, cards, bank consumer loans
        debts.append(
            {
                "name": f"债务{i + 1:03d}",
                "lender": f"机构{i % 37}",
                "lender_type": kind,
                "principal": 3_000 + 997 * (i % 41),
                "rate": 7.2 + (i % 12) * 2.1,
                "method": "revolving" if kind == "credit_card" else "annuity",
                "months": None if kind == "credit_card" else 6 + (i * 7) % 54,
                "overdue_principal": 200.0 if i % 5 == 0 else 0.0,
                "days_overdue": 45 if i % 5 == 0 else 0,
            }
        )
    worksheet = [
        {"category": "工资", "direction": "income", "amount": 38_000, "frequency": "monthly"},
        {"category": "房租", "direction": "expense", "amount": 4_500, "frequency": "monthly"},
        {"category": "生活", "direction": "expense", "amount": 3_000, "kind": "variable", "frequency": "monthly"},
        {"category": "学费", "direction": "expense", "amount": 6_000, "frequency": "one_off", "month": "2027-09"},
    ]
    scenarios, terms = [], []
    kinds = ("freeze", "extension", "rate_cut", "waiver", "settlement", "fee", "deferral", "reduction")
    for s in range(SCENARIOS):
        name = f"方案{s + 1:02d}"
        scenarios.append({"name": name, "strategy": ("savings", "avalanche", "snowball")[s % 3]})
        for j in range(10):
            debt = f"债务{(s * 10 + j) % DEBTS + 1:03d}"
            kind = kinds[(s + j) % len(kinds)]
            row = {"scenario": name, "debt": debt, "term": kind}
            row.update(
                {
                    "freeze": {"months": 36},
                    "extension": {"months": 48},
                    "rate_cut": {"rate": 3.6},
                    "waiver": {"mode": "both"},
                    "settlement": {"percent": 60},
                    "fee": {"percent": 5, "mode": "added"},
                    "deferral": {"months": 6, "mode": "interest_only"},
                    "reduction": {"percent": 10},
                }[kind]
            )
            terms.append(row)
        terms.append({"scenario": name, "debt": "type:online_lending", "term": "freeze", "months": 24})
    profile = Profile(name="上限测试")
    for section, rows in (("debts", debts), ("worksheet", worksheet), ("scenarios", scenarios), ("terms", terms)):
        frame, errors = normalize_section(section, pd.DataFrame(rows))
        assert not errors, errors[:3]
        profile.sections[section] = frame
    return profile


_PAGE_RUN = """
import os, resource, sys, time
sys.path.insert(0, {root!r})
from streamlit.testing.v1 import AppTest
from core.profiles.store import Store, default_db_path
from core.profiles.workbook import profile_from_xlsx
profile, _ = profile_from_xlsx(open({path!r}, "rb").read())
store = Store(default_db_path())
pid = store.create(profile)
store.set_meta("active_profile", str(pid))
at = AppTest.from_file({app!r}, default_timeout=600).run()
assert not at.exception, at.exception
if {warm!r}:  # the next page chosen once the first has loaded the others' modules (ui/warmup.py)
    import threading
    for thread in threading.enumerate():
        if thread.name == "repay-planner-warm-up":
            thread.join()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
at.switch_page("app_pages/{page}.py").run()
seconds = time.perf_counter() - started
assert not at.exception, [e.value for e in at.exception]
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, base / 1024)
"""


def page_run(path: Path, page: str, root: Path = ROOT, warm: bool = False) -> tuple[float, float]:
    """A page's first run after the Overview's, in a fresh process: seconds and peak RSS (MiB).
    ``warm``: switched to once the background loading of the heavier modules has finished
    (ui/warmup.py, which starts 2 s after the first page), as a user reading the first page
    would; otherwise at once, so the page may also wait for a module it imports first."""
    with tempfile.TemporaryDirectory() as folder:
        code = _PAGE_RUN.format(root=str(root), path=str(path), app=str(root / "app.py"), page=page, warm=warm)
        env = {**os.environ, "REPAY_PLANNER_DATA": folder}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False, cwd=root
        )
        if out.returncode:
            raise SystemExit(f"{page}: {out.stderr[-2000:]}")
        seconds, peak, _ = (float(x) for x in out.stdout.split()[-3:])
        return seconds, peak


def compare(path: Path, before: Path, pages: list[str], runs: int, warm: bool) -> None:
    """Each page's first run on an older checkout and on this one, alternating run by run."""
    times: dict[str, dict[str, list[float]]] = {page: {"before": [], "after": []} for page in pages}
    for _ in range(runs):
        for page in pages:
            for name, root in (("before", before), ("after", ROOT)):
                times[page][name].append(page_run(path, page, root, warm)[0])
    print(f"page first runs, medians of {runs} (before {before} / after this checkout):")
    for page in pages:
        b, a = (statistics.median(times[page][name]) for name in ("before", "after"))
        print(f"  {page:<11} {b:6.2f} s -> {a:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="an older checkout, measured alternately with this one")
    parser.add_argument("--pages", help="only these pages, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each page with --before")
    parser.add_argument("--warm", action="store_true", help="each page chosen once the background loading is done")
    args = parser.parse_args()
    profile = profile_at_caps()
    if args.before or args.pages:
        pages = args.pages.split(",") if args.pages else list(PAGES)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "caps.xlsx"
            path.write_bytes(profile_to_xlsx(profile))
            if args.before:
                compare(path, args.before.resolve(), pages, args.runs, args.warm)
            else:
                for page in pages:
                    seconds, peak = page_run(path, page, warm=args.warm)
                    print(f"  {page} page first run: {seconds:.2f} s, peak RSS {peak:.0f} MiB")
        return
    profile = profile_at_caps()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "caps.xlsx"
        path.write_bytes(profile_to_xlsx(profile))
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "core", "simulate", str(path), "--json"], capture_output=True, text=True, cwd=ROOT
        )
        simulate_seconds = time.perf_counter() - started
        assert out.returncode == 0, out.stderr
        results = json.loads(out.stdout)
        print(f"profile: {DEBTS} debts, {SCENARIOS} scenarios, {len(profile.section('terms'))} terms")
        print(f"python -m core simulate (process, {len(results)} scenarios): {simulate_seconds:.2f} s")
        sc_seconds, sc_peak = page_run(path, "scenarios")
        print(f"Scenarios page first run: {sc_seconds:.2f} s, peak RSS {sc_peak:.0f} MiB")
        times = {}
        for page in PAGES:
            if page != "scenarios":
                times[page], _ = page_run(path, page)
                print(f"  {page} page first run: {times[page]:.2f} s")
    slowest = max(times.values())
    print(
        f"limits_simulate_seconds={simulate_seconds:.2f} limits_scenarios_page_seconds={sc_seconds:.2f} "
        f"limits_scenarios_page_peak_mib={sc_peak:.0f} limits_pages_max_seconds={slowest:.2f}"
    )


if __name__ == "__main__":
    main()
