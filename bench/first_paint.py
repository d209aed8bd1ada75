"""First paint, in Debian's Chromium: how long a person waits for the first page.

1. From starting the server (``streamlit run server.py``) to the Overview fully drawn: the
   first visit after the app is started.
2. A fresh browser session opening the Scenarios page on the running server (nothing of
   the session kept, not even the browser's cache), opened READ seconds after the first
   page was drawn: the time a person takes to read it before going on.
3. Where that page draws its chart only when one is chosen (it opens on the comparison),
   the time from choosing the first chart to the page fully drawn again, in that same
   fresh session: the cost the lighter first view moves to the click.
4. The floor: a bare one-line Streamlit app (a title, nothing else) served and measured the
   same way, alternating with the app run by run; the app's first paint is also printed as
   a ratio to it (issue 27's goal: at most 1.3).
"Fully drawn" is the same test for any page and any version: the script has finished, no
element is still waiting for its code (Streamlit's loading skeleton), every plotly chart
has drawn its SVG and every interactive table in view (not in a closed panel) its canvas.
Each is run ``--runs`` times (default 3) on an empty data folder (the sample household);
the medians are printed, the last line as ``first_paint_seconds=<s> scenarios_fresh_seconds=<s>
scenarios_chart_on_request_seconds=<s> bare_first_paint_seconds=<s> first_paint_ratio=<x>``.

    .venv/bin/python bench/first_paint.py [--runs 3] [--root PATH]

``--root`` measures another checkout; ``--before PATH`` measures an older checkout too,
alternating run by run with this one (the machine's drift then falls on both alike), and
prints both medians: ``before_first_paint_seconds=... before_scenarios_fresh_seconds=...``.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
READ = 5  # seconds spent on the first page before the second session opens
PICKER = ".st-key-sc-chart button"  # Scenarios' chart picker
CHART_DRAWN = "() => document.querySelector('.js-plotly-plot .main-svg') !== null"
DRAWN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector("[data-testid='stStatusWidgetRunningIcon'], [data-testid='stSkeleton']")) return false;
  if (!document.querySelector('h1')) return false;
  const holders = document.querySelectorAll("[data-testid='stPlotlyChart']");
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  if (charts.length < holders.length || !charts.every(c => c.querySelector('.main-svg'))) return false;
  const tables = [...document.querySelectorAll("[data-testid='stDataFrame']")].filter(t => t.checkVisibility());
  return tables.every(t => t.querySelector('canvas'));
}"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BARE = 'import streamlit as st\n\nst.title("还款规划")\n'  # the floor: a Streamlit page with a title


def _start(root: Path, data: Path, script: str = "server.py") -> tuple[subprocess.Popen, str]:
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=root, env={**os.environ, "REPAY_PLANNER_DATA": str(data)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return proc, url
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("the server stopped") from None
            time.sleep(0.05)


def _drawn(page) -> None:
    page.wait_for_function(DRAWN, timeout=120_000, polling=50)


def _open_drawn(browser, url: str) -> None:
    """A new browser session (nothing kept) opening ``url``, until it is fully drawn."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(url)
    _drawn(page)
    context.close()


def _measure(browser, root: Path) -> tuple[float, float, float, float | None]:
    """(server up, first paint, fresh Scenarios session, its first chart when chosen — None
    where the page draws it from the start), seconds, on a new data folder."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        proc, url = _start(root, Path(folder) / "data")
        up = time.perf_counter() - started
        try:
            _open_drawn(browser, url + "/?lang=zh")
            first = time.perf_counter() - started
            time.sleep(READ)
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            began = time.perf_counter()
            page.goto(url + "/scenarios?lang=zh")
            _drawn(page)
            fresh = time.perf_counter() - began
            chart = None  # a page that draws its chart when chosen: choosing the first one
            if not page.locator(".js-plotly-plot").count() and page.locator(PICKER).count():
                began = time.perf_counter()
                page.locator(PICKER).first.click()
                page.wait_for_function(CHART_DRAWN, timeout=120_000, polling=50)
                _drawn(page)
                chart = time.perf_counter() - began
            context.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return up, first, fresh, chart


def _measure_bare(browser, root: Path) -> float:
    """From starting a bare one-line Streamlit app, served the same way (from ``root``, with
    its Streamlit settings), to it drawn."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        started = time.perf_counter()
        proc, url = _start(root, Path(folder) / "data", str(script))
        try:
            _open_drawn(browser, url + "/")
            drawn = time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return drawn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--before", type=Path, default=None)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    roots = {"": args.root} | ({"before_": args.before} if args.before else {})
    figures: dict[str, list] = {name: [] for name in roots}
    bare: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for run in range(args.runs):
            bare.append(_measure_bare(browser, args.root))
            print(f"run {run + 1} bare Streamlit app: first paint {bare[-1]:.2f} s", flush=True)
            for name, root in roots.items():
                up, first, fresh, chart = _measure(browser, root)
                figures[name].append((first, fresh, chart))
                drawn = "drawn with the page" if chart is None else f"{chart:.2f} s after choosing it"
                print(f"run {run + 1} {name or 'this'}: server up {up:.2f} s, first paint {first:.2f} s, "
                      f"fresh Scenarios session {fresh:.2f} s, its chart {drawn}", flush=True)  # fmt: skip
        browser.close()
    line = []
    for name, values in figures.items():
        line.append(f"{name}first_paint_seconds={statistics.median(v[0] for v in values):.2f}")
        line.append(f"{name}scenarios_fresh_seconds={statistics.median(v[1] for v in values):.2f}")
        charts = [v[2] for v in values if v[2] is not None]
        if charts:
            line.append(f"{name}scenarios_chart_on_request_seconds={statistics.median(charts):.2f}")
    floor = statistics.median(bare)
    line.append(f"bare_first_paint_seconds={floor:.2f}")
    for name, values in figures.items():
        line.append(f"{name}first_paint_ratio={statistics.median(v[0] for v in values) / floor:.2f}")
    print(" ".join(line))


if __name__ == "__main__":
    main()
