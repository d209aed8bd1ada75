"""Reading a checked file into raw rows of cells (first sheet), whatever its format."""

from __future__ import annotations

import csv
import io

from python_calamine import CalamineWorkbook

from core.imports.safety import MAX_DATA_ROWS, MAX_SHEET_ROWS, RefusedFile

MAX_ROWS = MAX_DATA_ROWS  # data rows under the header; title and header lines come on top


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


def read_rows(kind: str, data: bytes) -> list[list[object]]:
    if kind == "csv":
        text = decode_text(data)
        sample = "\n".join(text.splitlines()[:50])
        delimiter = ","
        counts = {d: sample.count(d) for d in (",", "\t", ";")}
        if max(counts.values()) > 0:
            delimiter = max(counts, key=counts.get)
        rows = []
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append(row)
            if len(rows) > MAX_SHEET_ROWS:
                raise RefusedFile("refuse.too_many_rows", limit=f"{MAX_ROWS:,}")
    else:
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            if not book.sheet_names:
                raise RefusedFile("refuse.empty")
            rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except RefusedFile:
            raise
        except Exception as exc:  # calamine raises its own error types for broken files
            text = str(exc).lower()
            if "password" in text or "encrypt" in text:
                raise RefusedFile("refuse.encrypted") from None
            raise RefusedFile("refuse.corrupt") from None
    if len(rows) > MAX_SHEET_ROWS:  # the exact count of data rows is checked under the header
        raise RefusedFile("refuse.too_many_rows", limit=f"{MAX_ROWS:,}")
    if not any(any(str(c).strip() for c in row) for row in rows):
        raise RefusedFile("refuse.empty")
    return rows
