"""One rule for a blank cell, wherever a table's cell is read (the loader, the debt
parser, the profile's clean-up): nothing there, a missing value of any kind pandas or a
spreadsheet gives (None, NA, NaT, NaN), or text that is only spaces."""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd


def is_blank(value: object) -> bool:
    return is_missing(value) or (isinstance(value, str) and not value.strip())


def is_missing(value: object) -> bool:
    """No value at all, of any kind pandas or a spreadsheet gives (text of spaces is a value:
    the editor and the workbook keep it as typed for the checks to name)."""
    if value is None or value is pd.NA or value is pd.NaT:  # NaT: a blank cell in a column of dates
        return True
    if isinstance(value, float):  # numpy's floats too
        return math.isnan(value)
    return isinstance(value, Decimal) and value.is_nan()


def cell(row: dict, key: str, default=None):
    """A row's cell, or ``default`` when it is blank."""
    value = row.get(key)
    return default if is_blank(value) else value


def text(row: dict, key: str) -> str:
    """A row's cell as text without surrounding spaces ("" when blank)."""
    value = row.get(key)
    return "" if is_blank(value) else str(value).strip()


def records(frame: pd.DataFrame) -> list[dict]:
    """A table's rows as dicts, every missing value None (text stays as typed)."""
    if frame.empty:
        return []
    return [{k: None if is_missing(v) else v for k, v in row.items()} for row in frame.to_dict("records")]
