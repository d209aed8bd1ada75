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


def test_agreed_payments_still_to_pay_and_the_review_date_with_a_reminder_the_day_before():
    from tests.fixtures.kept import HOLDER, kept_profile

    h, _ = load(kept_profile())
    plan = household_plan(h, h.plan_settings)
    items = reminders(plan, h.log, today=dt.date(2027, 3, 15), due=h.due_days, household=h)
    agreed = [r for r in items if r.kind == "agreed"]
    assert not any(r.kind == "payment" and r.lender in ("A", "B") for r in items)  # the agreement, not the plan
    a = [(r.day, r.cents) for r in agreed if r.lender == "Bank A"]
    # A: February and March paid (2 x 1,000 by 2027-03-12): April 10 to January 10, 1,000 each
    assert a == [(dt.date(2027 + (m > 12), (m - 1) % 12 + 1, 10), 100_000) for m in range(4, 14)]
    b = [(r.day, r.cents) for r in agreed if r.lender == HOLDER]  # paid to whoever holds the debt now
    # B: only February paid, so March 20 (missed, this month) still stands, then April to January
    assert b == [(dt.date(2027 + (m > 12), (m - 1) % 12 + 1, 20), 50_000) for m in range(3, 14)]
    review = [r for r in items if r.kind == "review"]
    assert [r.day for r in review] == [dt.date(2028, 1, 15)]  # 12 months after it was agreed (2027-01-15)
    cal = Calendar.from_ical(calendar_ics(items, "en"))
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    first = min((e for e in cal.walk("VEVENT") if str(e["summary"]) == "Pay Bank A ¥1,000.00 (as agreed)"),
                key=lambda e: e.decoded("dtstart"))  # fmt: skip
    assert first.decoded("dtstart") == dt.date(2027, 4, 10)
    (alarm,) = first.walk("VALARM")
    assert alarm.decoded("trigger") == -dt.timedelta(hours=15)  # 09:00 the day before
    assert str(alarm["description"]) == "Tomorrow: Pay Bank A ¥1,000.00 (as agreed)"
    assert "Review the repayment plan with today's figures" in events
    assert events["Review the repayment plan with today's figures"].decoded("dtstart") == dt.date(2028, 1, 15)
    zh = calendar_ics(items, "zh").decode()
    assert "还款：Quick Collect Ltd ¥500.00（按协议）" in zh and "复核还款计划" in zh
    # A part payment moves what is left of March, not the event: the same UID, so a re-import updates it
    more = kept_profile(payments=[
        {"debt": "A", "date": "2027-02-09", "amount": 1_000}, {"debt": "A", "date": "2027-03-12", "amount": 1_000},
        {"debt": "B", "date": "2027-02-20", "amount": 500}, {"debt": "B", "date": "2027-03-14", "amount": 200},
    ])  # fmt: skip
    h2, _ = load(more)
    again = reminders(plan, h2.log, today=dt.date(2027, 3, 15), due=h2.due_days, household=h2)
    march = [r for r in again if r.kind == "agreed" and r.day == dt.date(2027, 3, 20)]
    before = next(r for r in agreed if r.day == dt.date(2027, 3, 20))
    assert [r.cents for r in march] == [30_000] and march[0].uid == before.uid  # 500 - 200
    assert len({r.uid for r in items}) == len(items)
    # Without the household (as before): no agreement, no review
    assert not any(r.kind in ("agreed", "review") for r in reminders(plan, h.log, today=dt.date(2027, 3, 15)))


def test_reminders_up_to_a_day_are_the_whole_calendars_first_ones():
    """The Overview's next days ask only for reminders up to a day: the same as the whole
    calendar cut at that day (agreed payments, the plan's payments, follow-ups, the review)."""
    from tests.fixtures.kept import kept_profile

    contacts = [{"when": "2027-03-01 10:00", "lender": "Bank C", "follow_up": "2027-03-18"},
                {"when": "2027-03-01 11:00", "lender": "Bank C", "follow_up": "2027-05-02"}]  # fmt: skip
    h, _ = load(kept_profile(contacts=contacts))
    plan = household_plan(h, h.plan_settings)
    today = dt.date(2027, 3, 15)
    whole = reminders(plan, h.log, today=today, due=h.due_days, household=h)
    assert {r.kind for r in whole} >= {"agreed", "follow_up", "review"}
    for days in (0, 5, 7, 31, 60, 400):
        until = today + dt.timedelta(days=days)
        cut = reminders(plan, h.log, today=today, due=h.due_days, household=h, until=until)
        assert cut == [r for r in whole if r.day <= until]
    week = reminders(plan, h.log, today=today, due=h.due_days, household=h, until=today + dt.timedelta(days=7))
    # March 18's follow-up and B's March 20 payment (still due), nothing later
    assert [(r.day, r.kind) for r in week] == [(dt.date(2027, 3, 18), "follow_up"), (dt.date(2027, 3, 20), "agreed")]
