"""One rule for a blank cell, wherever a table's cell is read (the loader, the debt
parser, the profile's clean-up): nothing there, a missing value of any kind pandas or a
spreadsheet gives (None, NA, NaT, NaN), or text that is only spaces."""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd


def is_blank(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:  # NaT: a blank cell in a column of dates
        return True
    if isinstance(value, float):  # numpy's floats too
        return math.isnan(value)
    if isinstance(value, Decimal):
        return value.is_nan()
    return isinstance(value, str) and not value.strip()


def cell(row: dict, key: str, default=None):
    """A row's cell, or ``default`` when it is blank."""
    value = row.get(key)
    return default if is_blank(value) else value


def text(row: dict, key: str) -> str:
    """A row's cell as text without surrounding spaces ("" when blank)."""
    value = row.get(key)
    return "" if is_blank(value) else str(value).strip()


def records(frame: pd.DataFrame) -> list[dict]:
    """A table's rows as dicts of plain Python values, every missing value None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")
