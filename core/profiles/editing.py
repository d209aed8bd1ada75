"""Applying st.data_editor's edit state to a section frame — a pure function, tested alone —
and reading the short forms' rows (a worksheet line, a debt) the way their tables do.

The editor reports {"edited_rows": {pos: {col: value}}, "added_rows": [{col: value}],
"deleted_rows": [pos]} against the frame it was given; positions are 0-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from core.blank import is_missing
from core.loans.debts import rate_doubt, typed_problems
from core.loans.money import round_money, to_decimal
from core.profiles.profile import inferred, normalize_section
from core.vocabulary import infer


def apply_edits(frame: pd.DataFrame, edits: dict) -> pd.DataFrame:
    """A new frame with the edits applied in the editor's order: edit, add, delete."""
    result = frame.reset_index(drop=True).astype(object).copy()
    for position, changes in (edits.get("edited_rows") or {}).items():
        position = int(position)
        if 0 <= position < len(result):
            for column, value in changes.items():
                if column in result.columns:
                    result.at[position, column] = value
    added = [row for row in (edits.get("added_rows") or []) if row]
    if added:
        extra = pd.DataFrame(added, columns=result.columns).astype(object)
        result = pd.concat([result, extra], ignore_index=True) if len(result) else extra
    deleted = {int(p) for p in (edits.get("deleted_rows") or [])}
    if deleted:
        result = result.drop(index=[p for p in deleted if p < len(result)]).reset_index(drop=True)
    return result


# --- numbers typed as text ------------------------------------------------------------------
# The editor shows number cells as text, so that what the user typed reaches the checks
# as typed ("-5000", "1e15", "lots") instead of being altered by the browser's number
# field; the checks (core.profiles.profile) refuse it with a reason, and the refused text stays in
# its cell until it is corrected (rejected_cells / with_rejected).
NUMBER_KINDS = ("money", "number", "int")


def as_text(kind: str, value: object) -> str:
    """A saved number as the editor shows it: money to the cent, others without trailing zeros."""

    if is_missing(value):
        return ""
    if isinstance(value, str):
        return value
    if kind == "money":
        return f"{round_money(value)}"
    return format(to_decimal(value).normalize(), "f")


def rejected_cells(
    frame: pd.DataFrame, errors: list, blank, saved_from: pd.DataFrame | None = None
) -> dict[tuple[int, str], str]:
    """{(row position in the saved table, column): text typed} for each cell whose value
    was refused; ``blank(row)`` tells which rows are dropped as empty (so positions follow
    the saved table), read from ``saved_from`` (what was saved, row for row with
    ``frame``: a new row whose only value was refused is blank there) or else ``frame``.
    Errors name rows 1-based, as core.profiles.profile does."""
    records = frame.reset_index(drop=True).to_dict("records")
    saved_rows = records if saved_from is None else saved_from.reset_index(drop=True).to_dict("records")
    kept = [i for i, row in enumerate(saved_rows) if not blank(row)]
    position = {source: saved for saved, source in enumerate(kept)}
    cells = {}
    for error in errors:
        source = (error.row or 0) - 1
        if source in position and error.field in frame.columns and error.code != "err.required":
            value = records[source][error.field]
            if not is_missing(value):
                cells[(position[source], error.field)] = str(value)
    return cells


def with_rejected(frame: pd.DataFrame, cells: dict[tuple[int, str], str]) -> pd.DataFrame:
    """The saved table with each refused value back in its cell (columns shown as text only)."""
    for (position, column), text in cells.items():
        if position < len(frame) and column in frame.columns and not pd.api.types.is_numeric_dtype(frame[column]):
            frame.at[position, column] = text
    return frame


# --- a refused value never erases the saved one -----------------------------------------
# Codes that are not a refusal of what was typed: a required cell left blank (the row is
# kept as a draft) and a value read from the row's words (err.assumed.*).
NOT_REFUSALS = ("err.required", "err.assumed.", "err.section_full")


def edit_origins(length: int, edits: dict) -> list[int | None]:
    """For each row of ``apply_edits(frame, edits)`` (``frame`` of ``length`` rows), the
    position it came from in ``frame``; None for a row added in the editor."""
    origins: list[int | None] = list(range(length))
    origins += [None for row in (edits.get("added_rows") or []) if row]
    deleted = {int(p) for p in (edits.get("deleted_rows") or [])}
    return [o for i, o in enumerate(origins) if i not in deleted]  # as apply_edits drops them


def refused(error) -> bool:
    """Whether an error refused a value typed into a cell (the cell is kept as it was)."""
    return error.row is not None and not error.code.startswith(NOT_REFUSALS)


def keep_saved(edited: pd.DataFrame, origins: list[int | None], saved: pd.DataFrame, errors: list) -> pd.DataFrame:
    """``edited`` with each refused cell holding the value saved before the edit instead
    of what was typed, so that saving it changes nothing a refusal touched: a row the
    table already held keeps its stored value (blank for a row added in this edit).
    ``errors`` are core.profiles.profile's for ``edited`` (rows 1-based in ``edited``)."""
    result = edited.reset_index(drop=True).astype(object).copy()
    for error in errors:
        if not refused(error) or error.field not in result.columns or not 0 < error.row <= len(result):
            continue
        source = origins[error.row - 1] if error.row - 1 < len(origins) else None
        before = None
        if source is not None and source < len(saved) and error.field in saved.columns:
            before = saved.iloc[source][error.field]
        result.at[error.row - 1, error.field] = before
    return result


def refusals(section: str, row: dict) -> list:
    """The values of one new row (a short form's) that its table would refuse, each with
    its reason; a form adds nothing while there is one (the row is said, not blanked)."""

    _, errors = normalize_section(section, pd.DataFrame([row]))
    return [e for e in errors if refused(e)]


@dataclass(frozen=True)
class ShortLine:
    """A worksheet line from the short form, or why it is not added."""

    row: dict  # the row as read; added only when there is no problem
    problem: str | None = None  # "need" (a name and an amount), "refused" (see refusals), "which" (income or cost)
    refusals: list = field(default_factory=list)  # for "refused": the values the table would refuse


def worksheet_line(category: str | None, direction: str | None, amount: str | None, frequency: str | None) -> ShortLine:
    """The short form's line as a worksheet row: the amount as typed (checked as the table
    checks it), monthly unless said; the direction, when not picked, and the kind read from
    the words (工资 is income, 房租 a fixed cost). Words that say both ways (房租补贴) are
    not guessed: the user is asked which."""

    row = {
        "category": (category or "").strip(),
        "direction": direction,
        "amount": (amount or "").strip() or None,  # as typed: checked below
        "frequency": frequency or "monthly",
    }
    if not row["category"] or not row["amount"]:
        return ShortLine(row, "need")
    problems = refusals("worksheet", row)
    if problems:  # "-5000" or "lots": nothing added
        return ShortLine(row, "refused", problems)
    row["direction"] = row["direction"] or infer("worksheet", "direction", row)
    if row["direction"] is None:
        return ShortLine(row, "which")
    row["kind"] = inferred("worksheet", "kind", row)[0]
    return ShortLine(row)


DEBT_FIELDS = ("principal", "rate", "months", "overdue_principal", "days_overdue", "due_day")  # typed as text


@dataclass(frozen=True)
class DebtLine:
    """A debt from the short form, or why it is not added."""

    row: dict  # the row as read; added only when there is no problem
    kind: str | None = None  # the lender's type: picked, else read from the name
    assumed: bool = False  # the name said no type: the column's default (said when added)
    problem: str | None = None  # "need_name", "refused" (see refusals) or "doubt" (an unlikely rate)
    refusals: list = field(default_factory=list)
    doubt: object = None  # for "doubt": the question about the rate (core.loans.debts.rate_doubt)
    asked: tuple | None = None  # what the question is about: confirmed with it, the rate is taken as typed


def debt_line(typed: dict, confirmed: tuple | None = None) -> DebtLine:
    """The short form's debt as a row of the debts table: ``typed`` holds the name, the
    lender type and rate unit picked (or None) and the DEBT_FIELDS as typed. Only what is
    typed is checked (a debt without its months is kept as a draft); a rate unusual for
    the kind of lender is asked about once: sent again as it was (``confirmed``, the
    ``asked`` of the question), it is meant as typed. Nothing overdue unless said."""

    row = {
        "name": (typed.get("name") or "").strip(),
        "lender_type": typed.get("lender_type"),  # blank: read from the name (信用卡 is a card)
        "rate_unit": typed.get("rate_unit") or "annual",
        **{name: (typed.get(name) or "").strip() or None for name in DEBT_FIELDS},
    }
    if not row["name"]:
        return DebtLine(row, problem="need_name")
    kind, assumed = (row["lender_type"], False) if row["lender_type"] else inferred("debts", "lender_type", row)
    problems = typed_problems(row)
    if problems:
        return DebtLine(row, kind, assumed, "refused", problems)
    doubt = rate_doubt(row["rate"], row["rate_unit"], kind) if row["rate"] is not None else None
    asked = (row["rate"], row["rate_unit"], kind)
    if doubt is not None and confirmed != asked:
        return DebtLine(row, kind, assumed, "doubt", doubt=doubt, asked=asked)
    row["overdue_principal"] = row["overdue_principal"] or 0
    row["days_overdue"] = row["days_overdue"] or 0
    return DebtLine(row, kind, assumed)
