"""How long keeping the plan takes at the app's limits: 100 debts each with an agreement
and the payments table full (10,000 payments over years), then

- progress: load the profile, every agreement against every payment, as of a day;
- recovery: the catch-up and the broken-arrangement projection for every lender behind;
- matching: a 50,000-row statement with 5,000 repayments (to those lenders, to others,
  and to no lender named) matched against the 10,000 payments recorded;
- the pages that show them (Progress, Missed payments & review, the Overview), each run
  once in a fresh process through AppTest, as bench/limits.py does.

Targets: progress and recovery under 1 s; matching under 2 s; each page under 3 s.
Medians of 5 (the pages: one run each).

Run: python bench/tracking.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.limits import page_run  # noqa: E402
from core.household.loader import load  # noqa: E402
from core.imports.result import ImportResult, Transaction  # noqa: E402
from core.profiles.profile import MAX_ROWS, Profile, normalize_section  # noqa: E402
from core.profiles.workbook import profile_to_xlsx  # noqa: E402
from core.simulation.plan import household_plan  # noqa: E402
from core.tracking.matching import match  # noqa: E402
from core.tracking.progress import progress  # noqa: E402
from core.tracking.recovery import broken_projection, catch_up  # noqa: E402
from core.tracking.review import review_check  # noqa: E402

DEBTS = 100
AS_OF = dt.date.today()  # the pages look at today: the agreements run up to it
FIRST = dt.date(AS_OF.year, AS_OF.month, 1) - dt.timedelta(days=30 * 101)  # about 100 months before


def profile() -> Profile:
    debts = [{"name": f"债务{i + 1}", "lender": f"机构{i + 1}", "lender_type": "online_lending", "principal": 20_000,
              "rate": 12, "months": 36, "first_month": FIRST.strftime("%Y-%m"), "due_day": 1 + i % 28}
             for i in range(DEBTS)]  # fmt: skip
    agreed = [{"debt": f"债务{i + 1}", "payment": 200, "months": 120, "frozen": i % 2 == 0,
               "first_month": FIRST.strftime("%Y-%m")} for i in range(DEBTS)]  # fmt: skip
    per = MAX_ROWS["payments"] // DEBTS  # 100 payments each: 100 months, one in seven missed
    payments = [{"debt": f"债务{i + 1}", "date": (FIRST + dt.timedelta(days=30 * k)).isoformat(),
                 "amount": 200} for i in range(DEBTS) for k in range(per) if (k + i) % 7]  # fmt: skip
    worksheet = [{"category": "工资", "direction": "income", "amount": 60_000}, {"category": "房租", "amount": 20_000}]
    sections = {name: normalize_section(name, pd.DataFrame(rows))[0] for name, rows in
                (("debts", debts), ("agreed", agreed), ("payments", payments), ("worksheet", worksheet))}  # fmt: skip
    return Profile("bench", sections)


def statement() -> ImportResult:
    tx = []
    for k in range(50_000):
        day = AS_OF - dt.timedelta(days=k % 365)
        if k % 10 == 0:
            who = ("借呗", f"机构{1 + k % DEBTS}", "")[k % 3]
            tx.append(Transaction(k + 1, day, -20_000, f"{who} 还款", "", neutral="debt", ref=f"R{k}"))
        else:
            tx.append(Transaction(k + 1, day, -3_650, "美团外卖 午餐", "餐饮", ref=f"R{k}"))
    return ImportResult("statement", "bank", transactions=tx)


def timed(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    prof, result = profile(), statement()
    h, _ = load(prof)
    plan = household_plan(h, h.plan_settings)
    p = progress(h, AS_OF)
    assert len(p.lenders) == DEBTS and len(h.payments) > 8_000

    def recover():
        q = progress(h, AS_OF)
        for lp in q.late:
            catch_up(h, plan, lp)
            broken_projection(h, lp)
        review_check(h, plan, AS_OF)

    load_seconds = timed(lambda: load(prof))
    progress_seconds = timed(lambda: progress(h, AS_OF))
    recovery_seconds = timed(recover)
    match_seconds = timed(lambda: match(h, result))
    found = match(h, result)
    print(f"{DEBTS} debts, {len(h.payments):,} payments, {len(p.late)} lenders behind")
    print(f"load the profile: {load_seconds:.2f} s")
    print(f"progress, every lender: {progress_seconds:.3f} s")
    print(f"progress + catch-up + broken projection for each lender behind + review: {recovery_seconds:.3f} s")
    print(f"match {len(result.transactions):,} rows ({len(found):,} repayments): {match_seconds:.3f} s")
    pages = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tracking.xlsx"
        path.write_bytes(profile_to_xlsx(prof))
        for page in ("progress", "recovery", "overview"):
            pages[page], peak = page_run(path, page)
            print(f"  {page} page first run: {pages[page]:.2f} s, peak RSS {peak:.0f} MiB")
    print(f"tracking_load_seconds={load_seconds:.3f} tracking_progress_seconds={progress_seconds:.3f} "
          f"tracking_recovery_seconds={recovery_seconds:.3f} tracking_match_seconds={match_seconds:.3f} "
          f"tracking_pages_max_seconds={max(pages.values()):.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
