"""ui/charthint.py: a chart page's HTML names plotly's script to the browser; no other does."""

import asyncio
import re
import threading
from pathlib import Path

from ui.charthint import CHART_PAGES, ChartScriptHint, chart_script

ROOT = Path(__file__).resolve().parent.parent


def _get(path: str, base_path: str = "", status: int = 200) -> list:
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"<html></html>"})

    async def send(message):
        sent.append(message)

    async def receive():
        return {}

    scope = {"type": "http", "path": path, "headers": []}
    # In a thread of its own: another test (Playwright) may leave a loop running in this one.
    worker = threading.Thread(target=asyncio.run, args=(ChartScriptHint(app, base_path)(scope, receive, send),))
    worker.start()
    worker.join(timeout=10)
    return dict(sent[0]["headers"]).get(b"link")


def test_the_chart_pages_are_the_pages_that_draw_charts():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    paths = dict(re.findall(r'"app_pages/(\w+)\.py".*?url_path="([\w-]+)"', app, flags=re.S))
    drawing = {paths[p.stem] for p in (ROOT / "app_pages").glob("*.py") if "st.plotly_chart(" in p.read_text("utf-8")}
    assert drawing == CHART_PAGES


def test_a_chart_page_names_the_installed_plotly_script():
    script = chart_script()
    assert script is not None
    assert _get("/scenarios") == f"</{script}>; rel=modulepreload".encode()
    assert _get("/plan") == _get("/scenarios")
    assert _get("/app/scenarios", base_path="app/") == f"</app/{script}>; rel=modulepreload".encode()


def test_no_other_address_gets_it():
    for path in ("/", "/home", "/overview", "/worksheet", "/static/js/x.js", "/scenarios/x"):
        assert _get(path) is None, path
    assert _get("/scenarios", status=304) is None
