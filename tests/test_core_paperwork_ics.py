"""The calendar export: follow-ups and the plan's payments, read back with icalendar."""

import datetime as dt

import pandas as pd
from icalendar import Calendar

from core.household.loader import load
from core.paperwork.ics import calendar_ics, payment_day, reminders, upcoming
from core.profiles.profile import Profile, normalize_section
from core.simulation.plan import household_plan
from tests.fixtures.workspace import make_profile
from tests.test_core_simulation_plan import THREE


def test_payments_and_follow_ups_round_trip_through_icalendar():
    h, _ = load(make_profile(income=10_000, expenses=7_000, debts=THREE))
    plan = household_plan(h, h.plan_settings)
    contacts = normalize_section("contacts", pd.DataFrame([
        {"when": "2026-11-20 10:00", "lender": "Bank A", "said": "will call back", "follow_up": "2026-11-27"},
        {"when": "2026-10-01 10:00", "lender": "Old", "follow_up": "2026-10-05"},  # already past
    ]))[0]  # fmt: skip
    items = reminders(plan, load(Profile("x", {"contacts": contacts}))[0].log, today=dt.date(2026, 11, 24))
    cal = Calendar.from_ical(calendar_ics(items, "en"))
    events = [e for e in cal.walk("VEVENT")]
    assert len(events) == len(items) == 1 + 3 * 22  # one follow-up; 3 lenders x 22 instalments (21 of 950, 1 of 50)
    follow = [e for e in events if str(e["summary"]).startswith("Follow up")]
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in follow] == [("Follow up: Bank A", dt.date(2026, 11, 27))]
    first_a = min((e for e in events if "Pay A " in str(e["summary"])), key=lambda e: e.decoded("dtstart"))
    assert first_a.decoded("dtstart") == dt.date(2027, 1, 1)
    assert str(first_a["summary"]) == "Pay A ¥950.00 (this month)"  # A's share: 2,850 x 20,000 / 60,000
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert [r.kind for r in upcoming(items, dt.date(2026, 11, 24))] == ["follow_up"]
    assert "还款：A ¥950.00" in calendar_ics(items, "zh").decode()


def test_payments_fall_on_each_debts_due_day_the_last_day_of_a_shorter_month():
    debts = [{**d, "due_day": day} for d, day in zip(THREE, (31, 8, None), strict=True)]
    profile = make_profile(income=10_000, expenses=7_000, debts=debts)
    h, _ = load(profile)
    plan = household_plan(h, h.plan_settings)
    days = h.due_days
    assert days == {"A": 31, "B": 8}  # C has none
    items = reminders(plan, h.log, today=dt.date(2026, 11, 24), due=days)
    first = {name: min(r.day for r in items if r.lender == name) for name in ("A", "B", "C")}
    assert first == {"A": dt.date(2027, 1, 31), "B": dt.date(2027, 1, 8), "C": dt.date(2027, 1, 1)}
    february = [r.day for r in items if r.lender == "A" and r.day.month == 2]
    assert february == [dt.date(2027, 2, 28), dt.date(2028, 2, 29)]  # the 31st in February, leap year or not
    a = next(r for r in items if r.lender == "A")
    c = next(r for r in items if r.lender == "C")
    assert a.title("en") == "Pay A ¥950.00 (due today)" and c.title("en").endswith("(this month)")
    assert "今天到期" in a.title("zh")


def test_a_payment_day_is_the_due_day_or_the_last_day_of_a_shorter_month():
    leap = next(m for m in range(24_000, 24_400) if payment_day(m, None) == dt.date(2028, 2, 1))
    assert payment_day(leap, 30) == dt.date(2028, 2, 29) and payment_day(leap, 15) == dt.date(2028, 2, 15)
