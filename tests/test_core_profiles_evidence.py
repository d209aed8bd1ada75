"""The evidence locker: type by content, size cap, hashing, the manifest; a refused file
leaves nothing behind."""

import csv
import hashlib
import io
import json
import os
import stat
import zipfile

import pytest
from PIL import Image

from core.profiles.evidence import (
    MAX_FILE_BYTES,
    RefusedEvidence,
    add_file,
    identify,
    manifest_csv,
    manifest_json,
    path_of,
    thumbnail,
    verify,
)


def png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def pdf() -> bytes:
    import pypdfium2

    doc = pypdfium2.PdfDocument.new()
    doc.new_page(200, 100)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_accepted_types_by_content():
    assert identify(png()) == "image/png"
    assert identify(pdf()) == "application/pdf"
    assert identify("From: bank@example.com\nSubject: 还款提醒\n\n您好".encode()) == "message/rfc822"
    assert identify("通话要点：同意停息 36 期".encode("gb18030")) == "text/plain"
    assert identify(b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 200) == "audio/mpeg"


@pytest.mark.parametrize(
    "data,code",
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200, "ev.refuse.type"),  # a program
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "ev.refuse.type"),
        (b"", "ev.refuse.empty"),
        (b"\x00\x01\x02\x03binary junk" * 10, "ev.refuse.unknown"),
    ],
)
def test_refused_types(tmp_path, data, code):
    with pytest.raises(RefusedEvidence) as caught:
        add_file(tmp_path, data, "photo.jpg")  # the name says picture; the bytes say otherwise
    assert caught.value.code == code
    assert not any(tmp_path.rglob("*"))  # nothing stored


def test_a_zip_bomb_named_pdf_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"0" * 50_000_000)
    with pytest.raises(RefusedEvidence) as caught:
        add_file(tmp_path, out.getvalue(), "statement.pdf")
    assert caught.value.code == "ev.refuse.type" and caught.value.params["kind"] == "zip"
    assert not any(tmp_path.rglob("*"))


def test_an_oversized_file_is_refused_with_the_limit(tmp_path):
    with pytest.raises(RefusedEvidence) as caught:
        add_file(tmp_path, b"%PDF-1.4\n" + b"0" * MAX_FILE_BYTES, "big.pdf")
    assert caught.value.code == "ev.refuse.too_large" and caught.value.params["limit"] == "20 MB"
    assert not any(tmp_path.rglob("*"))


def test_a_picture_bomb_is_refused_before_it_is_drawn(tmp_path):
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, format="PNG")  # 81 million pixels in a few KB
    with pytest.raises(RefusedEvidence) as caught:
        add_file(tmp_path, out.getvalue(), "x.png")
    assert caught.value.code == "ev.refuse.too_large"


def test_stored_once_under_its_hash_private_and_verifiable(tmp_path):
    data = png()
    kept = add_file(tmp_path / "evidence", data, "C:\\Users\\li\\截图 1.png")
    assert kept.sha256 == hashlib.sha256(data).hexdigest() and kept.size == len(data)
    assert kept.name == "截图 1.png" and kept.mime == "image/png"
    path = path_of(tmp_path / "evidence", kept.sha256)
    assert path.read_bytes() == data
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    again = add_file(tmp_path / "evidence", data, "copy.png")
    assert again.sha256 == kept.sha256
    assert [p for p in (tmp_path / "evidence").rglob("*") if p.is_file()] == [path]  # one copy, no temp files
    assert verify(tmp_path / "evidence", kept.sha256)
    path.write_bytes(data + b"x")  # changed after it was filed
    assert not verify(tmp_path / "evidence", kept.sha256)


def test_previews_for_pictures_and_pdfs(tmp_path):
    picture = add_file(tmp_path, png((800, 600)), "a.png")
    document = add_file(tmp_path, pdf(), "b.pdf")
    for kept in (picture, document):
        preview = thumbnail(tmp_path, kept.sha256, kept.mime)
        assert preview and preview.startswith(b"\x89PNG")
        assert max(Image.open(io.BytesIO(preview)).size) <= 400


def test_manifest_csv_and_json():
    rows = [{"file": "evidence/a.png", "sha256": "ab" * 32, "size": 10, "kind": "收入证明", "original_name": "a.png",
             "added": "2026-11-24 10:00", "lender": None, "verified": True}]  # fmt: skip
    table = list(csv.DictReader(io.StringIO(manifest_csv(rows).decode("utf-8-sig"))))
    assert table[0]["sha256"] == "ab" * 32 and table[0]["kind"] == "收入证明" and table[0]["lender"] == ""
    assert json.loads(manifest_json(rows))[0]["verified"] is True


def test_the_evidence_folder_is_private_and_an_existing_one_is_made_private(tmp_path):
    old = os.umask(0o022)  # the usual umask: a folder made without care would be 0755
    try:
        folder = tmp_path / "evidence"
        kept = add_file(folder, png(), "a.png")
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700  # the folder itself, not only its subfolder
        assert stat.S_IMODE(os.stat(path_of(folder, kept.sha256).parent).st_mode) == 0o700
        from core.profiles.evidence import make_private

        # One left by an earlier version: open to others, a file readable by all.
        os.chmod(folder, 0o755)
        os.chmod(path_of(folder, kept.sha256).parent, 0o755)
        os.chmod(path_of(folder, kept.sha256), 0o644)
        make_private(folder)
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(path_of(folder, kept.sha256).parent).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(path_of(folder, kept.sha256)).st_mode) == 0o600
        os.chmod(folder, 0o755)
        add_file(folder, pdf(), "b.pdf")  # adding a file makes the folder private again too
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        make_private(tmp_path / "nothing-here")  # no folder yet: nothing to do, nothing made
        assert not (tmp_path / "nothing-here").exists()
    finally:
        os.umask(old)


def test_a_pdf_decompression_bomb_is_refused_stored_nothing_and_never_drawn(tmp_path, monkeypatch):
    import tracemalloc

    import pypdfium2

    from tests.fixtures import pdf_bombs

    opened = []
    monkeypatch.setattr(pypdfium2, "PdfDocument", lambda *a, **k: opened.append(a) or 1 / 0)
    bomb = pdf_bombs.bomb_pdf(300 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(RefusedEvidence) as caught:
            add_file(tmp_path / "evidence", bomb, "statement.pdf")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.code == "refuse.pdf_bomb" and peak < 16 * 1024 * 1024
    assert not any(tmp_path.rglob("*.pdf")) and not [p for p in tmp_path.rglob("*") if p.is_file()]
    # One kept before the check (written straight to the folder): no preview, PDFium not asked.
    sha = hashlib.sha256(bomb).hexdigest()
    path_of(tmp_path, sha).parent.mkdir(parents=True)
    path_of(tmp_path, sha).write_bytes(bomb)
    assert thumbnail(tmp_path, sha, "application/pdf") is None and not opened


def test_a_locked_pdf_is_kept_with_no_preview(tmp_path):
    from tests.fixtures import pdf_bombs, pdfs

    locked = pdfs.locked(pdfs.statement_pdf("icbc"), "123456")
    kept = add_file(tmp_path, locked, "工行流水.pdf")
    assert kept.mime == "application/pdf" and verify(tmp_path, kept.sha256)
    assert thumbnail(tmp_path, kept.sha256, kept.mime) is None
    open_one = add_file(tmp_path, pdf_bombs.locked(pdf_bombs.small_pdf()), "owner-only.pdf")  # no password needed
    assert thumbnail(tmp_path, open_one.sha256, open_one.mime).startswith(b"\x89PNG")


def test_an_attachment_names_its_contact_log_entry_and_its_lender():
    from core.profiles.evidence import Stored, contact_key, entry_of, evidence_row

    key = contact_key("2026-11-02 10:30", "招行|信用卡")
    assert entry_of(key) == ("2026-11-02 10:30", "招行|信用卡")  # the lender may hold the separator
    kept = Stored("a" * 64, 1234, "image/png", "通话.png", "2026-11-02 10:35")
    assert evidence_row(kept, "contact", key) == {
        "sha256": "a" * 64, "name": "通话.png", "kind": "contact", "size": 1234, "mime": "image/png",
        "added": "2026-11-02 10:35", "deleted": False, "contact": key, "lender": "招行|信用卡",
    }  # fmt: skip
    assert (
        evidence_row(kept, "income", None)["contact"] is None and evidence_row(kept, "income", None)["lender"] is None
    )


def test_deleting_marks_only_that_file_for_that_entry_and_keeps_the_row():
    import pandas as pd

    from core.profiles.evidence import marked_deleted, without_unusable

    sha, other = "b" * 64, "c" * 64
    table = pd.DataFrame([
        {"sha256": sha.upper() + " ", "contact": None, "deleted": False},  # as typed in a workbook
        {"sha256": sha, "contact": "2026-11-02 10:30|A", "deleted": False},
        {"sha256": other, "contact": None, "deleted": False},
        {"sha256": "not a hash", "contact": None, "deleted": False},
    ])  # fmt: skip
    assert marked_deleted(table, sha, None)["deleted"].tolist() == [True, False, False, False]
    assert marked_deleted(table, sha, "2026-11-02 10:30|A")["deleted"].tolist() == [False, True, False, False]
    assert table["deleted"].tolist() == [False] * 4  # the table given is not changed
    assert without_unusable(table)["deleted"].tolist() == [False, False, False, True]
