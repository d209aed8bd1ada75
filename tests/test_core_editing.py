"""The data editor's edit state applied to a section's frame."""

import pandas as pd

from core.editing import apply_edits


def test_apply_edits_edit_add_delete():
    frame = pd.DataFrame({"category": ["a", "b", "c"], "amount": [1.0, 2.0, 3.0]})
    out = apply_edits(
        frame,
        {"edited_rows": {"1": {"amount": 20.0}}, "added_rows": [{"category": "d", "amount": 4.0}], "deleted_rows": [0]},
    )
    assert out["category"].tolist() == ["b", "c", "d"] and out["amount"].tolist() == [20.0, 3.0, 4.0]


def test_numbers_are_edited_as_text_and_read_back_the_same():
    from core.editing import as_text

    assert as_text("money", 1234.5) == "1234.50"
    assert as_text("money", 0.1) == "0.10"
    assert as_text("number", 4.35) == "4.35"
    assert as_text("number", 100.0) == "100"
    assert as_text("int", 36) == "36"
    assert as_text("money", float("nan")) == ""
    assert as_text("money", None) == ""


def test_a_refused_value_is_kept_in_its_cell_until_corrected():
    from core.editing import rejected_cells, with_rejected
    from core.profile import blank_row, normalize_section

    typed = pd.DataFrame(
        [
            {"category": "工资", "amount": "8000"},
            {"category": None, "amount": None},  # an empty row: not kept, positions follow the saved table
            {"category": "房租", "amount": "−5000"},
            {"category": "水电", "amount": "1e15"},
            {"category": "伙食", "amount": "lots"},
        ]
    )
    clean, errors = normalize_section("worksheet", typed)
    assert [(e.row, e.field, e.code) for e in errors] == [
        (3, "amount", "err.negative"),
        (4, "amount", "err.too_large"),
        (5, "amount", "err.not_number"),
    ]
    cells = rejected_cells(typed, errors, lambda row: blank_row("worksheet", row))
    assert cells == {(1, "amount"): "−5000", (2, "amount"): "1e15", (3, "amount"): "lots"}
    shown = clean.copy()
    shown["amount"] = shown["amount"].astype(object).map(str)  # as the editor shows it: text (pandas 3: str dtype)
    shown = with_rejected(shown, cells)
    assert list(shown["amount"])[1:] == ["−5000", "1e15", "lots"]
    assert clean["amount"].isna().tolist() == [False, True, True, True]  # nothing refused is saved
