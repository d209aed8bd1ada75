"""AppTest of the papers after the yes: the paid agents warning on the next-steps and letters
pages, a debt passed to a collector followed by its letter and complaint draft, and the
Overview's next days and calendar carrying the agreed payments."""

import datetime as dt

import pytest

from core.i18n import t
from core.loans.dates import current_month, format_month
from core.profiles.store import Store, default_db_path
from tests.fixtures.app import open_page
from tests.fixtures.kept import HOLDER, kept_profile
from ui.common import md_escape


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def use(profile):
    store = Store(default_db_path())
    store.set_meta("active_profile", str(store.create(profile)))


def soon_profile(contacts=None):
    """The kept household with its agreements starting this month: A due in three days, B in
    twenty, nothing paid yet (the pages run on today's date)."""
    day = dt.date.today() + dt.timedelta(days=3)
    later = dt.date.today() + dt.timedelta(days=20)
    return kept_profile(contacts=contacts, first_month=format_month(current_month(day)), payments=[],
                        due=(day.day, later.day)), day  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["next_steps", "letters"])
def test_the_paid_agents_warning_is_on_the_next_steps_and_letters_pages(page, lang):
    at = open_page(f"app_pages/{page}.py", lang)
    shown = [w.value for w in at.warning] + [i.value for i in at.info]
    warning = next(text for text in shown if t("ns.agents", lang) in text)
    assert "修复征信" in warning
    assert (t("ns.agents.source", lang) in warning) == (page == "next_steps")  # the letters page keeps it short


def test_the_letter_and_the_complaint_for_a_debt_passed_on_go_to_the_holder():
    profile, _ = soon_profile(contacts=[{"when": "2026-11-20 23:30", "lender": HOLDER, "conduct_threats": True}])
    use(profile)
    at = open_page("app_pages/letters.py", "en")
    at.selectbox(key="lt.debt").set_value("B").run()
    assert not at.exception
    letter = at.text_area[0].value
    assert f"To {HOLDER}," in letter and "This debt was owed to Bank B and is now held or collected by you." in letter
    assert "Bank B's reference for our agreement is BB-77." in letter
    at.selectbox(key="lt.debt").set_value("A").run()
    assert "To Bank A," in at.text_area[0].value and HOLDER not in at.text_area[0].value
    at.switch_page("app_pages/contacts.py").run()
    assert not at.exception
    draft = next(a.value for a in at.text_area if a.value.startswith("Complaint"))
    assert (
        draft.split("\n\n")[1] == f"To {HOLDER}'s complaints department,"
        and "a copy of this complaint goes to Bank B" in draft
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_lists_an_agreed_payment_due_this_week_and_puts_it_in_the_calendar(lang):
    profile, day = soon_profile()
    use(profile)
    at = open_page("app_pages/overview.py", lang)
    soon = " ".join(m.value for m in at.markdown if day.isoformat() in m.value)
    assert md_escape(t("cal.agreed", lang, lender="Bank A", amount="¥1,000.00")) in soon
    assert HOLDER not in soon  # B is due in twenty days, not this week
    ics = at.get("download_button")
    assert any(b.proto.label == t("cal.download", lang) for b in ics)


def test_the_contact_form_offers_the_new_holder_of_a_debt_passed_on():
    use(kept_profile())
    at = open_page("app_pages/contacts.py", "en")
    assert not at.exception
    assert at.selectbox(key="ct.lender").options[-1] == HOLDER and "B" in at.selectbox(key="ct.lender").options
