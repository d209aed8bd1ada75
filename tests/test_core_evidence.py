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

from core.evidence import (
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
