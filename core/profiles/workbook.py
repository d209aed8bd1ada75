"""A profile as one XLSX workbook (a sheet per section plus a sheet explaining the columns),
and back again without loss. Text that would start a formula is written as text.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from core.blank import is_missing, records
from core.errors import InputError
from core.i18n import t
from core.imports.safety import RefusedFile, check_upload
from core.profiles.evidence import is_sha256
from core.profiles.profile import SCHEMAS, SECTIONS, Profile, clean_name, normalize_section, over_limit
from core.text import clean_text, integral_text

README_SHEET = "columns"


# In a workbook's text, _xHHHH_ stands for the character U+HHHH (it is how a control
# character is written): a reader (Excel, python-calamine) turns a literal "_x0041_" into
# "A" and "_x000D_" into a carriage return. The format's escape for such text is to write
# its underscore as _x005F_ ("_x005F_x0041_" reads "_x0041_"); openpyxl does not do it.
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def ooxml_text(text: str) -> str:
    """Text as a workbook must hold it so that every reader gives it back as it is."""
    return _LOOKS_ESCAPED.sub("_x005F_", text)


def write_text(cell, value: str) -> None:
    """Store text as a string cell even when it looks like a formula (=, +, -, @); control
    characters a spreadsheet cannot hold are dropped, whatever was stored before; text
    that spells one of the format's escapes (_x0041_) is escaped so it reads back as typed."""
    from openpyxl.cell.cell import TYPE_STRING  # openpyxl loads on first write: not on every page

    cell.value = ooxml_text(clean_text(value))
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
        for r, record in enumerate(records(frame), start=2):
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
    a profile larger than the caps (core.profiles.profile.MAX_ROWS)."""
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
        if section == "evidence":
            frame = _evidence_hashes(frame, errors)
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


def _evidence_hashes(frame: pd.DataFrame, errors: list) -> pd.DataFrame:
    """An evidence row names its file by its SHA-256: a row whose hash is anything else
    (edited by hand, from another program) names no file and is left out with the reason,
    row by row as other bad cells are (the row emptied, so later rows keep their numbers).
    A hash in capitals is the same hash, kept in lowercase."""
    if "sha256" not in frame.columns:
        return frame
    frame = frame.astype(object).copy()
    for index, value in enumerate(frame["sha256"].tolist()):
        if is_missing(value):
            continue  # blank: the required-cell check says so, or the row is empty
        text = clean_text(integral_text(value)).strip()
        if is_sha256(text.lower()):
            frame.iat[index, frame.columns.get_loc("sha256")] = text.lower()
            continue
        if not text:
            continue
        shown = text if len(text) <= 70 else text[:69] + "…"
        errors.append(InputError("sha256", "err.not_sha256", {"value": shown}, row=index + 1, sheet="evidence"))
        frame.iloc[index] = None  # an empty row: dropped by normalize_section
    return frame
