"""Checks every upload passes before any parser sees it: size, type, zip and XML bombs, encryption."""

from __future__ import annotations

import io
import zipfile

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # matches server.maxUploadSize in .streamlit/config.toml
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member; real sheets stay well below 100
MAX_MEMBERS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class RefusedFile(Exception):
    """A file that will not be read; ``code`` is an i18n key, ``params`` fill it in."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    def message(self, lang: str = "en") -> str:
        from core.i18n import t

        return t(self.code, lang, **self.params)


def file_kind(name: str, data: bytes) -> str:
    """'xlsx', 'xls' or 'csv' judged by content first, then by the name's ending."""
    lower = name.lower()
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        return "xls"
    if lower.endswith((".xlsx", ".xlsm", ".xls")):
        raise RefusedFile("refuse.corrupt")
    # Whatever its name, text has no NUL bytes (UTF-16 with a BOM aside): anything else is binary.
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RefusedFile("refuse.type")
    return "csv"


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise RefusedFile("refuse.corrupt") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise RefusedFile("refuse.bomb")
        total = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise RefusedFile("refuse.encrypted")
            total += member.file_size
            if member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise RefusedFile("refuse.bomb")
        if total > MAX_UNCOMPRESSED_BYTES:
            raise RefusedFile("refuse.bomb")
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise RefusedFile("refuse.corrupt")
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            # A DTD (and so any entity expansion) must come before the root element.
            with archive.open(member) as handle:
                head = handle.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise RefusedFile("refuse.xml_bomb")
        for small in ("[Content_Types].xml", "xl/workbook.xml"):
            if small in names:
                try:
                    SafeET.fromstring(archive.read(small))
                except DefusedXmlException:
                    raise RefusedFile("refuse.xml_bomb") from None
                except SafeET.ParseError:
                    raise RefusedFile("refuse.corrupt") from None


def check_upload(name: str, data: bytes) -> str:
    """Refuse a file that is empty, too large, of the wrong type, encrypted or a bomb.

    Returns the kind of file ('xlsx', 'xls' or 'csv') when it may be parsed.
    """
    if not data or not data.strip():
        raise RefusedFile("refuse.empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise RefusedFile("refuse.too_large", limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    kind = file_kind(name, data)
    if kind == "xlsx":
        _check_zip(data)
    elif kind == "xls" and "EncryptedPackage".encode("utf-16-le") in data:
        raise RefusedFile("refuse.encrypted")  # an encrypted XLSX is wrapped in an OLE file
    return kind
