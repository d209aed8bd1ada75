"""A profile at the caps (core.profiles.profile.MAX_ROWS): 100 debts x 20 scenarios, 200 terms.

Measures, each in a fresh process so peak memory is the page's own:
1. ``python -m core simulate`` on the profile (all 21 scenarios with the status quo);
2. the Scenarios page's first run (AppTest, nothing cached): seconds and peak RSS;
3. every other page's first run (seconds): every page of app_pages/.
Each page's time is given on the wall clock and in CPU seconds (steadier on a shared machine);
the Scenarios page's also split by what it calls.
``--before PATH`` measures the pages of an older checkout too, alternating run by run, and
prints both medians of ``--runs``; ``--pages a,b`` measures only those pages.
The last line is ``limits_simulate_seconds=<s> limits_simulate_process_seconds=<s> limits_scenarios_page_seconds=<s>
limits_scenarios_page_peak_mib=<MiB> limits_pages_max_seconds=<s> limits_scenarios_page_cpu_seconds=<s>
limits_pages_max_cpu_seconds=<s>``.
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


def profile_at_caps(n_debts: int = DEBTS, n_scenarios: int = SCENARIOS, terms_each: int = 10) -> Profile:
    """The profile at the caps; smaller sizes (bench/growth.py) are built the same way."""
    debts = []
    for i in range(n_debts):
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
    for s in range(n_scenarios):
        name = f"方案{s + 1:02d}"
        scenarios.append({"name": name, "strategy": ("savings", "avalanche", "snowball")[s % 3]})
        for j in range(terms_each):
            debt = f"债务{(s * terms_each + j) % n_debts + 1:03d}"
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
import functools, importlib, json, os, resource, sys, time
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
split = {{}}
def timed(name, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.thread_time()  # the CPU time of the page's thread, whatever else the machine does
        try:
            return fn(*args, **kwargs)
        finally:
            split[name] = split.get(name, 0.0) + time.thread_time() - start
    return wrapper
for name in {split!r}:
    module, _, attr = name.partition(":")
    owner, *rest = attr.split(".")
    holder = importlib.import_module(module)
    target = getattr(holder, owner) if rest else holder
    setattr(target, rest[0] if rest else owner, timed(name, getattr(target, rest[0] if rest else owner)))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started, cpu = time.perf_counter(), time.process_time()
at.switch_page("app_pages/{page}.py").run()
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
assert not at.exception, [e.value for e in at.exception]
print(json.dumps(split))
print(seconds, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, base / 1024)
"""

# Where the Scenarios page's time goes (CPU seconds of the page's thread): the functions it
# calls that the page does not own, the rest being the page's own drawing.
SCENARIOS_SPLIT = (
    "core.simulation.simulate:simulate",  # the 21 scenarios (and the status quo)
    "core.loans.track:Track.offer_apr",  # a true rate (IRR) per negotiated offer, for the offers table
    "core.simulation.negotiate:what_to_ask",  # the three asks
    "ui.common:plain_table",  # the comparison and offers tables
)


def page_measure(path: Path, page: str, root: Path = ROOT, warm: bool = False, split=()) -> dict:
    """A page's first run after the Overview's, in a fresh process: ``seconds`` (wall clock),
    ``cpu`` (the process's CPU seconds: steadier than the wall clock on a shared machine),
    ``peak`` (peak RSS, MiB) and ``split`` (CPU seconds in each function named in ``split``,
    "module:function" or "module:Class.method"). ``warm``: switched to once the background
    loading of the heavier modules has finished (ui/warmup.py, which starts 2 s after the first
    page), as a user reading the first page would; otherwise at once, so the page may also
    wait for a module it imports first, or share the processor with that loading."""
    with tempfile.TemporaryDirectory() as folder:
        code = _PAGE_RUN.format(
            root=str(root), path=str(path), app=str(root / "app.py"), page=page, warm=warm, split=list(split)
        )
        env = {**os.environ, "REPAY_PLANNER_DATA": folder}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False, cwd=root
        )
        if out.returncode:
            raise SystemExit(f"{page}: {out.stderr[-2000:]}")
        *_, parts, figures = out.stdout.strip().splitlines()
        seconds, cpu, peak, _ = (float(x) for x in figures.split())
        return {"seconds": seconds, "cpu": cpu, "peak": peak, "split": json.loads(parts)}


def page_run(path: Path, page: str, root: Path = ROOT, warm: bool = False) -> tuple[float, float]:
    """A page's first run (page_measure): seconds and peak RSS (MiB)."""
    run = page_measure(path, page, root, warm)
    return run["seconds"], run["peak"]


def compare(path: Path, before: Path, pages: list[str], runs: int, warm: bool) -> None:
    """Each page's first run on an older checkout and on this one, alternating run by run."""
    runs_of: dict[tuple[str, str], list[dict]] = {}
    for _ in range(runs):
        for page in pages:
            for name, root in (("before", before), ("after", ROOT)):
                runs_of.setdefault((page, name), []).append(page_measure(path, page, root, warm))
    print(f"page first runs, medians of {runs}, wall clock (CPU): before {before} -> after this checkout")
    for page in pages:
        b, a = ({k: statistics.median(r[k] for r in runs_of[page, name]) for k in ("seconds", "cpu", "peak")}
                for name in ("before", "after"))  # fmt: skip
        print(f"  {page:<11} {b['seconds']:5.2f} s ({b['cpu']:.2f} s) -> {a['seconds']:5.2f} s ({a['cpu']:.2f} s);"
              f" peak RSS {b['peak']:.0f} -> {a['peak']:.0f} MiB")  # fmt: skip


def _simulate_in_process(path: Path, runs: int = 5) -> float:
    """The simulate command's own work, once its modules are loaded: median of ``runs``."""
    import contextlib
    import io
    import statistics

    from core.cli import main as cli

    times = []
    for _ in range(runs + 1):  # the first run loads what the command imports when it runs
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli(["simulate", str(path), "--json"]) == 0
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="an older checkout, measured alternately with this one")
    parser.add_argument("--pages", help="only these pages, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each page with --before")
    parser.add_argument("--warm", action="store_true", help="each page chosen once the background loading is done")
    args = parser.parse_args()
    profile = profile_at_caps()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "caps.xlsx"
        path.write_bytes(profile_to_xlsx(profile))
        if args.before or args.pages:
            pages = args.pages.split(",") if args.pages else list(PAGES)
            if args.before:
                compare(path, args.before.resolve(), pages, args.runs, args.warm)
            else:
                for page in pages:
                    run = page_measure(path, page, warm=args.warm)
                    print(f"  {page} page first run: {run['seconds']:.2f} s (CPU {run['cpu']:.2f} s), "
                          f"peak RSS {run['peak']:.0f} MiB")  # fmt: skip
            return
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "core", "simulate", str(path), "--json"], capture_output=True, text=True, cwd=ROOT
        )
        process_seconds = time.perf_counter() - started
        assert out.returncode == 0, out.stderr
        results = json.loads(out.stdout)
        simulate_seconds = _simulate_in_process(path)
        print(f"profile: {DEBTS} debts, {SCENARIOS} scenarios, {len(profile.section('terms'))} terms")
        print(
            f"repay-planner simulate ({len(results)} rows): {simulate_seconds:.2f} s its own work (reading the "
            f"workbook, the plan, every scenario, 'do nothing', the JSON; median of 5); {process_seconds:.2f} s as a "
            "new process (Python and its imports included)"
        )
        sc = page_measure(path, "scenarios", warm=args.warm, split=SCENARIOS_SPLIT)
        print(f"Scenarios page first run: {sc['seconds']:.2f} s (CPU {sc['cpu']:.2f} s), peak RSS {sc['peak']:.0f} MiB")
        for name, cpu in sc["split"].items():
            print(f"    of which {name}: CPU {cpu:.2f} s")
        times, cpus = {}, {}
        for page in PAGES:
            if page != "scenarios":
                run = page_measure(path, page, warm=args.warm)
                times[page], cpus[page] = run["seconds"], run["cpu"]
                print(f"  {page} page first run: {times[page]:.2f} s (CPU {cpus[page]:.2f} s)")
    slowest = max(times, key=times.get)
    print(f"slowest other page: {slowest}")
    print(
        f"limits_simulate_seconds={simulate_seconds:.2f} limits_simulate_process_seconds={process_seconds:.2f} "
        f"limits_scenarios_page_seconds={sc['seconds']:.2f} "
        f"limits_scenarios_page_peak_mib={sc['peak']:.0f} limits_pages_max_seconds={times[slowest]:.2f} "
        f"limits_scenarios_page_cpu_seconds={sc['cpu']:.2f} limits_pages_max_cpu_seconds={max(cpus.values()):.2f}"
    )


if __name__ == "__main__":
    main()
