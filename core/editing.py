"""Applying st.data_editor's edit state to a section frame — a pure function, tested alone.

The editor reports {"edited_rows": {pos: {col: value}}, "added_rows": [{col: value}],
"deleted_rows": [pos]} against the frame it was given; positions are 0-based.
"""

from __future__ import annotations

import pandas as pd


def apply_edits(frame: pd.DataFrame, edits: dict) -> pd.DataFrame:
    """A new frame with the edits applied in the editor's order: edit, add, delete."""
    result = frame.reset_index(drop=True).astype(object).copy()
    for position, changes in (edits.get("edited_rows") or {}).items():
        position = int(position)
        if 0 <= position < len(result):
            for column, value in changes.items():
                if column in result.columns:
                    result.at[position, column] = value
    added = [row for row in (edits.get("added_rows") or []) if row]
    if added:
        extra = pd.DataFrame(added, columns=result.columns).astype(object)
        result = pd.concat([result, extra], ignore_index=True) if len(result) else extra
    deleted = {int(p) for p in (edits.get("deleted_rows") or [])}
    if deleted:
        result = result.drop(index=[p for p in deleted if p < len(result)]).reset_index(drop=True)
    return result
