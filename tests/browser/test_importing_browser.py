"""The import panel in a real browser (issue 23): a statement that never says which way
round its money is, asked and answered; the same file again is not applied twice; a
card statement e-mailed as a web page is read as a card's."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import by_key, rerun, wait_for_app
from tests.browser.test_household_browser import income, open_worksheet
from tests.fixtures import banks, hard

pytestmark = pytest.mark.browser


def upload(page, path) -> None:
    with rerun(page):
        by_key(page, "ws.upload", "input[type='file']").set_input_files(str(path))


def open_import(page, server) -> None:
    """The Income & expenses page in English with its import panel open."""
    open_worksheet(page, server)
    page.get_by_text("Import from a statement or spreadsheet").click()
    wait_for_app(page)


def test_asked_which_way_round_then_applied_once(server, page, tmp_path):
    open_import(page, server)
    statement = tmp_path / "statement.csv"
    statement.write_bytes(hard.unsure_direction_csv())
    upload(page, statement)
    expect(page.get_by_text("does not show whether money out is written")).to_be_visible(timeout=30_000)
    expect(by_key(page, "ws.append", "button")).to_have_count(0)  # nothing to apply before the answer
    with rerun(page):
        page.get_by_text("positive (as card statements write it)").click()
    expect(page.get_by_text("spending ¥1,513.50")).to_be_visible(timeout=30_000)
    by_key(page, "ws.append", "button").click()
    expect(page.get_by_text("rows imported")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    assert income(page) == "¥11,500.00"  # money out, not income: the sample's income is unchanged

    # The same file again, after a reload: recognised and left out, nothing to add.
    page.reload()
    open_import(page, server)
    upload(page, statement)
    expect(page.get_by_text("is already in your worksheet")).to_be_visible(timeout=30_000)
    expect(by_key(page, "ws.append", "button")).to_have_count(0)


def test_a_card_statement_sent_as_an_email(server, page, tmp_path):
    open_import(page, server)
    mail = tmp_path / "statement.eml"
    mail.write_bytes(banks.ccb_credit_eml())
    upload(page, mail)
    expect(page.get_by_text("Recognised as: CCB credit-card statement")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("income ¥0.00, spending ¥3,874.90", exact=False)).to_be_visible()
