"""The evidence locker: proof attached to the case (income proof, statements, hardship
proof, contracts, repayment records, ID) and to contact-log entries.

Files stay on this computer, in an ``evidence`` folder beside the database (0700, each
file 0600), stored once under their SHA-256 (so a file cannot be changed without its
name no longer matching). A file is accepted by what its bytes are, not by its name:
pictures, PDF, audio of a call, saved e-mails and plain text, up to ``MAX_FILE_BYTES``;
anything else — a program renamed .jpg, an archive named .pdf — is refused with the
reason and nothing is stored. Files are never run or shown as HTML: pictures are shown
as pictures, a PDF by a picture of its first page.

What was added, when, its original name, size and hash are recorded in the profile's
"evidence" table (with the rest of the profile's history: a deleted file is only marked,
and can be brought back with Undo or from the History page).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import filetype

EVIDENCE_KINDS = (
    "income_proof",
    "bank_statements",
    "hardship_proof",
    "contracts",
    "repayment_records",
    "id_document",
    "contact",  # attached to a contact-log entry
)
MAX_FILE_BYTES = 20 * 1024 * 1024  # 20 MB: a phone photo, a long call recording, a statement PDF
MAX_IMAGE_PIXELS = 60_000_000  # a decompression bomb is refused before it is drawn
ALLOWED = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/pdf": "pdf",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/x-m4a": "m4a",
    "audio/m4a": "m4a",
    "audio/amr": "amr",
    "audio/x-wav": "wav",
    "audio/ogg": "ogg",
    "audio/aac": "aac",
    "message/rfc822": "eml",
    "text/plain": "txt",
}
IMAGES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


class RefusedEvidence(ValueError):
    """A file that is not stored, with the i18n code of the reason."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)


def _looks_like_text(data: bytes) -> str | None:
    """A saved e-mail or a text note: text in UTF-8 or GB18030 with no control bytes."""
    sample = data[:65536]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(ord(c) < 32 and c not in "\r\n\t\f" for c in text):
            return None
        head = text.lstrip()[:2000].lower()
        is_mail = any(head.startswith(h) for h in ("from:", "received:", "return-path:", "date:", "subject:", "to:"))
        return "message/rfc822" if is_mail or "\nsubject:" in head else "text/plain"
    return None


def identify(data: bytes) -> str:
    """The file's type from its content; raises RefusedEvidence for anything not accepted."""
    if not data:
        raise RefusedEvidence("ev.refuse.empty")
    if len(data) > MAX_FILE_BYTES:
        raise RefusedEvidence("ev.refuse.too_large", limit=f"{MAX_FILE_BYTES // (1024 * 1024)} MB")
    kind = filetype.guess(data)
    if kind is not None:
        mime = kind.mime
        if mime not in ALLOWED:
            raise RefusedEvidence("ev.refuse.type", kind=kind.extension)
        if mime == "application/pdf" and not data.lstrip()[:5] == b"%PDF-":
            raise RefusedEvidence("ev.refuse.type", kind="pdf?")
        if mime in IMAGES:
            _check_image(data)
        return mime
    mime = _looks_like_text(data)
    if mime is None:
        raise RefusedEvidence("ev.refuse.unknown")
    return mime


def _check_image(data: bytes) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken picture
        raise RefusedEvidence("ev.refuse.broken") from None
    if width * height > MAX_IMAGE_PIXELS:
        raise RefusedEvidence("ev.refuse.too_large", limit=f"{MAX_IMAGE_PIXELS // 1_000_000} MP")


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    mime: str
    name: str  # the original file name
    added: str  # "YYYY-MM-DD HH:MM"


def evidence_folder(db_path: Path) -> Path:
    """Where the files live: beside the database, never anywhere else."""
    return Path(db_path).parent / "evidence"


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)


def path_of(folder: Path, sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256")
    return Path(folder) / sha256[:2] / sha256


def add_file(folder: Path, data: bytes, name: str, now: dt.datetime | None = None) -> Stored:
    """Check a file and keep it (once per content). Raises RefusedEvidence; nothing is
    written for a refused file, and a half-written file never takes the final name."""
    mime = identify(data)
    digest = hashlib.sha256(data).hexdigest()
    target = path_of(folder, digest)
    if not target.exists():
        _private_folder(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    clean = Path(str(name).replace("\\", "/")).name.strip()[:200] or f"file.{ALLOWED[mime]}"
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    return Stored(digest, len(data), mime, clean, stamp)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path, sha256: str) -> bool:
    """The file is there and still has the hash recorded when it was added."""
    path = path_of(folder, sha256)
    return path.is_file() and file_sha256(path) == sha256


def thumbnail(folder: Path, sha256: str, mime: str, size: int = 320) -> bytes | None:
    """A small PNG preview: the picture itself, or a PDF's first page; None for the rest."""
    from PIL import Image

    path = path_of(folder, sha256)
    try:
        if mime in IMAGES:
            with Image.open(path) as image:
                image.thumbnail((size, size))
                out = io.BytesIO()
                image.convert("RGB").save(out, format="PNG")
                return out.getvalue()
        if mime == "application/pdf":
            import pypdfium2

            pdf = pypdfium2.PdfDocument(str(path))
            try:
                page = pdf[0]
                width = page.get_width() or 1
                image = page.render(scale=min(size / width, 2.0)).to_pil()
                out = io.BytesIO()
                image.save(out, format="PNG")
                return out.getvalue()
            finally:
                pdf.close()
    except Exception:  # noqa: BLE001 - a preview that cannot be drawn is simply not shown
        return None
    return None


def contact_key(when: str, lender: str) -> str:
    """How an attachment names its contact-log entry (the log has no ids): time and lender."""
    return f"{when}|{lender}"


def live(frame) -> list[dict]:
    """The evidence rows not deleted, as dicts."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [r for r in rows if r.get("sha256") and not r.get("deleted")]


MANIFEST_FIELDS = ("file", "sha256", "size", "kind", "original_name", "added", "lender", "verified")


def manifest_csv(rows: list[dict]) -> bytes:
    """The manifest as CSV (UTF-8 with BOM so Excel shows Chinese names)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MANIFEST_FIELDS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in MANIFEST_FIELDS})
    return out.getvalue().encode("utf-8-sig")


def manifest_json(rows: list[dict]) -> bytes:
    return json.dumps([{k: row.get(k) for k in MANIFEST_FIELDS} for row in rows], ensure_ascii=False, indent=1).encode()
