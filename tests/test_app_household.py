"""AppTest of the household pages: sample household, an upload through file_uploader, persistence."""

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import make

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def open_page(page):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_overview_opens_on_the_sample_household_marked_as_sample():
    at = open_page("app_pages/overview.py")
    assert any("示例家庭" in i.value for i in at.info)
    assert metric(at, "每月收入") == "¥11,500.00"
    assert metric(at, "可用于还债") == "¥3,920.00"
    assert metric(at, "欠款总额") == "¥203,825.00"
    # Where the money goes, and who is owed: amounts written out, shares as bars, largest first.
    spending, owed = at.dataframe[0].value, at.dataframe[1].value
    assert list(spending.columns) == ["类别", "每月", "占比"]
    assert spending.iloc[0].tolist() == ["还款", 14302.27, 65.4]  # 14,302.27 of 21,882.27 a month
    assert list(owed.columns) == ["欠款", "现在共欠", "其中已逾期", "占比"]
    assert owed.iloc[0].tolist() == ["工行消费贷", 80000, 0, 39.2]  # 80,000 of 203,825
    assert owed.set_index("欠款").loc["微粒贷"].tolist() == [20825, 4825, 10.2]
    assert not at.get("plotly_chart")  # the first page needs no chart library
    assert any("协商" in e.value for e in at.error)  # the gap the negotiation must close


def test_worksheet_import_of_an_alipay_bill_appends_monthly_averages(data_dir):
    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("alipay.csv", make.alipay_csv(), "text/csv").run()
    assert not at.exception
    assert any("支付宝" in s.value for s in at.success)
    assert any("¥8,000.00" in m.value and "¥3,376.50" in m.value for m in at.markdown)
    at.button(key="ws.append").click().run()
    assert not at.exception
    # The sample was copied into the user's own profile, which now holds the imported rows.
    assert metric(at, "每月收入") == "¥14,166.67"  # 11,500 + 8,000 / 3
    again = open_page("app_pages/worksheet.py")
    assert metric(again, "每月收入") == "¥14,166.67"
    assert not any("示例家庭" in i.value for i in again.info)


def test_refused_upload_leaves_data_as_it_was():
    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("bomb.xlsx", make.xml_bomb_xlsx(), "application/octet-stream").run()
    assert not at.exception
    assert any("拒绝" in e.value for e in at.error)
    assert metric(at, "每月收入") == "¥11,500.00"


def test_assets_page_totals():
    at = open_page("app_pages/assets.py")
    assert metric(at, "资产合计") == "¥60,500.00"
    assert metric(at, "急卖可得（扣除折价）") == "¥47,650.00"
    assert len(at.data_editor) >= 1


def test_debts_page_shows_computed_columns_in_english():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.segmented_control(key="app.lang").set_value("en").run()
    at.switch_page("app_pages/debts.py").run()
    assert not at.exception
    table = at.dataframe[-1].value  # the editor comes first; the computed table after it
    assert list(table.columns)[:3] == ["Name", "Payment due", "True APR"]
    assert len(table) == 6
    assert "worth asking about" in " ".join(str(v) for v in table["Rate note"])


def test_saved_keyword_rules_decide_the_import_categories(data_dir):
    import pandas as pd

    from core.profiles.profile import Profile
    from core.profiles.store import Store, default_db_path

    store = Store(str(default_db_path()))
    rules = pd.DataFrame([{"keyword": "永辉", "category": "超市采购"}])
    pid = store.create(Profile("带规则的家庭", {"rules": rules}))
    store.set_meta("active_profile", str(pid))
    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("bank.csv", make.bank_signed_csv(), "text/csv").run()
    assert not at.exception
    preview = next(d.value for d in at.dataframe if "类别" in d.value.columns)
    assert "超市采购" in set(preview["类别"])
    # The rules table shows the saved rule, not the defaults.
    assert list(at.data_editor[-1].value["keyword"]) == ["永辉"]


def test_an_uploaded_statement_is_read_once_not_on_every_rerun(monkeypatch):
    import core.imports

    calls = []
    real = core.imports.read_statement

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(core.imports, "read_statement", counted)
    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("alipay.csv", make.alipay_csv(), "text/csv").run()
    at.run()
    at.run()
    assert not at.exception and calls == ["alipay.csv"]


def test_deleting_a_profile_opens_the_one_left_not_the_sample(data_dir):
    from core.profiles.profile import Profile
    from core.profiles.store import Store, default_db_path

    store = Store(default_db_path())
    mine = store.create(Profile("我的家庭"))
    other = store.create(Profile("另一个"))
    store.set_meta("active_profile", str(other))
    at = open_page("app_pages/overview.py")
    at.checkbox(key="profile.delete_ok").check().run()
    at.button(key="profile.delete").click().run()
    assert not at.exception
    assert [pid for pid, _ in Store(default_db_path()).list_profiles()] == [mine]
    assert not any("示例家庭" in i.value for i in at.info)  # not dropped into the sample
    assert Store(default_db_path()).get_meta("active_profile") == str(mine)


def test_the_language_is_kept_in_the_address_and_remembered_for_the_next_session(data_dir):
    at = open_page("app_pages/debts.py")
    at.segmented_control(key="app.lang").set_value("en").run()
    assert at.query_params["lang"] == "en"  # in the address on every page, so a reload keeps it
    at.switch_page("app_pages/assets.py").run()
    assert at.query_params["lang"] == "en"
    fresh = open_page("app_pages/overview.py")  # a new session, no language in the address
    assert "Monthly income" in [m.label for m in fresh.metric] and fresh.query_params["lang"] == "en"


PAGES = ("overview", "worksheet", "assets", "debts", "plan", "scenarios", "readiness", "letters", "contacts",
         "evidence", "next_steps", "report", "calculator", "history")  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("empty", [False, True])
def test_every_page_opens_without_the_unexpected_notice(lang, empty):
    """On the sample and on a new empty profile: no page falls back on its boundary."""
    from core.profiles.profile import Profile
    from core.profiles.store import Store, default_db_path
    from tests.fixtures.app import open_page as open_in

    if empty:
        store = Store(default_db_path())
        store.set_meta("active_profile", str(store.create(Profile("空白"))))
    for page in PAGES:
        open_in(f"app_pages/{page}.py", lang)  # asserts: no exception, no "unexpected" notice


def test_the_short_forms_add_a_line_and_a_debt_reading_what_the_words_say(data_dir):
    at = open_page("app_pages/worksheet.py")
    at.text_input(key="ws.add.category").set_value("奖金")
    at.text_input(key="ws.add.amount").set_value("1200")
    form_button = next(b for b in at.get("form_submit_button") if "添加这一行" in b.label)
    form_button.click().run()
    assert not at.exception
    rows = at.session_state["_profile_memo"][1].section("worksheet")
    assert rows.iloc[-1][["category", "direction", "amount", "frequency"]].tolist() == ["奖金", "income", 1200.0,
                                                                                      "monthly"]  # fmt: skip
    # Words that say nothing: the form asks rather than guess.
    at.text_input(key="ws.add.category").set_value("杂项")
    at.text_input(key="ws.add.amount").set_value("300")
    next(b for b in at.get("form_submit_button") if "添加这一行" in b.label).click().run()
    assert any("是收入还是支出" in w.value for w in at.warning)
    assert at.session_state["_profile_memo"][1].section("worksheet")["category"].tolist().count("杂项") == 0

    at.switch_page("app_pages/debts.py").run()
    at.text_input(key="db.add.name").set_value("招行信用卡")
    at.text_input(key="db.add.principal").set_value("30000")
    at.text_input(key="db.add.rate").set_value("18")
    at.text_input(key="db.add.due_day").set_value("8")  # the card's 还款日: calendar reminders fall on it
    next(b for b in at.get("form_submit_button") if "添加这笔欠款" in b.label).click().run()
    assert not at.exception
    debts = at.session_state["_profile_memo"][1].section("debts")
    assert debts.iloc[-1][["name", "lender_type", "principal", "rate", "due_day"]].tolist() == [
        "招行信用卡", "credit_card", 30000.0, 18.0, 8]  # fmt: skip
    assert any("招行信用卡" in i.value and "期数" in i.value for i in at.info)  # a draft: months still needed


def test_worksheet_imports_a_locked_zip_once_its_password_is_typed(data_dir):
    from tests.test_core_imports_archive import PASSWORD, aes

    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload(
        "支付宝账单.zip", aes({"alipay.csv": make.alipay_csv()}), "application/zip"
    )
    at.run()
    assert not at.exception
    box = at.text_input(key="ws.zip_password")
    assert box.label == "文件密码（压缩包或 PDF）"
    assert any("密码" in e.value for e in at.error)  # locked: asks for the password, nothing read
    assert "ws.append" not in [b.key for b in at.button]  # nothing to add yet
    box.input("000000").run()
    assert any("密码不对" in e.value for e in at.error)
    at.text_input(key="ws.zip_password").input(PASSWORD).run()
    assert not at.exception and not at.error
    assert any("支付宝" in s.value for s in at.success)
    assert any("¥8,000.00" in m.value and "¥3,376.50" in m.value for m in at.markdown)


def table_with(at, column: str):
    """The first table on the page (an interactive grid or a plain table) with this column."""
    return next(d.value for d in [*at.dataframe, *at.table] if column in d.value.columns)


def test_worksheet_import_keeps_repayments_out_and_offers_the_missing_lenders(data_dir):
    from tests.test_core_imports_counting import ALIPAY_WITH_REPAYMENTS

    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("alipay.csv", ALIPAY_WITH_REPAYMENTS, "text/csv").run()
    assert not at.exception
    found = next(i.value for i in at.info if "还债" in i.value)
    assert "¥2,600.00" in found and "借呗 ¥1,400.00、花呗 ¥700.00" in found
    # The sample's debts list 借呗 and 招行信用卡, not 花呗: offered as a draft debt.
    missing = next(w.value for w in at.warning if "还没有" in w.value)
    assert "花呗" in missing and "借呗" not in missing
    effect = table_with(at, "现在")
    assert list(effect.columns) == ["", "现在", "加上这份账单", "只用这份账单"]
    assert effect.iloc[0].tolist()[1:] == [Decimal("11500"), Decimal("14500"), Decimal("3000")]  # + 9,000 / 3
    at.button(key="ws.credit.add").click().run()
    assert not at.exception
    assert any("已加到债务页：花呗" in s.value for s in at.success)
    debts = open_page("app_pages/debts.py")
    said = [str(e.value) for kind in ("markdown", "warning", "info", "caption") for e in debts.get(kind)]
    assert any("花呗" in text for text in said)  # kept as a draft until its amount and rate are filled in


def test_worksheet_import_asks_before_counting_money_from_people(data_dir):
    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("wechat.xlsx", make.wechat_xlsx(), "application/octet-stream").run()
    box = at.checkbox(key="ws.w.from_people")
    assert not box.value and "¥100.00" in box.label
    assert "亲友转账/红包" not in table_with(at, "类别")["类别"].tolist()
    box.check().run()
    assert "亲友转账/红包" in table_with(at, "类别")["类别"].tolist()


def test_worksheet_imports_two_statements_together_counting_each_yuan_once(data_dir):
    from tests.test_core_imports_combine import ALIPAY, BANK

    at = open_page("app_pages/worksheet.py")
    uploader = at.file_uploader(key="ws.upload")
    uploader.upload("bank.csv", BANK, "text/csv").upload("alipay.csv", ALIPAY, "text/csv").run()
    assert not at.exception and not at.error
    assert any("几份账单合并" in s.value for s in at.success)
    assert any("1 笔自己账户之间的转账" in i.value and "¥2,000.00" in i.value for i in at.info)
    # Each statement averaged over its own months (bank Jan-Mar, Alipay Feb-Apr), then added.
    assert any("bank\\.csv 按它自己的 3 个月平均" in i.value for i in at.info)
    preview = table_with(at, "类别")
    assert preview.set_index("类别").loc["工资", "金额"] == 9000.0  # 27,000 over the bank's 3 months, once
    at.button(key="ws.append").click().run()
    assert not at.exception


def test_a_recognised_file_read_wrongly_can_have_its_columns_changed_right_there(data_dir):
    # The 金额 column holds card numbers (absurd amounts); the money is in 发生额.
    data = (
        "交易日期,摘要,金额,发生额\n"
        "2026-03-01,代发工资,6222021234567890123,8000.00\n"
        "2026-03-05,房租,6222021234567890123,-2500.00\n"
        "2026-03-09,超市,6222021234567890123,-120.00\n"
    ).encode()
    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("bank.csv", data, "text/csv").run()
    assert not at.exception
    # No row could be read: refused with the first reasons, and the columns offered right there.
    assert any("超出合理范围" in e.value for e in at.error)
    assert at.selectbox(key="ws.map.amount").value == "金额"  # the columns used now, offered
    assert at.selectbox(key="ws.map.date").value == "交易日期"
    at.selectbox(key="ws.map.amount").select("发生额").run()
    at.button(key="ws.map.apply").click().run()
    assert not at.exception
    assert not at.error and not [w for w in at.warning if "超出合理范围" in w.value]
    assert any("¥8,000.00" in m.value and "¥2,620.00" in m.value for m in at.markdown)


def test_row_errors_of_a_recognised_file_come_with_an_action_and_its_columns(data_dir):
    data = (
        "交易日期,摘要,金额,发生额\n"
        "2026-03-01,代发工资,8000.00,8000.00\n"
        "2026-03-05,房租,6222021234567890123,-2500.00\n"
        "2026-03-09,超市,6222021234567890124,-120.00\n"
    ).encode()
    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("bank.csv", data, "text/csv").run()
    problem = next(w.value for w in at.warning if "超出合理范围" in w.value)
    assert "2 行" in problem and "卡号、流水号被当成了金额" in problem  # one line, its count, an action
    assert at.selectbox(key="ws.map.amount").value == "金额"
    at.selectbox(key="ws.map.amount").select("发生额").run()
    at.button(key="ws.map.apply").click().run()
    assert not [w for w in at.warning if "超出合理范围" in w.value]


def test_worksheet_imports_a_locked_pdf_bank_statement(data_dir):
    from tests.fixtures import pdfs

    data = pdfs.locked(pdfs.statement_pdf("ccb"), "123456")
    at = open_page("app_pages/worksheet.py")
    at.file_uploader(key="ws.upload").upload("建行流水.pdf", data, "application/pdf").run()
    assert not at.exception
    assert any("PDF 有密码" in e.value for e in at.error)
    at.text_input(key="ws.zip_password").input("123456").run()
    assert not at.exception and not at.error
    assert any("建设银行流水" in s.value for s in at.success)
    assert any("¥8,800.00" in m.value and "¥3,045.50" in m.value for m in at.markdown)
    scanned = open_page("app_pages/worksheet.py")
    scanned.file_uploader(key="ws.upload").upload("扫描.pdf", pdfs.scanned_pdf(), "application/pdf").run()
    assert any("扫描件" in e.value for e in scanned.error)


def test_the_sample_overview_starts_an_own_empty_profile_at_its_first_step(data_dir):
    from core.profiles.store import Store, default_db_path

    at = open_page("app_pages/overview.py")
    assert any("示例家庭的" in c.value for c in at.caption)  # the marks shown are the sample's
    assert not [b for b in at.button if b.key == "steps.back_to_own"]  # no profile of one's own yet
    at.button(key="steps.start_own").click().run()
    assert not at.exception
    profiles = Store(default_db_path()).list_profiles()
    assert len(profiles) == 1 and Store(default_db_path()).load(profiles[0][0]).section("worksheet").empty
    assert at.title[0].value == "收入与支出"  # the first step's page
    assert any("已完成 0/4" in c.value for c in at.caption)

    again = open_page("app_pages/overview.py")  # a new session: the own profile is what opens
    assert not any("示例家庭" in i.value for i in again.info)


def test_the_short_form_reads_spending_and_its_kind_and_says_what_it_recorded(data_dir):
    at = open_page("app_pages/worksheet.py")
    for name, amount in (("房租", "1800"), ("吃饭", "1500")):
        at.text_input(key="ws.add.category").set_value(name)
        at.text_input(key="ws.add.amount").set_value(amount)
        next(b for b in at.get("form_submit_button") if "添加这一行" in b.label).click().run()
        assert not at.exception
    rows = at.session_state["_profile_memo"][1].section("worksheet")
    assert rows.iloc[-2:][["category", "direction", "kind"]].values.tolist() == [
        ["房租", "expense", "fixed"], ["吃饭", "expense", "variable"]]  # fmt: skip
    assert any("记为：支出、浮动、每月" in s.value for s in at.success)
    assert at.text_input(key="ws.add.category").value == ""  # empty for the next line


def _add_debt(at, **typed):
    for name, value in typed.items():
        if name in ("type", "unit"):
            at.selectbox(key=f"db.add.{name}").set_value(value)
        else:
            at.text_input(key=f"db.add.{name}").set_value(value)
    next(b for b in at.get("form_submit_button") if b.label in ("添加这笔欠款", "Add this debt")).click().run()
    assert not at.exception


def _debts(at):
    """The debts saved (the sample's six while nothing is saved)."""
    from core.profiles.store import Store, default_db_path

    store = Store(default_db_path(), backups=False)
    profiles = store.list_profiles()
    return store.load(profiles[0][0]).section("debts") if profiles else pd.DataFrame({"name": [None] * 6})


@pytest.mark.parametrize(
    ("principal", "words"), [("-5000", "不能为负"), ("lots", "请输入数字"), ("1e15", "太大"), ("0", "必须大于 0")]
)
def test_the_debt_short_form_says_why_a_value_is_refused_in_the_page_language(principal, words):
    at = open_page("app_pages/debts.py")
    before = len(_debts(at))
    _add_debt(at, name="招行信用卡", principal=principal, rate="18", months="12")
    warning = next(w.value for w in at.warning if "还没有加上" in w.value)
    assert words in warning, warning
    assert len(_debts(at)) == before  # nothing added
    assert at.text_input(key="db.add.principal").value == principal  # kept to be corrected
    _add_debt(at, principal="30000")
    assert _debts(at).iloc[-1][["name", "principal"]].tolist() == ["招行信用卡", 30000.0]


def test_the_debt_short_form_offers_the_rate_unit_and_asks_about_an_unlikely_rate():
    at = open_page("app_pages/debts.py")
    before = len(_debts(at))
    # 借呗's 0.04 is its day's rate: typed as a year's rate it is asked about, not kept.
    _add_debt(at, name="借呗", principal="20000", rate="0.04", months="12")
    doubt = next(w.value for w in at.warning if "日利率" in w.value)
    assert "14.6" in doubt  # 0.04 % a day = 14.6 % a year
    assert len(_debts(at)) == before
    _add_debt(at, unit="daily")  # the unit said: kept, the rate as a day's rate
    row = _debts(at).iloc[-1]
    assert [row["name"], row["rate"], row["rate_unit"]] == ["借呗", 0.04, "daily"]
    # A rate meant as typed is kept when the form is sent again unchanged.
    _add_debt(at, name="表哥借的钱", type="mortgage", principal="50000", rate="0.5", unit="annual", months="24")
    assert any("月利率" in w.value for w in at.warning)  # 0.5 % a month would be usual
    assert _debts(at).iloc[-1]["name"] == "借呗"
    _add_debt(at)
    assert _debts(at).iloc[-1][["name", "rate"]].tolist() == ["表哥借的钱", 0.5]


def test_the_worksheet_short_form_says_why_an_amount_is_refused_and_adds_nothing():
    at = open_page("app_pages/worksheet.py")
    for typed, words in (("-5000", "不能为负"), ("lots", "请输入数字"), ("1e15", "太大")):
        at.text_input(key="ws.add.category").set_value("工资")
        at.text_input(key="ws.add.amount").set_value(typed)
        next(b for b in at.get("form_submit_button") if "添加这一行" in b.label).click().run()
        assert not at.exception
        warning = next(w.value for w in at.warning if "还没有加上" in w.value)
        assert words in warning
        assert at.text_input(key="ws.add.amount").value == typed  # kept to be corrected
        assert not any(m.label == "每月收入" and m.value != "¥11,500.00" for m in at.metric)


def test_a_saved_rate_unusual_for_its_lender_is_asked_about_on_the_debts_page():
    from core.profiles.profile import Profile, normalize_section
    from core.profiles.store import Store, default_db_path

    store = Store(default_db_path())
    debts = pd.DataFrame([{"name": "借呗", "lender_type": "online_lending", "principal": 20000, "rate": 0.04,
                           "rate_unit": "annual", "months": 12}])  # fmt: skip
    pid = store.create(Profile("我家", sections={"debts": normalize_section("debts", debts)[0]}))
    store.set_meta("active_profile", str(pid))
    at = open_page("app_pages/debts.py")
    asked = next(i.value for i in at.info if "请核对这些利率" in i.value)
    assert "借呗" in asked and "日利率" in asked and "14.6" in asked


def test_the_first_change_to_the_sample_says_once_that_it_was_copied_whichever_form_made_it(data_dir):
    """The notice of the copy is one of the save notices (ui.state.note_outcome): the
    worksheet's short form says it as the debts table's editor does, and only the first time."""
    copied = "已把示例复制为“我的家庭”并保存了你的修改。"
    at = open_page("app_pages/worksheet.py")
    assert any("示例" in i.value for i in at.info)  # the page's header: the sample banner
    for name in ("奖金", "兼职"):
        at.text_input(key="ws.add.category").set_value(name)
        at.text_input(key="ws.add.amount").set_value("1200")
        next(b for b in at.get("form_submit_button") if "添加这一行" in b.label).click().run()
        assert not at.exception
        assert [t.value for t in at.toast] == ([copied] if name == "奖金" else [])
    assert not any("示例" in i.value for i in at.info)  # the user's own profile now: no banner


@pytest.mark.parametrize(
    ("page", "title", "banner"),
    [("assets", "as.title", True), ("calculator", "calc.title", False), ("history", "hist.title", False)],
)
def test_the_page_header_marks_the_sample_where_the_page_shows_the_households_figures(page, title, banner):
    from core.i18n import t

    at = open_page(f"app_pages/{page}.py")
    assert at.title[0].value == t(title, "zh")
    assert any(i.value == t("profile.sample_banner", "zh") for i in at.info) is banner
