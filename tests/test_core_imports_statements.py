"""read_statement, the one entry: files refused with a one-line reason, a file it does not
know offered for a mapping and read with it, a file without a header row read by column
position. (The rows' reading: test_core_imports_transactions.py; budget sheets:
test_core_imports_budget_sheet.py; which kind of file: test_core_imports_detect.py.)"""

import pytest

from core.imports import RefusedFile, read_statement
from core.imports.safety import MAX_UPLOAD_BYTES
from tests.fixtures import hard, make


def test_unknown_layout_asks_for_a_mapping_then_reads_with_it():
    from core.imports import Mapping

    r = read_statement("mine.csv", make.unknown_csv())
    assert r.kind == "needs_mapping" and r.header == ["When", "What", "How much"]
    r = read_statement(
        "mine.csv", make.unknown_csv(), mapping=Mapping(date="When", amount="How much", description="What")
    )
    assert r.total_income == 10_000 and r.total_expense == 350


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("empty.csv", b"", "refuse.empty"),
        ("blank.csv", b"  \n \n", "refuse.empty"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "refuse.type"),
        ("notes.txt", b"hello, this is not a spreadsheet\x00\x01", "refuse.type"),
        ("renamed.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "refuse.type"),
        ("broken.xlsx", b"PK\x03\x04 this is not really a zip", "refuse.corrupt"),
        ("bomb.xlsx", make.zip_bomb_xlsx(), "refuse.bomb"),
        ("entities.xlsx", make.xml_bomb_xlsx(), "refuse.xml_bomb"),
        ("locked.xlsx", make.encrypted_xlsx(), "refuse.encrypted"),
        ("huge.csv", b"a,b\n" + b"1,2\n" * (MAX_UPLOAD_BYTES // 4 + 1), "refuse.too_large"),
        ("nothing.csv", b"x,y\n1,2\n", None),
    ],
)
def test_refused_files_give_one_line_reasons(name, data, code):
    if code is None:
        assert read_statement(name, data).kind == "needs_mapping"
        return
    with pytest.raises(RefusedFile) as info:
        read_statement(name, data)
    assert info.value.code == code
    for lang in ("zh", "en"):
        message = info.value.message(lang)
        assert message and "\n" not in message


def test_a_file_with_no_header_row_is_read_by_column_position():
    from core.imports import Mapping

    r = read_statement("x.csv", hard.no_header_csv())
    assert r.kind == "needs_mapping"
    r = read_statement("x.csv", hard.no_header_csv(), mapping=Mapping(date="1", amount="3", description="2",
                                                                      no_header=True))  # fmt: skip
    assert [(tx.row, tx.amount) for tx in r.transactions] == [(1, 600_000), (2, -200_000), (3, -15_050)]
    assert (r.total_income, r.total_expense, r.lines) == (600_000, 215_050, 3)


def test_a_header_line_past_the_files_end_is_refused():
    from core.imports import Mapping

    with pytest.raises(RefusedFile) as caught:
        read_statement("x.csv", make.unknown_csv(), mapping=Mapping(date="When", amount="How much"), header_row=50)
    assert caught.value.code == "refuse.no_rows"
