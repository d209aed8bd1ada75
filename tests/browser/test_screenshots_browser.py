"""Every page, both languages, a laptop and a phone screen: drawn without an error, nothing
wider than the screen, and kept as PNG files for people to look at (CI keeps the folder
``artifacts/screenshots`` — or ``$REPAY_PLANNER_ARTIFACTS`` — as its artifacts)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, Server, wait_for_app, watched

pytestmark = pytest.mark.browser

PAGES = ("", "worksheet", "assets", "debts", "plan", "scenarios", "readiness", "letters", "contacts",
         "evidence", "next-steps", "report", "calculator", "history")  # fmt: skip
SCREENS = {"laptop": (1366, 768), "phone": (390, 844)}
TALLEST = 16_000  # px: a page is shot down to here


def artifacts() -> Path:
    folder = Path(os.environ.get("REPAY_PLANNER_ARTIFACTS") or ROOT / "artifacts") / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """One server for the module's shots (each test still opens its page afresh): they only
    look, so they need no data of their own, and one start per worker spares ~5 s a shot."""
    srv = Server(tmp_path_factory.mktemp("screenshots") / "data")
    srv.start()
    yield srv
    srv.stop()


# One test per page, language and screen (not one per screen), so that they spread over
# the test workers (./test.sh runs pytest -n auto) and a failure names its page.
@pytest.mark.parametrize("name", PAGES, ids=lambda name: name or "overview")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_page_in_both_languages_on_a_laptop_and_a_phone(shared_server, browser, screen, lang, name):
    width, height = SCREENS[screen]
    context = watched(browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1))
    page = context.new_page()
    problems = []
    try:
        page.goto(f"{shared_server.url}/{name}?lang={lang}")
        page.wait_for_selector("h1", timeout=60_000)
        wait_for_app(page, timeout=60_000)
        if page.locator("[data-testid='stException']").count():
            problems.append(f"{name} {lang}: a traceback")
        if page.get_by_text("Page not found").count():
            problems.append(f"{name} {lang}: page not found")
        if name == "scenarios":  # its charts are drawn when chosen: shoot the first one too
            page.locator(".st-key-sc-chart button").first.click()
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
            wait_for_app(page, timeout=60_000)
        # The app scrolls inside its main block: grow the window to the page's height
        # so that one shot holds the whole page.
        tall = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
        page.set_viewport_size({"width": width, "height": min(max(height, tall), TALLEST)})
        # the page laid out again at the new height: two animation frames later
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        wait_for_app(page, timeout=60_000)
        wide = page.evaluate("() => document.querySelector(\"[data-testid='stMainBlockContainer']\").scrollWidth")
        if wide > width + 1:
            problems.append(f"{name} {lang} {screen}: {wide} px wide on a {width} px screen")
        page.screenshot(path=str(artifacts() / f"{screen}-{lang}-{name or 'overview'}.png"))
    finally:
        context.close()
    assert not problems, problems
