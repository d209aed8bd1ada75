"""AppTest of the Scenarios page: ready-made scenarios, comparison, charts, asks, bad terms."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def open_scenarios(lang="zh"):
    at = AppTest.from_file(APP, default_timeout=60).run()
    if lang != "zh":
        at.segmented_control(key="app.lang").set_value(lang).run()
    at.switch_page("app_pages/scenarios.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def comparison(at):
    return next(d.value for d in at.table if "方案" in d.value.columns or "Scenario" in d.value.columns)


def test_status_quo_and_the_household_plan_on_the_sample_household():
    at = open_scenarios()
    table = comparison(at)
    assert list(table["方案"]) == ["维持原状", "按能力统一方案"]
    assert table["钱不够的月数"][0] > 0  # the sample household cannot keep up as things are
    assert table["钱不够的月数"][1] == 0  # the household plan can be kept
    assert not at.get("plotly_chart")  # the page opens on the comparison; a chart is drawn when chosen
    assert not at.dataframe  # no interactive grid either (the edit panel is closed)
    for chart in ("cash", "balance", "payoff", "cost"):
        at.segmented_control(key="sc.chart").set_value(chart).run()
        assert not at.exception and len(at.get("plotly_chart")) == 1
    at.toggle(key="sc.heatmap.on").set_value(True).run()  # the map of what is possible, when asked for
    assert not at.exception and len(at.get("plotly_chart")) == 2
    asks = [s.value for s in at.success]
    assert any("至少" in a and "期" in a for a in asks)  # the smallest extension, in words


def test_ready_made_scenarios_are_added_saved_and_compared(data_dir):
    at = open_scenarios("en")
    for preset in ("freeze36", "fee24", "settle60"):
        at.selectbox(key="sc.preset").set_value(preset).run()
        at.button(key="sc.preset.add").click().run()
        assert not at.exception
    table = comparison(at)
    assert list(table["Scenario"]) == [
        "Status quo",
        "Household plan",
        "Interest freeze, 36 months, on every online-lending debt",
        "5% fee and 24 installments (every debt)",
        "Settle the largest card at 60%",
    ]
    status, settle = table.iloc[0], table.iloc[4]
    assert settle["Forgiven"] == pytest.approx(48000 * 0.4)  # 招行信用卡 settled at 60 %
    assert settle["Saving vs status quo"] == pytest.approx(status["Total paid"] - settle["Total paid"])
    offers = next(d.value for d in at.table if "True APR" in d.value.columns)
    assert "4.95%" in set(offers["True APR"])  # 5 % fee on a 24-month interest-free plan
    # Saved with the profile: a new session sees the same scenarios.
    again = open_scenarios("en")
    assert len(comparison(again)) == 5


def test_a_credit_card_freeze_over_60_months_is_explained():
    import pandas as pd

    from core.profiles.profile import normalize_section
    from core.profiles.store import Store, default_db_path
    from core.profiles.workbook import profile_from_xlsx

    data = (Path(APP).parent / "sample_data" / "sample_household.xlsx").read_bytes()
    profile, _ = profile_from_xlsx(data)
    profile.sections["scenarios"] = normalize_section("scenarios", pd.DataFrame([{"name": "太长"}]))[0]
    profile.sections["terms"] = normalize_section(
        "terms", pd.DataFrame([{"scenario": "太长", "debt": "招行信用卡", "term": "freeze", "months": 72}])
    )[0]
    store = Store(str(default_db_path()))
    store.set_meta("active_profile", str(store.create(profile)))
    at = open_scenarios()
    # runs as asked (72 interest-free instalments) and says it is longer than issuers usually grant
    assert any("60 期" in w.value for w in at.info) and not any("60 期" in w.value for w in at.warning)
    assert not at.exception


def test_the_guided_builder_previews_a_request_and_adds_it_as_a_scenario(data_dir):
    at = open_scenarios("en")
    at.multiselect(key="guide.debts").set_value(["招行信用卡"]).run()
    at.radio(key="guide.kind").set_value("freeze").run()
    # Only what a freeze needs: its months (36 by default) and when it starts.
    months = at.number_input(key="guide.months.freeze.招行信用卡")
    assert months.value == 36
    months.set_value(48).run()
    metrics = {m.label: m.value for m in at.metric}
    # 招行信用卡 owes 48,000 (no overdue interest or penalty in the sample): 48 months at 0 %.
    assert metrics["New monthly payment"] == "¥1,000.00"
    assert metrics["Months to pay"] == "48"
    assert metrics["True annual cost (APR)"] == "0.00%"
    assert at.text_input(key="guide.name.freeze.招行信用卡").value == "Interest freeze + installments · 招行信用卡"
    at.button(key="guide.add").click().run()
    assert not at.exception
    said = [s.value for s in at.success if "Interest freeze" in s.value and "招行信用卡" in s.value]
    assert len(said) == 1 and [t.value for t in at.toast if t.value == said[0]]  # said once, on the page and aside
    table = comparison(at)
    assert "Interest freeze + installments · 招行信用卡" in list(table["Scenario"])
    # The advanced view's table holds the same rows.
    terms = at.session_state["_profile_memo"][1].section("terms")
    assert terms[terms["debt"] == "招行信用卡"][["term", "months"]].values.tolist() == [["freeze", 48]]
    again = open_scenarios("en")
    assert "Interest freeze + installments · 招行信用卡" in list(comparison(again)["Scenario"])


def test_the_guided_builder_says_when_a_request_cannot_be_worked_out_and_offers_no_rate_cut_at_zero():
    from core.household.loader import load
    from core.simulation import guide
    from tests.fixtures.workspace import make_profile

    h, _ = load(make_profile(debts=[{"name": "亲戚", "principal": 10000, "rate": 0, "months": 10}]))
    assert "rate_cut" not in guide.offered(h, ["亲戚"])
    assert "help" not in guide.offered(h, ["亲戚"])  # nothing listed that could help
    shown = guide.preview(h, ["亲戚"], guide.term("token", {"months": 6, "amount": None}))
    assert [e.code for e in shown.errors] == ["err.sc_amount_needed"]


def _store_with_an_absurd_scenario():
    """The sample household, a 100,000 loan at 365 % a year more, and two scenarios: one lets its
    interest pile up for 130 months (past ¥100,000,000: raised OverflowError), one is ordinary."""
    import pandas as pd

    from core.profiles.profile import normalize_section
    from core.profiles.store import Store, default_db_path
    from core.profiles.workbook import profile_from_xlsx

    data = (Path(APP).parent / "sample_data" / "sample_household.xlsx").read_bytes()
    profile, _ = profile_from_xlsx(data)
    debts = profile.section("debts")
    extra = {"name": "高息网贷", "lender_type": "online_lending", "principal": 100_000, "rate": 365, "months": 12}
    profile.sections["debts"] = normalize_section("debts", pd.concat([debts, pd.DataFrame([extra])]))[0]
    profile.sections["scenarios"] = normalize_section(
        "scenarios", pd.DataFrame([{"name": "拖下去"}, {"name": "延期"}])
    )[0]
    profile.sections["terms"] = normalize_section("terms", pd.DataFrame([
        {"scenario": "拖下去", "debt": "高息网贷", "term": "deferral", "months": 130, "mode": "capitalise"},
        {"scenario": "延期", "debt": "招行信用卡", "term": "extension", "months": 36},
    ]))[0]  # fmt: skip
    store = Store(str(default_db_path()))
    store.set_meta("active_profile", str(store.create(profile)))


@pytest.mark.parametrize("lang,column,words", [("zh", "问题", "无法还清"), ("en", "Problem", "cannot be paid off")])
def test_a_scenario_that_cannot_be_worked_out_is_marked_on_its_own_row_and_the_rest_shows(lang, column, words):
    _store_with_an_absurd_scenario()
    at = open_scenarios(lang)  # showed only the crash notice
    crashed = at.error[0].value if at.error else ""
    assert "unexpected" not in crashed and "意外" not in crashed
    table = comparison(at)
    name = table.columns[0]
    assert list(table[name])[-2:] == ["拖下去", "延期"]
    marks = dict(zip(table[name], table[column], strict=True))
    assert "¥100,000,000" in marks["拖下去"] and words in marks["拖下去"] and "高息网贷" in marks["拖下去"]
    assert not marks["延期"] and not marks[table[name][0]]  # the others: worked out, nothing to mark
    assert any("拖下去" in w.value and "¥100,000,000" in w.value for w in at.warning)
    # the tables that fix it are open and editable
    assert at.expander and any("拖下去" in set(d.value.get("scenario", [])) for d in at.dataframe)


def test_the_pages_that_use_a_scenario_work_beside_one_that_cannot_be_worked_out():
    _store_with_an_absurd_scenario()
    at = AppTest.from_file(APP, default_timeout=60).run()  # the overview
    choices = {"readiness": "rd.scenario", "next_steps": "ns.scenario", "letters": None, "plan": None, "report": None}
    for page, choice in choices.items():
        at.switch_page(f"app_pages/{page}.py").run()
        if choice:
            at.selectbox(key=choice).set_value("拖下去").run()
        elif page == "letters":
            at.selectbox(key="lt.debt").set_value("高息网贷").run()
            at.selectbox(key="lt.scenario.高息网贷").set_value("拖下去").run()
        assert not at.exception and not any("意外" in e.value for e in at.error), page
        if page in ("readiness", "letters"):  # a letter or a check built on it says it cannot be worked out
            assert any("这个方案无法计算" in e.value and "¥100,000,000" in e.value for e in at.error), page
