"""A page opened afresh: the browser starts on the heavy scripts that page needs with the page.

Streamlit's browser code loads the code of an element (plotly's charts, the interactive
table) only when the first such element arrives from the script: it then fetches and
compiles it while the page waits. Plotly's script is 4.7 MB (about a second to read and
compile on a small laptop; on Scenarios, which draws a chart when one is chosen, that second
came after the click). For the address of a page that draws charts, ``ScriptHints`` (ASGI
middleware, server.py) adds a ``Link: <…>; rel=modulepreload`` header to the page's HTML
naming those scripts: the browser fetches and compiles them in the background while
Streamlit's own code loads and the script runs, and uses them from there when the element comes (the same scripts Streamlit itself
would ask for then). Nothing on any page changes. Which files: read from the manifest
Streamlit's build ships (static/manifest.json, Vite's): the element's chunk and the chunks it
imports that the main bundle does not; none when it is missing or has no such element.
The Overview's interactive tables (1.2 MB of scripts) are not named: loaded alongside
Streamlit's own code they made the first page slower on a busy two-core machine, not faster.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit

STATIC = Path(streamlit.__file__).parent / "static"
CHART = "PlotlyChart"  # Streamlit's chunk for st.plotly_chart
# The pages (their url_path in app.py) and the heavy elements they draw, or may draw.
PAGE_ELEMENTS = {
    "plan": (CHART,),
    "scenarios": (CHART,),
    "progress": (CHART,),
    "recovery": (CHART,),
    "calculator": (CHART,),
}


def element_scripts(name: str, manifest: dict | None = None) -> list[str]:
    """The files (under the static folder) the browser loads for one of Streamlit's element
    chunks: the chunk and what it imports beyond the main bundle, or [] if not found."""
    if manifest is None:
        try:
            manifest = json.loads((STATIC / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
    entry = next((key for key, item in manifest.items() if item.get("isEntry")), None)
    if entry is None:
        return []

    def closure(key: str, seen: set[str]) -> set[str]:
        for dep in manifest.get(key, {}).get("imports", []):
            if dep not in seen:
                seen.add(dep)
                closure(dep, seen)
        return seen

    loaded = closure(entry, {entry})
    chunk = next(
        (key for key in manifest[entry].get("dynamicImports", []) if manifest.get(key, {}).get("name") == name), None
    )
    if chunk is None:
        return []
    keys = [chunk] + sorted(closure(chunk, set()) - loaded)
    files = [manifest[key].get("file", "") for key in keys]
    return [f for f in files if f.endswith(".js") and (STATIC / f).is_file()]


class ScriptHints:
    """ASGI middleware: the Link header on the HTML of a page in PAGE_ELEMENTS (a GET of ``/<page>``)."""

    def __init__(self, app, base_path: str = ""):
        self.app = app
        base = "/" + base_path.strip("/") if base_path.strip("/") else ""
        scripts = {name: element_scripts(name) for name in {n for names in PAGE_ELEMENTS.values() for n in names}}
        self.headers = {}
        for page, names in PAGE_ELEMENTS.items():
            files = [f for name in names for f in scripts[name]]
            if files:
                link = ", ".join(f"<{base}/{f}>; rel=modulepreload" for f in files)
                self.headers[f"{base}/{page}"] = link.encode("latin-1")

    async def __call__(self, scope, receive, send):
        header = self.headers.get(scope.get("path")) if scope["type"] == "http" else None
        if header is None:
            return await self.app(scope, receive, send)

        async def send_with_hint(message):
            if message["type"] == "http.response.start" and message.get("status") == 200:
                message = {**message, "headers": [*message.get("headers", []), (b"link", header)]}
            await send(message)

        return await self.app(scope, receive, send_with_hint)
