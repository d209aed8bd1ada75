"""AppTest of the loan calculator page, driven headlessly through app.py."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("app_pages/calculator.py").run()
    assert not at.exception
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_calculator_renders_with_defaults(app):
    assert [m.label for m in app.metric][:2] == ["每月还款", "利息总额"]
    assert metric(app, "真实年化利率") == "12.00%"
    assert len(app.get("plotly_chart")) == 1
    assert len(app.dataframe) == 1 and len(app.dataframe[0].value) == 12
    assert app.get("download_button")


def test_worked_mortgage_through_the_page(app):
    app.number_input(key="calc.amount").set_value(1_000_000.0)
    app.number_input(key="calc.rate").set_value(4.9)
    app.number_input(key="calc.months").set_value(360)
    app.run()
    assert metric(app, "每月还款") == "¥5,307.27"
    assert metric(app, "还清月份")
    table = app.dataframe[0].value
    assert len(table) == 360
    assert round(float(table.iloc[0, 3]), 2) == 4083.33  # interest of the first month
    assert any("910,616.19" in c.value for c in app.caption)  # the calculator convention, explained


def test_daily_rate_conversion_is_shown_and_flagged(app):
    app.selectbox(key="calc.rate_unit").set_value("daily")
    app.number_input(key="calc.rate").set_value(0.1)
    app.run()
    assert any("36.5%" in c.value for c in app.caption)
    assert metric(app, "真实年化利率") == "36.50%"
    warnings = [w.value for w in app.warning]
    assert any("36%" in w for w in warnings) and any("24%" in w for w in warnings)


def test_language_switch_to_english(app):
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.segmented_control(key="app.lang").set_value("en").run()
    app.switch_page("app_pages/calculator.py").run()
    assert metric(app, "Monthly payment")
    assert app.title[0].value == "Loan calculator"


def test_equal_principal_and_fees(app):
    app.selectbox(key="calc.method").set_value("equal_principal")
    app.number_input(key="calc.rate").set_value(0.0)
    app.number_input(key="calc.monthly_fee_rate").set_value(0.6)
    app.number_input(key="calc.amount").set_value(12_000.0)
    app.run()
    assert metric(app, "首期还款") == "¥1,072.00"
    assert metric(app, "手续费 + 罚息") == "¥864.00"
    assert metric(app, "真实年化利率") == "13.03%"


def test_card_that_never_pays_off_says_so(app):
    app.selectbox(key="calc.method").set_value("revolving")
    app.run()
    app.number_input(key="calc.min_pct").set_value(0.0)
    app.number_input(key="calc.min_floor").set_value(10.0)
    app.run()
    assert not app.exception
    assert any("永远还不清" in e.value for e in app.error)


def test_overdue_too_large_is_explained_not_a_traceback(app):
    app.number_input(key="calc.overdue_principal").set_value(500_000.0)
    app.run()
    assert not app.exception
    assert any("逾期本金" in e.value for e in app.error)


@pytest.mark.parametrize(("key", "value", "words"), [
    ("calc.amount", -5000.0, "不能为负数"),
    ("calc.amount", 1e15, "太大"),
    ("calc.months", -3, "期"),
    ("calc.rate", -1.0, "不能为负数"),
])  # fmt: skip
def test_a_refused_number_is_named_and_no_earlier_result_stays_beside_it(app, key, value, words):
    assert app.metric  # the defaults' result
    app.number_input(key=key).set_value(value).run()
    assert not app.exception
    said = " ".join(e.value for e in app.error) + " ".join(w.value for w in app.warning)
    assert words in said, said
    assert not app.metric and not app.dataframe  # no stale result beside the refused input
