"""Reading a checked file into raw rows of cells (first sheet), whatever its format.

``read_rows`` returns ``Rows``: a list of rows (each a list of cells) that also says
``lines``, how many non-blank lines the file has (for a CSV its text lines that hold
anything but spaces, a quoted cell over several lines counting each of them; for a
spreadsheet its rows with any cell that holds something), so an import can say how many it read
against how many there are; and ``repaired``, the line number (1-based, as a text editor
counts) of the first line whose quote never closes, else None.

A CSV cell that opens a quote and never closes it would make csv read every later line
into that cell (2,000 rows read as 11, or a "field larger than field limit" error). When
csv reads a record over more than one line, or fails, the file is read again line by line:
a line is its own record unless it opens a quoted cell that closes cleanly within
``CELL_LINES`` lines, in a record as wide as the file's rows, the lines it joins not each
a whole row on their own. A line whose quote does not close is read with that quote and
the rest of the line as text, split on the delimiter.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import compress, filterfalse, islice

from python_calamine import CalamineWorkbook

from core.imports.safety import MAX_DATA_ROWS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_UPLOAD_BYTES, RefusedFile

MAX_ROWS = MAX_DATA_ROWS  # data rows under the header; title and header lines come on top
CELL_LINES = 8  # a quoted cell over more lines than a record of this many is an unmatched quote
CELL_CHARS = 2_000  # or one longer than any real cell

# No field in an upload is longer than the upload; csv's default limit (128 KiB) would
# raise for a large file that a broken quote runs to its end.
if csv.field_size_limit() < MAX_UPLOAD_BYTES:
    csv.field_size_limit(MAX_UPLOAD_BYTES)


class Rows(list):
    """The rows of a file (a list of lists of cells), with ``lines``: how many non-blank
    lines the file has, and ``repaired``: the 1-based number of the first line with an
    unmatched quote (the file then read line by line), else None."""

    def __init__(self, rows=(), lines: int = 0, repaired: int | None = None):
        super().__init__(rows)
        self.lines = lines
        self.repaired = repaired


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which covers GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise RefusedFile("refuse.encoding") from None


def _too_many() -> RefusedFile:
    return RefusedFile("refuse.too_many_rows", limit=f"{MAX_ROWS:,}")


def check_data_rows(rows: list, index: int) -> None:
    """Refuses a file whose header at ``index`` is past its end (a mapping's line number)
    or that has more than MAX_ROWS rows under it (the header itself not counted)."""
    if not 0 <= index < len(rows):
        raise RefusedFile("refuse.no_rows")
    if len(rows) - index - 1 > MAX_ROWS:
        raise _too_many()


_OK, _SLOPPY, _OPEN = 0, 1, 2  # a line read alone: a record; one csv reads with a quote out of
# place ("a" b), as it always has; one whose quote does not close by the line's end


def _alone(line: str, delimiter: str) -> tuple[list[str], int]:
    """One physical line read as a record of its own, and what kind of line it is."""
    if '"' not in line:
        body = line.rstrip("\r\n")
        return (body.split(delimiter) if body else []), _OK
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), []), _OK
    except csv.Error:
        pass
    probe = line if line.endswith(("\n", "\r")) else line + "\n"
    try:
        row = next(csv.reader([probe], delimiter=delimiter), [])
    except csv.Error:  # a field over the size limit: only text larger than any upload
        return probe.rstrip("\r\n").split(delimiter), _OPEN
    if row and row[-1].endswith(("\n", "\r")):  # the line's end read into the last cell
        # that cell's quote never closed: it and the rest of the line as they are written
        tail = '"' + row[-1].rstrip("\r\n").replace('"', '""')
        return row[:-1] + tail.split(delimiter), _OPEN
    return row, _SLOPPY


def _joined(lines: list[str], start: int, delimiter: str, width: int | None, alone: list) -> tuple[list, int] | None:
    """The record from lines[start] on when its open quote closes as a real cell over lines
    would: cleanly, within CELL_LINES lines, as wide as the file's rows (width), and not
    joining lines that are each a whole row on their own. Else None."""
    reader = csv.reader(islice(lines, start, start + CELL_LINES), delimiter=delimiter, strict=True)
    try:
        record = next(reader)
    except (csv.Error, StopIteration):
        return None
    used = reader.line_num
    if used < 2 or max(map(len, record)) > CELL_CHARS:
        return None
    if width is not None:
        if len(record) != width:
            return None
        if sum(len(alone[k][0]) >= width for k in range(start, start + used)) >= 2:
            return None
    return record, used


def _read_by_line(lines: list[str], delimiter: str) -> Rows:
    alone = [_alone(line, delimiter) for line in lines]
    # The file's usual row width, from its rows with some text (blank lines and lines of
    # spaces are one cell wide); a tie goes to the wider (a header and its rows).
    widths = Counter(len(row) for row, kind in alone if kind == _OK and any(c.strip() for c in row))
    width = max(widths, key=lambda w: (widths[w], w)) if widths else None
    rows = Rows()
    i = 0
    while i < len(lines):
        row, kind = alone[i]
        used = 1
        if kind == _OPEN:
            joined = _joined(lines, i, delimiter, width, alone)
            if joined is not None:
                row, used = joined
            elif rows.repaired is None:
                rows.repaired = i + 1
        rows.append(row)
        if len(rows) > MAX_SHEET_ROWS:
            raise _too_many()
        i += used
    return rows


def _read_csv(data: bytes) -> Rows:
    text = decode_text(data)
    # Lines end in \n, \r\n or \r, as csv and a text editor count them (newline="").
    sample = "".join(islice(io.StringIO(text, newline=""), 50))
    delimiter = ","
    counts = {d: sample.count(d) for d in (",", "\t", ";")}
    if max(counts.values()) > 0:
        delimiter = max(counts, key=counts.get)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows, broken = Rows(islice(reader, MAX_SHEET_ROWS + 1)), False
    except csv.Error:
        rows, broken = Rows(), True
    if len(rows) > MAX_SHEET_ROWS:
        raise _too_many()
    # A record over several lines is a quoted cell over lines or an unmatched quote; one on
    # the last line runs to the file's end without taking another line.
    body = text.rstrip("\r\n")
    last = body[max(body.rfind("\n"), body.rfind("\r")) + 1 :]
    by_line = broken or reader.line_num > len(rows) or _alone(last, delimiter)[1] == _OPEN
    if by_line:
        lines = list(io.StringIO(text, newline=""))  # each with its end
        try:
            rows = _read_by_line(lines, delimiter)
        except csv.Error:  # not expected: every line has a reading that does not raise
            raise RefusedFile("refuse.corrupt") from None
        # blank: nothing but spaces; a tab that parts cells is a row of empty cells, as ",," is
        blank = (line for line in lines if line.isspace() and delimiter not in line)
        rows.lines = len(lines) - sum(1 for _ in blank)
    if max(map(len, rows), default=0) > MAX_SHEET_COLUMNS:  # as wide as no statement is: refused like a sheet
        raise RefusedFile("refuse.too_many_columns", limit=MAX_SHEET_COLUMNS)
    if not by_line:  # a row a line: a blank line is [], one of spaces a single cell of them
        singles = compress(rows, map((1).__eq__, map(len, rows)))
        rows.lines = len(rows) - rows.count([]) - sum(1 for row in singles if row[0].isspace())
    return rows


def _filled_rows(rows: list) -> int:
    """How many rows of a sheet have a cell with anything in it (text, spaces included, or a
    number, 0 included): counted at C speed, as any() finds them, plus the rows any() calls
    empty that hold a 0."""
    return sum(map(any, rows)) + sum(1 for row in filterfalse(any, rows) if any(c is not None and c != "" for c in row))


def read_rows(kind: str, data: bytes) -> Rows:
    if kind == "csv":
        rows = _read_csv(data)
    else:
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            if not book.sheet_names:
                raise RefusedFile("refuse.empty")
            rows = Rows(book.get_sheet_by_index(0).to_python(skip_empty_area=False))
        except RefusedFile:
            raise
        except Exception as exc:  # calamine raises its own error types for broken files
            text = str(exc).lower()
            if "password" in text or "encrypt" in text:
                raise RefusedFile("refuse.encrypted") from None
            raise RefusedFile("refuse.corrupt") from None
        if len(rows) <= MAX_SHEET_ROWS:
            rows.lines = _filled_rows(rows)
    if len(rows) > MAX_SHEET_ROWS:  # the exact count of data rows is checked under the header
        raise _too_many()
    if not any(any(str(c).strip() for c in row) for row in rows):
        raise RefusedFile("refuse.empty")
    return rows
