"""Collected, translatable input errors: what field, which row, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import t


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


class ValidationError(ValueError):
    """Raised when input cannot be used; carries every error found, not just the first."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("; ".join(e.message("en") for e in errors))
