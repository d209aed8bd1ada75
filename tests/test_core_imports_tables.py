"""Raw rows from CSV and spreadsheet bytes: encodings, delimiters, refusals."""

import csv
import io
import random

import openpyxl
import pytest

from core.imports.safety import RefusedFile
from core.imports.tables import MAX_ROWS, Rows, check_data_rows, decode_text, read_rows


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_decode_text_reads_the_encodings_chinese_exports_use(encoding):
    text = "交易时间,金额\n2026-11-01,￥12.50\n"
    assert decode_text(text.encode(encoding)) == text


def test_undecodable_bytes_are_refused():
    with pytest.raises(RefusedFile):
        decode_text(b"\x81\x30\xff\xff\xfe")


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_delimiter_is_detected(delimiter):
    data = delimiter.join(["日期", "摘要", "金额"]) + "\n" + delimiter.join(["2026-11-01", "工资", "8000"]) + "\n"
    assert read_rows("csv", data.encode("utf-8")) == [["日期", "摘要", "金额"], ["2026-11-01", "工资", "8000"]]


def test_xlsx_rows_and_empty_files():
    book = openpyxl.Workbook()
    book.active.append(["日期", "金额"])
    book.active.append(["2026-11-01", 12.5])
    out = io.BytesIO()
    book.save(out)
    assert read_rows("xlsx", out.getvalue()) == [["日期", "金额"], ["2026-11-01", 12.5]]
    with pytest.raises(RefusedFile) as caught:
        read_rows("csv", b" , \n,,\n")
    assert caught.value.code == "refuse.empty"
    with pytest.raises(RefusedFile) as caught:
        read_rows("xlsx", b"PK\x03\x04 not really a workbook")
    assert caught.value.code == "refuse.corrupt"


# An unmatched quote in one cell: csv reads every later line into that cell.


def bank_lines(count: int, delimiter: str = ",", quote_in_every_row: bool = True) -> list[str]:
    """A bank CSV as text lines: a header and count rows (摘要 with an inch mark, 3", in each
    row unless quote_in_every_row is False: a quote inside a cell is only text)."""
    mark = '3" ' if quote_in_every_row else ""
    rows = [delimiter.join(["日期", "摘要", "金额"])]
    rows += [delimiter.join([f"2026-03-{1 + i % 28:02d}", f"摘要 {mark}屏 {i}", f"{i}.50"]) for i in range(count)]
    return rows


def cells(line: str, delimiter: str = ",") -> list[str]:
    return line.split(delimiter)


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
@pytest.mark.parametrize("quote_in_every_row", [True, False])
def test_one_unmatched_quote_does_not_swallow_the_rows_after_it(delimiter, quote_in_every_row):
    lines = bank_lines(2000, delimiter, quote_in_every_row)
    lines[5] = delimiter.join(["2026-03-05", "\"Joe's 摘要 5", "5.50"])  # row 5, line 6
    rows = read_rows("csv", ("\n".join(lines) + "\n").encode("utf-8"))
    assert len(rows) == 2001
    assert rows[5] == ["2026-03-05", "\"Joe's 摘要 5", "5.50"]  # the quote kept as text
    assert rows[:5] == [cells(line, delimiter) for line in lines[:5]]
    assert rows[6:] == [cells(line, delimiter) for line in lines[6:]]
    assert rows.repaired == 6
    assert rows.lines == 2001


def test_a_large_file_with_an_unmatched_quote_is_read_not_a_csv_error():
    lines = bank_lines(8000, quote_in_every_row=False)
    lines[5] = '2026-03-05,"摘要 5,5.50'
    rows = read_rows("csv", ("\r\n".join(lines) + "\r\n").encode("gb18030"))
    assert len(rows) == 8001 and rows.repaired == 6 and rows.lines == 8001
    assert rows[-1] == cells(lines[-1])


def test_an_unmatched_quote_on_the_last_line_and_after_a_quoted_cell():
    text = '日期,摘要,对方,金额\n2026-03-01,"超市, 永辉",张三,1.50\n2026-03-02,"a,b","Joe\'s,2.50'
    rows = read_rows("csv", text.encode("utf-8"))
    assert rows == [
        ["日期", "摘要", "对方", "金额"],
        ["2026-03-01", "超市, 永辉", "张三", "1.50"],
        ["2026-03-02", "a,b", "\"Joe's", "2.50"],
    ]
    assert rows.repaired == 3 and rows.lines == 3


def test_a_stray_closing_quote_in_the_same_column_is_not_taken_for_a_cell_over_two_lines():
    lines = bank_lines(20, quote_in_every_row=False)
    lines[5] = "2026-03-05,\"Joe's,5.50"
    lines[6] = '2026-03-06,显示器 5",6.50'  # csv alone would close the quote here, cleanly
    rows = read_rows("csv", "\n".join(lines).encode("utf-8"))
    assert len(rows) == 21 and rows.repaired == 6
    assert rows[5] == ["2026-03-05", "\"Joe's", "5.50"] and rows[6] == ["2026-03-06", '显示器 5"', "6.50"]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quoted_cells_over_lines_with_delimiters_and_doubled_quotes_read_as_before(delimiter, newline):
    d = delimiter
    lines = [
        f"日期{d}摘要{d}金额",
        f'2026-03-01{d}"第一行{newline}第二行{newline}第三行"{d}12.50',
        f'2026-03-02{d}"a{d} b ""c"""{d}3',
        f'2026-03-03{d}"""引号"" 开头"{d}4',
        f"2026-03-04{d}超市{d}5",
    ]
    text = newline.join(lines) + newline
    rows = read_rows("csv", text.encode("utf-8"))
    assert rows == list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert rows[1] == ["2026-03-01", f"第一行{newline}第二行{newline}第三行", "12.50"]
    assert rows[2] == ["2026-03-02", f'a{d} b "c"', "3"]
    assert rows[3] == ["2026-03-03", '"引号" 开头', "4"]
    assert rows.repaired is None
    assert rows.lines == 7  # the lines of the file, the cell's three among them


def test_a_closed_quote_followed_by_text_reads_as_csv_reads_it_and_is_no_repair():
    rows = read_rows("csv", '日期,摘要,金额\n2026-03-01,"超市" 永辉,1.50\n'.encode())
    assert rows == [["日期", "摘要", "金额"], ["2026-03-01", "超市 永辉", "1.50"]]
    assert rows.repaired is None


def test_lines_count_what_the_file_has_and_carriage_returns_end_lines():
    rows = read_rows("csv", b"a,b\r\n\r\n  \r\n1,2\r\n,,\r\n")
    assert rows.lines == 3 and rows.repaired is None
    rows = read_rows("csv", b"a,b\r1,2\r3,4")  # old Mac line ends
    assert rows == [["a", "b"], ["1", "2"], ["3", "4"]] and rows.lines == 3


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_lines_are_counted_alike_whether_or_not_the_file_is_read_line_by_line(delimiter):
    d = delimiter
    head = f"日期{d}摘要{d}金额\n\n   \n{d}{d}\n\u3000\n\t \n"
    plain = read_rows("csv", (head + f"2026-03-01{d}超市{d}1\n").encode())
    over_lines = read_rows("csv", (head + f'2026-03-01{d}"超\n市"{d}1\n').encode())
    broken = read_rows("csv", (head + f'2026-03-01{d}"超市{d}1\n').encode())
    tab_row = 1 if d == "\t" else 0  # "\t \n" is two cells in a tab-delimited file
    assert plain.lines == 3 + tab_row and over_lines.lines == 4 + tab_row and broken.lines == 3 + tab_row
    assert broken.repaired == 7 and over_lines.repaired is None


def test_rows_is_a_list_with_its_counts_for_spreadsheets_too():
    book = openpyxl.Workbook()
    for row in (["日期", "金额"], [], ["2026-11-01", 12.5], [None, " "], [0, None]):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    rows = read_rows("xlsx", out.getvalue())
    assert isinstance(rows, Rows) and isinstance(rows, list)
    assert rows.lines == 4 and rows.repaired is None  # the empty row not counted; a cell of spaces or 0 is one
    assert rows[0] == ["日期", "金额"]
    rows = read_rows("csv", b"a,b\n1,2\n")
    assert isinstance(rows, Rows) and rows == [["a", "b"], ["1", "2"]] and rows[1:] == [["1", "2"]]
    assert Rows([[1]], lines=1) == [[1]] and Rows().lines == 0 and Rows().repaired is None


def test_stray_quotes_anywhere_never_raise_anything_but_a_refusal():
    rng = random.Random(20260301)
    base = bank_lines(300, quote_in_every_row=False)
    for _ in range(200):
        lines = list(base)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(lines))
            j = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(['"', '""', '"\n', "\r", '",']) + lines[i][j:]
        data = "\n".join(lines).encode("utf-8")
        try:
            rows = read_rows("csv", data)
        except RefusedFile:
            continue
        assert rows.lines >= 300 and len(rows) >= 300 - 6 * 8


def test_a_csv_wider_than_any_statement_is_refused_like_a_sheet():
    with pytest.raises(RefusedFile) as caught:
        read_rows("csv", ("a" + ",x" * 300 + "\n1,2\n").encode())
    assert caught.value.code == "refuse.too_many_columns"


def test_the_rows_under_a_header_are_checked():
    check_data_rows([["h"], *[["x"]] * MAX_ROWS], 0)  # MAX_ROWS under the header: read
    with pytest.raises(RefusedFile) as caught:
        check_data_rows([["h"], *[["x"]] * (MAX_ROWS + 1)], 0)
    assert caught.value.code == "refuse.too_many_rows"
    for index in (-1, 3):  # a header line before the file or past its end (a mapping's line number)
        with pytest.raises(RefusedFile) as caught:
            check_data_rows([["h"], ["x"], ["y"]], index)
        assert caught.value.code == "refuse.no_rows"
