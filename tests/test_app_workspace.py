"""AppTest of the negotiation workspace pages: readiness, letters, contact log, report."""

import datetime as dt
from pathlib import Path

import pytest

from core.profiles.store import Store, default_db_path
from tests.fixtures.app import open_page

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def saved_profile():
    store = Store(default_db_path())
    (pid, _), *_ = store.list_profiles()
    return store.load(pid)


def test_readiness_answers_are_saved_and_change_the_findings():
    at = open_page("app_pages/readiness.py", "en")
    assert any("no reason for the hardship" in w.value for w in at.warning)
    assert any("not legal advice" in c.value for c in at.caption)
    # 借呗's 16.43 % is above 4 x LPR, but a licensed online lender is compared with 24 %
    assert any("below the line that applies to this kind of lender (24%)" in s.value for s in at.success)
    at.text_input(key="rd.sample.full_name").input("Li Hua").run()
    # the first answer copied the sample into the user's own profile; its widgets are new
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    at.selectbox(key=f"rd.{pid}.reason").set_value("illness").run()
    at.text_area(key=f"rd.{pid}.story").input("In hospital from March; no pay since.").run()
    for doc in ("income_proof", "bank_statements", "hardship_proof"):
        at.checkbox(key=f"rd.{pid}.{doc}").check().run()
    assert not at.exception
    assert any("You have given the reason (Illness or injury)" in s.value for s in at.success)
    assert any("Proof of the hardship is ready" in s.value for s in at.success)
    case = saved_profile().section("case").iloc[0]
    assert case["full_name"] == "Li Hua" and case["reason"] == "illness" and bool(case["hardship_proof"])
    again = open_page("app_pages/readiness.py", "en")
    assert again.text_input(key=f"rd.{pid}.full_name").value == "Li Hua"


def test_readiness_checks_a_chosen_scenario():
    at = open_page("app_pages/scenarios.py")
    at.selectbox(key="sc.preset").set_value("freeze36").run()
    at.button(key="sc.preset.add").click().run()
    at.switch_page("app_pages/readiness.py").run()
    assert not at.exception
    chosen = at.selectbox(key="rd.scenario")
    assert chosen.value == "plan"  # the household plan comes first
    chosen.set_value(next(o for o in chosen.options if o.startswith("所有网贷停息挂账"))).run()
    assert at.selectbox(key="rd.scenario").value.startswith("所有网贷停息挂账")
    assert any("按方案" in c.value for c in at.caption)
    assert any("个月现金不够" in w.value or "每个月现金都够" in s.value for w in at.warning for s in at.success)


def test_letter_for_one_lender_is_written_edited_and_kept():
    at = open_page("app_pages/letters.py")
    at.selectbox(key="lt.debt").set_value("微粒贷").run()
    assert not at.exception
    payment = at.metric[0].value
    text_area = at.text_area[0]
    letter = text_area.value
    assert "微粒贷" in letter and "微众银行" in letter and payment in letter
    assert "书面答复" in letter and "{" not in letter
    assert {b.proto.label for b in at.get("download_button")} >= {"下载 Word 文档", "下载纯文本"}
    text_area.input(letter + "\n\n另：我愿意先还 500 元表示诚意。").run()
    assert not at.exception
    letters = saved_profile().section("letters")
    assert list(letters["debt"]) == ["微粒贷"] and letters.iloc[0]["text"].endswith("表示诚意。")
    again = open_page("app_pages/letters.py")
    again.selectbox(key="lt.debt").set_value("微粒贷").run()
    assert again.text_area[0].value.endswith("表示诚意。")
    assert any("保存过的版本" in c.value for c in again.caption)
    again.button(key="lt.regenerate").click().run()
    assert not again.exception
    assert not again.text_area[0].value.endswith("表示诚意。")


def test_letter_in_english():
    at = open_page("app_pages/letters.py", "en")
    at.selectbox(key="lt.debt").set_value("工行消费贷").run()
    letter = at.text_area[0].value
    assert letter.startswith("Request to renegotiate the repayment of 工行消费贷")
    assert "Please reply in writing" in letter


def test_contact_log_entry_is_saved_and_its_follow_up_shows_on_the_overview():
    at = open_page("app_pages/contacts.py")
    # widgets in a form are sent together with its submit button
    at.selectbox(key="ct.lender").set_value("微粒贷")
    at.selectbox(key="ct.channel").set_value("app_chat")
    at.text_input(key="ct.staff").input("客服 0231")
    at.text_area(key="ct.said").input("=说可以申请停息挂账，需要困难证明")
    at.date_input(key="ct.follow_up").set_value(dt.date.today() - dt.timedelta(days=2))
    at.button[0].click().run()
    assert not at.exception
    assert any("已保存" in s.value for s in at.success)
    log = saved_profile().section("contacts")
    assert list(log["lender"]) == ["微粒贷"] and log.iloc[0]["said"].startswith("=说可以")
    assert log.iloc[0]["channel"] == "app_chat" and log.iloc[0]["staff"] == "客服 0231"
    assert any("已过 2 天" in w.value for w in at.warning)
    overview = open_page("app_pages/overview.py")
    assert any("微粒贷" in m.value and "已过 2 天" in m.value for m in overview.markdown)


def test_marked_collection_conduct_becomes_a_complaint_draft():
    at = open_page("app_pages/contacts.py", "en")
    at.selectbox(key="ct.lender").set_value("微粒贷")
    at.text_area(key="ct.said").input("Said they would call my employer")
    at.checkbox(key="ct.conduct_third_party").check()
    at.button[0].click().run()
    assert not at.exception
    assert saved_profile().section("contacts")["conduct_third_party"].tolist() == [True]
    at.selectbox(key="cp.lender").set_value("微粒贷").run()
    draft = next(t.value for t in at.text_area if t.value.startswith("Complaint about"))
    assert "my family, friends or employer were contacted" in draft and "12378" in draft
    assert "Said they would call my employer" in draft


def test_report_page_offers_both_downloads():
    at = open_page("app_pages/report.py", "en")
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"Download the Excel report", "Download the web-page report"} <= labels
    assert any("2 scenarios (the status quo and the household plan" in m.value for m in at.markdown)


def test_readiness_saves_the_household_size_and_compares_costs():
    at = open_page("app_pages/readiness.py", "en")
    assert any("not compared with the national averages yet" in c.value for c in at.caption)
    at.number_input(key="rd.sample.household_size").set_value(3).run()
    (pid, _), *_ = Store(default_db_path()).list_profiles()  # the first answer made the user's own profile
    at.radio(key=f"rd.{pid}.area").set_value("urban").run()
    assert not at.exception
    case = saved_profile().section("case").iloc[0]
    assert case["household_size"] == 3 and case["area"] == "urban"
    # The sample's costs for an urban household of 3: none far from the averages.
    assert any("in the usual range for an urban household of 3 people" in s.value for s in at.success)
    again = open_page("app_pages/readiness.py", "en")
    assert again.number_input(key=f"rd.{pid}.household_size").value == 3


def test_a_long_stored_text_is_shown_whole_and_an_edit_keeps_it():
    """A 5,000-character hardship statement (the stored limit) is shown in full, and an
    edit elsewhere on the page keeps every character: each box allows what is stored."""
    from core.profiles.profile import text_limit

    at = open_page("app_pages/readiness.py", "en")
    at.text_input(key="rd.sample.full_name").input("Li Hua").run()
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    story = ("住院三个月，没有收入。" * 500)[: text_limit("story")]
    assert len(story) == 5_000
    at.text_area(key=f"rd.{pid}.story").input(story).run()
    assert saved_profile().section("case").iloc[0]["story"] == story
    again = open_page("app_pages/readiness.py", "en")
    assert again.text_area(key=f"rd.{pid}.story").value == story
    again.text_input(key=f"rd.{pid}.full_name").input("Li Hua Wang").run()
    assert saved_profile().section("case").iloc[0]["story"] == story
    # Every text box of the workspace pages allows as much as its column keeps.
    for page in ("app_pages/readiness.py", "app_pages/contacts.py", "app_pages/letters.py"):
        shown = open_page(page, "en")
        for box in [*shown.text_area, *shown.text_input]:
            column = box.key.rsplit(".", 1)[-1] if box.key else ""
            if box.proto.max_chars and column in ("story", "said", "evidence", "staff", "full_name", "contact"):
                assert box.proto.max_chars == text_limit(column), (page, box.key)
