"""ui/scripthints.py: a page's HTML names the heavy element scripts that page needs; no other does."""

import asyncio
import re
import threading
from pathlib import Path

from ui.scripthints import CHART, PAGE_ELEMENTS, STATIC, ScriptHints, element_scripts

ROOT = Path(__file__).resolve().parent.parent


def _get(path: str, base_path: str = "", status: int = 200):
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
    worker = threading.Thread(target=asyncio.run, args=(ScriptHints(app, base_path)(scope, receive, send),))
    worker.start()
    worker.join(timeout=10)
    return dict(sent[0]["headers"]).get(b"link")


def _pages() -> dict[str, str]:
    """Each page file's url_path in app.py."""
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    return dict(re.findall(r'"app_pages/(\w+)\.py".*?url_path="([\w-]+)"', app, flags=re.S))


def test_the_pages_named_draw_those_elements():
    paths = _pages()
    drawing = {paths[p.stem] for p in (ROOT / "app_pages").glob("*.py") if "st.plotly_chart(" in p.read_text("utf-8")}
    assert drawing == {page for page, names in PAGE_ELEMENTS.items() if CHART in names}


def test_the_installed_streamlit_scripts_are_found():
    for name in (CHART, "DataFrame"):
        files = element_scripts(name)
        assert files and files[0].startswith(f"static/js/{name}.") and all((STATIC / f).is_file() for f in files)
        assert not any(Path(f).name.startswith("index.") for f in files)  # the main bundle is loaded already
    assert element_scripts("NoSuchElement") == []


def test_a_page_names_its_scripts():
    chart = element_scripts(CHART)
    assert _get("/scenarios") == ", ".join(f"</{f}>; rel=modulepreload" for f in chart).encode()
    assert _get("/plan") == _get("/scenarios")
    assert (
        _get("/app/scenarios", base_path="app/") == ", ".join(f"</app/{f}>; rel=modulepreload" for f in chart).encode()
    )


def test_no_other_address_gets_it():
    for path in ("/", "/home", "/overview", "/worksheet", "/static/js/x.js", "/scenarios/x", "/_stcore/health"):
        assert _get(path) is None, path
    assert _get("/scenarios", status=304) is None
