"""Checks every upload passes before any parser sees it: size, type, zip and XML bombs,
encryption, and the extent of every sheet (rows x columns) before a reader materialises it.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # matches server.maxUploadSize in .streamlit/config.toml
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member; real sheets stay well below 100
MAX_MEMBERS = 5000
# A sheet's extent: the readers build a dense grid from the first to the last cell, so a
# 1.5 KB file with cells at A1 and XFD1048576 would ask for hundreds of GiB. Far above any
# real statement (200,000 rows of about 20 columns) and any profile workbook.
MAX_DATA_ROWS = 200_000
MAX_SHEET_ROWS = MAX_DATA_ROWS + 1_000  # title and header lines above the data
MAX_SHEET_COLUMNS = 256
MAX_SHEET_CELLS = 10_000_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class RefusedFile(Exception):
    """A file that will not be read; ``code`` is an i18n key, ``params`` fill it in.

    A statement recognised but with no row read also carries its ``header`` and the
    ``columns`` (a Mapping) it was read by, so the page can offer to pick them anew."""

    header: list = []  # noqa: RUF012 - read-only default; set per instance
    columns = None
    header_row = 0

    def __init__(self, code: str, details: list | None = None, **params):
        self.code = code
        self.params = params
        self.details = list(details or [])  # InputErrors that explain it (the first few are said)
        super().__init__(code)

    def message(self, lang: str = "en") -> str:
        from core.i18n import t

        text = t(self.code, lang, **self.params)
        if self.details:
            text += " " + "; ".join(e.message(lang) for e in self.details[:3])
        return text


def is_pdf(data: bytes) -> bool:
    """A PDF by its content: "%PDF-" at the start (some writers put blank lines first)."""
    return data[:1024].lstrip().startswith(b"%PDF-")


_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|table|meta)\b", re.IGNORECASE | re.DOTALL
)
_MAIL_HEADER = re.compile(
    rb"^(received|from|to|subject|date|mime-version|content-type|return-path|message-id|delivered-to|reply-to|"
    rb"x-[\w-]+):",
    re.IGNORECASE,
)


def is_html(data: bytes) -> bool:
    """A web page by its content: its first tag is <html>, <table>, a doctype… (a bank's
    ".xls" download is often one)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


def is_email(data: bytes) -> bool:
    """A saved e-mail (.eml) by its content: mail header lines, MIME among them."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf")
    lines = head.splitlines()[:60]
    if lines and lines[0].startswith(b"From "):  # a mailbox's separator line before the headers
        lines = lines[1:]
    return (
        bool(lines)
        and bool(_MAIL_HEADER.match(lines[0]))
        and any(line.lower().startswith((b"mime-version:", b"content-type:")) for line in lines)
    )


def file_kind(name: str, data: bytes) -> str:
    """'xlsx', 'xls', 'csv', 'pdf', 'html' or 'eml' judged by content first, then by the
    name's ending (any zip is 'xlsx' here; check_upload tells a workbook from another
    archive)."""
    lower = name.lower()
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if is_pdf(data):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "xls"
    if is_html(data):
        return "html"
    if is_email(data):
        return "eml"
    if lower.endswith((".xlsx", ".xlsm", ".xls")):
        raise RefusedFile("refuse.corrupt")
    # Whatever its name, text has no NUL bytes (UTF-16 with a BOM aside): anything else is binary.
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RefusedFile("refuse.type")
    return "csv"


def _check_zip(data: bytes) -> str:
    """'xlsx' for a workbook that passed its checks; 'zip' for another archive (a statement
    sent as a zip, opened by core.imports.archive with its own checks)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise RefusedFile("refuse.corrupt") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise RefusedFile("refuse.bomb")
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names and not any(n.startswith("xl/") for n in names):
            return "zip"
        total = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise RefusedFile("refuse.encrypted")
            total += member.file_size
            if member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise RefusedFile("refuse.bomb")
        if total > MAX_UNCOMPRESSED_BYTES:
            raise RefusedFile("refuse.bomb")
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
        _check_xlsx_extent(archive)
    return "xlsx"


# --- sheet extent ----------------------------------------------------------------------
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|dimension)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"""\s(?:r|ref)\s*=\s*["']\$?([A-Za-z]{0,4})\$?(\d{0,8})(?::\$?([A-Za-z]{0,4})\$?(\d{0,8}))?["']""")
_CHUNK = 1 << 20


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


class _Extent:
    """Largest row and column seen, counting cells and rows that carry no reference as
    following the one before (as the readers place them)."""

    def __init__(self) -> None:
        self.rows = self.columns = 0
        self._row = self._col = 0

    def check(self) -> None:
        if (
            self.rows > MAX_SHEET_ROWS
            or self.columns > MAX_SHEET_COLUMNS
            or self.rows * max(self.columns, 1) > MAX_SHEET_CELLS
        ):
            raise RefusedFile(
                "refuse.sheet_extent",
                rows=f"{self.rows:,}",
                columns=f"{self.columns:,}",
                max_rows=f"{MAX_SHEET_ROWS:,}",
                max_columns=MAX_SHEET_COLUMNS,
            )

    def note(self, row: int, col: int) -> None:
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, col)


_C_PLAIN_ROW = re.compile(rb'<c r="[A-Z]{1,4}(\d{1,8})"')
_C_PLAIN_COL = re.compile(rb'<c r="([A-Z]{1,4})\d')
_ROW_PLAIN = re.compile(rb'<row r="(\d{1,8})"')
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension[\s/>][^>]*>")


def _scan_block(block: bytes, end: int, extent: _Extent) -> None:
    """The largest cell reference in block[:end]. When every cell and row is written the
    usual way (<c r="B7" ...>, <row r="7" ...>, no namespace prefix) two C-speed regex
    scans read them all; otherwise the block is walked tag by tag, placing a cell or row
    without a reference after the one before (as the readers do)."""
    cells = _C_PLAIN_ROW.findall(block, 0, end)
    rows = _ROW_PLAIN.findall(block, 0, end)
    plain = (
        len(cells) == block.count(b"<c ", 0, end) + block.count(b"<c>", 0, end) + block.count(b"<c/", 0, end)
        and len(rows) == block.count(b"<row ", 0, end) + block.count(b"<row>", 0, end) + block.count(b"<row/", 0, end)
        and block.find(b":c ", 0, end) < 0
        and block.find(b":c>", 0, end) < 0
        and block.find(b":row", 0, end) < 0
    )
    if plain:
        if cells:
            letters = _C_PLAIN_COL.findall(block, 0, end)
            # Each row's number repeats once a cell: the distinct ones are read as numbers.
            extent.note(max(map(int, set(cells))), max(map(_column_number, set(letters))))
            extent._row, extent._col = int(cells[-1]), _column_number(letters[-1])
        if rows:
            extent.note(max(map(int, rows)), 0)
            extent._row = max(extent._row, int(rows[-1]))
    else:
        _walk_block(block, end, extent)
    if block.find(b"dimension", 0, end) >= 0:
        for dimension in _DIMENSION.finditer(block, 0, end):
            _walk_block(dimension.group(0), len(dimension.group(0)), extent)
    extent.check()


def _walk_block(block: bytes, end: int, extent: _Extent) -> None:
    for match in _TAG.finditer(block, 0, end):
        tag, attrs = match.group(1), match.group(2)
        ref = _REF.search(attrs)
        if tag == b"c":
            if ref and ref.group(1):
                extent._col = _column_number(ref.group(1))
                if ref.group(2):
                    extent._row = max(extent._row, int(ref.group(2)))
            else:
                extent._col += 1
            extent.note(extent._row, extent._col)
        elif tag == b"row":
            extent._row = int(ref.group(2)) if ref and ref.group(2) else extent._row + 1
            extent._col = 0
            extent.note(extent._row, 0)
        elif ref:  # <dimension ref="A1:XFD1048576"/>: what the sheet says it spans
            last_col, last_row = (ref.group(3), ref.group(4)) if ref.group(3) or ref.group(4) else ref.group(1, 2)
            extent.note(int(last_row or 0), _column_number(last_col or b""))
        extent.check()


def _scan_worksheet(handle, extent: _Extent) -> None:
    carry = b""
    while True:
        chunk = handle.read(_CHUNK)
        data = carry + chunk
        if not chunk:
            end = len(data)
        else:
            end = data.rfind(b"<")
            if end <= 0:
                carry = data if len(data) < 16 * _CHUNK else b""
                continue
        _scan_block(data, end, extent)
        if not chunk:
            return
        carry = data[end:]


def _worksheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The worksheet parts the workbook names (xl/_rels/workbook.xml.rels), else every
    part under a worksheets/ folder."""
    names = set(archive.namelist())
    parts = []
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names:
        try:
            root = SafeET.fromstring(archive.read(rels))
        except DefusedXmlException:
            raise RefusedFile("refuse.xml_bomb") from None
        except SafeET.ParseError:
            raise RefusedFile("refuse.corrupt") from None
        for rel in root:
            if str(rel.get("Type", "")).endswith("/worksheet"):
                target = str(rel.get("Target", ""))
                path = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
                )
                if path in names:
                    parts.append(path)
    parts += [n for n in names if "worksheets/" in n and n.endswith(".xml") and n not in parts]
    return parts


def _check_xlsx_extent(archive: zipfile.ZipFile) -> None:
    for part in _worksheet_parts(archive):
        extent = _Extent()
        with archive.open(part) as handle:
            _scan_worksheet(handle, extent)


# BIFF records that place a cell: (row, column) are the first two 16-bit fields; MULRK
# and MULBLANK end with their last column.
_BIFF_CELLS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0207, 0x00D6, 0x0406}
_BIFF_MULTI = {0x00BD, 0x00BE}
_BIFF_ROW, _BIFF_DIMENSIONS, _BIFF_BOF = 0x0208, 0x0200, 0x0809


def _check_xls_extent(data: bytes) -> None:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
            if stream is None:
                raise RefusedFile("refuse.corrupt")
            if ole.get_size(stream) > MAX_UNCOMPRESSED_BYTES:
                raise RefusedFile("refuse.bomb")
            book = ole.openstream(stream).read()
    except RefusedFile:
        raise
    except Exception:  # olefile's own errors for a broken container
        raise RefusedFile("refuse.corrupt") from None
    extent, pos, size = _Extent(), 0, len(book)
    while pos + 4 <= size:
        kind, length = struct.unpack_from("<HH", book, pos)
        body = book[pos + 4 : pos + 4 + length]
        pos += 4 + length
        if kind == _BIFF_BOF:
            extent = _Extent()  # each sheet has its own extent
        elif kind in _BIFF_CELLS or kind == _BIFF_ROW:
            if len(body) >= 4:
                row, col = struct.unpack_from("<HH", body)
                extent.note(row + 1, 0 if kind == _BIFF_ROW else col + 1)
        elif kind in _BIFF_MULTI:
            if len(body) >= 6:
                row, _ = struct.unpack_from("<HH", body)
                extent.note(row + 1, struct.unpack_from("<H", body, len(body) - 2)[0] + 1)
        elif kind == _BIFF_DIMENSIONS and len(body) >= 14:
            _, last_row, _, last_col = struct.unpack_from("<IIHH", body)
            extent.note(last_row, last_col)  # both one past the last used
        else:
            continue
        extent.check()


def check_upload(name: str, data: bytes) -> str:
    """Refuse a file that is empty, too large, of the wrong type, encrypted or a bomb.

    Returns the kind of file ('xlsx', 'xls', 'csv', 'html' or 'eml') when it may be parsed, 'zip' for an
    archive holding a statement (core.imports.archive opens it and checks what it holds) or
    'pdf' for a PDF statement (core.imports.pdf reads it, page count and text checked).
    """
    if not data or not data.strip():
        raise RefusedFile("refuse.empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise RefusedFile("refuse.too_large", limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    kind = file_kind(name, data)
    if kind == "xlsx":
        kind = _check_zip(data)
    elif kind == "xls":
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise RefusedFile("refuse.encrypted")  # an encrypted XLSX is wrapped in an OLE file
        _check_xls_extent(data)
    return kind
