"""Checks every upload passes before any parser sees it: size, type, zip and XML bombs,
encryption, the extent of every sheet (rows x columns) before a reader materialises it,
and what a PDF's streams inflate to before PDFium opens it (check_pdf).
"""

from __future__ import annotations

import array
import bisect
import contextlib
import hashlib
import io
import itertools
import posixpath
import re
import struct
import zipfile
import zlib
from typing import NamedTuple

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


# Every "<c " and "<row " tag, with its reference when it is written the usual way first
# (<c r="B7" ..., <row r="7" ...): an empty match says one is written otherwise.
_C_PLAIN_ROW = re.compile(rb'<c (?:r="[A-Z]{1,4}(\d{1,8})")?')
_C_PLAIN_COL = re.compile(rb'<c r="([A-Z]{1,4})\d')
_ROW_PLAIN = re.compile(rb'<row (?:r="(\d{1,8})")?')
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension[\s/>][^>]*>")
# Cell and row tags written otherwise: with a namespace prefix, or with no space after the
# name (<c>, <c/>, <c\nr="A1">); the last two looked for only in a block where some tag
# other than "<c " starts "<c" (<col>, <cfRule>), or other than "<row " starts "<row".
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
_C_OTHER = re.compile(rb"<c[\s/>](?<!<c )")
_ROW_OTHER = re.compile(rb"<row[\s/>](?<!<row )")


def _scan_block(block: bytes, end: int, extent: _Extent) -> None:
    """The largest cell reference in block[:end]. When every cell and row is written the
    usual way (<c r="B7" ...>, <row r="7" ...>, no namespace prefix) C-speed regex scans
    read them all (each tag found once: one written otherwise reads as an empty
    reference); otherwise the block is walked tag by tag, placing a cell or row without a
    reference after the one before (as the readers do)."""
    cells = _C_PLAIN_ROW.findall(block, 0, end)
    rows = _ROW_PLAIN.findall(block, 0, end)
    cell_rows, row_numbers = set(cells), set(rows)
    plain = b"" not in cell_rows and b"" not in row_numbers and _PREFIXED.search(block, 0, end) is None
    if plain and block.count(b"<c", 0, end) != len(cells):
        plain = _C_OTHER.search(block, 0, end) is None
    if plain and block.count(b"<row", 0, end) != len(rows):
        plain = _ROW_OTHER.search(block, 0, end) is None
    if plain:
        if cells:
            letters = _C_PLAIN_COL.findall(block, 0, end)
            # Each row's number repeats once a cell: the distinct ones are read as numbers.
            extent.note(max(map(int, cell_rows)), max(map(_column_number, set(letters))))
            extent._row, extent._col = int(cells[-1]), _column_number(letters[-1])
        if rows:
            extent.note(max(map(int, row_numbers)), 0)
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


# --- PDF: what its streams inflate to ----------------------------------------------------
# PDFium (the PDF reader here) inflates a whole stream into memory before it reads it and
# holds about twice as much at its peak: a 0.3 MB file whose page inflates to 300 MB took
# 600 MB (1 GB: 2 GB). So before PDFium sees a PDF, every stream in the file is inflated
# here, a block at a time, only counting, and the file is refused once the total passes
# the limit. The limit is a fixed amount, not a multiple of the file's size, because what
# must be bounded is the memory PDFium would take: a 200-page text statement inflates to
# about 4 MB (its fonts included), an A4 page scanned at 300 dpi in grey to 9 MB (29 such
# pages fit), so only a file built to blow up comes near 256 MB (PDFium's peak then stays
# near 512 MB). A picture coded as JPEG or JPEG 2000 is decoded only when drawn: the size
# it gives itself is held to the same limit at four bytes a pixel (67 million pixels;
# 600 dpi A4 is 35 million).
MAX_PDF_INFLATED = 256 * 1024 * 1024
_PDF_BLOCK = 1 << 20

_PDF_SPACE = b"\x00\t\n\x0c\r "
_PDF_OBJ = re.compile(rb"(?<![0-9])(\d{1,10})[\x00\t\n\x0c\r ]+(\d{1,5})[\x00\t\n\x0c\r ]+obj(?![A-Za-z0-9])")
_PDF_STREAM = re.compile(rb"(?<![A-Za-z0-9_])stream(?![A-Za-z0-9])")
_PDF_ENDSTREAM = re.compile(rb"endstream")
_PDF_TRAILER = re.compile(rb"(?<![A-Za-z0-9])trailer(?![A-Za-z0-9])")
_PDF_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_PDF_REGULAR = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")
_PDF_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
_PDF_LINE_END = re.compile(rb"[\r\n]")
_PDF_STRING_STOP = re.compile(rb"[()\\]")
_PDF_OCTAL = re.compile(rb"[0-7]{1,3}")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Far beyond any real file (a 1,000-page statement has about 10,000 objects), low enough
# that the check itself stays quick and small (a few seconds, some tens of MB at most).
MAX_PDF_OBJECTS = 250_000
MAX_PDF_STREAMS = 100_000
MAX_PDF_TOKENS = 2_000_000
# A picture written into a page's content (BI ... ID data EI) is inflated by PDFium while
# it reads the page, to find where the picture ends: a content stream of up to 4 MB is
# searched for them and each one's data inflated (counted) like a stream's; in a larger one
# (no real page's text is that long) such a picture with compressed data is refused.
MAX_PDF_CONTENT_SEARCHED = 4 * 1024 * 1024
MAX_PDF_INLINE_IMAGES = 10_000
_PDF_EDGE = rb"\x00\t\n\x0c\r ()<>\[\]{}/%"
_PDF_EI = re.compile(rb"EI(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")  # an inline picture's end (right after its data too)
_PDF_INLINE = re.compile(
    rb"(?<![^"
    + _PDF_EDGE
    + rb"])BI(?=["
    + _PDF_EDGE
    + rb"])(.{0,8192}?)(?<![^"
    + _PDF_EDGE
    + rb"])ID[\x00\t\n\x0c\r ]",
    re.DOTALL,
)
_PDF_INLINE_FILTER = re.compile(
    rb"/(?:F|Filter)(?![^" + _PDF_EDGE + rb"])[\x00\t\n\x0c\r ]*(\[[^\]]*\]|/[^" + _PDF_EDGE + rb"]+)"
)
_PDF_INLINE_NAME = re.compile(rb"/([^" + _PDF_EDGE + rb"]+)")
_PDF_FILTERS = {
    "FlateDecode": "flate", "Fl": "flate", "LZWDecode": "lzw", "LZW": "lzw", "RunLengthDecode": "rl",
    "RL": "rl", "ASCIIHexDecode": "ahx", "AHx": "ahx", "ASCII85Decode": "a85", "A85": "a85", "Crypt": "crypt",
}  # fmt: skip
_PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


class _Malformed(Exception):
    """Not a PDF object where one was looked for."""


class _Name(str):
    pass


class _Ref(tuple):
    pass


class _Keyword(str):
    pass


class _PdfObjects:
    """The file's objects, read only as far as the check needs: where each numbered object
    starts (the last one of that number, as an updated file means it), each read when
    asked for. Every read is bounded (an object of more than READ_LIMIT bytes, or nested
    deeper than any real file, is not read) and all of them together read at most
    MAX_PDF_TOKENS tokens, so a file built to make the check slow is refused instead."""

    READ_LIMIT = 64 * 1024  # a dictionary in front of a stream is well under 1 KB

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.tokens = 0
        self.starts, self.numbers = array.array("q"), array.array("q")
        self.at: dict[int, int] = {}
        for match in _PDF_OBJ.finditer(data):
            if len(self.starts) >= MAX_PDF_OBJECTS:
                raise RefusedFile("refuse.pdf_objects", limit=f"{MAX_PDF_OBJECTS:,}")
            key = int(match.group(1)) << 16 | int(match.group(2)) & 0xFFFF
            self.at[key] = len(self.starts)
            self.starts.append(match.end())
            self.numbers.append(key)
        self.last: tuple[int, tuple | None] = (-1, None)
        self.stream_ends = array.array("q", (m.start() for m in _PDF_ENDSTREAM.finditer(data)))

    # -- reading objects ----------------------------------------------------------------
    def skip(self, pos: int) -> int:
        """pos moved past white space and comments."""
        data, size = self.data, len(self.data)
        while pos < size:
            byte = data[pos]
            if byte in _PDF_SPACE:
                pos += 1
            elif byte == 0x25:  # % a comment, to the end of the line
                found = _PDF_LINE_END.search(data, pos)
                pos = found.start() if found else size
            else:
                break
        return pos

    def literal(self, pos: int, limit: int) -> tuple[bytes, int]:
        """A (string) from just after its "(": its bytes (escapes read) and its end."""
        data, out, depth = self.data, bytearray(), 1
        while True:
            found = _PDF_STRING_STOP.search(data, pos, limit)
            if found is None:
                raise _Malformed
            out += data[pos : found.start()]
            pos = found.end()
            byte = found.group(0)[0]
            if byte == 0x5C:  # backslash
                if pos >= limit:
                    raise _Malformed
                nxt = data[pos]
                pos += 1
                if nxt in b"01234567":
                    digits = _PDF_OCTAL.match(data, pos - 1).group(0)
                    pos += len(digits) - 1
                    out.append(int(digits, 8) & 0xFF)
                elif nxt == 0x0D:  # a line continued
                    pos += data[pos : pos + 1] == b"\n"
                elif nxt != 0x0A:
                    out.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}.get(nxt, nxt))
            elif byte == 0x28:
                depth += 1
                out.append(byte)
            else:
                depth -= 1
                if depth == 0:
                    return bytes(out), pos
                out.append(byte)

    def token(self, pos: int, limit: int):
        """The next token at or after pos and where it ends: a delimiter ("<<", "[", ...),
        a name, a number, a string (bytes) or a keyword."""
        self.tokens += 1
        if self.tokens > MAX_PDF_TOKENS:
            raise RefusedFile("refuse.pdf_objects", limit=f"{MAX_PDF_OBJECTS:,}")
        data = self.data
        pos = self.skip(pos)
        if pos >= limit:
            raise _Malformed
        head = data[pos : pos + 2]
        if head in (b"<<", b">>"):
            return head.decode(), pos + 2
        byte = data[pos]
        if byte in b"[]{}":
            return chr(byte), pos + 1
        if byte == 0x28:
            return self.literal(pos + 1, limit)
        if byte == 0x3C:  # <hex string>
            end = data.find(b">", pos, limit)
            if end < 0:
                raise _Malformed
            digits = _PDF_NOT_HEX.sub(b"", data[pos + 1 : end])
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()), end + 1
        if byte == 0x2F:  # /Name, with #xx escapes read
            raw = _PDF_REGULAR.match(data, pos + 1, limit).group(0)
            name = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
            return _Name(name.decode("latin-1")), pos + 1 + len(raw)
        word = _PDF_REGULAR.match(data, pos, limit).group(0)
        number = _PDF_NUMBER.fullmatch(word)
        if number:
            return (float(word) if b"." in word else int(word)), pos + len(word)
        if not word:
            raise _Malformed
        return _Keyword(word.decode("latin-1")), pos + len(word)

    def value(self, pos: int, limit: int, depth: int = 0):
        """The object at pos (dictionary, array, name, number, string, reference...) and
        where it ends."""
        if depth > 40:
            raise _Malformed
        token, pos = self.token(pos, limit)
        if token == "<<":
            found = {}
            while True:
                key, after = self.token(pos, limit)
                if key == ">>":
                    return found, after
                if not isinstance(key, _Name):
                    raise _Malformed
                found[str(key)], pos = self.value(after, limit, depth + 1)
        if token == "[":
            items = []
            while True:
                item, after = self.token(pos, limit)
                if item == "]":
                    return items, after
                item, pos = self.value(pos, limit, depth + 1)
                items.append(item)
        if isinstance(token, int) and not isinstance(token, bool):  # "12 0 R"
            try:
                gen, after = self.token(pos, limit)
                word, end = self.token(after, limit) if isinstance(gen, int) else (None, after)
            except _Malformed:
                return token, pos
            if isinstance(gen, int) and word == "R":
                return _Ref((token, gen)), end
            return token, pos
        if token in (">>", "]", "}"):
            raise _Malformed
        if isinstance(token, _Keyword):
            return {"true": True, "false": False, "null": None}.get(token, token), pos
        return token, pos

    def read_at(self, pos: int):
        """(the object at pos, where it ends), or None when there is none to read."""
        try:
            return self.value(pos, min(pos + self.READ_LIMIT, len(self.data)))
        except (_Malformed, ValueError, RecursionError):
            return None

    def get(self, value, depth: int = 0):
        """value, or the object it refers to (followed a few times at most)."""
        while isinstance(value, _Ref) and depth < 8:
            index = self.at.get(value[0] << 16 | value[1] & 0xFFFF)
            found = self.read_at(self.starts[index]) if index is not None else None
            if found is None:
                return None
            value, depth = found[0], depth + 1
        return value

    def owner(self, pos: int):
        """The numbered object whose dictionary ends just before pos (a "stream" keyword):
        (number, generation, dictionary), or None. Each object is read once, however many
        times the word "stream" follows it."""
        index = bisect.bisect_right(self.starts, pos) - 1
        if index < 0:
            return None
        if self.last[0] != index:  # the words come in order: the last object read is enough
            found = self.read_at(self.starts[index])
            key = self.numbers[index]
            self.last = (index, (key >> 16, key & 0xFFFF, found[0], self.skip(found[1])) if found is not None
                         and isinstance(found[0], dict) else None)  # fmt: skip
        found = self.last[1]
        return found[:3] if found is not None and found[3] == pos else None


# -- the standard security handler: the key a password opens, as PDFium computes it --------
def _rc4(key: bytes, data: bytes) -> bytes:
    from Cryptodome.Cipher import ARC4

    return ARC4.new(key).encrypt(data)


def _aes_cbc(key: bytes, iv: bytes, data: bytes, decrypt: bool = True) -> bytes:
    from Cryptodome.Cipher import AES

    cipher = AES.new(key, AES.MODE_CBC, iv)
    return cipher.decrypt(data) if decrypt else cipher.encrypt(data)


def _hash_r6(password: bytes, salt: bytes, udata: bytes) -> bytes:
    """Algorithm 2.B (ISO 32000-2): the hash an AES-256 (revision 6) password is checked by."""
    k = hashlib.sha256(password + salt + udata).digest()
    rounds = 0
    while True:
        e = _aes_cbc(k[:16], k[16:32], (password + k + udata) * 64, decrypt=False)
        k = (hashlib.sha256, hashlib.sha384, hashlib.sha512)[sum(e[:16]) % 3](e).digest()
        rounds += 1
        if rounds >= 64 and e[-1] <= rounds - 32:
            return k[:32]


def _md5(data: bytes):
    return hashlib.md5(data, usedforsecurity=False)  # the format's own key derivation


def _as_bytes(value) -> bytes:
    return value if isinstance(value, bytes) else b""


def _pdf_keys(encrypt: dict, first_id: bytes, password: str | None) -> tuple[bytes, str] | None:
    """(file key, "rc4" or "aes") the password opens as user or owner, or None. PDFium
    tries a password as typed and in Latin-1, so both are tried here."""
    revision = encrypt.get("R")
    owner, user = _as_bytes(encrypt.get("O")), _as_bytes(encrypt.get("U"))
    if not isinstance(revision, int) or len(owner) < 32 or len(user) < 32:
        return None
    text = password or ""
    tries = [text.encode("utf-8")]
    with contextlib.suppress(UnicodeEncodeError):
        if text.encode("latin-1") != tries[0]:
            tries.append(text.encode("latin-1"))
    if revision >= 5:
        for pw in tries:
            pw = pw[:127]
            hashed = _hash_r6 if revision >= 6 else (lambda p, s, u: hashlib.sha256(p + s + u).digest())
            ue, oe = _as_bytes(encrypt.get("UE")), _as_bytes(encrypt.get("OE"))
            if len(oe) >= 32 and hashed(pw, owner[32:40], user[:48]) == owner[:32]:
                return _aes_cbc(hashed(pw, owner[40:48], user[:48]), b"\x00" * 16, oe[:32]), "aes"
            if len(ue) >= 32 and hashed(pw, user[32:40], b"") == user[:32]:
                return _aes_cbc(hashed(pw, user[40:48], b""), b"\x00" * 16, ue[:32]), "aes"
        return None
    length = encrypt.get("Length", 40)
    n = 5 if revision == 2 else max(5, min(16, (length if isinstance(length, int) else 40) // 8))
    method = "rc4"
    if encrypt.get("V") == 4:
        filters = encrypt.get("CF") if isinstance(encrypt.get("CF"), dict) else {}
        chosen = filters.get(str(encrypt.get("StmF", "Identity")))
        if isinstance(chosen, dict) and chosen.get("CFM") == "AESV2":
            method, n = "aes", 16
    permissions = encrypt.get("P", 0)
    permissions = (permissions if isinstance(permissions, int) else 0) & 0xFFFFFFFF
    metadata = encrypt.get("EncryptMetadata", True) is not False

    def key_of(user_pw: bytes) -> bytes:
        digest = _md5((user_pw + _PDF_PAD)[:32] + owner[:32] + permissions.to_bytes(4, "little") + first_id)
        if revision >= 4 and not metadata:
            digest.update(b"\xff\xff\xff\xff")
        key = digest.digest()[:n]
        if revision >= 3:
            for _ in range(50):
                key = _md5(key[:n]).digest()[:n]
        return key

    def opens(key: bytes) -> bool:
        if revision == 2:
            return _rc4(key, _PDF_PAD) == user[:32]
        check = _rc4(key, _md5(_PDF_PAD + first_id).digest())
        for i in range(1, 20):
            check = _rc4(bytes(b ^ i for b in key), check)
        return check == user[:16]

    for pw in tries:
        pw = pw[:32]
        key = key_of(pw)
        if opens(key):
            return key, method
        owner_key = _md5((pw + _PDF_PAD)[:32]).digest()
        if revision >= 3:
            for _ in range(50):
                owner_key = _md5(owner_key).digest()
        owner_key = owner_key[:n]
        user_pw = owner[:32]
        if revision == 2:
            user_pw = _rc4(owner_key, user_pw)
        else:
            for i in range(19, -1, -1):
                user_pw = _rc4(bytes(b ^ i for b in owner_key), user_pw)
        key = key_of(user_pw)
        if opens(key):
            return key, method
    return None


def _object_key(key: bytes, method: str, num: int, gen: int) -> bytes:
    if len(key) == 32:  # AES-256: one key for every object
        return key
    salt = b"sAlT" if method == "aes" else b""
    digest = _md5(key + num.to_bytes(4, "little")[:3] + gen.to_bytes(4, "little")[:2] + salt).digest()
    return digest[: min(len(key) + 5, 16)]


# -- decoders: each takes blocks of bytes and gives blocks, never more than a block at once --
def _blocks(data: bytes, start: int, end: int, first: int = _PDF_BLOCK):
    """data[start:end] a block at a time (no copy); with a small ``first`` block the blocks
    double up to _PDF_BLOCK (an inline picture is read only as far as its data goes)."""
    view, pos, size = memoryview(data), start, first
    while pos < end:
        yield view[pos : min(pos + size, end)]
        pos += size
        size = min(size * 2, _PDF_BLOCK)


def _decrypted(blocks, key: bytes, method: str):
    if method == "rc4":
        from Cryptodome.Cipher import ARC4

        cipher = ARC4.new(key)
        for block in blocks:
            yield cipher.decrypt(bytes(block))
        return
    from Cryptodome.Cipher import AES

    pending, cipher = b"", None
    for block in blocks:
        pending += bytes(block)
        if cipher is None:
            if len(pending) < 16:
                continue
            cipher, pending = AES.new(key, AES.MODE_CBC, pending[:16]), pending[16:]
        cut = len(pending) - len(pending) % 16
        if cut:
            yield cipher.decrypt(pending[:cut])
            pending = pending[cut:]


def _inflate(blocks, ended: list | None = None):
    """Flate: a zlib stream (a raw deflate one too, as lenient readers take it). When the
    data's own end is reached, True is put in ``ended`` (if given)."""
    inflater = None
    for block in blocks:
        if inflater is None:
            head = bytes(block[:2])
            zlib_header = len(head) == 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
            inflater = zlib.decompressobj() if zlib_header else zlib.decompressobj(-15)
        data = block
        while data:
            try:
                out = inflater.decompress(data, _PDF_BLOCK)
            except zlib.error:  # PDFium too stops where the data goes wrong (a bad or missing checksum)
                if ended is not None:
                    ended.append(True)  # it stopped before its input ran out
                return
            if out:
                yield out
            if inflater.eof:
                if ended is not None:
                    ended.append(True)
                return
            data = inflater.unconsumed_tail
    while inflater is not None:  # the input is used up: what zlib still holds comes out
        try:
            out = inflater.decompress(b"", _PDF_BLOCK)
        except zlib.error:
            return
        if not out:
            return
        yield out


def _lzw(blocks, early: int = 1):
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    bits, buffer, held, previous = 9, 0, 0, None
    out, size = [], 0
    for block in blocks:
        for byte in bytes(block):
            buffer, held = (buffer << 8) | byte, held + 8
            while held >= bits:
                held -= bits
                code = (buffer >> held) & ((1 << bits) - 1)
                buffer &= (1 << held) - 1
                if code == 256:
                    del table[258:]
                    bits, previous = 9, None
                    continue
                if code == 257:
                    if out:
                        yield b"".join(out)
                    return
                if code < len(table) and code != 256 and code != 257:
                    entry = table[code]
                    if previous is not None and len(table) < 4096:
                        table.append(previous + entry[:1])
                elif previous is not None and code == len(table):
                    entry = previous + previous[:1]
                    if len(table) < 4096:
                        table.append(entry)
                else:
                    if out:
                        yield b"".join(out)
                    return
                previous = entry
                out.append(entry)
                size += len(entry)
                if len(table) + early >= 1 << bits and bits < 12:
                    bits += 1
                if size >= _PDF_BLOCK:
                    yield b"".join(out)
                    out, size = [], 0
    if out:
        yield b"".join(out)


def _run_length(blocks):
    pending, out, size = b"", [], 0
    for block in blocks:
        pending += bytes(block)
        pos = 0
        while pos < len(pending):
            count = pending[pos]
            if count == 128:
                if out:
                    yield b"".join(out)
                return
            need = count + 2 if count < 128 else 2
            if pos + need > len(pending):
                break
            piece = pending[pos + 1 : pos + need] if count < 128 else pending[pos + 1 : pos + 2] * (257 - count)
            out.append(piece)
            size += len(piece)
            pos += need
            if size >= _PDF_BLOCK:
                yield b"".join(out)
                out, size = [], 0
        pending = pending[pos:]
    if out:
        yield b"".join(out)


def _ascii_hex(blocks):
    import binascii

    pending = b""
    for block in blocks:
        text = bytes(block)
        end = text.find(b">")
        text = pending + (text if end < 0 else text[:end]).translate(None, _PDF_SPACE)
        bad = _PDF_NOT_HEX.search(text)
        done = end >= 0 or bad is not None
        if bad is not None:
            text = text[: bad.start()]
        if done and len(text) % 2:
            text += b"0"
        cut = len(text) - len(text) % 2
        if cut:
            yield binascii.unhexlify(text[:cut])
        pending = text[cut:]
        if done:
            return


def _ascii85(blocks):
    import base64

    pending, first = b"", True
    for block in blocks:
        text = pending + bytes(block).translate(None, _PDF_SPACE)
        if first and text.startswith(b"<~"):
            text = text[2:]
        first = False
        end = text.find(b"~")
        done = end >= 0
        if done:
            text = text[:end]
        text = text.replace(b"z", b"!!!!!")
        cut = len(text) if done else len(text) - len(text) % 5
        try:
            if cut:
                yield base64.a85decode(text[:cut])
        except ValueError:
            return
        pending = text[cut:]
        if done:
            return


_DECODERS = {"flate": _inflate, "lzw": _lzw, "rl": _run_length, "ahx": _ascii_hex, "a85": _ascii85}


class _Budget:
    """What the check may inflate (``limit``), and how much of the file as it stands it
    may search for pictures in a page (a few times the file: streams in a real file do
    not overlap)."""

    def __init__(self, limit: int, file_size: int) -> None:
        self.limit, self.used, self.inline = limit, 0, 0
        self.search_limit, self.search_used = 4 * file_size + MAX_PDF_CONTENT_SEARCHED, 0
        self.slow_limit, self.slow_used = 2 * file_size + MAX_PDF_CONTENT_SEARCHED, 0

    def count(self, blocks):
        for block in blocks:
            self.used += len(block)
            if self.used > self.limit:
                raise RefusedFile("refuse.pdf_bomb", limit=_size_text(self.limit))
            yield block

    def slow(self, blocks):
        """The input of a filter decoded here in Python (LZW, run length, ASCII85): at most
        twice the file, as no real file reads its data twice."""
        for block in blocks:
            self.slow_used += len(block)
            if self.slow_used > self.slow_limit:
                raise RefusedFile("refuse.pdf_objects", limit=f"{MAX_PDF_OBJECTS:,}")
            yield block

    def decode(self, name: str, blocks, early: int = 1):
        """blocks through the filter ``name``, its output counted."""
        if name in ("lzw", "rl", "a85"):
            blocks = self.slow(blocks)
        return self.count(_lzw(blocks, early) if name == "lzw" else _DECODERS[name](blocks))

    def searched(self, blocks):
        for block in blocks:
            self.search_used += len(block)
            if self.search_used > self.search_limit:
                raise RefusedFile("refuse.pdf_objects", limit=f"{MAX_PDF_OBJECTS:,}")
            yield block


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _image_size(dictionary: dict, objects: _PdfObjects) -> int:
    width, height = objects.get(dictionary.get("Width")), objects.get(dictionary.get("Height"))
    if isinstance(width, (int, float)) and isinstance(height, (int, float)):
        return int(max(width, 0)) * int(max(height, 0))
    return 0


def _jpeg_size(head: bytes) -> int:
    """Width x height a JPEG says it is (its SOF marker), 0 when it does not say."""
    pos = 2 if head[:2] == b"\xff\xd8" else -1
    while 0 <= pos < len(head) - 9:
        if head[pos] != 0xFF:
            pos += 1
            continue
        marker = head[pos + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[pos + 5 : pos + 9])
            return width * height
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            pos += 1 if marker == 0xFF else 2
            continue
        pos += 2 + struct.unpack(">H", head[pos + 2 : pos + 4])[0]
    return 0


def _jpx_size(head: bytes) -> int:
    """Width x height a JPEG 2000 picture says it is (its SIZ marker), 0 when not found."""
    at = head.find(b"\xff\x4f\xff\x51")
    if at < 0 or at + 22 > len(head):
        return 0
    width, height, left, top = struct.unpack(">IIII", head[at + 6 : at + 22])
    return max(width - left, 0) * max(height - top, 0)


def _filters(dictionary: dict | None, objects: _PdfObjects) -> tuple[list[str], list]:
    """The stream's filters by their full name, and their parameters."""
    if dictionary is None:
        return ["flate"], [None]  # a stream whose dictionary cannot be read: tried as Flate
    names = objects.get(dictionary.get("Filter", dictionary.get("F")))
    parms = objects.get(dictionary.get("DecodeParms", dictionary.get("DP")))
    names = names if isinstance(names, list) else [names] if names is not None else []
    parms = parms if isinstance(parms, list) else [parms] * len(names)
    found = []
    for name in names:
        name = objects.get(name)
        found.append(_PDF_FILTERS.get(str(name), str(name)) if isinstance(name, str) else "?")
    return found, [objects.get(p) for p in parms] + [None] * (len(names) - len(parms))


def _stream_start(data: bytes, keyword_end: int) -> int:
    """Where a stream's data starts: after the line end that follows "stream"."""
    eol = data.find(b"\n", keyword_end, keyword_end + 64)
    cr = data.find(b"\r", keyword_end, keyword_end + 64)
    if cr >= 0 and (eol < 0 or cr < eol):
        return cr + 2 if data[cr + 1 : cr + 2] == b"\n" else cr + 1
    return eol + 1 if eol >= 0 else keyword_end


def _stream_end(data: bytes, start: int, dictionary: dict | None, objects: _PdfObjects) -> int:
    """The farthest a reader may take the stream to run: its /Length, or the first
    "endstream" after its start, whichever is farther."""
    ends = objects.stream_ends
    index = bisect.bisect_left(ends, start)
    end = ends[index] if index < len(ends) else len(data)
    length = objects.get(dictionary.get("Length")) if dictionary else None
    if isinstance(length, int) and length >= 0 and start + length <= len(data):
        end = max(end, start + length)
    return end


def _encryptions(data: bytes, objects: _PdfObjects, xref_dicts: list[dict]) -> list[tuple[dict, bytes]]:
    """Every encryption dictionary a trailer names (a file updated twice may name two),
    each with the file's first ID."""
    trailers = list(xref_dicts)
    for match in _PDF_TRAILER.finditer(data):
        found = objects.read_at(match.end())
        if found is not None and isinstance(found[0], dict):
            trailers.append(found[0])
    found = []
    for trailer in trailers:
        if "Encrypt" not in trailer:
            continue
        encrypt = objects.get(trailer["Encrypt"])
        ids = objects.get(trailer.get("ID"))
        first_id = ids[0] if isinstance(ids, list) and ids and isinstance(ids[0], bytes) else b""
        found.append((encrypt if isinstance(encrypt, dict) else {}, first_id))
    return found


def check_pdf(data: bytes, password: str | None = None, limit: int | None = None, inflate: bool = True) -> bool:
    """Before PDFium opens a PDF: inflate every stream in the file (decrypted with the
    password, or none) a block at a time, only counting, and refuse it (RefusedFile
    "refuse.pdf_bomb") once the total passes ``limit`` bytes (default MAX_PDF_INFLATED),
    or ("refuse.pdf_picture") when a picture in it is larger than the limit allows, or
    ("refuse.pdf_objects") when it is made of more parts than any real file. Pictures
    written into a page's content (inline images) are inflated too. Nothing inflated is
    kept: memory stays at a few MB. With inflate=False only the lock is looked at.

    Returns True when the file can be read with this password, False when it is locked
    and the password (or none) does not open it: its encrypted streams cannot be
    inflated here, so PDFium must not be asked to open it (it would refuse it too)."""
    try:
        return _check_pdf(data, password, limit or MAX_PDF_INFLATED, inflate)
    except RefusedFile:
        raise
    except Exception:  # noqa: BLE001 - a file this check cannot take apart is not handed on
        raise RefusedFile("refuse.corrupt") from None


class _Stream(NamedTuple):
    start: int
    end: int  # the farthest a reader may take it to run
    owner: tuple[int, int] | None  # its object's number and generation (its key when locked)
    filters: tuple[str, ...]
    early: tuple[int, ...]  # each filter's EarlyChange (LZW)


def _check_pdf(data: bytes, password: str | None, limit: int, inflate: bool) -> bool:
    objects = _PdfObjects(data)
    streams: list[_Stream] = []
    xref_dicts: list[dict] = []
    for count, match in enumerate(_PDF_STREAM.finditer(data)):
        if count >= MAX_PDF_STREAMS:
            raise RefusedFile("refuse.pdf_objects", limit=f"{MAX_PDF_STREAMS:,}")
        owner = objects.owner(match.start())
        dictionary = owner[2] if owner is not None else None
        if dictionary is not None:
            kind = objects.get(dictionary.get("Type"))
            if kind == "XRef":
                xref_dicts.append(dictionary)
            if objects.get(dictionary.get("Subtype")) == "Image":
                _refuse_picture(_image_size(dictionary, objects), limit)
        filters, parms = _filters(dictionary, objects)
        start = _stream_start(data, match.end())
        # Flate ends where its own data says; the others at the stream's end (as PDFium reads)
        end = len(data) if filters and filters[0] == "flate" else _stream_end(data, start, dictionary, objects)
        early = tuple(0 if isinstance(p, dict) and p.get("EarlyChange") == 0 else 1 for p in parms)
        streams.append(_Stream(start, end, owner[:2] if owner else None, tuple(filters), early))
        if dictionary is None:  # read as it stands too (a page's content may be written plain)
            streams.append(_Stream(start, _stream_end(data, start, None, objects), None, (), ()))
    keys, encryptions = [], _encryptions(data, objects, xref_dicts)
    for encrypt, first_id in encryptions:
        if objects.get(encrypt.get("Filter")) == "Standard":
            opened = _pdf_keys(encrypt, first_id, password)
            if opened is not None:
                keys.append(opened)
    if inflate:
        budget = _Budget(limit, len(data))
        for stream in streams:
            _inflate_stream(data, stream, keys, budget)
    return not encryptions or bool(keys)


def _inline_filters(dictionary: bytes) -> list[str]:
    """An inline picture's filters (/F or /Filter, a name or an array), by full name."""
    found = _PDF_INLINE_FILTER.search(dictionary)
    if found is None:
        return []
    names = [
        _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), n)
        for n in _PDF_INLINE_NAME.findall(found.group(1))
    ]
    return [_PDF_FILTERS.get(n.decode("latin-1"), n.decode("latin-1")) for n in names]


def _expands(filters: list[str]) -> bool:
    return any(name in ("flate", "lzw", "rl") for name in filters)


def _content(blocks, budget: _Budget) -> None:
    """A stream's data as PDFium would read it as a page's content: every inline picture
    with compressed data in it is inflated too, counted with the rest."""
    kept: list[bytes] | None = []
    size, tail = 0, b""
    for block in blocks:
        if kept is not None:
            kept.append(bytes(block))
            size += len(block)
            if size <= MAX_PDF_CONTENT_SEARCHED:
                continue
            block, kept = b"".join(kept), None
        window = tail + bytes(block)
        for match in _PDF_INLINE.finditer(window):
            if _expands(_inline_filters(match.group(1))):
                raise RefusedFile("refuse.pdf_bomb", limit=_size_text(budget.limit))
        tail = window[-9000:]
    if not kept:
        return
    content, pos = b"".join(kept), 0
    while (match := _PDF_INLINE.search(content, pos)) is not None:
        filters, start = _inline_filters(match.group(1)), match.end()
        # The next picture is looked for after this one's data where its coding says where
        # that ends (ASCII85 at "~>", hex at ">": nothing after it is read twice), else
        # just after its start (a compressed picture's data ends where it says).
        pos = start
        if filters and filters[0] in ("a85", "ahx"):
            end = content.find(b"~>" if filters[0] == "a85" else b">", start)
            pos = len(content) if end < 0 else end
        if not _expands(filters):
            continue
        budget.inline += 1
        if budget.inline > MAX_PDF_INLINE_IMAGES:
            raise RefusedFile("refuse.pdf_objects", limit=f"{MAX_PDF_OBJECTS:,}")
        budget.slow_limit += 2048  # read 512 bytes, then 1 KB...: a small picture's data is read once
        inner, ended = _blocks(content, start, len(content), first=512), []
        for index, name in enumerate(filters):
            if name not in _DECODERS:
                break
            first_flate = index == 0 and name == "flate"
            inner = budget.count(_inflate(inner, ended)) if first_flate else budget.decode(name, inner)
        for _ in inner:
            pass
        # A picture whose data does not end in this piece of the page would go on in the
        # next one (PDFium joins a page's pieces before reading them), where no check here
        # follows it: no ordinary file cuts a picture in two, so such a file is refused.
        # Flate data says where it ends (or goes wrong); the others are looked at for an EI.
        if (not ended) if filters[0] == "flate" else not _PDF_EI.search(content, start):
            raise RefusedFile("refuse.pdf_split_picture")


def _refuse_picture(size: int, limit: int) -> None:
    if size > limit // 4:
        raise RefusedFile("refuse.pdf_picture", pixels=f"{size / 1e6:,.0f}", limit=f"{limit / 4e6:,.0f}")


def _inflate_stream(data: bytes, stream: _Stream, keys: list, budget: _Budget) -> None:
    """One stream's data through its filters, as stored and as decrypted with each key,
    every filter's output counted against the budget."""
    sources = [_blocks(data, stream.start, stream.end)]
    if stream.owner is not None:
        number, generation = stream.owner
        sources += [_decrypted(_blocks(data, stream.start, stream.end), _object_key(key, method, number, generation),
                               method) for key, method in keys]  # fmt: skip
    for blocks in sources:
        decoded = False
        for name, early in zip(stream.filters, stream.early, strict=False):
            if name == "crypt":
                continue
            decoder = _DECODERS.get(name)
            if decoder is None:  # a picture's own coding (drawn, not inflated here) or unknown
                first = bytes(next(iter(blocks), b""))  # a block: the picture's header is in it
                if name in ("DCTDecode", "DCT"):
                    _refuse_picture(_jpeg_size(first), budget.limit)
                elif name == "JPXDecode":
                    _refuse_picture(_jpx_size(first), budget.limit)
                blocks = itertools.chain([first], blocks)
                break  # what the filters before it gave is still counted below
            blocks = budget.decode(name, blocks, early)
            decoded = True
        # drained: each filter's blocks counted as they pass, the page's own pictures with them
        _content(blocks if decoded else budget.searched(blocks), budget)
