"""AppTest of the missed payments & review page: a household built here with two
agreements and the card's last month paid short — what could follow, the catch-up, the
letter and logging it; the review due by its date and by a change, re-planning (a version
kept, the change letters), and the history."""

import datetime as dt

import pandas as pd
import pytest

from core.i18n import MISSING
from core.loans.dates import current_month, format_month
from core.profiles.store import Store, default_db_path
from core.tracking.review import add_months
from tests.fixtures.app import open_page
from tests.fixtures.keeping import kept_profile


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def own_missing() -> list[str]:
    """Keys this page asked for and the catalogues lack (none may be)."""
    return sorted(MISSING)


def opened(profile, lang="en"):
    MISSING.clear()
    store = Store(default_db_path())
    pid = store.create(profile)
    store.set_meta("active_profile", str(pid))
    return open_page("app_pages/recovery.py", lang), store, pid


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_has_no_agreement_yet_and_can_keep_its_plan(lang):
    at = open_page("app_pages/recovery.py", lang)
    assert not at.error and not at.warning
    assert at.button(key="mr.keep") is not None


def test_the_sample_keeps_its_plan_as_the_first_version():
    at = open_page("app_pages/recovery.py", "en")
    at.button(key="mr.keep").click().run()
    assert not at.exception
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    kept = Store(default_db_path()).load(pid).section("versions")
    assert len(kept) == 7 and set(kept["reason"]) == {"chosen"} and set(kept["version"]) == {1}  # its own + 6 debts
    assert kept["debt"].isna().sum() == 1
    assert any("version 1" in s.value for s in at.success)
    assert [e.label for e in at.expander if e.label.startswith("Version")] == [
        f"Version 1 · {dt.date.today().isoformat()} · First kept"
    ]


def test_a_short_payment_shows_what_could_follow_a_catch_up_and_the_letter_logged():
    at, store, pid = opened(kept_profile(as_of=dt.date.today()))
    assert not at.error
    late = [w.value for w in at.warning if "behind" in w.value]
    assert len(late) == 1 and "**Bank A**: ¥380.00 behind in all." in late[0]  # 500 due, 120 paid
    assert "¥500.00 due, ¥120.00 paid, ¥380.00 short" in late[0]
    assert metric(at, "Waiver taken back") == "¥1,000.00"
    assert metric(at, "Your cash falls short by") != "¥0.00"
    assert len(at.get("plotly_chart")) == 1
    # 10,000 - 9,050 - (500 + 300) = ¥150 spare a month: ¥380 over 3 months, 126.67 twice then 126.66
    start = format_month(current_month(dt.date.today()) + 1)
    catch = " ".join(i.value for i in at.info)
    assert f"¥126.67 a month on top of ¥500.00 for 3 months from {start}. The last month adds ¥126.66." in catch
    letter = at.text_area[0].value
    assert letter.startswith("Catching up on the repayment arrangement for “Card”")
    assert "To Bank A," in letter and "REF-1" in letter and "I could pay only ¥120.00, ¥380.00 short." in letter
    assert f"From {start} I will pay ¥126.67 a month on top of the agreed ¥500.00, for 3 months." in letter
    at.segmented_control(key="mr.cu.lang.Card").set_value("zh").run()
    assert "少还 ¥380.00" in at.text_area[0].value and "恳请贵司继续保留我们的还款协议" in at.text_area[0].value
    at.button(key=f"mr.cu.text.{pid}.Card.zh.38000.{dt.date.today()}.log").click().run()
    assert not at.exception
    log = store.load(pid).section("contacts")
    assert len(log) == 1 and log.iloc[0]["lender"] == "Bank A" and log.iloc[0]["channel"] == "letter"
    assert "¥380.00" in log.iloc[0]["said"]
    assert log.iloc[0]["follow_up"] == (dt.date.today() + dt.timedelta(days=14)).isoformat()
    assert own_missing() == []


def test_the_review_date_reached_offers_a_re_plan_that_keeps_a_version():
    yesterday = dt.date.today() - dt.timedelta(days=1)
    profile = kept_profile(as_of=dt.date.today(), plan=[{"split": "payment", "review_on": yesterday.isoformat()}])
    at, store, pid = opened(profile)
    due = [w.value for w in at.warning if "review" in w.value]
    assert due and f"The review date ({yesterday.isoformat()}) has come." in due[0]
    assert "This is the date you set." in " ".join(c.value for c in at.caption)
    at.button(key="mr.replan").click().run()
    assert not at.exception
    saved = store.load(pid)
    versions = saved.section("versions")
    assert set(versions["reason"]) == {"review"} and len(versions) == 3  # its own line, Card, Loan
    plan = saved.section("plan").iloc[0]
    assert pd.isna(plan["review_on"]) and plan["split"] == "payment"  # the date served; the other settings stay
    assert not any("has come" in w.value for w in at.warning)  # the date set was served
    assert metric(at, "Next review") == add_months(dt.date.today(), 12).isoformat()  # not a token plan: a year on
    assert not [
        s for s in at.subheader if s.value == "Change of circumstances letters"
    ]  # one version: nothing to compare


def test_a_change_in_the_surplus_calls_a_review_and_each_changed_lender_gets_a_letter():
    saved = (dt.datetime.now() - dt.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    later = (dt.date.today() + dt.timedelta(days=200)).isoformat()
    versions = [
        {"version": 1, "saved": saved, "reason": "chosen", "monthly": 900, "surplus": 2_000, "review_on": later},
        {"version": 1, "saved": saved, "reason": "chosen", "debt": "Card", "request": "agreed", "monthly": 500},
        {"version": 1, "saved": saved, "reason": "chosen", "debt": "Loan", "request": "extension", "monthly": 400},
    ]  # fmt: skip
    at, store, pid = opened(kept_profile(as_of=dt.date.today(), versions=versions))
    due = [w.value for w in at.warning if "review" in w.value or "changed" in w.value]
    # the surplus was 2,000; now 10,000 - 9,050 = 950: |950 - 2,000| / 2,000 = 52.5 %
    assert due and "Your monthly surplus has changed by 52.5%, more than the 10% you set." in due[0]
    assert "has come" not in due[0]
    preview = at.table[0].value
    assert list(preview.iloc[:, 0]) == ["Loan"]  # the card's agreed 500 stays; the loan 400 -> its agreed 300
    at.button(key="mr.replan").click().run()
    assert not at.exception
    kept = store.load(pid).section("versions")
    assert sorted(set(kept["version"])) == [1, 2] and set(kept[kept["version"].eq(2)]["reason"]) == {"change"}
    assert any(s.value == "Change of circumstances letters" for s in at.subheader)
    assert at.selectbox(key="mr.change.debt").options == ["Loan"]
    letter = next(a.value for a in at.text_area if a.value.startswith("Change of circumstances"))
    for part in ("To Collect Co,", "first owed to Lender B", "had ¥2,000.00 a month left", "it now has ¥950.00",
                 "I can pay you ¥300.00 a month (until now ¥400.00)"):  # fmt: skip
        assert part in letter, part
    assert [e.label.split(" · ")[0] for e in at.expander if e.label.startswith("Version")] == ["Version 2", "Version 1"]
    assert "Change of circumstances" in [e.label for e in at.expander if e.label.startswith("Version 2")][0]
    assert not any("changed by" in w.value for w in at.warning)  # kept: no longer due
    assert "review the plan again on" in letter and own_missing() == []


def test_the_review_settings_are_saved_in_the_plan_row_keeping_its_other_columns():
    at, store, pid = opened(kept_profile(as_of=dt.date.today(), plan=[{"split": "payment", "grace": 5}]), "zh")
    chosen = dt.date.today() + dt.timedelta(days=90)
    at.date_input(key=f"mr.set.{pid}").set_value(chosen)
    at.number_input(key=f"mr.share.{pid}").set_value(12.5)
    at.button(key="FormSubmitter:mr.settings-保存复核设置").click().run()
    assert not at.exception
    row = store.load(pid).section("plan").iloc[0]
    assert (row["review_on"], row["change_share"], row["split"], row["grace"]) == (
        chosen.isoformat(),
        12.5,  # a half percent kept as typed, not cut to a whole one
        "payment",
        5,
    )
    assert metric(at, "下次复核") == chosen.isoformat()
    assert at.number_input(key=f"mr.share.{pid}").value == 12.5


def test_review_settings_saved_before_a_plan_is_chosen_do_not_choose_it():
    from core.household.loader import load

    at, store, pid = opened(kept_profile(as_of=dt.date.today()), "en")
    at.number_input(key=f"mr.share.{pid}").set_value(20.0)
    at.button(key="FormSubmitter:mr.settings-Save the review settings").click().run()
    assert not at.exception
    saved = store.load(pid)
    assert saved.section("plan").iloc[0]["change_share"] == 20.0
    assert not load(saved)[0].plan_chosen  # the Plan page still offers "This is my plan"


def test_a_review_the_agreements_no_longer_fit_asks_every_lender_afresh():
    """Costs up to 9,400: 600 a month left cannot carry the 500 and 300 agreed, so the
    re-plan splits 600 less 5 % = 570 by what each owes today: the card 10,380 (11,000 after
    the waiver, 1,000 due, 380 behind), the loan 5,400 (6,000, 600 paid)."""
    saved = (dt.datetime.now() - dt.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    versions = [
        {"version": 1, "saved": saved, "reason": "chosen", "monthly": 800, "surplus": 950},
        {"version": 1, "saved": saved, "reason": "chosen", "debt": "Card", "request": "agreed", "monthly": 500},
        {"version": 1, "saved": saved, "reason": "chosen", "debt": "Loan", "request": "agreed", "monthly": 300},
    ]  # fmt: skip
    at, store, pid = opened(kept_profile(as_of=dt.date.today(), expenses=9_400, versions=versions))
    preview = at.table[0].value
    assert list(preview.iloc[:, 0]) == ["Card", "Loan"]
    # 570 x 10,380 / 15,780 = 374.9429…, 570 x 5,400 / 15,780 = 195.0570…: the cent left over goes
    # to the larger remainder, the loan's.
    assert [float(v) for v in preview.iloc[:, 2]] == [374.94, 195.06]
    at.button(key="mr.replan").click().run()
    assert not at.exception
    kept = store.load(pid).section("versions")
    new = kept[kept["version"].eq(2) & kept["debt"].notna()]
    assert dict(zip(new["debt"], new["monthly"].map(str), strict=True)) == {"Card": "374.94", "Loan": "195.06"}
    assert own_missing() == []
