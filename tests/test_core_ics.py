"""The calendar export: follow-ups and the plan's payments, read back with icalendar."""

import datetime as dt

import pandas as pd
from icalendar import Calendar

from core.ics import calendar_ics, reminders, upcoming
from core.loader import load
from core.plan import household_plan
from core.profile import normalize_section
from tests.fixtures.workspace import make_profile
from tests.test_core_plan import THREE


def test_payments_and_follow_ups_round_trip_through_icalendar():
    h, _ = load(make_profile(income=10_000, expenses=7_000, debts=THREE))
    plan = household_plan(h, h.plan_settings)
    contacts = normalize_section("contacts", pd.DataFrame([
        {"when": "2026-11-20 10:00", "lender": "Bank A", "said": "will call back", "follow_up": "2026-11-27"},
        {"when": "2026-10-01 10:00", "lender": "Old", "follow_up": "2026-10-05"},  # already past
    ]))[0]  # fmt: skip
    items = reminders(plan, contacts, today=dt.date(2026, 11, 24))
    cal = Calendar.from_ical(calendar_ics(items, "en"))
    events = [e for e in cal.walk("VEVENT")]
    assert len(events) == len(items) == 1 + 3 * 22  # one follow-up; 3 lenders x 22 instalments
    follow = [e for e in events if str(e["summary"]).startswith("Follow up")]
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in follow] == [("Follow up: Bank A", dt.date(2026, 11, 27))]
    first_a = min((e for e in events if "Pay A " in str(e["summary"])), key=lambda e: e.decoded("dtstart"))
    assert first_a.decoded("dtstart") == dt.date(2027, 1, 1)
    assert str(first_a["summary"]) == "Pay A ¥909.09 (this month)"  # 20,000 over 22 instalments
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert [r.kind for r in upcoming(items, dt.date(2026, 11, 24))] == ["follow_up"]
    assert "还款：A ¥909.09" in calendar_ics(items, "zh").decode()
