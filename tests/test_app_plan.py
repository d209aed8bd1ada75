"""AppTest of the household plan page: the sample's plan, its settings saved, and the
letters following it."""

import pytest

from core.profiles.store import Store, default_db_path
from tests.fixtures.app import open_page


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_opens_on_a_plan_with_no_short_month(lang):
    at = open_page("app_pages/plan.py", lang)
    assert not at.error
    keeps = " ".join(s.value for s in at.success)
    assert "¥3,724.00" in keeps and "60" in keeps  # 11,500 - 7,580 - 5 %; the longest lender 60 months
    shares = at.dataframe[0].value
    assert len(shares) == 6 and shares.iloc[:, 1].sum() == pytest.approx(3724.00)  # the shares add up to the total
    assert any(("90" in w.value) for w in at.warning)  # doing nothing: accounts past 90 days
    assert len(at.get("plotly_chart")) == 2


def test_changing_the_contingency_changes_the_plan_and_every_unedited_letter():
    at = open_page("app_pages/letters.py", "en")
    before = at.text_area[0].value
    assert "your share is ¥639.47 a month (17.2%), enough to repay what I owe you within 55 monthly" in before
    assert "¥196.00 a month is kept" in before
    at.switch_page("app_pages/plan.py").run()
    at.toggle(key="pl.sample.0.auto").set_value(False).run()  # saves the default as the user's own
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    at.number_input(key=f"pl.{pid}.0.contingency").set_value(500.0).run()
    assert not at.exception
    assert metric(at, "Contingency a month") == "¥500.00"
    saved = Store(default_db_path()).load(pid).section("plan")
    assert saved["contingency"].tolist() == [500.0]
    at.switch_page("app_pages/letters.py").run()
    after = at.text_area[0].value
    assert "¥500.00 a month is kept" in after and "¥639.47" not in after
    at.selectbox(key="lt.debt").set_value("微粒贷").run()
    assert "¥500.00 a month is kept" in at.text_area[0].value


def test_split_by_contract_payment():
    at = open_page("app_pages/plan.py", "en")
    at.radio(key="pl.sample.0.split").set_value("payment").run()
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    assert Store(default_db_path()).load(pid).section("plan")["split"].tolist() == ["payment"]
    assert not at.exception


def test_a_counter_offer_is_checked_logged_and_accepted_into_the_plan():
    at = open_page("app_pages/plan.py", "en")
    at.selectbox(key="pl.offer.debt").set_value("借呗")
    at.number_input(key="pl.offer.payment").set_value(1_000.0)
    at.number_input(key="pl.offer.months").set_value(36)
    at.number_input(key="pl.offer.fee").set_value(300.0)
    at.button(key="FormSubmitter:pl.offer-Check this offer").click().run()
    assert not at.exception
    assert metric(at, "Paid in all under the offer") == "¥35,300.00"  # 35 x 1,000 (35,000 owed) + 300 fee
    assert any("runs short" in w.value or "run short" in w.value for w in at.warning)  # 1,000 > its 639.47 share
    at.button(key="pl.offer.log").click().run()
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    log = Store(default_db_path()).load(pid).section("contacts")
    assert log.iloc[-1]["lender"] == "蚂蚁借呗" and log.iloc[-1]["outcome"] == "counter_offer"
    assert "¥1,000.00 a month for 36 months" in log.iloc[-1]["said"]
    at.button(key="pl.offer.accept").click().run()
    assert not at.exception
    saved = Store(default_db_path()).load(pid)
    assert saved.section("agreed")["debt"].tolist() == ["借呗"]
    assert saved.section("contacts").iloc[-1]["outcome"] == "agreed"
    shares = at.dataframe[0].value
    assert "借呗" not in set(shares.iloc[:, 0]) and len(shares) == 5
    assert any("借呗" in m.value for m in at.markdown if "a month" in m.value)
    # The plan with the offer agreed is kept as a version, lender by lender, with its date.
    versions = saved.section("versions")
    assert set(versions["version"]) == {1} and set(versions["reason"]) == {"agreed"}
    line = versions[versions["debt"].eq("借呗").fillna(False)].iloc[0]
    assert (line["request"], line["monthly"], line["state"]) == ("agreed", 1000, "agreed")


def test_choosing_the_plan_keeps_it_as_the_first_version():
    at = open_page("app_pages/plan.py", "en")
    at.button(key="pl.choose").click().run()
    assert not at.exception
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    versions = Store(default_db_path()).load(pid).section("versions")
    assert set(versions["reason"]) == {"chosen"} and len(versions) == 1 + 6  # the household's line, 6 lenders
    own = versions[versions["debt"].isna()].iloc[0]
    assert own["monthly"] == 3724 and own["surplus"] == 3920  # the plan's total; 11,500 - 7,580


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_next_steps_page_weighs_mediation_and_cites_its_sources(lang):
    at = open_page("app_pages/next_steps.py", lang)
    assert not at.error
    weighed = [s.value for s in at.success] + [w.value for w in at.warning]
    assert any("¥3,000.00" in text for text in weighed)  # the default fee against the plan's saving
    body = " ".join(m.value for m in at.markdown)
    assert "12378" in body and ("188" in body or "一百八十八" in body)
    assert any("not legal advice" in c.value or "不是法律意见" in c.value for c in at.caption)


def test_the_letter_page_warns_when_the_ask_does_not_fit_and_fixes_it_in_one_click():
    at = open_page("app_pages/scenarios.py", "en")
    at.selectbox(key="sc.preset").set_value("settle60").run()
    at.button(key="sc.preset.add").click().run()
    at.switch_page("app_pages/letters.py").run()
    at.selectbox(key="lt.debt").set_value("招行信用卡").run()
    choice = at.selectbox(key="lt.scenario.招行信用卡")
    choice.set_value(next(o for o in choice.options if o.startswith("Settle"))).run()
    assert any("may find the ask too much" in w.value for w in at.warning)
    at.button(key="lt.use_plan").click().run()
    assert not at.exception
    assert at.selectbox(key="lt.scenario.招行信用卡").value == "plan"
    assert not any("may find the ask too much" in w.value for w in at.warning)
    assert "your share is" in at.text_area[0].value


def test_the_letter_page_catches_a_promise_above_what_is_left_for_the_debt_and_fixes_it():
    """A rate cut on the bank loan still pays ~¥2,400 a month, far above the share the worksheet
    leaves for it while the money runs short: said, and the plan is one click away."""
    import pandas as pd

    from core.profiles.workbook import profile_from_xlsx
    from tests.fixtures.workspace import ROOT

    profile, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes(), filename="s.xlsx")
    profile.sections["scenarios"] = pd.DataFrame([{"name": "Cut", "strategy": "avalanche"}])
    profile.sections["terms"] = pd.DataFrame([{"scenario": "Cut", "debt": "工行消费贷", "term": "rate_cut",
                                               "rate": 5.0}])  # fmt: skip
    store = Store(default_db_path())
    store.set_meta("active_profile", str(store.create(profile)))
    at = open_page("app_pages/letters.py", "en")
    at.selectbox(key="lt.debt").set_value("工行消费贷").run()
    at.selectbox(key="lt.scenario.工行消费贷").set_value("Cut").run()
    promise = [w.value for w in at.warning if "more than the" in w.value]
    assert promise and "runs short" in promise[0]
    assert not any(w.value.startswith("Note: under this scenario") for w in at.warning)  # said once
    at.button(key="lt.use_plan").click().run()
    assert not at.exception and at.selectbox(key="lt.scenario.工行消费贷").value == "plan"
    assert not any("more than the" in w.value for w in at.warning)
