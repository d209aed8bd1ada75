"""Raw rows from CSV and spreadsheet bytes: encodings, delimiters, refusals."""

import io

import openpyxl
import pytest

from core.imports.safety import RefusedFile
from core.imports.tables import decode_text, read_rows


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
