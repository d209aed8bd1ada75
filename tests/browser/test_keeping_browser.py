"""After the yes, in a real browser: agreements with two lenders, a payment typed by hand
and one found in an imported statement, a month missed and caught, the broken-arrangement
projection and the catch-up letter, then the review reached and the plan made again.

The agreements start four months ago (the lenders agreed back then), so whatever today's
date, their first payments' due days and grace have passed."""

import datetime as dt

import pandas as pd
import pytest
from playwright.sync_api import expect

from core.loans.dates import current_month, format_month
from core.profiles.profile import normalize_section
from core.profiles.store import Store
from core.profiles.workbook import profile_from_xlsx
from tests.browser.conftest import ROOT, by_key, rerun, wait_for_app

pytestmark = pytest.mark.browser

SAMPLE = ROOT / "sample_data" / "sample_household.xlsx"
FIRST = format_month(current_month(dt.date.today()) - 4)
HEAD = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注\n"


def _store(server):
    return Store(server.data_dir / "profiles.sqlite3", backups=False)


def _saved(server, section):
    store = _store(server)
    (pid, _), *_ = store.list_profiles()
    return store.load(pid).section(section)


def _seed(server) -> int:
    """The sample household as the user's own, its review date (set earlier) yesterday."""
    profile, _ = profile_from_xlsx(SAMPLE.read_bytes(), name="我家")
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    profile.sections["plan"] = normalize_section("plan", pd.DataFrame([{"review_on": yesterday}]))[0]
    store = _store(server)
    pid = store.create(profile)
    store.set_meta("active_profile", str(pid))
    return pid


def _uploader(page):
    """The page's statement uploader (the sidebar has one of its own, for workbooks)."""
    return page.get_by_test_id("stMainBlockContainer").get_by_test_id("stFileUploaderDropzoneInput")


def _agree(page, pid: int, form: int, debt: str | None, payment: str, months: str) -> None:
    prefix = f"pg.ag.{pid}.new.{form}"
    select = by_key(page, f"{prefix}.debt")
    if not select.is_visible():  # the "Record an agreement" box closes once one is recorded
        page.get_by_text("Record an agreement").first.click()
    expect(select).to_be_visible()
    if debt is not None:
        option = page.get_by_role("option", name=debt)
        select.click()
        try:
            expect(option).to_be_visible(timeout=5_000)
        except AssertionError:  # the click landed while the page was still settling: open it again
            select.click()
            expect(option).to_be_visible()
        option.click()
        expect(select.locator("input")).to_have_value(debt)
    for field, value in (("payment", payment), ("months", months), ("first_month", FIRST)):
        box = by_key(page, f"{prefix}.{field}", "input")
        box.fill(value)
        box.press("Tab")  # each value is the form's before the button is pressed
        expect(box).to_have_value(f"{float(value):.2f}" if field == "payment" else value)
    new = page.get_by_test_id("stExpander").filter(has_text="Record an agreement")
    save = new.get_by_role("button", name="Save the agreement")
    expect(save).to_be_enabled()
    with rerun(page):
        save.click()


def test_keep_the_plan_miss_a_month_catch_up_and_review(server, page, tmp_path):
    pid = _seed(server)
    page.goto(server.url + "/progress?lang=en")
    page.get_by_text("Record an agreement").first.wait_for(timeout=30_000)
    wait_for_app(page)

    # Two lenders agreed, four months ago: 借呗 1,000 a month, 微粒贷 500.
    _agree(page, pid, 0, None, "1000", "36")  # the first debt without an agreement: 借呗
    _agree(page, pid, 1, "微粒贷", "500", "40")
    agreed = _saved(server, "agreed")
    assert agreed["debt"].tolist() == ["借呗", "微粒贷"] and set(agreed["first_month"]) == {FIRST}

    # One payment typed by hand: 2,000 to 借呗 today (two of its four months).
    page.get_by_text("Record another amount or date").first.click()
    amount = by_key(page, f"pg.hand.{pid}.0.amount", "input")
    amount.fill("2000")
    amount.press("Tab")  # the value is the form's before the button is pressed
    record = page.get_by_role("button", name="Record this payment")
    expect(record).to_be_enabled()
    with rerun(page):
        record.click()

    # One found in next month's statement: 微粒贷's repayment (a 花呗 one is another lender's).
    day = dt.date.fromisoformat(format_month(current_month(dt.date.today()) - 2) + "-15")
    rows = [f"{day} 10:00:00,信用借还,微众银行,,微粒贷还款,不计收支,500.00,余额,还款成功,T1,,",
            f"{day} 11:00:00,信用借还,花呗,,花呗还款,不计收支,500.00,余额,还款成功,T2,,"]  # fmt: skip
    statement = tmp_path / "alipay.csv"
    statement.write_bytes((HEAD + "\n".join(rows) + "\n").encode("gbk"))
    with rerun(page):
        _uploader(page).set_input_files(str(statement))
    page.get_by_text("Record these payments").first.wait_for(timeout=30_000)
    expect(page.get_by_text("花呗还款").first).to_be_visible()  # listed, not offered
    with rerun(page):
        page.get_by_role("button", name="Record these payments").click()
    payments = _saved(server, "payments")
    assert sorted(zip(payments["debt"], payments["source"], payments["amount"].map(float), strict=True)) == [
        ("借呗", "by_hand", 2000.0), ("微粒贷", "statement", 500.0)]  # fmt: skip
    # Read against the payments now saved, the same statement offers nothing more.
    expect(page.get_by_text("already recorded (to 微粒贷)").first).to_be_visible()
    expect(page.get_by_role("button", name="Record these payments")).to_have_count(0)
    assert len(_saved(server, "payments")) == 2

    # Months missed: the recovery page shows what follows and proposes a way back.
    page.goto(server.url + "/recovery?lang=en")
    page.get_by_text("Payments behind").first.wait_for(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text("If the lender treats the arrangement as broken").first).to_be_visible()
    expect(page.get_by_text("Catch-up letter to").first).to_be_visible()
    letters = [box.input_value() for box in page.locator("textarea").all()]
    assert any("借呗" in text and "catching up" in text.lower() for text in letters), letters
    # Both lenders are behind: each in a line, the projection and the letter for the one chosen.
    expect(page.get_by_text("Lender to look at first").first).to_be_visible()
    expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(1)

    # The review date has come: the plan is made again with today's figures and kept.
    expect(page.get_by_text("has come").first).to_be_visible()
    with rerun(page):
        page.get_by_role("button", name="Re-plan with today's figures").click()
    expect(page.get_by_text("The new plan is kept (version 1).").first).to_be_visible()
    versions = _saved(server, "versions")
    assert set(versions["reason"]) == {"review"} and set(versions["debt"].dropna()) >= {"借呗", "微粒贷"}
    plan = _saved(server, "plan")  # the date set was served (a row left with nothing else set is dropped)
    assert plan.empty or pd.isna(plan.iloc[0]["review_on"])
    expect(page.get_by_text("has come")).to_have_count(0)
    assert page.locator("[data-testid='stException']").count() == 0
