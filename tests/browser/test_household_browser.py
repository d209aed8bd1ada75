"""Nothing lost, in a real browser: upload a statement, edit a worksheet cell, reload, restart."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import by_key, wait_for_app
from tests.fixtures import make

pytestmark = pytest.mark.browser


def income(page) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Monthly income").first
    return metric.locator("[data-testid='stMetricValue']").inner_text()


def open_worksheet(page, server):
    page.goto(server.url + "/worksheet?lang=en")
    page.get_by_text("Monthly income").first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Page not found").count() == 0


def test_upload_edit_reload_restart(server, page, tmp_path):
    # A deep link is the fresh server's first request: it must still run inside app.py
    # (sidebar with the language switch and the page menu), not as a bare page script.
    open_worksheet(page, server)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("语言 / Language")).to_be_visible()
    expect(sidebar.get_by_text("Income & expenses")).to_be_visible()
    assert income(page) == "¥11,500.00"  # the sample household

    # Upload an Alipay bill and add its monthly averages to the worksheet.
    page.get_by_text("Import from a statement or spreadsheet").click()
    statement = tmp_path / "alipay.csv"
    statement.write_bytes(make.alipay_csv())
    by_key(page, "ws.upload", "input[type='file']").set_input_files(str(statement))
    page.get_by_text("Alipay").first.wait_for(timeout=30_000)
    wait_for_app(page)  # a click while the upload's re-run is still going can be lost
    by_key(page, "ws.append", "button").click()
    page.get_by_text("rows imported").wait_for(timeout=30_000)
    wait_for_app(page)
    assert income(page) == "¥14,166.67"  # 11,500 + 8,000 salary over 3 months

    # Change the first row's amount (salary 9,500) in the worksheet table: select the
    # first row's first cell (header and rows are 35 px high), move to Amount, edit.
    grid = by_key(page, "worksheet.editor", "[data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    grid.click(position={"x": 80, "y": 35 + 17})
    for _ in range(3):  # category -> in/out -> fixed/variable -> amount
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    editor = page.get_by_test_id("portal").locator(".gdg-clip-region input, .gdg-clip-region textarea").first
    editor.wait_for(timeout=10_000)
    editor.fill("9876.54")
    editor.press("Enter")
    page.get_by_text("¥14,543.21").first.wait_for(timeout=30_000)  # 14,166.67 - 9,500 + 9,876.54
    wait_for_app(page)

    page.reload()
    open_worksheet(page, server)
    assert income(page) == "¥14,543.21"

    server.restart()
    open_worksheet(page, server)
    assert income(page) == "¥14,543.21"
    assert page.get_by_text("sample household").count() == 0

    # The language switch, clicked like a user would.
    sidebar.get_by_text("中文").click()
    page.get_by_text("每月收入").first.wait_for(timeout=30_000)
    expect(page.locator("h1").first).to_have_text("收入与支出")


def test_the_file_uploader_speaks_the_pages_language(server, page):
    """Streamlit's uploader button and size line are English only: the app's style sheet
    replaces their words from the catalogue (the English ones hidden, not shown beside)."""
    for lang, button, limit in (("zh", "上传文件", "每个文件不超过 20 MB"), ("en", "Upload", "Up to 20 MB per file")):
        page.goto(f"{server.url}/worksheet?lang={lang}")
        page.locator("h1").first.wait_for(timeout=30_000)
        wait_for_app(page)
        page.locator("[data-testid='stExpander'] summary").filter(
            has_text="导入" if lang == "zh" else "Import"
        ).first.click()
        zone = by_key(page, "ws.upload", "[data-testid='stFileUploaderDropzone']")
        zone.wait_for(timeout=30_000)
        # The style sheet comes at the end of the page's run: waited for (retried) before it is read.
        page.wait_for_function(
            """want => { const p = document.querySelector(".st-key-ws-upload [data-testid='stFileUploaderDropzone'] button p");
                return p && getComputedStyle(p, '::after').content === want; }""",
            arg=f'"{button}"',
            timeout=30_000,
        )
        shown = zone.evaluate(
            """zone => [zone.querySelector('button p'), zone.querySelector("[data-testid='stFileUploaderDropzoneInstructions'] span")]
                .map(e => [getComputedStyle(e, '::after').content, getComputedStyle(e).fontSize])"""
        )
        assert shown == [[f'"{button}"', "0px"], [f'"{limit}"', "0px"]], shown
