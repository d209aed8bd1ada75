"""A calendar (.ics) for a phone: the follow-ups from the contact log and the plan's
payments (one event per lender per month, with the amount), written with the maintained
``icalendar`` library; and the events of the next few days for the Overview.

A payment is an all-day event on the debt's due day (还款日, the "due_day" column; the
last day of a shorter month when the day is past its end), or, where no due day is given,
on the first of its month ("due this month"); a follow-up on its own date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass

from core.household.contacts import Contact
from core.i18n import t
from core.loans.dates import month_to_date
from core.loans.money import format_cents

MAX_PAYMENT_MONTHS = 120  # a plan's payments up to ten years ahead


@dataclass(frozen=True)
class Reminder:
    day: dt.date
    kind: str  # "follow_up" | "payment"
    lender: str
    cents: int = 0
    note: str = ""
    on_due_day: bool = False  # a payment on the lender's due day (else: some day this month)

    def title(self, lang: str) -> str:
        if self.kind == "payment":
            key = "cal.payment_due" if self.on_due_day else "cal.payment"
            return t(key, lang, lender=self.lender, amount=format_cents(self.cents))
        return t("cal.follow_up", lang, lender=self.lender)


def payment_day(month: int, due_day: int | None) -> dt.date:
    """The day a payment of ``month`` falls on: its due day, at most the month's last day."""
    first = month_to_date(month)
    if not due_day:
        return first
    return first.replace(day=min(due_day, calendar.monthrange(first.year, first.month)[1]))


def reminders(
    plan, log: list[Contact], today: dt.date | None = None, due: dict[str, int] | None = None
) -> list[Reminder]:
    """Follow-ups not yet past and the plan's monthly payments from this month on, each on
    its debt's due day where ``due`` (core.household.model.Household.due_days) gives one."""
    due = due or {}
    today = today or dt.date.today()
    out: list[Reminder] = []
    for c in log:
        if c.follow_up is not None and c.follow_up >= today:
            out.append(Reminder(c.follow_up, "follow_up", c.lender, note=c.said))
    if plan is not None and plan.result is not None and plan.scenario.terms:
        first = today.replace(day=1)
        for track in plan.result.tracks:
            if not track.negotiated:
                continue
            for month in sorted(track.payment)[:MAX_PAYMENT_MONTHS]:
                cents = track.payment[month]
                day = payment_day(month, due.get(track.name))
                if cents > 0 and day >= first:
                    out.append(Reminder(day, "payment", track.name, cents, on_due_day=track.name in due))
    return sorted(out, key=lambda r: (r.day, r.kind, r.lender))


def upcoming(items: list[Reminder], today: dt.date | None = None, days: int = 7) -> list[Reminder]:
    today = today or dt.date.today()
    return [r for r in items if today <= r.day <= today + dt.timedelta(days=days)]


def calendar_ics(items: list[Reminder], lang: str) -> bytes:
    """The reminders as an iCalendar file (all-day events, stable UIDs so a re-import
    updates instead of duplicating)."""
    from icalendar import Calendar, Event  # here: only a download needs it (a lighter first page)

    cal = Calendar()
    cal.add("prodid", "-//Repay Planner//repay-planner//" + lang.upper())
    cal.add("version", "2.0")
    cal.add("x-wr-calname", t("cal.name", lang))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for item in items:
        event = Event()
        key = f"{item.kind}|{item.lender}|{item.day.isoformat()}|{item.cents}"
        event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@repay-planner.local")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", item.title(lang))
        if item.note:
            event.add("description", item.note[:500])
        cal.add_component(event)
    return cal.to_ical()
