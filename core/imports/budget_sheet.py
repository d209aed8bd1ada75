"""A budget sheet: one row a category, with its amount and, where the sheet says them,
how often, income or spending, fixed or variable, a one-off's month and a note. Each row
becomes a worksheet row; what a row leaves blank is read from its words as the worksheet
reads them (core.vocabulary.infer).
"""

from __future__ import annotations

from core.errors import InputError
from core.imports.categories import category_label, direction_of
from core.imports.cells import blank, parse_amount, shown
from core.imports.headers import (
    AMOUNT_HEADERS,
    CATEGORY_HEADERS,
    DIRECTION_HEADERS,
    FREQUENCY_HEADERS,
    KIND_HEADERS,
    MONTH_HEADERS,
    NOTE_HEADERS,
    find,
    header_of,
    norm,
)
from core.imports.result import ImportResult
from core.imports.safety import RefusedFile
from core.imports.tables import check_data_rows
from core.loans.dates import format_month, parse_cell_date, parse_month
from core.loans.money import MAX_AMOUNT, round_money
from core.vocabulary import infer

FREQUENCY_WORDS = {
    "weekly": ("每周", "周", "week", "weekly"),
    "monthly": ("每月", "月", "月度", "month", "monthly"),
    "quarterly": ("每季", "每季度", "季", "季度", "quarter", "quarterly"),
    "yearly": ("每年", "年", "年度", "year", "yearly", "annual", "annually"),
    "one_off": ("一次", "一次性", "单次", "once", "one-off", "one off", "oneoff"),
}


def parse_budget(rows: list, index: int, lang: str) -> ImportResult:
    """The worksheet rows of a budget sheet whose header is at ``index``."""
    check_data_rows(rows, index)
    header = header_of(rows[index])
    result = ImportResult(kind="budget", source="budget", header=header, header_row=index)
    category_col = find(header, CATEGORY_HEADERS)
    amount_col = find(header, AMOUNT_HEADERS)
    frequency_col = find(header, FREQUENCY_HEADERS)
    direction_col = find(header, DIRECTION_HEADERS)
    kind_col = find(header, KIND_HEADERS)
    note_col = find(header, NOTE_HEADERS)
    month_col = find(header, MONTH_HEADERS)
    for offset, row in enumerate(rows[index + 1 :], start=index + 2):

        def cell(i: int | None, row: list = row) -> object:
            return row[i] if i is not None and i < len(row) else None

        category, raw_amount = cell(category_col), cell(amount_col)
        if blank(category) and blank(raw_amount):
            continue
        try:
            amount = parse_amount(raw_amount)
            if amount is None:
                raise ValueError
        except ValueError:
            result.errors.append(InputError("amount", "err.bad_amount", {"value": shown(raw_amount)}, row=offset))
            continue
        if abs(amount) > MAX_AMOUNT:
            result.errors.append(InputError("amount", "err.absurd_amount", {"value": f"{amount:,}"}, row=offset))
            continue
        frequency = "monthly"
        if not blank(cell(frequency_col)):
            word = norm(cell(frequency_col))
            frequency = next((f for f, words in FREQUENCY_WORDS.items() if word in words or word == f), "")
            if not frequency:
                result.errors.append(
                    InputError("frequency", "err.bad_frequency", {"value": shown(cell(frequency_col))}, row=offset)
                )
                continue
        name = "" if blank(category) else str(category).strip()
        direction_text = "" if blank(cell(direction_col)) else norm(cell(direction_col))
        if direction_text in ("收入", "income", "in", "收"):
            direction = "income"
        elif direction_text in ("支出", "expense", "out", "支"):
            direction = "expense"
        else:
            direction = direction_of(name) or infer("worksheet", "direction", {"category": name}) or "expense"
        kind_text = "" if blank(cell(kind_col)) else norm(cell(kind_col))
        if kind_text in ("浮动", "可变", "变动", "variable"):
            kind = "variable"
        elif kind_text in ("固定", "fixed"):
            kind = "fixed"
        else:  # the words of the row decide, as in the worksheet's short form
            kind = infer("worksheet", "kind", {"category": name, "note": cell(note_col)}) or "fixed"
            if direction == "income" and infer("worksheet", "kind", {"category": name}) is None:
                kind = "fixed"
        month = None
        if frequency == "one_off" and not blank(cell(month_col)):
            try:
                month = format_month(_month_index(cell(month_col)))
            except ValueError:
                result.errors.append(
                    InputError("month", "err.bad_month", {"value": shown(cell(month_col))}, row=offset)
                )
                continue
        note = "" if blank(cell(note_col)) else str(cell(note_col)).strip()
        result.budget_rows.append(
            {
                "category": name or category_label("other", lang),
                "direction": direction,
                "kind": kind,
                "amount": float(round_money(abs(amount))),
                "frequency": frequency,
                "month": month,
                "note": note or None,
            }
        )
    if not result.budget_rows:
        raise RefusedFile("refuse.no_rows", details=result.errors)
    return result


def _month_index(cell: object) -> int:
    try:
        return parse_month(cell if not isinstance(cell, str) else cell.strip())
    except ValueError:
        date = parse_cell_date(cell)
        return date.year * 12 + date.month - 1
