"""A calendar (.ics) for a phone: the follow-ups from the contact log and the plan's
payments (one event per lender per month, with the amount), written with the maintained
``icalendar`` library; and the events of the next few days for the Overview.

A payment is an all-day event on the debt's due day (还款日, the "due_day" column; the
last day of a shorter month when the day is past its end), or, where no due day is given,
on the first of its month ("due this month"); a follow-up on its own date.

A debt whose lender agreed (core.tracking) follows its agreement instead of the plan: each
month still to pay, from this month on, on the day it is due (core.tracking.schedule), with
what is left to pay of it and who is paid (the new holder when the debt was passed on);
and the plan's review date (core.tracking.review) is an event of its own. Those carry a
reminder the day before, and keep their UID when the amount or the day moves, so importing
the calendar again updates them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from core.household.contacts import Contact
from core.household.model import Household
from core.i18n import t
from core.loans.dates import day_in_month, month_to_date
from core.loans.money import format_cents
from core.tracking.progress import progress
from core.tracking.review import review_date

MAX_PAYMENT_MONTHS = 120  # a plan's payments up to ten years ahead
FAR = dt.date(9999, 12, 31)
REMIND_BEFORE = dt.timedelta(hours=15)  # an all-day event's reminder: 09:00 the day before


@dataclass(frozen=True)
class Reminder:
    day: dt.date
    kind: str  # "follow_up" | "payment"
    lender: str
    cents: int = 0
    note: str = ""
    on_due_day: bool = False  # a payment on the lender's due day (else: some day this month)
    key: str = ""  # what keeps its calendar UID when the day or amount moves ("": kind, lender, day, amount)

    @property
    def alarm(self) -> bool:
        """Whether the event reminds the day before: an agreed payment and the review."""
        return self.kind in ("agreed", "review")

    def title(self, lang: str) -> str:
        if self.kind == "payment":
            key = "cal.payment_due" if self.on_due_day else "cal.payment"
            return t(key, lang, lender=self.lender, amount=format_cents(self.cents))
        if self.kind == "agreed":
            return t("cal.agreed", lang, lender=self.lender, amount=format_cents(self.cents))
        if self.kind == "review":
            return t("cal.review", lang)
        return t("cal.follow_up", lang, lender=self.lender)

    @property
    def uid(self) -> str:
        key = self.key or f"{self.kind}|{self.lender}|{self.day.isoformat()}|{self.cents}"
        return hashlib.sha256(key.encode()).hexdigest()[:32] + "@repay-planner.local"


def payment_day(month: int, due_day: int | None) -> dt.date:
    """The day a payment of ``month`` falls on: its due day, at most the month's last day."""
    return day_in_month(month, due_day) if due_day else month_to_date(month)


def reminders(
    plan, log: list[Contact], today: dt.date | None = None, due: dict[str, int] | None = None,
    household: Household | None = None, until: dt.date | None = None,
) -> list[Reminder]:  # fmt: skip
    """Follow-ups not yet past and the plan's monthly payments from this month on, each on
    its debt's due day where ``due`` (core.household.model.Household.due_days) gives one.
    With ``household``: its agreements' payments in place of the plan's for those debts,
    and the plan's review date. With ``until``: only those up to that day (the next few
    days' list needs a handful of the thousands a plan at the caps holds)."""
    due = due or {}
    today = today or dt.date.today()
    first = today.replace(day=1)
    last = until or dt.date.max
    out: list[Reminder] = []
    for c in log:
        if c.follow_up is not None and today <= c.follow_up <= last:
            out.append(Reminder(c.follow_up, "follow_up", c.lender, note=c.said))
    agreed: set[str] = set()
    if household is not None:
        out += agreed_reminders(household, today, last)
        agreed = {a.debt for a in household.agreements if a.binding}
        review = review_date(household, plan) if plan is not None else None
        if review is not None and today <= review <= last:
            out.append(Reminder(review, "review", "", key="review"))
    if plan is not None and plan.result is not None and plan.scenario.terms:
        for track in plan.result.tracks:
            if not track.negotiated or track.name in agreed:
                continue
            for month in sorted(track.payment)[:MAX_PAYMENT_MONTHS]:
                cents = track.payment[month]
                day = payment_day(month, due.get(track.name))
                if day > last:  # the months are in order, and so are their days
                    break
                if cents > 0 and day >= first:
                    out.append(Reminder(day, "payment", track.name, cents, on_due_day=track.name in due))
    return sorted(out, key=lambda r: (r.day, r.kind, r.lender))


def agreed_reminders(h: Household, today: dt.date, until: dt.date | None = None) -> list[Reminder]:
    """Every agreement's months still to pay, from the first of ``today``'s month on (up to
    ``until``, if given; one completed or broken asks nothing more), each with what is left
    to pay of it."""
    out = []
    for lp in progress(h, today).lenders:
        if lp.state in ("completed", "broken"):
            continue
        for due, left in lp.due_within(today.replace(day=1), FAR if until is None else min(until, FAR)):
            out.append(Reminder(due.date, "agreed", lp.lender, left, on_due_day=True,
                                key=f"agreed|{lp.debt}|{due.month}"))  # fmt: skip
    return out


def upcoming(items: list[Reminder], today: dt.date | None = None, days: int = 7) -> list[Reminder]:
    today = today or dt.date.today()
    return [r for r in items if today <= r.day <= today + dt.timedelta(days=days)]


def calendar_ics(items: list[Reminder], lang: str) -> bytes:
    """The reminders as an iCalendar file (all-day events, stable UIDs so a re-import
    updates instead of duplicating)."""
    from icalendar import Alarm, Calendar, Event  # here: only a download needs it (a lighter first page)

    cal = Calendar()
    cal.add("prodid", "-//Repay Planner//repay-planner//" + lang.upper())
    cal.add("version", "2.0")
    cal.add("x-wr-calname", t("cal.name", lang))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", item.title(lang))
        if item.note:
            event.add("description", item.note[:500])
        if item.alarm:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", t("cal.tomorrow", lang, what=item.title(lang)))
            alarm.add("trigger", -REMIND_BEFORE)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
