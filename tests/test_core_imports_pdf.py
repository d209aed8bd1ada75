"""PDF statements: text PDFs of three banks (Chinese text, several pages), locked ones
(right, wrong and no password; RC4 and AES), scanned ones refused with their reason."""

import pytest

from core.imports import RefusedFile, needs_password, read_statement
from core.imports.safety import check_upload
from tests.fixtures import pdfs

PASSWORD = "123456"


def refused(code: str, *args, **kwargs) -> RefusedFile:
    with pytest.raises(RefusedFile) as caught:
        read_statement(*args, **kwargs)
    assert caught.value.code == code, caught.value.code
    return caught.value


@pytest.mark.parametrize("bank", ["icbc", "ccb", "cmb"])
def test_a_text_pdf_statement_of_each_bank_to_the_cent(bank):
    data = pdfs.statement_pdf(bank)
    assert check_upload(f"{bank}.pdf", data) == "pdf" and not needs_password(data)
    r = read_statement(f"{bank}.pdf", data)
    assert (r.kind, r.source) == ("statement", bank)
    assert r.errors == []
    assert r.total_income == 880_000
    assert r.total_expense == 304_550  # rent 3,000 + a meal 45.50; the card repayment is debt service
    assert [name for name, _, _ in r.debt_service()] == ["信用卡"]
    assert r.monthly_by_category()["房租/物业"] == ("expense", 300_000)


def test_a_statement_over_many_pages_reads_every_line_once():
    rows = pdfs.many_rows(95)
    r = read_statement("long.pdf", pdfs.statement_pdf("cmb", rows, per_page=30))  # 4 pages, 4 headers
    assert len(r.transactions) == 95 and r.errors == []
    assert r.total_income == 3 * 900_000


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_locked_pdf_with_the_right_wrong_or_no_password(algorithm):
    data = pdfs.locked(pdfs.statement_pdf("icbc"), PASSWORD, algorithm)
    assert needs_password(data)
    refused("refuse.pdf_password_needed", "icbc.pdf", data)
    refused("refuse.pdf_password_wrong", "icbc.pdf", data, password="654321")
    assert read_statement("icbc.pdf", data, password=PASSWORD).total_expense == 304_550


def test_a_scanned_pdf_is_refused_with_its_reason():
    message = refused("refuse.pdf_scanned", "扫描件.pdf", pdfs.scanned_pdf()).message("zh")
    assert "扫描件" in message and "电子版" in message


def test_a_damaged_pdf_is_refused():
    data = pdfs.statement_pdf("icbc")
    refused("refuse.corrupt", "icbc.pdf", data[: len(data) // 3])
    refused("refuse.corrupt", "fake.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100)


@pytest.mark.parametrize("align", ["top", "middle"])
def test_a_cell_wrapped_onto_a_second_line_is_read_whole(align):
    r = read_statement("工行明细.pdf", pdfs.wrapped_pdf(align))
    assert r.errors == []
    assert [tx.amount for tx in r.transactions] == [880_000, -300_000, -4_550]
    texts = [tx.description for tx in r.transactions]
    assert "某某科技有限公司北京分公司" in texts[0]
    assert "李房东" in texts[1] and "公司" not in texts[1]  # nothing of its neighbours
    assert "财付通-美团外卖北京三快在线科技有限公司" in texts[2]
    assert all("仅供参考" not in text for text in texts)  # the note under the table is no part of a row
    assert r.transactions[2].category == "餐饮/买菜"
