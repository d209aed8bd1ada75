"""A page with charts opened afresh: the browser starts on plotly's script with the page.

Streamlit's browser code loads plotly (one 4.7 MB script, about a second to read and compile
on a small laptop) only when the first chart arrives: on Scenarios, which opens on its
comparison and draws a chart when one is chosen, that second came after the click. For an
address of a page that draws charts, ``ChartScriptHint`` (ASGI middleware, server.py) adds a
``Link: <…PlotlyChart….js>; rel=modulepreload`` header to the page's HTML: the browser
fetches and compiles the script in the background while the page loads, and runs it from
there when the chart comes. The Overview (the first page) draws no chart and gets no
header. Nothing on any page changes; a Streamlit without that script file gets no header.
"""

from __future__ import annotations

from pathlib import Path

import streamlit

# The pages (their url_path in app.py) that draw plotly charts (st.plotly_chart).
CHART_PAGES = frozenset({"plan", "scenarios", "progress", "recovery", "calculator"})


def chart_script() -> str | None:
    """The path of Streamlit's plotly script under its static folder (its name carries a hash
    of its content, so it is looked up in the installed Streamlit), or None."""
    found = sorted((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    return f"static/js/{found[0].name}" if len(found) == 1 else None


class ChartScriptHint:
    """ASGI middleware: the Link header on a chart page's HTML (a GET of ``/<page>``)."""

    def __init__(self, app, base_path: str = ""):
        self.app = app
        script = chart_script()
        base = "/" + base_path.strip("/") if base_path.strip("/") else ""
        self.header = None if script is None else f"<{base}/{script}>; rel=modulepreload".encode("latin-1")
        self.paths = frozenset(f"{base}/{page}" for page in CHART_PAGES)

    async def __call__(self, scope, receive, send):
        if self.header is None or scope["type"] != "http" or scope.get("path") not in self.paths:
            return await self.app(scope, receive, send)

        async def send_with_hint(message):
            if message["type"] == "http.response.start" and message.get("status") == 200:
                message = {**message, "headers": [*message.get("headers", []), (b"link", self.header)]}
            await send(message)

        return await self.app(scope, receive, send_with_hint)
