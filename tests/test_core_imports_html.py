"""Statements written as web pages (core/imports/html.py): tables in tables, merged cells,
charsets declared or not, saved e-mails, a bank's ".xls" that is really HTML; refusals."""

import pytest

from core.imports import read_statement
from core.imports.html import email_html, read_html_rows
from core.imports.safety import MAX_SHEET_COLUMNS, RefusedFile, check_upload, is_email, is_html
from tests.fixtures import banks


def test_rows_of_nested_tables_in_page_order_and_merged_cells_as_blanks():
    page = (
        "<html><body><table><tr><td>外层<table><tr><td>内1</td></tr><tr><td>内2</td></tr></table></td>"
        "<td>右</td></tr><tr><th colspan=3>合并</th><td>x</td></tr></table></body></html>"
    )
    assert read_html_rows(page.encode()) == [["外层", "右"], ["内1"], ["内2"], ["合并", "", "", "x"]]


def test_text_of_a_cell_entities_breaks_and_scripts():
    page = "<table><tr><td>A&amp;B<br>C&nbsp;D</td><td><script>alert(1)</script>ok</td></tr></table>"
    assert read_html_rows(page.encode()) == [["A&B C D", "ok"]]


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "utf-8", None])
def test_charsets_declared_or_not(charset):
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    page = f"<html><head>{meta}</head><body><table><tr><td>交易日期</td><td>金额</td></tr></table></body></html>"
    encoding = "utf-8" if charset == "utf-8" else "gbk"
    assert read_html_rows(page.encode(encoding)) == [["交易日期", "金额"]]


def test_a_bank_xls_that_is_really_a_web_page_is_read():
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="gbk"></head><body><table>'
        "<tr><td>交易日期</td><td>摘要</td><td>交易金额</td></tr>"
        "<tr><td>2026-03-01</td><td>工资</td><td>5,000.00</td></tr>"
        "<tr><td>2026-03-02</td><td>超市</td><td>-120.50</td></tr></table></body></html>"
    ).encode("gbk")
    assert check_upload("明细.xls", page) == "html"
    r = read_statement("明细.xls", page)
    assert (r.total_income, r.total_expense, r.lines) == (500_000, 12_050, 3)


def test_saved_emails():
    data = banks.abc_credit_eml()
    assert is_email(data) and not is_html(data) and check_upload("statement.eml", data) == "eml"
    body, charset = email_html(data)
    assert charset is None and "金穗信用卡".encode("gbk") in body  # no charset declared: the page is GBK
    assert read_statement("x.eml", data).source == "abc_credit"
    text_only = b"From: a@example.com\nMIME-Version: 1.0\nContent-Type: text/plain\n\nhello\n"
    with pytest.raises(RefusedFile) as caught:
        read_statement("note.eml", text_only)
    assert caught.value.code == "refuse.no_table"


def test_refusals():
    with pytest.raises(RefusedFile) as caught:
        read_statement("page.html", b"<html><body><p>no table here</p></body></html>")
    assert caught.value.code == "refuse.no_table"
    wide = "<table><tr>" + "<td colspan=300>x</td><td>y</td>" + "</tr></table>"
    with pytest.raises(RefusedFile) as caught:
        read_html_rows(wide.encode())
    assert caught.value.code == "refuse.too_many_columns"
    many = "<table>" + "<tr><td>1</td></tr>" * 201_002 + "</table>"
    with pytest.raises(RefusedFile) as caught:
        read_html_rows(many.encode())
    assert caught.value.code == "refuse.too_many_rows"
    assert MAX_SHEET_COLUMNS == 256


def test_a_page_that_ends_inside_its_table_keeps_its_last_row_and_odd_spans_do_not_refuse_it():
    rows = read_html_rows("<table><tr><td>a</td><td colspan='²'>b</td></tr><tr><td>c</td><td>d".encode())
    assert rows == [["a", "b"], ["c", "d"]]


def test_a_mailbox_line_before_the_headers():
    data = b"From bank@example.com Mon Dec  7 08:00:00 2026\n" + banks.abc_credit_eml()
    assert check_upload("x.eml", data) == "eml" and read_statement("x.eml", data).source == "abc_credit"
