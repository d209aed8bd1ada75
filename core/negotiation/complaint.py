"""Collection conduct on record, and a complaint drafted from it.

A contact-log entry can be marked with what happened: calls to family, friends or the
employer; threats or insults; claims of criminal or "legal" consequences; a call late at
night. Many calls in one day are found from the log itself (the user sets what "many"
is). A complaint draft — to the lender's complaint line first, then the financial
regulator's 12378 — cites the dated entries and the recordings and screenshots attached
to them (with their SHA-256). When the debt was sold or passed on (the "agreed" table's holder), the
draft is addressed to the holder and names the original lender, who gets a copy. The draft speaks in the borrower's voice and describes what
happened; it makes no legal claim (collecting from third parties unrelated to the debt,
and violence, threats or insults, are forbidden: 商业银行信用卡业务监督管理办法, art. 68), and the app says it
is not legal advice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from core.blank import records
from core.household.model import Household
from core.i18n import join, t
from core.loans.dates import datetime_or_none
from core.profiles.evidence import contact_key, live
from core.profiles.profile import CONDUCT  # the log's yes/no columns, one per kind of conduct

DEFAULT_MANY_CALLS = 3  # contacts with one lender in one day that count as "many"
LATE_START, LATE_END = dt.time(22, 0), dt.time(8, 0)


@dataclass(frozen=True)
class Held:
    """A debt sold or passed on (a collector, an asset-management company): who holds it
    now, who lent it, and the lender's reference for the agreement."""

    debt: str
    lender: str  # the original lender (the debt's own name when no lender is given)
    holder: str
    kind: str | None = None  # collector | amc | other
    contact: str = ""
    reference: str = ""


def held(h: Household, debt: str) -> Held | None:
    """Who holds ``debt`` now, when its agreement row names a holder (None: the lender)."""
    agreement = next((a for a in h.agreements if a.debt == debt and a.holder), None)
    if agreement is None or debt not in h.names:
        return None
    lender = h.line(debt).lender or debt
    return Held(debt, lender, agreement.holder, agreement.holder_kind, agreement.holder_contact, agreement.reference)


def held_for(h: Household, name: str) -> Held | None:
    """The debt a contact-log name stands for, when it was passed on: ``name`` is its
    holder, its lender or the debt itself (the first such debt)."""
    for debt in h.names:
        found = held(h, debt)
        if found is not None and name in (found.holder, found.lender, found.debt):
            return found
    return None


@dataclass
class Incident:
    when: str  # "YYYY-MM-DD HH:MM"
    lender: str
    marks: tuple[str, ...]  # CONDUCT keys, plus "many_calls"
    said: str = ""
    files: list[dict] = field(default_factory=list)  # evidence rows attached to the entry


def is_late(when: str) -> bool:
    """A contact between 22:00 and 08:00."""
    stamp = datetime_or_none(when)
    return stamp is not None and (stamp.time() >= LATE_START or stamp.time() < LATE_END)


def incidents(contacts: pd.DataFrame, evidence: pd.DataFrame, lender: str | None = None,
              many: int = DEFAULT_MANY_CALLS) -> list[Incident]:  # fmt: skip
    """Every marked entry (and every entry on a day with ``many`` or more contacts with the
    same lender), oldest first, with the files attached to it."""
    rows = records(contacts)
    if lender is not None:
        rows = [r for r in rows if str(r.get("lender") or "").strip() == lender]
    per_day: dict[tuple[str, str], int] = {}
    for r in rows:
        stamp = datetime_or_none(str(r.get("when") or ""))
        if stamp is not None:
            key = (str(r.get("lender") or ""), stamp.date().isoformat())
            per_day[key] = per_day.get(key, 0) + 1
    files: dict[str, list[dict]] = {}
    for e in live(evidence):
        if e.get("contact"):
            files.setdefault(e["contact"], []).append(e)
    out = []
    for r in rows:
        when = str(r.get("when") or "")
        stamp = datetime_or_none(when)
        marks = [c for c in CONDUCT if r.get(c) is True]
        if stamp is not None and per_day.get((str(r.get("lender") or ""), stamp.date().isoformat()), 0) >= many:
            marks.append("many_calls")
        if marks:
            name = str(r.get("lender") or "")
            out.append(Incident(when, name, tuple(marks), str(r.get("said") or ""),
                                files.get(contact_key(when, name), [])))  # fmt: skip
    return sorted(out, key=lambda i: i.when)


def complaint_text(lender: str, found: list[Incident], lang: str, name: str = "", contact: str = "",
                   many: int = DEFAULT_MANY_CALLS, today: dt.date | None = None,
                   holder: Held | None = None) -> str:  # fmt: skip
    """The complaint draft for one lender, in the borrower's voice; addressed to the debt's
    new holder when ``holder`` (held_for) says it was passed on."""
    today = today or dt.date.today()
    to = holder.holder if holder is not None else lender
    out = [t("cp.title", lang, lender=to), t("cp.to", lang, lender=to)]
    who = t("cp.who.named", lang, name=name) if name else t("cp.who", lang)
    out.append(who + (t("cp.contact", lang, contact=contact) if contact else ""))
    if holder is not None:
        said = [t("cp.held", lang, debt=holder.debt, lender=holder.lender, holder=holder.holder)]
        if holder.reference:
            said.append(t("cp.held.reference", lang, reference=holder.reference))
        out.append(t("lt.sentence_gap", lang).strip("|").join(said))
    out.append(t("cp.intro", lang, lender=lender, n=len(found)))
    lines = []
    for i, inc in enumerate(found, start=1):
        what = join((t(f"cp.mark.{m}", lang, n=many) for m in inc.marks), lang)
        line = f"{i}. {inc.when} — {what}"
        if inc.said:
            line += t("cp.said", lang, said=inc.said[:300])
        for f in inc.files:
            line += "\n   " + t(
                "cp.file", lang, name=f.get("name"), sha=str(f.get("sha256"))[:16], added=f.get("added") or ""
            )
        lines.append(line)
    out.append("\n".join(lines))
    out.append(t("cp.ask", lang))
    out.append(t("cp.next", lang))
    out.append(t("cp.sign", lang, date=today.isoformat()) + (f"\n{name}" if name else ""))
    return "\n\n".join(out)
