"""Once the first page is drawn, load in the background what the other pages will need.

The Overview needs none of these; the first visit to Scenarios (its charts: plotly's
figure classes; true rates: scipy's root finder, about a second to import), Worksheet (the
spreadsheet reader) or a spreadsheet export (openpyxl) would otherwise wait for them.

Started once per server process, DELAY seconds after the first page's script has finished:
on a two-core laptop, loading them while the browser is still drawing that first page made
it a second slower (bench/first_paint.py), and nobody opens the next page that soon. A page
that needs a module still loading simply waits for it (Python's import lock); a module
that fails to load here is loaded again, with its error shown, where it is used.
"""

from __future__ import annotations

import importlib
import threading

from ui.preload import keep_loaded

# Third-party packages only: they never import the app's own modules, so a page importing
# one of these while this thread does simply waits for it (no two imports in opposite
# orders, which Python would break with an error on one side).
MODULES = ("plotly.graph_objects", "scipy.optimize", "openpyxl", "python_calamine")
DELAY = 2.0  # seconds

_lock = threading.Lock()
_started = False


def warm_up() -> None:
    """Start the background loading once; later calls do nothing."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
    timer = threading.Timer(DELAY, _load)
    timer.name, timer.daemon = "repay-planner-warm-up", True
    timer.start()


def _load() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - loaded again, with its error shown, where it is used
            continue
    keep_loaded()  # their objects left out of the full collection after each run (ui/preload.py)
