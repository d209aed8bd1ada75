"""Files that must not take the server down: sheet extent (dimension bombs) on every path
that reads a spreadsheet, the data-row limit, dates beside time columns, empty imports."""

import io

import pytest
from openpyxl import Workbook

from core.imports import RefusedFile, read_statement
from core.imports.safety import MAX_SHEET_COLUMNS, check_upload
from core.profiles.workbook import profile_from_xlsx
from tests.fixtures import make


@pytest.mark.parametrize(
    "data",
    [
        make.dimension_bomb_xlsx(),
        make.dimension_bomb_xlsx(with_dimension=False),  # only the cell says how far it reaches
        make.dimension_bomb_xlsx(cells=False),  # only the <dimension> element does
        make.dimension_bomb_xls(),
    ],
    ids=["xlsx-cells-and-dimension", "xlsx-cells", "xlsx-dimension", "xls"],
)
def test_dimension_bombs_are_refused_before_any_reader(data):
    assert len(data) < 10_000
    for read in (
        lambda: check_upload("bomb.xlsx", data),
        lambda: read_statement("statement.xlsx", data),
        lambda: profile_from_xlsx(data, filename="profile.xlsx"),
    ):
        with pytest.raises(RefusedFile) as refused:
            read()
        assert refused.value.code == "refuse.sheet_extent"
        assert "rows" in refused.value.message("en") and "列" in refused.value.message("zh")


def test_a_wide_sheet_is_refused_and_a_normal_one_passes():
    book = Workbook()
    book.active.cell(1, MAX_SHEET_COLUMNS + 1, "x")
    wide = io.BytesIO()
    book.save(wide)
    with pytest.raises(RefusedFile, match="refuse.sheet_extent"):
        check_upload("wide.xlsx", wide.getvalue())
    assert check_upload("wechat.xlsx", make.wechat_xlsx()) == "xlsx"
    assert check_upload("bank.xls", make.bank_xls()) == "xls"


def test_a_sheet_beyond_the_first_is_checked_too():
    book = Workbook()
    book.active["A1"] = "日期"
    book.create_sheet("hidden")["ZZZ900000"] = 1
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(RefusedFile, match="refuse.sheet_extent"):
        read_statement("two.xlsx", out.getvalue())


def test_exactly_the_row_limit_of_data_rows_is_read_and_one_more_is_refused():
    from core.imports.tables import MAX_ROWS

    result = read_statement("big.csv", make.rows_csv(MAX_ROWS))
    assert len(result.transactions) == MAX_ROWS
    with pytest.raises(RefusedFile) as refused:
        read_statement("big.csv", make.rows_csv(MAX_ROWS + 1))
    assert refused.value.code == "refuse.too_many_rows"


def test_cmb_date_column_is_used_not_the_time_column():
    result = read_statement("cmbchina.csv", make.cmb_csv())
    assert result.source == "cmb" and result.errors == []  # 招商银行, by its own header row
    assert [tx.date.isoformat() for tx in result.transactions] == [
        "2026-03-02",
        "2026-03-05",
        "2026-03-18",
        "2026-04-02",
    ]
    assert result.total_income == 1_700_000 and result.total_expense == 263_550


def test_an_import_with_no_readable_row_is_a_refusal_that_says_why():
    data = "日期,摘要,金额\n昨天,超市,-1\n前天,工资,abc\n".encode()
    with pytest.raises(RefusedFile) as refused:
        read_statement("bad.csv", data)
    message = refused.value.message("en")
    assert refused.value.code == "refuse.no_rows"
    assert "row 2" in message and "昨天" in message  # the first reasons, with their rows


def _xlsx_with_sheet(sheet_xml: str) -> bytes:
    """A workbook whose one sheet part is written by hand (as an unusual writer might)."""
    import zipfile

    book = Workbook()
    book.active["A1"] = "x"
    source = io.BytesIO()
    book.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source.getvalue())) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":  # stored: no zip ratio to trip over first
                new.writestr(item.filename, sheet_xml.encode(), compress_type=zipfile.ZIP_STORED)
            else:
                new.writestr(item, old.read(item.filename))
    return out.getvalue()


NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.mark.parametrize(
    "sheet",
    [
        f'<x:worksheet {NS}><x:sheetData><x:row r="1"><x:c r="A1"/><x:c r="XFD1"/></x:row></x:sheetData></x:worksheet>',
        f'<worksheet {NS}><sheetData><row r="1">' + "<c><v>1</v></c>" * 300 + "</row></sheetData></worksheet>",
        f'<worksheet {NS}><sheetData><row r="1"><c r="A1048576"/></row></sheetData></worksheet>',
        f"<worksheet {NS}><sheetData>" + "<row><c><v>1</v></c></row>" * 201_001 + "</sheetData></worksheet>",
        f'<worksheet {NS}><sheetData><row r="1"><c r="A1"/><c\nr="XFD1"/></row></sheetData></worksheet>',
        f'<worksheet {NS}><cols><col min="1" max="2"/></cols><sheetData><row r="1"><c r="A1"/><c r="XFD1"/></row>'
        "</sheetData></worksheet>",
    ],
    ids=[
        "namespace-prefix",
        "cells-without-reference",
        "cell-row-beyond-its-row",
        "rows-without-reference",
        "a-line-break-after-the-tag-name",
        "columns-described-first",
    ],  # fmt: skip
)
def test_unusual_but_valid_sheet_markup_is_measured_the_way_readers_place_cells(sheet):
    with pytest.raises(RefusedFile, match="refuse.sheet_extent"):
        check_upload("odd.xlsx", _xlsx_with_sheet(sheet))


def test_the_same_markup_within_limits_passes():
    sheet = f'<worksheet {NS}><sheetData><row r="1">' + "<c><v>1</v></c>" * 20 + "</row></sheetData></worksheet>"
    assert check_upload("odd.xlsx", _xlsx_with_sheet(sheet)) == "xlsx"
