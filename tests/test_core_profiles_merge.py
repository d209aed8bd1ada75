"""Three-way merge of a section: another tab's edit is never silently overwritten."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from core.profiles.merge import merge

COLUMNS = ["category", "amount", "note"]


def frame(rows):
    return pd.DataFrame(rows, columns=COLUMNS)


BASE = frame([["工资", 9000.0, None], ["房租", 2800.0, None], ["买菜", 1600.0, "每周"]])


def test_edits_to_different_rows_are_both_kept():
    theirs = BASE.copy()
    theirs.loc[0, "amount"] = 9500.0  # tab A changed row 1
    mine = BASE.copy()
    mine.loc[1, "amount"] = 3000.0  # stale tab B changed row 2
    merged, conflicts = merge(BASE, mine, theirs)
    assert conflicts == []
    assert merged["amount"].tolist() == [9500.0, 3000.0, 1600.0]


def test_the_same_cell_changed_differently_keeps_the_newer_and_says_so():
    theirs, mine = BASE.copy(), BASE.copy()
    theirs.loc[1, "amount"] = 2900.0
    mine.loc[1, "amount"] = 3000.0
    mine.loc[2, "note"] = "超市"
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["amount"].tolist() == [9000.0, 2900.0, 1600.0] and merged.loc[2, "note"] == "超市"
    assert [(c.row, c.column, c.mine, c.theirs) for c in conflicts] == [(2, "amount", 3000.0, 2900.0)]


def test_rows_added_and_deleted_on_either_side():
    theirs = pd.concat([BASE, frame([["奖金", 500.0, None]])], ignore_index=True)  # A added a row
    mine = BASE.drop(index=2).reset_index(drop=True)  # B deleted 买菜
    mine = pd.concat([mine, frame([["电费", 200.0, None]])], ignore_index=True)  # and added 电费
    merged, conflicts = merge(BASE, mine, theirs)
    assert conflicts == []
    assert merged["category"].tolist() == ["工资", "房租", "奖金", "电费"]


def test_a_row_deleted_there_but_changed_here_is_kept_and_reported():
    theirs = BASE.drop(index=1).reset_index(drop=True)
    mine = BASE.copy()
    mine.loc[1, "amount"] = 3000.0
    merged, conflicts = merge(BASE, mine, theirs)
    assert "房租" in merged["category"].tolist() and len(conflicts) == 1 and conflicts[0].column is None


rows = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from([1.0, 2.0, 3.0]), st.none() | st.just("n")),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(rows, rows)
def test_merge_with_an_unchanged_side_gives_the_other_side(base_rows, other_rows):
    base, other = frame(base_rows), frame(other_rows)
    merged, conflicts = merge(base, other, base)  # nobody else saved: my version wins whole
    assert conflicts == [] and sorted(map(tuple, merged.astype(object).values.tolist()), key=repr) == sorted(
        map(tuple, other.astype(object).values.tolist()), key=repr
    )
    merged, conflicts = merge(base, base, other)  # I changed nothing: theirs stays whole
    assert conflicts == [] and merged.astype(object).values.tolist() == other.astype(object).values.tolist()
