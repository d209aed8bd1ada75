"""A profile as one XLSX workbook (a sheet per section plus a sheet explaining the columns),
and back again without loss. Text that would start a formula is written as text.
"""

from __future__ import annotations

import io

import pandas as pd

from core.i18n import t
from core.imports.safety import RefusedFile, check_upload
from core.profile import SCHEMAS, SECTIONS, Profile, clean_name, normalize_section, over_limit
from core.text import clean_text, integral_text

README_SHEET = "columns"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_text(cell, value: str) -> None:
    """Store text as a string cell even when it looks like a formula (=, +, -, @); control
    characters a spreadsheet cannot hold are dropped, whatever was stored before."""
    from openpyxl.cell.cell import TYPE_STRING  # openpyxl loads on first write: not on every page

    cell.value = clean_text(value)
    cell.data_type = TYPE_STRING


def _put(cell, value) -> None:
    if isinstance(value, str):
        write_text(cell, value)
    else:
        cell.value = value


def profile_to_xlsx(profile: Profile) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for section in SECTIONS:
        sheet = book.create_sheet(section)
        columns = SCHEMAS[section]
        for col, column in enumerate(columns, start=1):
            _put(sheet.cell(1, col), column.name)
            sheet.cell(1, col).font = Font(bold=True)
            sheet.column_dimensions[sheet.cell(1, col).column_letter].width = max(12, len(column.name) + 4)
        frame = profile.section(section)
        for r, record in enumerate(frame.astype(object).where(frame.notna(), None).to_dict("records"), start=2):
            for col, column in enumerate(columns, start=1):
                value = record.get(column.name)
                if value is not None:
                    _put(sheet.cell(r, col), value)
                    if column.kind == "money":
                        sheet.cell(r, col).number_format = "#,##0.00"
        sheet.freeze_panes = "A2"
    guide = book.create_sheet(README_SHEET)
    for col, title in enumerate(("sheet", "column", "kind", "choices", "说明 / meaning"), start=1):
        _put(guide.cell(1, col), title)
        guide.cell(1, col).font = Font(bold=True)
    row = 2
    for section in SECTIONS:
        for column in SCHEMAS[section]:
            label = t(f"field.{column.name}", "zh") + " / " + t(f"field.{column.name}", "en")
            for col, value in enumerate((section, column.name, column.kind, ", ".join(column.choices), label), 1):
                _put(guide.cell(row, col), value)
            row += 1
    _put(guide.cell(row + 1, 1), "profile")
    _put(guide.cell(row + 1, 2), profile.name)
    for width, letter in zip((12, 20, 10, 60, 40), "ABCDE", strict=True):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_xlsx() -> bytes:
    """An empty profile workbook to fill in by hand."""
    return profile_to_xlsx(Profile(name="template"))


def profile_from_xlsx(data: bytes, name: str = "imported", filename: str = "profile.xlsx") -> tuple[Profile, list]:
    """Read a profile workbook. Returns (profile, errors); sheets that are missing stay empty.
    Raises RefusedFile for a file it will not read, whatever the reader's own error, and for
    a profile larger than the caps (core.profile.MAX_ROWS)."""
    check_upload(filename, data)
    try:
        sheets, guide = _read_sheets(data)
    except RefusedFile:
        raise
    except Exception:  # calamine raises its own error types for a workbook it cannot read
        raise RefusedFile("refuse.corrupt") from None
    sections, errors = {}, []
    for section, rows in sheets.items():
        header = [str(c).strip() for c in rows[0]]
        frame = pd.DataFrame([_pad(r, len(header)) for r in rows[1:]], columns=header)
        frame = frame.replace("", None)
        clean, section_errors = normalize_section(section, frame)
        sections[section] = clean
        errors.extend(section_errors)
    full = over_limit(errors)
    if full:
        raise RefusedFile("refuse.profile_limit", details=full)
    for row in guide:
        if row and row[0] == "profile" and len(row) > 1 and str(row[1]).strip():
            name = clean_name(integral_text(row[1])) or name
    return Profile(name=name, sections=sections), errors


def _read_sheets(data: bytes) -> tuple[dict[str, list], list]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = {}
    for section in SECTIONS:
        if section in book.sheet_names:
            rows = book.get_sheet_by_name(section).to_python(skip_empty_area=False)
            if rows:
                sheets[section] = rows
    guide = book.get_sheet_by_name(README_SHEET).to_python() if README_SHEET in book.sheet_names else []
    return sheets, guide


def _pad(row: list, width: int) -> list:
    return (list(row) + [None] * width)[:width]
