"""The household plan in a real browser: change the contingency line and see the letter
follow; enter a lender's counter-offer and accept it into the plan."""

import pytest
from playwright.sync_api import expect

from core.profiles.store import Store
from tests.browser.conftest import by_key, rerun, wait_for_app

pytestmark = pytest.mark.browser


def _store(server):
    return Store(server.data_dir / "profiles.sqlite3", backups=False)


def _profile(server):
    store = _store(server)
    profiles = store.list_profiles()
    return store.load(profiles[0][0]) if profiles else None


def _letter(page) -> str:
    page.wait_for_function("() => document.querySelector('textarea')?.value.includes('your share is')", timeout=30_000)
    return page.locator("textarea").first.input_value()


def test_the_plan_drives_the_letters_and_an_offer_is_accepted(server, page):
    page.goto(server.url + "/letters?lang=en")
    wait_for_app(page)
    assert "¥196.00 a month is kept" in _letter(page)

    page.goto(server.url + "/plan?lang=en")
    page.get_by_text("How the plan is worked out").first.wait_for(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text("no month runs short").first).to_be_visible()
    with rerun(page):  # the run that saves it (the sample copied into a profile of one's own)
        by_key(page, "pl.sample.0.auto", "label").click()  # switch the automatic contingency off
    assert _profile(server) is not None
    (pid, _), *_ = _store(server).list_profiles()
    box = by_key(page, f"pl.{pid}.0.contingency", "input")
    box.fill("600")
    with rerun(page):
        box.press("Enter")
    assert _profile(server).section("plan")["contingency"].tolist() == [600.0]

    page.goto(server.url + "/letters?lang=en")
    wait_for_app(page)
    text = _letter(page)
    assert "¥600.00 a month is kept" in text and "¥196.00" not in text

    page.goto(server.url + "/plan?lang=en")
    page.get_by_text("A lender made an offer").first.wait_for(timeout=30_000)
    wait_for_app(page)
    by_key(page, "pl.offer.payment", "input").fill("650")
    by_key(page, "pl.offer.months", "input").fill("54")
    with rerun(page):
        page.get_by_role("button", name="Check this offer").click()
    page.get_by_text("True yearly rate (fees included)").first.wait_for(timeout=30_000)
    with rerun(page):
        page.get_by_role("button", name="Accept: make it this debt's terms in the plan").click()
    assert _profile(server).section("agreed")["debt"].tolist() == ["借呗"]
    page.get_by_text("Accepted offers").first.wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
