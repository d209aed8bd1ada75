"""Statements delivered as zip files, password-protected or not.

Alipay and WeChat Pay send a bill by e-mail as a zip file locked with a password that
their app shows; some banks do the same. ``unpack(name, data, password)`` opens such a zip
(traditional ZipCrypto or AES encryption, via pyzipper) and returns the one statement
inside: its name and its bytes, which the caller checks again like any upload.

Every member is checked before anything is decompressed (count, declared sizes, the ratio
of declared to compressed size) and the statement is read with a hard cap, so a member
that lies about its size cannot fill the memory either. Nested archives are refused.
"""

from __future__ import annotations

import io
import posixpath
import zlib

import pyzipper

from core.imports.safety import MAX_MEMBERS, MAX_RATIO, MAX_UPLOAD_BYTES, RefusedFile

STATEMENT_ENDINGS = (".csv", ".txt", ".xlsx", ".xls")
_CHUNK = 1 << 16


def _is_noise(name: str) -> bool:
    """Folders and what macOS and Windows add to archives: not statements."""
    base = posixpath.basename(name.rstrip("/"))
    return name.endswith("/") or name.startswith("__MACOSX/") or base.startswith(".") or base == "Thumbs.db"


def _statement_member(archive: pyzipper.ZipFile) -> pyzipper.ZipInfo:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise RefusedFile("refuse.bomb")
    for member in members:
        if member.file_size > MAX_UPLOAD_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise RefusedFile("refuse.bomb")
    wanted = [m for m in members if not _is_noise(m.filename)]
    statements = [m for m in wanted if m.filename.lower().endswith(STATEMENT_ENDINGS)]
    if not statements:
        if any(m.filename.lower().endswith(".zip") for m in wanted):
            raise RefusedFile("refuse.zip_nested")
        raise RefusedFile("refuse.zip_no_statement")
    if len(statements) > 1:
        names = ", ".join(posixpath.basename(m.filename) for m in statements[:5])
        raise RefusedFile("refuse.zip_many", n=len(statements), names=names)
    member = statements[0]
    if member.file_size > MAX_UPLOAD_BYTES:
        raise RefusedFile("refuse.too_large", limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    return member


def is_locked(data: bytes) -> bool:
    """True when the zip's statement needs a password (the page then asks for it)."""
    try:
        with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
            return any(m.flag_bits & 0x1 for m in archive.infolist())
    except (pyzipper.BadZipFile, ValueError, OSError):
        return False


def unpack(name: str, data: bytes, password: str | None = None) -> tuple[str, bytes]:
    """The one statement inside a zip: (its file name, its bytes).

    Raises RefusedFile: no statement or several, a bomb, a nested archive, a locked member
    without a password ("refuse.zip_password_needed") or with the wrong one
    ("refuse.zip_password_wrong"), or a damaged archive.
    """
    try:
        archive = pyzipper.AESZipFile(io.BytesIO(data))
    except (pyzipper.BadZipFile, ValueError, OSError):
        raise RefusedFile("refuse.corrupt") from None
    with archive:
        member = _statement_member(archive)
        locked = bool(member.flag_bits & 0x1)
        if locked and not password:
            raise RefusedFile("refuse.zip_password_needed")
        secret = password.encode("utf-8") if locked and password else None
        try:
            with archive.open(member, pwd=secret) as handle:
                out = bytearray()
                while chunk := handle.read(_CHUNK):
                    out += chunk
                    if len(out) > MAX_UPLOAD_BYTES:  # larger than it said it was
                        raise RefusedFile("refuse.bomb")
        except RefusedFile:
            raise
        except RuntimeError:  # pyzipper and zipfile: "Bad password for file"
            raise RefusedFile("refuse.zip_password_wrong" if locked else "refuse.corrupt") from None
        except (pyzipper.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError):
            # A wrong password can pass ZipCrypto's one-byte check (1 in 256) and then fail the CRC.
            raise RefusedFile("refuse.zip_password_wrong" if locked else "refuse.corrupt") from None
    inner = posixpath.basename(member.filename) or name
    if not inner.isprintable():
        inner = "statement" + posixpath.splitext(inner)[1]
    return inner, bytes(out)
