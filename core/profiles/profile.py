"""A household profile: the worksheet, assets, buffers and debts, as typed tables.

Each section has one schema here; the store, the XLSX workbook and the page editors all
use it, and ``normalize_section`` is the one place cells are coerced and checked.

Money cells are checked to the cent here (at most 1e8, two decimals) and held exactly:
in a frame as Decimal yuan quantised to the cent (object columns), in core.profiles.store as the
same decimal text, in the workbook as numbers read back through their shortest repr. No
binary float holds an amount; core.household.loader turns each into integer cents once, through
core.loans.money.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from core.blank import is_blank
from core.errors import InputError
from core.loans.dates import format_date, format_datetime, format_month, parse_date, parse_datetime, parse_month
from core.loans.debts import METHODS, RATE_UNITS
from core.loans.engine import LONGEST_LOAN_MONTHS
from core.loans.money import MAX_AMOUNT, round_money, to_decimal
from core.loans.terms import TERM_KINDS, TERM_MODES
from core.profiles.evidence import EVIDENCE_KINDS
from core.text import clean_text, integral_text
from core.vocabulary import infer

FREQUENCIES = ("weekly", "monthly", "quarterly", "yearly", "one_off")
DIRECTIONS = ("income", "expense")
KINDS = ("fixed", "variable")
ASSET_TYPES = ("cash", "investment", "property", "vehicle", "valuables", "other")
LIQUIDITY = ("now", "3_months", "illiquid")
BUFFER_KINDS = ("credit_line", "family_help", "other")
STRATEGIES = ("savings", "avalanche", "snowball", "custom")
LENDER_TYPES = ("online_lending", "credit_card", "bank_consumer", "mortgage", "car_loan", "private_loan")
HARDSHIPS = ("job_loss", "income_cut", "illness", "business", "family", "other")
HISTORIES = ("on_time", "some_late", "often_late")
AREAS = ("urban", "rural")  # where the household lives (the spending benchmarks differ)
MAX_HOUSEHOLD_SIZE = 20
DOCUMENTS = ("income_proof", "bank_statements", "hardship_proof", "contracts", "repayment_records")
CHANNELS = ("phone", "app_chat", "email", "in_person", "letter")
OUTCOMES = ("no_answer", "refused", "considering", "counter_offer", "agreed", "other")
LETTER_LANGS = ("zh", "en")
CONDUCT = ("conduct_third_party", "conduct_threats", "conduct_legal_claims", "conduct_late_night")
PRIORITIES = ("priority", "unsecured")  # blank: from the kind of lender (core.simulation.plan)
SPLITS = ("balance", "payment")
# After the yes (core.tracking): where an agreement with a lender stands, how it was
# confirmed, who holds the debt now, and where a payment recorded came from.
AGREEMENT_STATES = ("proposed", "agreed", "active", "completed", "broken")
CONFIRMATIONS = ("letter", "email", "app_message", "sms", "phone", "in_person")
HOLDER_KINDS = ("collector", "amc", "other")
PAYMENT_SOURCES = ("as_agreed", "by_hand", "statement")
VERSION_REASONS = ("chosen", "agreed", "review", "change")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text" | "money" | "number" | "int" | "choice" | "month" | "date" | "datetime" | "bool"
    choices: tuple[str, ...] = ()
    required: bool = False
    default: object = None


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "worksheet": (
        Column("category", "text", required=True),
        Column("direction", "choice", DIRECTIONS, default="expense"),
        Column("kind", "choice", KINDS, default="fixed"),
        Column("amount", "money", required=True),
        Column("frequency", "choice", FREQUENCIES, default="monthly"),
        Column("month", "month"),  # a one-off's month
        Column("note", "text"),
        Column("starts", "month"),  # a regular row's first month (blank: already)
        Column("ends", "month"),  # its last month (blank: for good)
    ),
    "assets": (
        Column("name", "text", required=True),
        Column("type", "choice", ASSET_TYPES, default="cash"),
        Column("value", "money", required=True),
        Column("liquidity", "choice", LIQUIDITY, default="now"),
        Column("sale_discount", "number", default=0.0),
        Column("pledged_for", "text"),
        Column("note", "text"),
    ),
    "buffers": (
        Column("name", "text", required=True),
        Column("kind", "choice", BUFFER_KINDS, default="family_help"),
        Column("amount", "money", required=True),
        Column("note", "text"),
    ),
    "debts": (
        Column("name", "text", required=True),
        Column("lender", "text"),
        Column("lender_type", "choice", LENDER_TYPES, default="online_lending"),
        Column("principal", "money", required=True),
        Column("rate", "number", required=True),
        Column("rate_unit", "choice", RATE_UNITS, default="annual"),
        Column("method", "choice", METHODS, default="annuity"),
        Column("months", "int"),
        Column("first_month", "month"),
        Column("due_day", "int"),  # the day of the month the lender takes the payment (还款日)
        Column("upfront_fee", "money", default=Decimal("0.00")),
        Column("monthly_fee_rate", "number", default=0.0),
        Column("min_payment_pct", "number", default=10.0),
        Column("min_payment_floor", "money", default=Decimal("100.00")),
        Column("overdue_principal", "money", default=Decimal("0.00")),
        Column("overdue_interest", "money", default=Decimal("0.00")),
        Column("days_overdue", "int", default=0),
        Column("penalty_rate", "number"),
        Column("priority", "choice", PRIORITIES),
        Column("contract_date", "date"),
        Column("note", "text"),
    ),
    # Negotiation scenarios and the terms each applies (core.household.loader reads them).
    "scenarios": (
        Column("name", "text", required=True),
        Column("strategy", "choice", STRATEGIES, default="savings"),
        Column("custom_order", "text"),
        Column("note", "text"),
    ),
    "terms": (
        Column("scenario", "text", required=True),
        Column("debt", "text", required=True),
        Column("term", "choice", TERM_KINDS, default="extension"),
        Column("start", "month"),
        Column("months", "int"),
        Column("rate", "number"),
        Column("amount", "money"),
        Column("percent", "number"),
        Column("mode", "choice", TERM_MODES),
        Column("asset", "text"),
        Column("note", "text"),
    ),
    # The household plan's settings, one row (core.simulation.plan): blank cells mean the defaults.
    "plan": (
        Column("contingency", "money"),
        Column("split", "choice", SPLITS, default="balance"),
        Column("token", "money"),
        Column("reserve", "money"),  # savings the plan never spends below (blank: none)
        Column("grace", "int"),  # days after a due day before a payment is late (blank: 3)
        Column("review_on", "date"),  # the next review (blank: from the plan kept, core.tracking.review)
        Column("change_share", "number"),  # percent the monthly surplus may change before a review (blank: 10)
    ),
    # Files in the evidence locker (core.profiles.evidence): the file itself lives beside the
    # database under its SHA-256; a deleted file is only marked, so Undo brings it back.
    "evidence": (
        Column("sha256", "text", required=True),
        Column("name", "text", required=True),
        Column("kind", "choice", EVIDENCE_KINDS, default="hardship_proof"),
        Column("contact", "text"),  # the contact-log entry it belongs to: "when|lender"
        Column("lender", "text"),
        Column("size", "int"),
        Column("mime", "text"),
        Column("added", "datetime"),
        Column("deleted", "bool", default=False),
    ),
    # Lenders' counter-offers the borrower accepted (core.simulation.offer): each becomes that debt's
    # terms in the household plan.
    "agreed": (
        Column("debt", "text", required=True),
        Column("payment", "money", required=True),
        Column("months", "int", required=True),
        Column("fee", "money", default=Decimal("0.00")),
        Column("waived", "money", default=Decimal("0.00")),
        Column("frozen", "bool", default=True),
        Column("agreed_on", "date"),
        # Where the agreement stands, and what really happened (core.tracking.agreements).
        Column("state", "choice", AGREEMENT_STATES, default="agreed"),
        Column("first_month", "month"),  # the first payment under it (blank: the month after agreed_on)
        Column("confirmed_by", "choice", CONFIRMATIONS),
        Column("reference", "text"),  # the lender's reference for the agreement
        Column("confirmation", "text"),  # the written confirmation: an evidence file's SHA-256
        Column("still_charged", "bool", default=False),  # interest charged though the agreement froze it
        Column("holder", "text"),  # who holds the debt now, when sold or passed on (blank: the lender)
        Column("holder_kind", "choice", HOLDER_KINDS),
        Column("holder_contact", "text"),
        Column("note", "text"),
    ),
    # Payments made under the agreements (core.tracking.payments): one row for each sum of
    # money; ``ref`` names the statement row it came from, so it is never counted twice.
    "payments": (
        Column("debt", "text", required=True),
        Column("date", "date", required=True),
        Column("amount", "money", required=True),
        Column("source", "choice", PAYMENT_SOURCES, default="by_hand"),
        Column("ref", "text"),
        Column("balance", "money"),  # the balance the lender reports after it (blank: not said)
        Column("note", "text"),
    ),
    # Every plan kept, lender by lender (core.tracking.review): what was asked or agreed, when,
    # with the household's monthly surplus then (a change past the share set calls a review).
    "versions": (
        Column("version", "int", required=True),
        Column("saved", "datetime", required=True),
        Column("reason", "choice", VERSION_REASONS, default="chosen"),
        Column("debt", "text"),  # blank: the household's own line
        Column("request", "text"),
        Column("monthly", "money"),
        Column("state", "text"),
        Column("surplus", "money"),
        Column("review_on", "date"),
    ),
    # Keyword -> category rules for imported statements; empty means the default rules.
    "rules": (
        Column("keyword", "text", required=True),
        Column("category", "text", required=True),
    ),
    # The borrower's own case, one row: who they are, why they fell behind, which papers
    # they hold and how they have repaid so far (the readiness check and letters read it).
    "case": (
        Column("full_name", "text"),
        Column("contact", "text"),
        Column("reason", "choice", HARDSHIPS),
        Column("story", "text"),
        Column("since", "month"),
        *(Column(doc, "bool", default=False) for doc in DOCUMENTS),
        Column("history", "choice", HISTORIES),
        Column("household_size", "int"),  # people living on the income (core.negotiation.benchmarks)
        Column("area", "choice", AREAS),
    ),
    # Every contact with a lender (time, channel, staff, result: core.household.contacts).
    "contacts": (
        Column("when", "datetime", required=True),
        Column("lender", "text", required=True),
        Column("channel", "choice", CHANNELS, default="phone"),
        Column("staff", "text"),
        Column("said", "text"),
        Column("outcome", "choice", OUTCOMES, default="considering"),
        Column("follow_up", "date"),
        Column("evidence", "text"),
        # What happened in collection (core.negotiation.complaint), each a yes/no.
        *(Column(name, "bool", default=False) for name in CONDUCT),
    ),
    # The proposal letter kept for each debt, as the user last edited it.
    "letters": (
        Column("debt", "text", required=True),
        Column("scenario", "text"),
        Column("lang", "choice", LETTER_LANGS, default="zh"),
        Column("text", "text", required=True),
    ),
}
SECTIONS = tuple(SCHEMAS)

# How many rows a section may hold: far above any real household (the sample has 6 debts;
# a heavily indebted one 20 to 30), low enough that every page stays fast at the cap
# (bench/limits.py runs a profile at the debt and scenario caps). Past a cap the change
# or the file is refused with the reason.
MAX_ROWS = {
    "worksheet": 1_000,
    "assets": 200,
    "buffers": 100,
    "debts": 100,
    "scenarios": 20,
    "terms": 1_000,
    "plan": 1,
    "agreed": 100,
    "payments": 10_000,
    "versions": 5_000,
    "evidence": 1_000,
    "rules": 2_000,
    "case": 1,
    "contacts": 5_000,
    "letters": 400,
}


def empty_section(section: str) -> pd.DataFrame:
    """A section with no rows: its columns and their types. Each is built once per process
    (pandas takes about 10 ms to set up a frame of typed columns, and a profile asks for its
    empty sections on every load) and handed out as a copy, which the caller may change."""
    frame = _EMPTY.get(section)
    if frame is None:
        frame = _EMPTY[section] = pd.DataFrame({c.name: pd.Series(dtype=_dtype(c)) for c in SCHEMAS[section]})
    return frame.copy()


_EMPTY: dict[str, pd.DataFrame] = {}


def _dtype(column: Column) -> str:
    # Nullable "string" so a blank cell is <NA> and shows empty in the editor, not "None".
    return {
        "money": "object",  # Decimal yuan to the cent: exact, never a binary float
        "number": "float64",
        "int": "Int64",
        "text": "string",
        "month": "string",
        "date": "string",
        "datetime": "string",
        "bool": "boolean",
    }.get(column.kind, "object")


_TRUE = {"true", "yes", "y", "1", "是", "有", "√", "✓", "x"}
_FALSE = {"false", "no", "n", "0", "否", "无", "没有"}


# How long a text cell may be: a letter, a statement or a note of a call is long; names,
# categories and the like are short. Far beyond any real entry.
MAX_TEXT_CHARS = {"text": 20_000, "story": 5_000, "said": 5_000, "note": 2_000, "evidence": 2_000}
SHORT_TEXT_CHARS = 500
# Whole numbers a column holds only within bounds (inclusive); out of them, refused with the reason.
WHOLE_RANGES = {
    ("case", "household_size"): (1, MAX_HOUSEHOLD_SIZE),
    ("plan", "grace"): (0, 31),
    ("agreed", "months"): (1, LONGEST_LOAN_MONTHS),  # as the offer form allows; beyond, a date past year 9999
}


def _text_limit(column: Column) -> int:
    return MAX_TEXT_CHARS.get(column.name, SHORT_TEXT_CHARS)


def text_limit(name: str) -> int:
    """How many characters a text column of that name holds: the limit every box and
    table cell that edits it gives the browser, so that nothing kept is cut by an edit."""
    return MAX_TEXT_CHARS.get(name, SHORT_TEXT_CHARS)


def _coerce(column: Column, value: object, row: int, section: str, errors: list[InputError]):
    if isinstance(value, str):
        value = clean_text(value)
    if is_blank(value):
        if column.required:
            errors.append(InputError(column.name, "err.required", row=row, sheet=section))
        return column.default
    if column.kind == "text":
        text = clean_text(integral_text(value)).strip()
        limit = _text_limit(column)
        if len(text) > limit:
            errors.append(InputError(column.name, "err.text_too_long", {"limit": f"{limit:,}"}, row=row, sheet=section))
            text = text[:limit]
        return text
    if column.kind == "choice":
        text = str(value).strip()
        if text not in column.choices:
            errors.append(InputError(column.name, "err.bad_choice", {"value": text}, row=row, sheet=section))
            return column.default
        return text
    if column.kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        errors.append(InputError(column.name, "err.not_yes_no", {"value": str(value)}, row=row, sheet=section))
        return column.default
    if column.kind in ("date", "datetime"):
        raw = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        try:
            if column.kind == "date":
                return format_date(parse_date(raw))
            return format_datetime(parse_datetime(raw))
        except ValueError:
            code = "err.bad_day" if column.kind == "date" else "err.bad_datetime"
            errors.append(InputError(column.name, code, {"value": str(value)}, row=row, sheet=section))
            return None
    if column.kind == "month":
        try:
            return format_month(parse_month(value if not isinstance(value, pd.Timestamp) else value.to_pydatetime()))
        except ValueError:
            errors.append(InputError(column.name, "err.bad_month", {"value": str(value)}, row=row, sheet=section))
            return None
    try:
        number = to_decimal(value)
    except ValueError:
        errors.append(InputError(column.name, "err.not_number", row=row, sheet=section))
        return column.default
    if number < 0:
        errors.append(InputError(column.name, "err.negative", row=row, sheet=section))
        return column.default
    if abs(number) > MAX_AMOUNT:
        errors.append(
            InputError(
                column.name,
                "err.too_large",
                {"value": f"{number:,}", "limit": f"{MAX_AMOUNT:,}"},
                row=row,
                sheet=section,
            )
        )
        return column.default
    if column.kind == "money":
        return round_money(number)
    if column.kind == "int":
        if number != number.to_integral_value():
            errors.append(InputError(column.name, "err.not_whole", row=row, sheet=section))
            return column.default
        bounds = WHOLE_RANGES.get((section, column.name))
        if bounds is not None and not bounds[0] <= number <= bounds[1]:
            errors.append(InputError(column.name, "err.int_range", {"low": bounds[0], "high": bounds[1]}, row=row,
                                     sheet=section))  # fmt: skip
            return column.default
        return int(number)
    return float(number)


# Choices read from the row's own words when the cell is left blank (core.vocabulary); when
# the words say nothing clear, the column's default, and the row is marked so the user sees
# what was assumed.
INFERRED = {("worksheet", "direction"), ("worksheet", "kind"), ("debts", "lender_type")}
ASSUMED_NOTED = {("worksheet", "direction"), ("debts", "lender_type")}  # a guess the user is told of


def inferred(section: str, column: str, record: dict) -> tuple[str, bool]:
    """A blank choice as it is saved: read from the row's words, else the column's default;
    and whether the default was assumed (the words said nothing clear)."""
    found = infer(section, column, record)
    if found is not None:
        return found, False
    return next(c.default for c in SCHEMAS[section] if c.name == column), True


def default_row(section: str) -> pd.DataFrame:
    """One row of a section holding its columns' defaults (a form's starting point, which
    normalize_section would drop as empty)."""
    frame = pd.DataFrame([{c.name: c.default for c in SCHEMAS[section]}])
    for column in SCHEMAS[section]:
        frame[column.name] = frame[column.name].astype(_dtype(column))
    return frame


def blank_row(section: str, row: dict) -> bool:
    """True when a section's row holds nothing the user gave: every cell blank or its
    column's default (a table adds a new row with the defaults filled in; a click on the
    empty last row is not a debt). Such rows are not kept."""
    return all(is_blank(row.get(c.name)) or _is_default(c, row.get(c.name)) for c in SCHEMAS[section])


def _is_default(column: Column, value: object) -> bool:
    if column.default is None:
        return False
    if column.kind in ("money", "number", "int"):
        try:
            return to_decimal(value) == to_decimal(column.default)
        except ValueError:
            return False
    if column.kind == "bool":
        return value is column.default or str(value).strip().lower() == str(column.default).lower()
    return str(value).strip() == str(column.default)


def normalize_section(section: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[InputError]]:
    """Coerce a section's cells to its schema; rows that are entirely blank are dropped.

    Returns the clean frame and every problem found, each naming its row (1-based, as
    the user counts the rows of the table) and column. Bad cells become blank/default.
    """
    columns = SCHEMAS[section]
    errors: list[InputError] = []
    records = []
    source = frame.reset_index(drop=True)
    for index, raw in enumerate(source.to_dict("records"), start=1):
        if blank_row(section, raw):
            continue
        if len(records) >= MAX_ROWS[section]:
            errors.append(InputError("rows", "err.section_full", {"limit": f"{MAX_ROWS[section]:,}"}, sheet=section))
            break
        record = {c.name: _coerce(c, raw.get(c.name), index, section, errors) for c in columns}
        for c in columns:
            if (section, c.name) in INFERRED and is_blank(raw.get(c.name)):
                record[c.name], assumed = inferred(section, c.name, record)
                if assumed and (section, c.name) in ASSUMED_NOTED:
                    errors.append(InputError(c.name, f"err.assumed.{c.name}", row=index, sheet=section))
        if section == "worksheet" and record.get("starts") and record.get("ends") and record["ends"] < record["starts"]:
            # YYYY-MM text orders as months do; a row that would stop before it starts is asked about
            errors.append(InputError("ends", "err.ends_before_starts", {"value": record["ends"]}, row=index,
                                     sheet=section))  # fmt: skip
            record["ends"] = None
        records.append(record)
    clean = pd.DataFrame(records, columns=[c.name for c in columns]) if records else empty_section(section)
    for column in columns:
        clean[column.name] = clean[column.name].astype(_dtype(column))
    return clean, errors


MAX_NAME_CHARS = 60


def clean_name(name: object) -> str:
    """A profile's name as it is stored and compared: clean text, trimmed, at most 60 characters."""
    return clean_text(str(name)).strip()[:MAX_NAME_CHARS].strip()


def unique_name(name: str, taken: set[str]) -> str:
    """name, or "name (2)", "name (3)" ... the first not taken (profiles, scenarios)."""
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


@dataclass
class Profile:
    """A named household: its sections (clean frames) and settings."""

    name: str
    sections: dict[str, pd.DataFrame] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    revs: dict[str, int] = field(default_factory=dict)  # each section's saved revision (core.profiles.store)

    def rev(self, name: str) -> int:
        return self.revs.get(name, 0)

    def section(self, name: str) -> pd.DataFrame:
        frame = self.sections.get(name)
        return frame if frame is not None else empty_section(name)

    def import_rules(self, lang: str) -> list[dict]:
        """The keyword rules for statement imports: the saved ones, else the defaults."""
        saved = self.section("rules")
        if saved.empty:
            from core.imports.categories import default_rules

            return default_rules(lang)
        return [{"keyword": r["keyword"], "category": r["category"]} for r in saved.to_dict("records")]


def over_limit(errors: list[InputError]) -> list[InputError]:
    """The errors that say a section holds more rows than it may (the change is refused)."""
    return [e for e in errors if e.code == "err.section_full"]
