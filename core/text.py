"""Text as the app stores and writes it: no control characters that a spreadsheet, a Word
document or an XML file cannot hold (openpyxl, python-docx and lxml refuse them).

``clean_text`` is applied where cells are coerced (core.profiles.profile.normalize_section) and
again by every writer, so text already stored by an older version still exports.
"""

from __future__ import annotations

import re

# C0 controls except tab, line feed and carriage return; DEL; lone surrogates; the two
# non-characters XML forbids. Excel writes a control character as an escape like _x000B_.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile(r"_x00(?:0[0-8BbCcEeFf]|1[0-9A-Fa-f]|7[Ff])_")


def clean_text(value: object, max_chars: int | None = None) -> str:
    """The text with control characters (and Excel's escapes of them) removed and line
    ends made \\n; cut to max_chars when given."""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    while _EXCEL_ESCAPE.search(text):  # until none is left: "_x00_x000B_0B_" holds two
        text = _EXCEL_ESCAPE.sub("", text)
    return text[:max_chars] if max_chars is not None else text


def integral_text(value: object) -> str:
    """A cell read into a text column: a whole number typed in Excel (13800000000.0, 2024.0)
    reads as its digits, not as a float."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


# What a spreadsheet reads as the start of a formula when it opens a CSV file: = + - @,
# and a tab or carriage return (Excel skips them and reads the formula after).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> object:
    """A CSV cell that stays text in a spreadsheet: text starting like a formula gets a
    leading apostrophe (shown by no spreadsheet); anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
