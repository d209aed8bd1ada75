"""The evidence locker: proof attached to the case (income proof, statements, hardship
proof, contracts, repayment records, ID) and to contact-log entries.

Files stay on this computer, in an ``evidence`` folder beside the database (0700, each
file 0600), stored once under their SHA-256 (so a file cannot be changed without its
name no longer matching). A file is accepted by what its bytes are, not by its name:
pictures, PDF, audio of a call, saved e-mails and plain text, up to ``MAX_FILE_BYTES``;
anything else — a program renamed .jpg, an archive named .pdf — is refused with the
reason and nothing is stored, as is a picture or PDF built to blow up when opened (a PDF's
streams are inflated, only counted, within core.imports.safety's limit before it is kept
or drawn). Files are never run or shown as HTML: pictures are shown
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
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import filetype

from core.blank import records
from core.loans.dates import format_datetime
from core.text import formula_safe

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
MAX_NAME_CHARS = 200  # an original file name as kept (its extension kept too)
_SHA256 = re.compile(r"[0-9a-f]{64}")


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
        if mime == "application/pdf":
            _check_pdf(data)
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


def _check_pdf(data: bytes) -> bool:
    """A PDF inflated (only counted) within core.imports.safety's limit before it is kept
    or drawn: a decompression bomb is refused with the reason. True when it may be drawn:
    it opens without a password and the check could take it apart (a locked or damaged
    one is kept, but shown by no preview)."""
    from core.imports.safety import RefusedFile, check_pdf

    try:
        return check_pdf(data)
    except RefusedFile as refused:
        if refused.code == "refuse.corrupt":  # kept as it is (proof need not open), never drawn
            return False
        raise RefusedEvidence(refused.code, **refused.params) from None


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


def _private_folder(folder: Path, root: Path) -> None:
    """``folder`` (``root`` or one under it) made 0700, and ``root`` too: mkdir's
    ``parents=True`` would make the folders above it with the umask's mode (0755)."""
    for step in (root, folder):
        step.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):  # a folder not ours: left as it is
            os.chmod(step, 0o700)


def make_private(folder: Path) -> None:
    """An evidence folder left by an earlier version (0755, files 0644) made private:
    the folder and its subfolders 0700, the files 0600. Nothing is made when there is no
    folder; what cannot be changed (not ours) is left as it is."""

    def chmod(path: Path, mode: int) -> None:
        with contextlib.suppress(OSError):
            os.chmod(path, mode)

    folder = Path(folder)
    if folder.is_symlink() or not folder.is_dir():
        return
    chmod(folder, 0o700)
    with contextlib.suppress(OSError):
        for sub in folder.iterdir():
            if sub.is_symlink():
                continue
            if sub.is_dir():
                chmod(sub, 0o700)
                for item in sub.iterdir():
                    if item.is_file() and not item.is_symlink():
                        chmod(item, 0o600)
            elif sub.is_file():
                chmod(sub, 0o600)


def is_sha256(value: object) -> bool:
    """A SHA-256 as the locker names its files: 64 lowercase hex digits."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def path_of(folder: Path, sha256: str) -> Path:
    if not is_sha256(sha256):
        raise ValueError("not a SHA-256")
    return Path(folder) / sha256[:2] / sha256


def add_file(folder: Path, data: bytes, name: str, now: dt.datetime | None = None) -> Stored:
    """Check a file and keep it (once per content). Raises RefusedEvidence; nothing is
    written for a refused file, and a half-written file never takes the final name."""
    mime = identify(data)
    digest = hashlib.sha256(data).hexdigest()
    target = path_of(folder, digest)
    _private_folder(target.parent, Path(folder))
    if not target.exists():
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
    clean = _short_name(Path(str(name).replace("\\", "/")).name.strip()) or f"file.{ALLOWED[mime]}"
    stamp = format_datetime(now or dt.datetime.now())
    return Stored(digest, len(data), mime, clean, stamp)


def _short_name(name: str) -> str:
    """The name cut to MAX_NAME_CHARS, its extension (".pdf") kept."""
    if len(name) <= MAX_NAME_CHARS:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 0 < len(ext) <= 8 and ext.isalnum():
        return stem[: MAX_NAME_CHARS - len(ext) - 1].rstrip() + "." + ext
    return name[:MAX_NAME_CHARS]


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

            data = path.read_bytes()
            if len(data) > MAX_FILE_BYTES or not _check_pdf(data):  # one kept before the check
                return None
            pdf = pypdfium2.PdfDocument(data)
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


def entry_of(key: str) -> tuple[str, str]:
    """(time, lender) of the contact-log entry an attachment names (contact_key)."""
    when, _, lender = key.partition("|")
    return when, lender


def evidence_row(kept: Stored, kind: str, contact: str | None) -> dict:
    """The evidence table's row for a file just kept: for a contact-log entry (its key),
    the entry's lender too."""
    return {"sha256": kept.sha256, "name": kept.name, "kind": kind, "size": kept.size, "mime": kept.mime,
            "added": kept.added, "deleted": False, "contact": contact,
            "lender": entry_of(contact)[1] if contact else None}  # fmt: skip


def marked_deleted(frame, sha256: str, contact: str | None):
    """The evidence table with one file marked deleted (its row kept, the file kept on
    disk: Undo brings it back): the rows of that hash, read as live() reads it, attached to
    that contact-log entry (or to none)."""
    same = frame["sha256"].astype("string").str.strip().str.lower().eq(sha256).fillna(False)
    same &= frame["contact"].eq(contact).fillna(False) if contact else frame["contact"].isna()
    changed = frame.copy()
    changed.loc[same, "deleted"] = True
    return changed


def without_unusable(frame):
    """The evidence table with the rows whose hash names no file marked deleted."""
    bad = ~frame["sha256"].map(lambda v: isinstance(v, str) and is_sha256(v.strip().lower())).astype(bool)
    changed = frame.copy()
    changed.loc[bad, "deleted"] = True
    return changed


def _rows(frame) -> list[dict]:
    rows = records(frame)
    for row in rows:  # a hash written in capitals (by hand in a workbook) names the same file
        if isinstance(row.get("sha256"), str) and is_sha256(row["sha256"].strip().lower()):
            row["sha256"] = row["sha256"].strip().lower()
    return [r for r in rows if r.get("sha256") and not r.get("deleted")]


def live(frame) -> list[dict]:
    """The evidence rows not deleted, as dicts; only those whose hash is a SHA-256 (the
    workbook import refuses any other, but one may have been stored before it did)."""
    return [r for r in _rows(frame) if is_sha256(r["sha256"])]


def unusable(frame) -> list[dict]:
    """The rows not deleted whose hash is no SHA-256: they name no file in the locker."""
    return [r for r in _rows(frame) if not is_sha256(r["sha256"])]


MANIFEST_FIELDS = ("file", "sha256", "size", "kind", "original_name", "added", "lender", "verified")


def manifest_csv(rows: list[dict]) -> bytes:
    """The manifest as CSV (UTF-8 with BOM so Excel shows Chinese names)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MANIFEST_FIELDS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        # Text that looks like a formula (a file named "=HYPERLINK(...)") stays text in Excel.
        writer.writerow({k: "" if row.get(k) is None else formula_safe(row.get(k)) for k in MANIFEST_FIELDS})
    return out.getvalue().encode("utf-8-sig")


def manifest_json(rows: list[dict]) -> bytes:
    return json.dumps([{k: row.get(k) for k in MANIFEST_FIELDS} for row in rows], ensure_ascii=False, indent=1).encode()
