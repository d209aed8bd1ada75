"""Collected, translatable input errors: what field, which row, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import join, t
from core.loans.dates import format_month
from core.loans.money import MAX_AMOUNT


@dataclass(frozen=True)
class InputError:
    """One problem with one input. ``row`` is 1-based as the user counts rows, or None."""

    field: str
    code: str
    params: dict = field(default_factory=dict)
    row: int | None = None
    sheet: str | None = None

    def message(self, lang: str = "en") -> str:
        label_key = f"field.{self.field}"
        field_label = t(label_key, lang)
        if field_label == label_key:  # a field with no label of its own (e.g. a sheet column)
            field_label = self.field
        text = t(self.code, lang, field=field_label, **self.params)
        where = []
        if self.sheet:
            sheet_label = t(f"sheet.{self.sheet}", lang)
            where.append(self.sheet if sheet_label == f"sheet.{self.sheet}" else sheet_label)
        if self.row is not None:
            where.append(t("err.row", lang, row=self.row))
        return f"{' '.join(where)}: {text}" if where else text


class AmountLimitError(ValueError):
    """Numbers past what the app can hold: under a scenario's terms what a debt owes grows
    past the amount limit (core.loans.money.MAX_AMOUNT) in ``month``, or the engine is given amounts
    past its 64-bit bounds (core.loans.engine). A domain error: the scenario it happens in is
    reported with it and shown as the status quo (core.simulation.simulate.simulate); the others run."""

    CODES = ("err.sc_beyond_limit", "err.sc_too_large")  # with the month it happens in; without

    def __init__(self, debt: str | None = None, month: int | None = None):
        self.debt, self.month = debt, month
        where = f" by month {month}" if month is not None else ""
        super().__init__(f"what {debt or 'a debt'} owes grows past the amount limit{where}")

    def at(self, debt: str | None = None, month: int | None = None) -> AmountLimitError:
        """The same error, with the debt and month filled in where not yet known."""
        return AmountLimitError(self.debt or debt, self.month if self.month is not None else month)

    def input_error(self) -> InputError:

        params = {"value": self.debt or "", "limit": f"¥{MAX_AMOUNT:,}"}
        if self.month is None:
            return InputError("debt", self.CODES[1], params)
        return InputError("debt", self.CODES[0], {**params, "month": format_month(self.month)})


class ValidationError(ValueError):
    """Raised when input cannot be used; carries every error found, not just the first."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("; ".join(e.message("en") for e in errors))


@dataclass(frozen=True)
class ErrorGroup:
    """Errors of one cause (the same field and problem): how many, on which rows, and one
    of them as the example the message is written from."""

    example: InputError
    count: int
    rows: tuple[int, ...]  # the first rows it was found on

    def message(self, lang: str = "en", shown_rows: int = 5) -> str:
        """'Date: "31/02" is not a date — 120 rows (rows 3, 4, 5, 6, 7 …)'."""
        text = InputError(self.example.field, self.example.code, self.example.params).message(lang)
        if self.count == 1:
            return self.example.message(lang)
        rows = join(self.rows[:shown_rows], lang) + (" …" if self.count > shown_rows else "")
        return t("err.group", lang, text=text, n=self.count, rows=rows)


def grouped(errors: list[InputError], keep_rows: int = 5) -> list[ErrorGroup]:
    """One group per cause (field and problem), the largest first, instead of one line per
    row: 120 rows with the same unreadable date are one line with a count."""
    groups: dict[tuple[str, str], list[InputError]] = {}
    for error in errors:
        groups.setdefault((error.field, error.code), []).append(error)
    out = [
        ErrorGroup(found[0], len(found), tuple(e.row for e in found[:keep_rows] if e.row is not None))
        for found in groups.values()
    ]
    return sorted(out, key=lambda g: -g.count)
