"""The data editor's edit state applied to a section's frame."""

import pandas as pd

from core.profiles.editing import apply_edits


def test_apply_edits_edit_add_delete():
    frame = pd.DataFrame({"category": ["a", "b", "c"], "amount": [1.0, 2.0, 3.0]})
    out = apply_edits(
        frame,
        {"edited_rows": {"1": {"amount": 20.0}}, "added_rows": [{"category": "d", "amount": 4.0}], "deleted_rows": [0]},
    )
    assert out["category"].tolist() == ["b", "c", "d"] and out["amount"].tolist() == [20.0, 3.0, 4.0]


def test_numbers_are_edited_as_text_and_read_back_the_same():
    from core.profiles.editing import as_text

    assert as_text("money", 1234.5) == "1234.50"
    assert as_text("money", 0.1) == "0.10"
    assert as_text("number", 4.35) == "4.35"
    assert as_text("number", 100.0) == "100"
    assert as_text("int", 36) == "36"
    assert as_text("money", float("nan")) == ""
    assert as_text("money", None) == ""


def test_a_refused_value_is_kept_in_its_cell_until_corrected():
    from core.profiles.editing import rejected_cells, with_rejected
    from core.profiles.profile import blank_row, normalize_section

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


def test_a_refused_value_leaves_the_saved_one_in_place():
    """Typing "1e15", "-5000" or "lots" over a saved amount keeps the saved amount (what is
    saved is the table as it was in that cell); the rest of the edit is kept."""
    from core.profiles.editing import apply_edits, edit_origins, keep_saved
    from core.profiles.profile import normalize_section

    saved, _ = normalize_section(
        "worksheet",
        pd.DataFrame(
            [
                {"category": "工资", "amount": "12000", "direction": "income"},
                {"category": "兼职", "amount": "6000", "direction": "income"},
                {"category": "房租", "amount": "3000", "direction": "spending"},
            ]
        ),
    )
    shown = saved.copy()
    for typed in ("1e15", "-5000", "lots", "−3", "NaN"):
        edits = {
            "edited_rows": {0: {"amount": typed}, 2: {"category": "房租和物业"}},
            "added_rows": [{"category": "电费", "amount": "lots"}],
            "deleted_rows": [1],
        }
        edited = apply_edits(shown, edits)
        _, errors = normalize_section("worksheet", edited)
        assert {(e.row, e.field) for e in errors if not e.code.startswith("err.assumed")} >= {(1, "amount")}
        kept, _ = normalize_section("worksheet", keep_saved(edited, edit_origins(len(shown), edits), saved, errors))
        assert list(kept["category"]) == ["工资", "房租和物业", "电费"]
        assert kept["amount"].iloc[0] == 12000  # the saved value, not blank
        assert kept["amount"].iloc[1] == 3000
        assert pd.isna(kept["amount"].iloc[2])  # a new row has no saved value: blank


def test_edit_origins_follow_the_editor_order():
    from core.profiles.editing import edit_origins

    assert edit_origins(3, {}) == [0, 1, 2]
    assert edit_origins(3, {"added_rows": [{"a": 1}, {}], "deleted_rows": [0, 2]}) == [1, None]
    assert edit_origins(2, {"deleted_rows": [5]}) == [0, 1]


def test_refused_text_goes_back_to_its_own_row_when_a_new_row_held_only_it():
    """A new row whose only value was refused is blank as saved (not kept): the next new
    row's refused text goes to that row's position in the saved table, not one earlier."""
    from core.profiles.editing import apply_edits, edit_origins, keep_saved, rejected_cells
    from core.profiles.profile import blank_row, normalize_section

    saved, _ = normalize_section("worksheet", pd.DataFrame([{"category": "工资", "amount": "9000"}]))
    edits = {"added_rows": [{"amount": "lots"}, {"category": "奖金", "amount": "-5"}]}
    edited = apply_edits(saved, edits)
    _, errors = normalize_section("worksheet", edited)
    kept = keep_saved(edited, edit_origins(len(saved), edits), saved, errors)
    clean, _ = normalize_section("worksheet", kept)
    assert clean["category"].tolist() == ["工资", "奖金"]  # the row of "lots" alone is not kept
    cells = rejected_cells(edited, errors, lambda row: blank_row("worksheet", row), kept)
    assert cells == {(1, "amount"): "-5"}  # 奖金's own cell, row 2 of the saved table


def test_a_short_forms_worksheet_line_reads_its_direction_and_kind_from_its_words():
    from core.profiles.editing import worksheet_line

    line = worksheet_line(" 工资 ", None, " 8000 ", None)
    assert line.problem is None
    assert line.row == {
        "category": "工资",
        "direction": "income",
        "amount": "8000",
        "frequency": "monthly",
        "kind": "fixed",
    }  # fmt: skip  (the words say no kind: the column's default)
    rent = worksheet_line("房租", None, "3000", "monthly").row
    assert (rent["direction"], rent["kind"]) == ("expense", "fixed")
    assert worksheet_line("吃饭", None, "1500", None).row["kind"] == "variable"
    chosen = worksheet_line("房租", "income", "3000", "yearly").row  # what the user picked is kept
    assert (chosen["direction"], chosen["frequency"]) == ("income", "yearly")


def test_a_short_forms_worksheet_line_that_cannot_be_added_says_why():
    from core.profiles.editing import worksheet_line

    assert worksheet_line("", "expense", "10", None).problem == "need"
    assert worksheet_line("房租", "expense", "  ", None).problem == "need"
    refused = worksheet_line("房租", "expense", "-5000", None)
    assert refused.problem == "refused"
    assert [e.field for e in refused.refusals] == ["amount"]
    unclear = worksheet_line("房租补贴", None, "500", None)  # rent and an allowance: which way is asked
    assert unclear.problem == "which" and unclear.row["category"] == "房租补贴"  # named in the question


def _debt(**typed):
    return {"name": "招行信用卡", "lender_type": None, "rate_unit": None, "principal": "30000", "rate": "18",
            "months": None, "overdue_principal": None, "days_overdue": None, "due_day": None} | typed  # fmt: skip


def test_a_short_forms_debt_reads_its_kind_from_its_name_and_counts_nothing_overdue_unless_said():
    from core.profiles.editing import debt_line

    line = debt_line(_debt(name=" 招行信用卡 ", principal=" 30000 ", due_day="8"))
    assert line.problem is None and (line.kind, line.assumed) == ("credit_card", False)
    assert line.row == {
        "name": "招行信用卡",
        "lender_type": None,
        "rate_unit": "annual",
        "principal": "30000",
        "rate": "18",
        "months": None,
        "overdue_principal": 0,
        "days_overdue": 0,
        "due_day": "8",
    }  # fmt: skip  (the type is left blank: the table reads it the same way)
    picked = debt_line(_debt(name="张三", lender_type="family", rate="0"))
    assert (picked.kind, picked.assumed) == ("family", False)
    unknown = debt_line(_debt(name="某某", rate="6"))
    assert unknown.assumed  # the name says no type: the column's default, said as assumed


def test_a_short_forms_debt_that_cannot_be_added_says_why():
    from core.profiles.editing import debt_line

    assert debt_line(_debt(name="  ")).problem == "need_name"
    refused = debt_line(_debt(principal="-5000"))
    assert refused.problem == "refused" and [e.field for e in refused.refusals] == ["principal"]


def test_an_unlikely_rate_is_asked_about_once_then_taken_as_typed():
    from core.profiles.editing import debt_line

    first = debt_line(_debt(rate="0.05", rate_unit="annual"))  # 0.05 % a year on a credit card
    assert first.problem == "doubt" and first.doubt is not None
    assert debt_line(_debt(rate="0.05", rate_unit="annual"), confirmed=first.asked).problem is None
    changed = debt_line(_debt(rate="0.06", rate_unit="annual"), confirmed=first.asked)
    assert changed.problem == "doubt"  # another figure: asked again
