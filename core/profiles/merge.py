"""Three-way merge of one section: what this tab changed (base -> mine) applied to what
was saved since (theirs), cell by cell, so that an edit made in another tab or window is
never silently overwritten.

Rows are matched by content first (a row that neither side touched is the same row
whatever its position), then, for the rows left, by position. A change conflicts when
the other side changed the same cell to something else, or deleted a row this side
changed (and the other way round); conflicting cells keep the newer saved value, and the
caller keeps this side's whole version too (core.profiles.store.Store.save_merged).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.blank import is_blank, records


@dataclass(frozen=True)
class Conflict:
    row: int  # 1-based, as the user counts the rows of the saved table
    column: str | None  # None: the whole row (deleted on one side, changed on the other)
    mine: object
    theirs: object


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (is_blank(a) and is_blank(b))
    return a == b


def _row_key(row: dict, columns: list[str]) -> tuple:
    return tuple(None if row.get(c) is None else repr(row.get(c)) for c in columns)


def _match(base: list[dict], other: list[dict], columns: list[str]) -> list[int | None]:
    """For each base row, the index of the same row in other (or None when it is gone)."""
    free: dict[tuple, list[int]] = {}
    for i, row in enumerate(other):
        free.setdefault(_row_key(row, columns), []).append(i)
    mapping: list[int | None] = [None] * len(base)
    used: set[int] = set()
    for i, row in enumerate(base):  # unchanged rows, matched in order
        slots = free.get(_row_key(row, columns))
        if slots:
            mapping[i] = slots.pop(0)
            used.add(mapping[i])
    for i in range(len(base)):  # changed in place: the same position, still free, a cell alike
        if (
            mapping[i] is None
            and i < len(other)
            and i not in used
            and (len(columns) == 1 or any(_same(base[i].get(c), other[i].get(c)) for c in columns))
        ):
            matched_after = [mapping[k] for k in range(i + 1, len(base)) if mapping[k] is not None]
            if all(m > i for m in matched_after):  # keeps the order of the rows
                mapping[i] = i
                used.add(i)
    return mapping


def merge(base: pd.DataFrame, mine: pd.DataFrame, theirs: pd.DataFrame) -> tuple[pd.DataFrame, list[Conflict]]:
    """theirs with this side's changes (base -> mine) applied; the changes that clash."""
    columns = list(theirs.columns)
    b, m, t = records(base), records(mine), records(theirs)
    to_mine, to_theirs = _match(b, m, columns), _match(b, t, columns)
    result = [dict(row) for row in t]
    deleted: set[int] = set()
    conflicts: list[Conflict] = []
    for i, row in enumerate(b):
        mi, ti = to_mine[i], to_theirs[i]
        if mi is None:  # this side deleted the row
            if ti is None:
                continue  # deleted on both sides
            if all(_same(row.get(c), t[ti].get(c)) for c in columns):
                deleted.add(ti)
            else:
                conflicts.append(Conflict(ti + 1, None, None, t[ti]))
            continue
        changes = {c: m[mi].get(c) for c in columns if not _same(row.get(c), m[mi].get(c))}
        if not changes:
            continue
        if ti is None:  # the other side deleted a row this side changed: keep it, say so
            conflicts.append(Conflict(i + 1, None, m[mi], None))
            result.append(dict(m[mi]))
            continue
        for column, value in changes.items():
            saved = t[ti].get(column)
            if _same(saved, row.get(column)) or _same(saved, value):
                result[ti][column] = value
            else:
                conflicts.append(Conflict(ti + 1, column, value, saved))
    matched_mine = {k for k in to_mine if k is not None}
    added = [dict(row) for k, row in enumerate(m) if k not in matched_mine]
    kept = [row for k, row in enumerate(result) if k not in deleted] + added
    frame = pd.DataFrame(kept, columns=columns) if kept else theirs.iloc[0:0].copy()
    return frame, conflicts
