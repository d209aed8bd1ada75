"""The Scenarios page in a real browser: build a scenario, see the charts, find its figures."""

from pathlib import Path

import pandas as pd
import pytest

from core.loans.money import format_money, from_cents
from core.profiles.profile import normalize_section
from core.profiles.workbook import profile_from_xlsx
from core.simulation.presets import preset_rows
from core.simulation.simulate import simulate
from tests.browser.conftest import by_key, rerun, wait_for_app
from tests.helpers import loaded

pytestmark = pytest.mark.browser
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_household.xlsx"


def expected_total_paid(preset: str) -> str:
    """What the page should show, computed with core directly on the same household."""
    profile, _ = profile_from_xlsx(SAMPLE.read_bytes())
    scenario, terms = preset_rows(preset, loaded(profile), "en")
    profile.sections["scenarios"] = normalize_section("scenarios", pd.DataFrame([scenario]))[0]
    profile.sections["terms"] = normalize_section("terms", pd.DataFrame(terms))[0]
    h = loaded(profile)
    return format_money(from_cents(simulate(h, h.scenarios[1]).total_paid))


def test_build_a_scenario_and_compare(server, page):
    page.goto(server.url + "/scenarios?lang=en")
    page.get_by_text("Compare negotiated terms").first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0

    by_key(page, "sc.preset").scroll_into_view_if_needed()  # below the comparison and the guided form
    wait_for_app(page)
    by_key(page, "sc.preset").click()
    page.get_by_role("option", name="5% fee and 24 installments (every debt)").click()
    page.wait_for_function(
        "() => document.querySelector('.st-key-sc-preset input')?.value === '5% fee and 24 installments (every debt)'",
        timeout=15_000,
    )
    wait_for_app(page)
    by_key(page, "sc.preset.add", "button").click()
    # Said on the page and in a toast: the page's own line is the one waited for.
    added = "Scenario “5% fee and 24 installments (every debt)” added."
    page.get_by_test_id("stMainBlockContainer").get_by_text(added).wait_for(timeout=30_000)
    wait_for_app(page)

    summary = page.locator("li").filter(has_text="5% fee and 24 installments (every debt)").first
    summary.wait_for(timeout=30_000)
    text = summary.inner_text()
    assert f"{expected_total_paid('fee24')} paid in all" in text
    assert "saves ¥" in text

    # The page opens on the comparison; a chart is drawn when chosen, and kept for the session.
    assert page.locator(".js-plotly-plot").count() == 0
    by_key(page, "sc.chart").get_by_text("Cash flow").click()
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 1", timeout=30_000)
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() > 0  # lines really drawn
    by_key(page, "sc.chart").get_by_text("Total cost").click()  # one chart at a time, chosen
    page.locator(".js-plotly-plot .barlayer .trace").first.wait_for(timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0
    with rerun(page):
        page.get_by_role("link", name="Household plan").first.click()  # another page, then back: the chart is kept
    page.get_by_role("link", name="Scenarios").first.click()
    page.locator(".js-plotly-plot .barlayer .trace").first.wait_for(timeout=30_000)
