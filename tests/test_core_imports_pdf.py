"""PDF statements: text PDFs of three banks (Chinese text, several pages), locked ones
(right, wrong and no password; RC4 and AES), scanned ones refused with their reason."""

import zlib

import pytest

from core.imports import RefusedFile, needs_password, read_statement
from core.imports.safety import check_upload
from tests.fixtures import pdf_bombs, pdfs

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


def test_the_pages_read_are_told_as_they_go_up_to_the_last():
    rows = pdfs.many_rows(24 * 30)
    data = pdfs.statement_pdf("cmb", rows, per_page=30)  # 24 pages
    told = []
    r = read_statement("long.pdf", data, on_progress=lambda done, total: told.append((done, total)))
    assert told == [(0, 24), (10, 24), (20, 24), (24, 24)]  # every PROGRESS_PAGES pages and the last
    assert len(r.transactions) == 24 * 30
    assert r.transactions == read_statement("long.pdf", data).transactions  # told or not, the same rows
    small = []
    read_statement("icbc.pdf", pdfs.statement_pdf("icbc"), on_progress=lambda *pages: small.append(pages))
    assert small == [(0, 1), (1, 1)]
    csv = []
    read_statement("a.csv", "交易日期,摘要,交易金额\n2025-01-02,午餐,-45.50\n".encode(), on_progress=csv.append)
    assert csv == []  # only a PDF's pages take long enough to be told


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


# --- decompression bombs ------------------------------------------------------------------
MB = 1024 * 1024


@pytest.fixture
def no_pdfium(monkeypatch):
    """PDFium must never be handed a bomb: opening any PDF fails the test."""
    import pypdfium2

    def refuse(*args, **kwargs):
        raise AssertionError("PDFium was asked to open the file")

    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)


def test_a_300_mb_decompression_bomb_is_refused_before_it_is_inflated(no_pdfium):
    import tracemalloc

    data = pdf_bombs.bomb_pdf(300 * MB)  # 300 MB of page in a 0.3 MB file
    assert len(data) < MB
    tracemalloc.start()
    try:
        caught = refused("refuse.pdf_bomb", "statement.pdf", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB, f"{peak / MB:.0f} MB"  # before: PDFium took 600 MB for it
    assert len(caught.message("en").splitlines()) == 1 and "256 MB" in caught.message("en")
    assert "256 MB" in caught.message("zh") and "已拒绝" in caught.message("zh")


@pytest.mark.parametrize(
    "build",
    [
        lambda size: pdf_bombs.bomb_pdf(size, "twice"),  # compressed twice: 0.6 KB for 40 MB
        lambda size: pdf_bombs.bomb_pdf(size, "font"),
        lambda size: pdf_bombs.bomb_pdf(size, filter_name=b"/Fl"),
        lambda size: pdf_bombs.bomb_pdf(size, filter_name=b"/Fl#61teDecode"),
        lambda size: pdf_bombs.object_stream_bomb(size),
        lambda size: pdf_bombs.object_stream_bomb(size, "xref"),
        lambda size: pdf_bombs.chained_bomb_pdf(size, "a85"),
        lambda size: pdf_bombs.chained_bomb_pdf(size, "lzw"),
        lambda size: pdf_bombs.locked(pdf_bombs.bomb_pdf(size), "", "AES-256"),  # opens without a password
        lambda size: pdf_bombs.locked(pdf_bombs.bomb_pdf(size), "", "AES-128"),
        lambda size: pdf_bombs.locked(pdf_bombs.bomb_pdf(size), "", "RC4-128"),
    ],
    ids=[
        "twice",
        "font",
        "abbreviated",
        "escaped-name",
        "object-stream",
        "xref-stream",
        "ascii85-then-flate",
        "lzw",
        "aes256",
        "aes128",
        "rc4",
    ],  # fmt: skip
)
def test_a_bomb_wherever_it_hides_is_refused_before_pdfium_sees_it(monkeypatch, no_pdfium, build):
    from core.imports import safety

    monkeypatch.setattr(safety, "MAX_PDF_INFLATED", 8 * MB, raising=False)  # a 40 MB bomb against an 8 MB limit
    refused("refuse.pdf_bomb", "statement.pdf", build(40 * MB))


@pytest.mark.parametrize("how", ["plain", "compressed", "twice", "long"])
def test_a_bomb_in_a_picture_written_into_the_page_is_refused(monkeypatch, no_pdfium, how):
    """PDFium inflates an inline picture's data while it reads the page (300 KB: +700 MB)."""
    from core.imports import safety

    monkeypatch.setattr(safety, "MAX_PDF_INFLATED", 8 * MB, raising=False)
    refused("refuse.pdf_bomb", "statement.pdf", pdf_bombs.inline_bomb_pdf(40 * MB, how))


def test_an_ordinary_inline_picture_passes():
    from core.imports.safety import check_pdf

    assert check_pdf(pdf_bombs.inline_picture_pdf(), limit=MB) is True


def test_a_locked_bomb_is_refused_once_its_password_is_given(monkeypatch, no_pdfium):
    from core.imports import safety

    monkeypatch.setattr(safety, "MAX_PDF_INFLATED", 8 * MB, raising=False)
    data = pdf_bombs.locked(pdf_bombs.bomb_pdf(40 * MB), PASSWORD, "AES-256")
    assert needs_password(data)  # told from the file's lock alone: nothing inflated, PDFium not asked
    refused("refuse.pdf_password_needed", "statement.pdf", data)
    refused("refuse.pdf_password_wrong", "statement.pdf", data, password="654321")
    refused("refuse.pdf_bomb", "statement.pdf", data, password=PASSWORD)


def test_a_picture_larger_than_the_limit_is_refused_before_it_is_drawn(no_pdfium):
    caught = refused("refuse.pdf_picture", "statement.pdf", pdf_bombs.bomb_pdf(300 * MB, "image"))
    assert "105" in caught.message("en") and "67" in caught.message("zh")  # million pixels: found, allowed
    # A JPEG's own header says 30,000 x 30,000 while the PDF says 10 x 10: the JPEG's word counts.
    assert "900" in refused("refuse.pdf_picture", "statement.pdf", pdf_bombs.jpeg_bomb_pdf()).message("en")


def test_a_pdf_just_under_the_limit_is_read(monkeypatch):
    from core.imports import safety

    monkeypatch.setattr(safety, "MAX_PDF_INFLATED", 8 * MB, raising=False)
    assert safety.check_pdf(pdf_bombs.bomb_pdf(7 * MB)) is True
    refused("refuse.no_rows", "blank.pdf", pdf_bombs.bomb_pdf(7 * MB))  # read by PDFium: a page of spaces
    assert read_statement("cmb.pdf", pdfs.statement_pdf("cmb", pdfs.many_rows(95))).errors == []


def test_a_picture_cut_across_a_pages_two_content_streams_is_refused(monkeypatch, no_pdfium):
    """PDFium joins a page's content streams before reading them: a picture whose data
    starts in one and ends in the other would be inflated whole there, so it is refused."""
    from core.imports import safety

    monkeypatch.setattr(safety, "MAX_PDF_INFLATED", 8 * MB, raising=False)
    # 12 MB against 8: each half alone stays under the limit, the whole would not
    refused("refuse.pdf_split_picture", "statement.pdf", pdf_bombs.inline_bomb_pdf(12 * MB, "split"))


@pytest.mark.parametrize(
    "data",
    [
        zlib.compress(bytes(range(100)))[:-4] + b" EI Q",  # no checksum: the data ends where it goes wrong
        zlib.compress(bytes(range(100)))[:-4] + b"\x00\x00\x00\x00 EI Q",  # a wrong checksum
        zlib.compress(bytes(range(100))) + b"EI Q",  # EI right after the data
    ],
)
def test_an_ordinary_inline_picture_written_loosely_passes(data):
    """Writers are loose with an inline picture's end: none of these is cut in two."""
    from core.imports.safety import check_pdf

    assert check_pdf(pdf_bombs.inline_picture_pdf(data), limit=MB) is True


def test_an_ascii_hex_inline_picture_ending_at_its_marker_passes():
    import binascii

    from core.imports.safety import check_pdf

    data = binascii.hexlify(zlib.compress(bytes(range(100)))) + b">EI Q"
    assert check_pdf(pdf_bombs.inline_picture_pdf(data, b"[/AHx /Fl]"), limit=MB) is True
