"""The calculator in a real browser: served on 127.0.0.1, renders, reacts to input."""

import pytest

from tests.browser.conftest import set_number, wait_for_app

pytestmark = pytest.mark.browser


def test_calculator_page_in_chromium(server, page):
    assert server.url.startswith("http://127.0.0.1:")
    page.goto(server.url + "/calculator?lang=en")
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    set_number(page, "calc.amount", "1000000")
    set_number(page, "calc.rate", "4.9")
    set_number(page, "calc.months", "360")
    page.get_by_text("¥5,307.27").first.wait_for(timeout=15_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Monthly payment" in page.inner_text("body")
