"""An import between reading and applying: what the user still has to say, and the
worksheet rows it will give. The Income & expenses page and ``import`` on the command line
both call ``review``, so both apply the same figures.

A file is read once with what decides how its cells read (``Choices``: money out positive
or negative, the date order, the decimal mark). The review then takes the user's answers
about what the rows mean (``Answers``) and the worksheet's earlier imports:

- **Questions that block applying**: which way round a file's money is, the order of its
  dates (both asked at reading, re-read when answered), the currency of a statement that
  does not say it, and the rate of one in another currency (never added to yuan unasked).
- **Already in the worksheet**: every worksheet row an import makes carries a mark in its
  note, ``#1a2b3c4d (alipay 138****0000 2026-01-01~2026-03-31)``: the file's fingerprint,
  its source, its account and its dates. A file whose fingerprint is there is left out
  (the same file twice, also when it comes again inside its zip). A statement of an
  account the worksheet already holds rows of (the same source and account) replaces those
  rows when added: the worksheet is a monthly budget, so two periods of one account added
  side by side would count its spending twice. Imported together, they are counted once.
- **What the user said**: moves to the holder's own name counted after all, months the
  statement covers only in part left out, one-offs kept to their month (by default every
  candidate), names given to the largest amounts no rule named, money from people counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from core.imports.combine import Combined, combine
from core.imports.result import ImportResult, Partial, Transaction, Uncategorised, month_of
from core.loans.dates import date_or_none, parse_month

_MARK = re.compile(r"#([0-9a-f]{8}) \((\w+)(?: (\S+) (\d{4}-\d\d-\d\d)~(\d{4}-\d\d-\d\d))?\)")


@dataclass(frozen=True)
class Applied:
    """An import the worksheet holds rows of, read from the mark in their notes."""

    digest: str  # the first 8 hex digits of the statement's fingerprint (ImportResult.fingerprint)
    source: str
    account: str = "-"
    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def mark(self) -> str:
        if self.first is None or self.last is None:
            return f"#{self.digest} ({self.source})"
        return f"#{self.digest} ({self.source} {self.account} {self.first.isoformat()}~{self.last.isoformat()})"


def applied_of(result: ImportResult) -> Applied:
    """The mark an import leaves on the rows it adds."""
    dates = [tx.date for tx in result.transactions]
    first, last = result.stated or ((min(dates), max(dates)) if dates else (None, None))
    account = re.sub(r"\s+", "", result.account) or "-"
    return Applied(result.digest[:8], result.source or "-", account, first, last)


def applied_imports(notes: Iterable[object]) -> list[Applied]:
    """The imports the worksheet holds rows of, from its notes (each once)."""
    found: dict[str, Applied] = {}
    for note in notes:
        if not isinstance(note, str):
            continue
        for match in _MARK.finditer(note):
            digest, source, account, first, last = match.groups()
            if digest not in found:
                found[digest] = Applied(
                    digest,
                    source,
                    account or "-",
                    date_or_none(first),
                    date_or_none(last),
                )
    return list(found.values())


def marks_in(note: object) -> set[str]:
    """The fingerprints of the imports a worksheet row's note names."""
    return {match[0] for match in _MARK.findall(note)} if isinstance(note, str) else set()


@dataclass
class Answers:
    """What the user said about an import after it was read."""

    count_own: bool = False  # the moves to or from the holder's own name are not theirs after all
    leave_partial: bool = False  # leave out the months a statement covers only in part
    from_people: bool = False  # transfers and red packets from people count as income
    currencies: dict[int, str] = field(default_factory=dict)  # file -> its currency, where the file says none
    rates: dict[str, Decimal] = field(default_factory=dict)  # currency -> yuan for one unit
    one_offs: frozenset[tuple[int, int]] | None = None  # (file, row) kept to their month; None: every candidate
    recurring: frozenset[tuple[str, int]] = frozenset()  # (fingerprint, row) of candidates the user says recur
    categories: dict[str, str] = field(default_factory=dict)  # a name no rule named -> its category
    reimport: frozenset[str] = frozenset()  # fingerprints (8 hex) to import again, replacing their earlier rows


@dataclass(frozen=True)
class Question:
    kind: str  # "direction", "date_order", "currency" (the file says none) or "rate"
    file: int
    currency: str = ""


@dataclass
class Review:
    result: ImportResult | None  # the import as it will be applied; None when nothing can be
    combined: Combined | None = None  # several statements read as one
    files: list[int] = field(default_factory=list)  # the input files in it
    questions: list[Question] = field(default_factory=list)  # to answer before applying
    already: list[tuple[int, Applied]] = field(default_factory=list)  # files already in the worksheet: left out
    replaces: list[Applied] = field(default_factory=list)  # earlier imports of the same accounts: replaced
    repeats: int = 0  # rows of these statements that the replaced imports' dates already covered
    one_off_candidates: list[Transaction] = field(default_factory=list)
    partial: list[Partial] = field(default_factory=list)  # months covered in part (left out if answered so)
    partial_left_out: bool = False
    rows: list[dict] = field(default_factory=list)  # the worksheet rows, each note with its statement's mark
    marks: list[Applied] = field(default_factory=list)  # one a statement, in the order of result.views()

    @property
    def ready(self) -> bool:
        """Everything asked is answered and there are rows to apply."""
        return not self.questions and self.result is not None and bool(self.rows)

    def keep_row(self, row: dict | object) -> bool:
        """Whether an existing worksheet row stays when this import is added: not when it
        came from an earlier import of the same account (replaced), unless it is a one-off
        in a month the new statements do not cover (a February bill stays when a March to
        April statement replaces a February to March one)."""
        note = row.get("note") if isinstance(row, dict) else row
        gone = {a.digest for a in self.replaces}
        if not (marks_in(note) & gone):
            return True
        if isinstance(row, dict) and row.get("frequency") == "one_off" and row.get("month"):
            try:
                month = parse_month(str(row["month"]))
            except ValueError:
                return False
            return not any(m.first and m.last and month_of(m.first) <= month <= month_of(m.last) for m in self.marks)
        return False


def _overlapping(a: Applied, b: Applied) -> bool:
    if None in (a.first, a.last, b.first, b.last):
        return False
    return a.first <= b.last and b.first <= a.last


def review(results: list[ImportResult], answers: Answers | None = None, applied: Iterable[Applied] = (),
           lang: str = "zh") -> Review:  # fmt: skip
    """The files read (each an ImportResult, in upload order) with the user's answers and
    the worksheet's earlier imports: see the module's description."""
    answers = answers or Answers()
    applied = list(applied)
    by_digest = {a.digest: a for a in applied}
    out = Review(result=None)
    for result in results:
        result.fingerprint()  # of the file as read, before any conversion
    # An account the upload holds a statement of (besides the one looked at): a file of it
    # already in the worksheet is read again with it, both counted once, the earlier rows replaced.
    accounts = Counter((r.source, r.account) for r in results if r.kind == "statement" and r.account)
    statements: list[tuple[int, ImportResult]] = []
    for index, result in enumerate(results):
        if result.kind != "statement":
            continue
        digest = result.digest[:8]
        if digest in by_digest and digest not in answers.reimport and accounts[(result.source, result.account)] < 2:
            out.already.append((index, by_digest[digest]))
            continue
        asked = len(out.questions)
        if result.direction_unsure:
            out.questions.append(Question("direction", index))
        if result.date_order_unsure:
            out.questions.append(Question("date_order", index))
        currency = answers.currencies.get(index) or result.currency
        if not currency:
            out.questions.append(Question("currency", index))
        elif currency != "CNY":
            rate = answers.rates.get(currency)
            if rate is None or rate <= 0:
                out.questions.append(Question("rate", index, currency))
            else:
                result = result.in_yuan(rate)
        if len(out.questions) > asked:
            continue  # left out until answered: its figures read one way would mislead
        statements.append((index, result))
    if not statements:
        _budget(out, results, by_digest, answers, lang)
        return out
    marks = [applied_of(r) for _, r in statements]
    for (_, statement), mark in zip(statements, marks, strict=True):
        for earlier in applied:
            same_account = earlier.source == mark.source and earlier.account == mark.account != "-"
            if (same_account or earlier.digest == mark.digest) and earlier not in out.replaces:
                out.replaces.append(earlier)
        for earlier in out.replaces:
            if earlier.source == mark.source and earlier.account == mark.account and _overlapping(earlier, mark):
                out.repeats += sum(1 for tx in statement.transactions if earlier.first <= tx.date <= earlier.last)
    out.files = [i for i, _ in statements]
    if len(statements) > 1:
        out.combined = combine([r for _, r in statements])
        result = out.combined.result
    else:
        result = statements[0][1]
    if answers.count_own:
        result = result.with_own_counted()
    result = result.recategorised(answers.categories)
    out.partial = list(result.partial)
    gone = {(p.file, p.month) for p in result.partial}
    whole = {(tx.file, month_of(tx.date)) for tx in result.counted} - gone
    if answers.leave_partial and gone and whole:
        result = result.without_partial()
        out.partial_left_out = True
    out.result = result
    out.one_off_candidates = result.one_off_candidates()
    one_offs = answers.one_offs
    if one_offs is None:
        prints = [m.digest for m in marks]
        one_offs = frozenset(
            tx.key for tx in out.one_off_candidates if (prints[tx.file], tx.row) not in answers.recurring
        )
    out.marks = marks
    for view, mark in zip(result.views(), marks, strict=True):  # each statement's lines carry its own mark
        rows = view.worksheet_rows(lang, from_people=answers.from_people, one_offs=one_offs)
        out.rows += [_marked(row, [mark]) for row in rows]
    return out


def _budget(out: Review, results: list[ImportResult], by_digest: dict, answers: Answers, lang: str) -> None:
    """A budget sheet imported on its own (with statements it is left aside by the page)."""
    budgets = [(i, r) for i, r in enumerate(results) if r.kind == "budget"]
    if len(budgets) != 1:
        return
    index, budget = budgets[0]
    digest = budget.fingerprint()[:8]
    if digest in by_digest and digest not in answers.reimport:
        out.already.append((index, by_digest[digest]))
        return
    if digest in by_digest:
        out.replaces.append(by_digest[digest])
    mark = Applied(digest, "budget")
    out.result, out.files, out.marks = budget, [index], [mark]
    out.rows = [_marked(row, [mark]) for row in budget.worksheet_rows(lang)]


def _marked(row: dict, marks: list[Applied]) -> dict:
    note = str(row.get("note") or "").strip()
    return {**row, "note": " ".join(filter(None, [note, *(m.mark for m in marks)]))}


def kept_rows(checked: Review, existing: pd.DataFrame) -> pd.DataFrame:
    """The worksheet rows that stay when the import is added: all but those an earlier
    import of the same account made (see Review.keep_row)."""
    if existing.empty or "note" not in existing or not checked.replaces:
        return existing
    keep = [checked.keep_row(row) for row in existing.to_dict("records")]
    return existing[keep].reset_index(drop=True)


def worksheet_after(checked: Review, existing: pd.DataFrame, how: str) -> pd.DataFrame:
    """The worksheet once the import is applied: ``how`` "replace" (the import alone) or
    "append" (the rows that stay, then the import's)."""
    incoming = pd.DataFrame(checked.rows)
    if how == "replace":
        return incoming
    kept = kept_rows(checked, existing)
    frames = [frame for frame in (kept, incoming) if not frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else kept


# --- what the Income & expenses page decides with the user, kept here so the page only ---
# --- reads its widgets and draws ----------------------------------------------------------
NAMES_SHOWN = 6  # the largest amounts no rule named, taken from one reading
NAMES_ASKED = 12  # names asked about at most, for the files uploaded now


def start_afresh(files_now: Iterable[str], files_before: Iterable[str]) -> bool:
    """Whether the answers given so far are dropped: the files uploaded now are all new
    (a file added to, or taken from, those already there keeps what was said; the answers
    about one file are keyed by it)."""
    now, before = tuple(files_now), tuple(files_before)
    return now != before and not set(now) & set(before)


def together(results: list[ImportResult]) -> tuple[list[int], list[int]]:
    """Which of the files read are imported: one file whatever it is; of several, only the
    statements (read as one). Returns (the files kept, the files left out: a budget sheet
    or a layout not recognised beside others), as indexes in ``results``."""
    if len(results) < 2:
        return list(range(len(results))), []
    kept = [i for i, r in enumerate(results) if r.kind == "statement"]
    return kept, [i for i, r in enumerate(results) if r.kind != "statement"]


def foreign_currencies(currencies: Iterable[tuple[str, str | None]]) -> dict[str, list[str]]:
    """(file name, its currency, None while unknown) -> the names of the files in each
    currency other than yuan: one rate is asked a currency, however many files are in it."""
    out: dict[str, list[str]] = {}
    for name, currency in currencies:
        if currency and currency != "CNY":
            out.setdefault(currency, []).append(name)
    return out


@dataclass(frozen=True)
class OwnMoves:
    rows: list[Transaction]  # moves to or from the holder's own name (left out unless counted)
    out_total: int  # cents that left this statement for the holder's other accounts
    in_total: int  # cents that came in from them


def own_moves(result: ImportResult) -> OwnMoves:
    """The moves to or from the holder's own name, and what they add up to each way."""
    own = [tx for tx in result.transactions if tx.neutral == "holder"]
    return OwnMoves(own, sum(-tx.amount for tx in own if tx.amount < 0), sum(tx.amount for tx in own if tx.amount > 0))


def names_to_ask(seen: dict[str, dict], found: Iterable[Uncategorised]) -> dict[str, dict]:
    """The names asked about, once the largest ones no rule named in this reading are
    added: a name once asked stays (named since, it is no longer "uncategorised"), as
    first seen, up to NAMES_ASKED. ``seen`` is not changed."""
    out = dict(seen)
    for item in found:
        if item.name not in out and len(out) < NAMES_ASKED:
            out[item.name] = {"direction": item.direction, "total": item.total, "count": item.count}
    return out


def rules_with_names(names: dict[str, str | None], rules: Iterable[dict]) -> list[dict]:
    """The import rules once the names the user gave are remembered: those names first (the
    first rule that matches decides), then every rule in force (pass the built-in ones too
    while the user has none of their own, so none of them is lost). A name left unnamed
    makes no rule."""
    return [{"keyword": n, "category": c} for n, c in names.items() if c] + list(rules)
