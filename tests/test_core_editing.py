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
