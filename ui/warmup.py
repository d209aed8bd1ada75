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

import contextlib
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
    with contextlib.suppress(Exception):  # a chart that fails is drawn again, with its error shown, where used
        _first_figure()
    keep_loaded()  # their objects left out of the full collection after each run (ui/preload.py)


def _first_figure() -> None:
    """Build and serialize one throwaway figure with the parts the app's charts use
    (core/paperwork/charts.py: stacked panels, bars, lines, a date axis, a unified hover):
    plotly sets up the checks of each property the first time it is used in a process,
    more than a second for the first chart, which otherwise fell on the first chart chosen."""
    import plotly.io as pio
    from plotly.subplots import make_subplots

    months = ["2027-01-01", "2027-02-01"]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07, row_heights=[0.3, 0.3, 0.4],
                        subplot_titles=("a", "b", "c"))  # fmt: skip
    fig.add_bar(x=months, y=[1.0, 2.0], name="a", marker_color="#0072B2", hovertemplate="%{y}", row=1, col=1)
    fig.add_scatter(x=months, y=[1.0, 2.0], name="b", mode="lines+markers", line={"color": "#000000", "width": 2,
                    "dash": "dash"}, customdata=["1", "2"], hovertemplate="%{customdata}", row=2, col=1)  # fmt: skip
    fig.add_hline(y=1.0, line_dash="dot", line_color="#D55E00", row=3, col=1)
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10}, barmode="stack", bargap=0.05,
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}, hovermode="x unified",
                      yaxis_title="a", yaxis_tickformat=",.0f",
                      yaxis2={"overlaying": "y", "side": "right", "showgrid": False, "rangemode": "tozero"})  # fmt: skip
    fig.update_xaxes(type="date", tickformat="%Y-%m", hoverformat="%Y-%m")
    fig.update_yaxes(title_text="a", tickformat=",.0f", row=2, col=1)
    pio.to_json(fig, validate=False)
