"""The contact log: every call, chat, e-mail, visit or letter with a lender, and the
follow-ups that are due (the time, channel, staff, what was said and the result, with the
evidence: what a complaint or a dispute is later decided on)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core.loans.dates import DATETIME_FORMAT, format_date, format_datetime

SOON_DAYS = 7


@dataclass(frozen=True)
class Contact:
    """One entry of the contact log, as core.household.loader reads it."""

    when: dt.datetime | None  # None: a time that cannot be read
    lender: str
    said: str
    outcome: str | None
    follow_up: dt.date | None  # None: none asked, or a date that cannot be read


@dataclass(frozen=True)
class FollowUp:
    lender: str
    due: dt.date
    when: dt.datetime  # the contact that set it
    outcome: str | None
    said: str
    days: int  # due − today: negative when late

    @property
    def status(self) -> str:
        return "late" if self.days < 0 else "today" if self.days == 0 else "soon"


def sorted_log(frame: pd.DataFrame) -> pd.DataFrame:
    """The log newest first (rows whose time cannot be read go last)."""
    if frame.empty:
        return frame
    keys = pd.to_datetime(frame["when"], format=DATETIME_FORMAT, errors="coerce")
    return frame.assign(_k=keys).sort_values("_k", ascending=False, na_position="last").drop(columns="_k")


def due_followups(log: list[Contact], today: dt.date | None = None, soon: int = SOON_DAYS) -> list[FollowUp]:
    """Follow-ups due by ``today + soon`` days that no later contact with the same lender
    has answered, the most urgent first (entries whose time cannot be read are left out)."""
    today = today or dt.date.today()
    timed = [c for c in log if c.when is not None]
    out = []
    for c in timed:
        if c.follow_up is None:
            continue
        answered = any(other.when > c.when and other.lender == c.lender for other in timed)
        days = (c.follow_up - today).days
        if answered or days > soon:
            continue
        out.append(FollowUp(c.lender, c.follow_up, c.when, c.outcome, c.said, days))
    return sorted(out, key=lambda f: (f.due, f.lender))


def new_entry(
    when: dt.datetime,
    lender: str,
    channel: str,
    staff: str = "",
    said: str = "",
    outcome: str | None = None,
    follow_up: dt.date | None = None,
    evidence: str = "",
) -> dict:
    """One log row as the profile's "contacts" section holds it."""
    return {
        "when": format_datetime(when),
        "lender": lender,
        "channel": channel,
        "staff": staff or None,
        "said": said or None,
        "outcome": outcome,
        "follow_up": format_date(follow_up) if follow_up else None,
        "evidence": evidence or None,
    }
