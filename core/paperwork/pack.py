"""A negotiation pack for one lender: one zip with the letter (Word and text), a one-page
financial statement for the lender, the contact-log entries with that lender, the
evidence chosen for it and a manifest of every file with its SHA-256.

The financial statement is the short, creditor-facing version of the worksheet (income,
costs by group, what is available, the split rule and this lender's share); the full
worksheet stays private. ID, card and account numbers are masked to their last four
characters unless the user says otherwise. A debt under an agreement gets a progress
statement too (what was due and paid so far, what is behind, the balance expected, on track
or not: core.tracking.progress), short enough to send to the lender or show a counsellor.
ID, card and account numbers are masked to their last four characters unless the user says otherwise: in the documents, the file names inside the zip
and both manifests. Each file's name in the zip is at most MAX_MEMBER_BYTES (every unzip
tool can write it) and unique, its extension kept; text in manifest.csv that a spreadsheet
would read as a formula stays text. Attachments are copied into the zip straight
from disk, one block at a time, so a pack of large files is never held whole in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.blank import is_blank, records
from core.household.contacts import sorted_log
from core.household.model import Household
from core.i18n import t
from core.loans.dates import format_month
from core.loans.money import format_cents
from core.loans.schedule import owed_now_cents
from core.loans.values import Scenario
from core.negotiation.benchmarks import compare_costs
from core.negotiation.complaint import held
from core.paperwork.letter import compose, least_needed, letter_docx, letter_txt, proposal
from core.profiles.evidence import ALLOWED, live, manifest_csv, manifest_json, path_of
from core.profiles.profile import Profile
from core.simulation.arrears import do_nothing
from core.simulation.plan import household_plan, phases_text
from core.simulation.simulate import simulate
from core.text import formula_safe
from core.tracking.progress import progress

# A run of 15 or more digits (single spaces or dashes allowed between groups; an ID may end
# in X): an ID card (15 or 18), a bank card (16 to 19) or an account number. A phone number
# (11 digits: the lender needs it to answer), a date or an amount never has that many.
_NUMBER = re.compile(r"(?<![\dA-Za-z])(?:\d[ -]?){14,}[\dXx](?![\dA-Za-z])")


def mask(text: str) -> str:
    """ID, card, account and phone numbers shown by their last four characters only."""

    def hide(match: re.Match) -> str:
        raw = match.group(0)
        keep = re.sub(r"[ -]", "", raw)[-4:]
        return "*" * 4 + keep

    return _NUMBER.sub(hide, text)


def statement_text(h: Household, plan, debt: str, lang: str) -> str:
    """The financial statement for the lender, as text (the document's paragraphs)."""
    b = h.budget
    sep = t("pk.st.sep", lang).strip("|")
    one_offs = sum(-c for _, c, _ in h.one_offs if c < 0)
    share = plan.share_of(debt)
    lines = [t("pk.st.title", lang), t("pk.st.date", lang, date=dt.date.today().isoformat())]
    holder = held(h, debt)
    if holder is not None:
        lines.append(t("pk.st.held", lang, holder=holder.holder, lender=holder.lender))
    lines += [
        "",
        f"{t('pk.st.income', lang)}{sep}{format_cents(b.income)}",
        f"{t('pk.st.fixed', lang)}{sep}{format_cents(b.fixed_expenses)}",
        f"{t('pk.st.variable', lang)}{sep}{format_cents(b.variable_expenses)}",
    ]
    if one_offs:
        lines.append(f"{t('pk.st.one_offs', lang)}{sep}{format_cents(one_offs)}")
    lines += _cost_lines(h, lang)
    lines += [
        f"{t('pk.st.left', lang)}{sep}{format_cents(b.surplus)}",
        f"{t('pk.st.priority', lang)}{sep}{format_cents(plan.priority_payments)}",
        *(
            [f"{t('pk.st.agreed', lang)}{sep}{format_cents(sum(plan.monthly_of(d, h) or 0 for d in plan.agreed))}"]
            if plan.agreed
            else []
        ),
        f"{t('pk.st.contingency', lang)}{sep}{format_cents(plan.contingency)}",
        f"{t('pk.st.available', lang)}{sep}{format_cents(plan.total)}",
        "",
        f"{t('pk.st.owed_all', lang, n=len(h.lines))}{sep}{format_cents(h.total_debt)}",
        t(f"pk.st.rule.{plan.settings.split}", lang),
    ]
    if share is not None:
        percent = f"{share.share * 100 / plan.total:.1f}" if plan.total else "0"
        key = "pk.st.share" if share.request in ("freeze", "freeze_waiver") else f"pk.st.share.{share.request}"
        lines.append(t(key, lang, share=format_cents(share.share), percent=percent, n=share.months))
        if len(share.phases) > 1:
            lines.append(t("lt.plan.phases", lang, steps=phases_text(share.phases, lang)))
        if plan.review is not None:
            lines.append(t("lt.plan.review", lang, review=format_month(plan.review)))
    elif debt in plan.priority or debt in plan.agreed:
        lines.append(t("pk.st.share.kept", lang, share=format_cents(plan.monthly_of(debt, h) or 0)))
    lines += ["", t("pk.st.private", lang)]
    return "\n".join(lines)


def progress_statement(h: Household, debt: str, lang: str, as_of: dt.date | None = None) -> str | None:
    """This debt's progress under its agreement, as of ``as_of`` (today when not given), as
    text (the document's paragraphs); None when no agreement is tracked for it."""
    as_of = as_of or dt.date.today()
    lp = next((x for x in progress(h, as_of).lenders if x.debt == debt), None)
    if lp is None:
        return None
    a, offer = lp.agreement, lp.agreement.offer
    sep = t("pk.st.sep", lang).strip("|")
    terms = [t("ps.agreement", lang, lender=lp.lender, payment=format_cents(offer.payment), n=offer.months)]
    if a.agreed_on is not None:
        terms.append(t("ps.agreed_on", lang, date=a.agreed_on.isoformat()))
    if a.reference:
        terms.append(t("ps.reference", lang, reference=a.reference))
    lines = [t("ps.title", lang, debt=debt), t("ps.as_of", lang, date=as_of.isoformat()), "",
             t("lt.sentence_gap", lang).strip("|").join(terms), "",
             f"{t('rp.pg.scheduled', lang)}{sep}{format_cents(lp.scheduled)}",
             f"{t('rp.pg.paid', lang)}{sep}{format_cents(lp.paid)}",
             f"{t('rp.pg.behind', lang)}{sep}{format_cents(lp.behind)}",
             f"{t('rp.pg.expected', lang)}{sep}{format_cents(lp.expected_balance)}"]  # fmt: skip
    if lp.reported_balance is not None:
        lines.append(t("ps.reported", lang, balance=format_cents(lp.reported_balance), date=lp.reported_on.isoformat()))
    if lp.months_due:
        lines.append(t("ps.on_time", lang, on=lp.months_on_track, n=lp.months_due))
    lines += ["", t(f"ps.status.{lp.status}", lang, behind=format_cents(lp.behind))]
    if lp.next_due is not None and lp.status not in ("completed", "broken"):
        key = "ps.next.late" if lp.next_due.late else "ps.next"
        lines.append(t(key, lang, amount=format_cents(lp.next_due.amount), date=lp.next_due.date.isoformat()))
    lines += ["", t("ps.source", lang)]
    return "\n".join(lines)


def _cost_lines(h: Household, lang: str) -> list[str]:
    """One line per cost far from the national average for this household (core.negotiation.benchmarks),
    then the source: the figures a lender would compare them with, named before it asks."""
    report = compare_costs(h)
    if report is None or not report.flagged:
        return []
    key, params = report.household_phrase()
    household = t(key, lang, **params)
    lines = [
        t(f"pk.st.cost.{c.verdict}", lang, category=t(f"bm.category.{c.category}", lang), amount=format_cents(c.cents),
          household=household, benchmark=format_cents(c.benchmark), year=report.year)
        for c in report.flagged
    ]  # fmt: skip
    key, params = report.basis_phrase()
    lines.append(t("pk.st.cost.source", lang, title=report.title, basis=t(key, lang, **params)))
    return lines


def _log_csv(rows: list[dict], lang: str, masked: bool) -> bytes:
    fields = ("when", "lender", "channel", "staff", "said", "outcome", "follow_up", "evidence")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t(f"field.{f}", lang) for f in fields])
    for row in rows:
        cells = []
        for f in fields:
            value = row.get(f)
            value = "" if is_blank(value) else str(value)
            if f in ("channel", "outcome") and value:
                value = t(f"choice.{f}.{value}", lang)
            cells.append(formula_safe(mask(value) if masked else value))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig")


@dataclass
class PackFile:
    name: str  # path inside the zip
    data: bytes | None = None  # small files built here
    path: Path | None = None  # attachments, copied from disk
    meta: dict | None = None


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", name).strip(" .") or "file"


# A member's whole name (folder and extension included) in UTF-8 bytes: a file system
# holds 255 bytes a name, and an unzip tool puts the folder it extracts to in front (a
# 622-byte Chinese name fails with "File name too long"; Windows has 260 characters for
# the whole path). 150 leaves room for both and still says what the file is.
MAX_MEMBER_BYTES = 150
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")


def _cut(text: str, limit: int) -> str:
    """text cut to at most ``limit`` UTF-8 bytes, never inside a character."""
    return text.encode()[: max(limit, 0)].decode(errors="ignore")


def download_stem(kind: str, debt: str, lang: str) -> str:
    """A download's file name without its extension ("letter-招行信用卡-zh"): ID and card
    numbers in the debt's name masked as in the letter, characters no file system takes
    replaced, the name cut to 100 bytes (a browser saves it as it is)."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", mask(debt))
    return f"{kind}-{_cut(safe, 100).strip('_. ') or 'debt'}-{lang}"


def member_name(prefix: str, stem: str, tail: str, used: set[str]) -> str:
    """A zip member's name: prefix + stem + tail, the stem cut so that the whole is at most
    MAX_MEMBER_BYTES, made unique among ``used`` (ignoring case, as Windows and macOS
    do) by " (2)", " (3)"... before the tail; ``used`` is updated."""
    n = 1
    while True:
        extra = f" ({n})" if n > 1 else ""
        room = MAX_MEMBER_BYTES - len(f"{prefix}{extra}{tail}".encode())
        name = f"{prefix}{_cut(stem, room).rstrip(' .') or 'file'}{extra}{tail}"
        if name.casefold() not in used:
            used.add(name.casefold())
            return name
        n += 1


def _split_extension(name: str, mime: str | None) -> tuple[str, str]:
    """(stem, ".ext"): the name's own extension, else the one its type is stored as."""
    found = _EXTENSION.search(name)
    if found and found.start() > 0:
        return name[: found.start()], found.group(0)
    return name, f".{ALLOWED[mime]}" if mime in ALLOWED else ""


def lender_entries(profile: Profile, h: Household, debt: str) -> list[dict]:
    """The contact-log entries with this debt's lender (by the lender's name or the debt's,
    or the name of whoever holds it now)."""
    line = h.line(debt)
    holder = held(h, debt)
    names = {n for n in (line.lender, debt, holder.holder if holder else "") if n}
    log = sorted_log(profile.section("contacts"))
    rows = records(log)
    return [r for r in rows if str(r.get("lender") or "").strip() in names]


def pack_files(
    profile: Profile,
    h: Household,
    debt: str,
    lang: str = "zh",
    evidence_dir: Path | None = None,
    chosen: list[str] | None = None,
    masked: bool = True,
    today: dt.date | None = None,
) -> list[PackFile]:
    """Everything that goes into the pack. ``chosen``: the SHA-256 of the attachments to
    include (None: every case document and every file attached to this lender's contacts)."""
    plan = household_plan(h, h.plan_settings)
    nothing = do_nothing(h)
    stem = _safe(mask(debt) if masked else debt)
    # The letter: the one the user edited for this debt and language, else the plan's.
    letters = profile.section("letters")
    kept = letters[(letters["debt"].eq(debt) & letters["lang"].eq(lang)).fillna(False)]["text"].dropna().tolist()
    if kept:
        text = str(kept[-1])
    else:
        scenario = plan.scenario if plan.scenario.terms.get(debt) else None
        if scenario is None:
            scenario = least_needed(h, debt, lang, plan)
        scenario = scenario or Scenario("status_quo")
        result = plan.result if scenario is plan.scenario else simulate(h, scenario)
        track = next(tr for tr in result.tracks if tr.name == debt)
        offer = proposal(track, scenario, owed_now_cents(track.debt))
        on_plan = scenario is plan.scenario
        text = compose(h, debt, lang, offer, today, plan if on_plan else None, nothing if on_plan else None,
                       reference=plan)  # fmt: skip
    if masked:
        text = mask(text)
    statement = statement_text(h, plan, debt, lang)
    if masked:
        statement = mask(statement)
    entries = lender_entries(profile, h, debt)
    used: set[str] = set()
    files = [
        PackFile(member_name("letter-", stem, f"-{lang}.docx", used), letter_docx(text)),
        PackFile(member_name("letter-", stem, f"-{lang}.txt", used), letter_txt(text)),
        PackFile(member_name("statement-", lang, ".docx", used), letter_docx(statement)),
        PackFile(member_name("statement-", lang, ".txt", used), letter_txt(statement)),
    ]
    progress_text = progress_statement(h, debt, lang, today)
    if progress_text is not None:
        progress_text = mask(progress_text) if masked else progress_text
        files += [PackFile(member_name("progress-", lang, ".docx", used), letter_docx(progress_text)),
                  PackFile(member_name("progress-", lang, ".txt", used), letter_txt(progress_text))]  # fmt: skip
    files.append(PackFile(member_name("contacts-", stem, ".csv", used), _log_csv(entries, lang, masked)))
    used |= {"manifest.csv", "manifest.json"}
    if evidence_dir is not None:
        keys = {f"{r.get('when')}|{r.get('lender')}" for r in entries}
        # live(): only rows whose hash is a SHA-256 (one from an imported workbook may not be)
        for row in live(profile.section("evidence")):
            picked = row["sha256"] in chosen if chosen is not None else (
                row.get("kind") != "contact" or row.get("contact") in keys
            )  # fmt: skip
            path = path_of(evidence_dir, row["sha256"])
            if not picked or not path.is_file():  # a file gone from the folder cannot be packed
                continue
            original = str(row.get("name") or "file")
            meta = {**row, "name": mask(original) if masked else original}
            if masked and row.get("lender"):
                meta["lender"] = mask(str(row["lender"]))
            base, ext = _split_extension(_safe(meta["name"]), row.get("mime"))
            name = member_name(f"evidence/{row.get('kind') or 'file'}-", base, ext, used)
            files.append(PackFile(name, path=path, meta=meta))
    return files


def write_pack(
    dest, files: list[PackFile], lang: str = "zh", on_progress: Callable[[int, int], None] | None = None
) -> list[dict]:
    """Write the zip to ``dest`` (a path or a binary file object) and return the manifest
    rows. Attachments are streamed from disk and hashed as they are copied; each one's hash
    is checked against the one recorded when it was added. ``on_progress(done, total)``, if
    given, is told the files written: 0 before the first, then after each."""
    rows: list[dict] = []
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for done, f in enumerate(files):
            if on_progress is not None:
                on_progress(done, len(files))
            if f.data is not None:
                zf.writestr(f.name, f.data)
                rows.append({"file": f.name, "sha256": hashlib.sha256(f.data).hexdigest(), "size": len(f.data)})
                continue
            digest, size = hashlib.sha256(), 0
            meta = f.meta or {}
            info = zipfile.ZipInfo(f.name, date_time=dt.datetime.now().timetuple()[:6])
            # Pictures, PDFs and recordings are compressed already: stored as they are.
            text = str(meta.get("mime") or "").startswith(("text/", "message/"))
            info.compress_type = zipfile.ZIP_DEFLATED if text else zipfile.ZIP_STORED
            with open(f.path, "rb") as source, zf.open(info, "w", force_zip64=True) as target:
                for block in iter(lambda s=source: s.read(1 << 20), b""):
                    digest.update(block)
                    size += len(block)
                    target.write(block)
            rows.append(
                {
                    "file": f.name,
                    "sha256": digest.hexdigest(),
                    "size": size,
                    "kind": t(f"choice.kind.{meta.get('kind')}", lang) if meta.get("kind") else "",
                    "original_name": meta.get("name"),
                    "added": meta.get("added"),
                    "lender": meta.get("lender"),
                    "verified": digest.hexdigest() == meta.get("sha256"),
                }
            )
        zf.writestr("manifest.csv", manifest_csv(rows))
        zf.writestr("manifest.json", manifest_json(rows))
    if on_progress is not None:
        on_progress(len(files), len(files))
    return rows


def pack_bytes(files: list[PackFile], lang: str = "zh", on_progress: Callable[[int, int], None] | None = None) -> bytes:
    """The zip in memory (for a browser download; the command line writes to a file)."""
    out = io.BytesIO()
    write_pack(out, files, lang, on_progress)
    return out.getvalue()
