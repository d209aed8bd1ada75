"""One rule for a blank cell."""

from decimal import Decimal

import numpy as np
import pandas as pd

from core.blank import cell, is_blank, records, text


def test_every_kind_of_missing_value_and_only_spaces_is_blank():
    for blank in (None, pd.NA, pd.NaT, float("nan"), np.float64("nan"), Decimal("NaN"), "", "  \t"):
        assert is_blank(blank), repr(blank)
    for given in (0, 0.0, Decimal(0), False, "0", " a ", "—", np.int64(0)):
        assert not is_blank(given), repr(given)


def test_a_cell_read_through_the_rule():
    row = {"a": " x ", "b": float("nan"), "c": 0}
    assert text(row, "a") == "x" and text(row, "b") == "" and text(row, "missing") == ""
    assert text({"n": 12}, "n") == "12"
    assert cell(row, "b") is None and cell(row, "b", "d") == "d" and cell(row, "c", 5) == 0
    assert cell(row, "a") == " x "


def test_a_tables_rows_hold_none_for_every_missing_value():
    frame = pd.DataFrame({"a": [1.5, None], "b": pd.array([1, None], dtype="Int64"), "c": ["x", None]})
    assert records(frame) == [{"a": 1.5, "b": 1, "c": "x"}, {"a": None, "b": None, "c": None}]
