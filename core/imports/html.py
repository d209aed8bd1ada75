"""Statements written as web pages: the HTML tables that card statements arrive in by
e-mail (建设银行's 龙卡信用卡对账单, 农业银行's 金穗信用卡电子对账单), a saved e-mail (.eml), and the
".xls" downloads that are really an HTML table.

Every table row of the page becomes a row of cells, in the order the rows stand in the
page, whatever tables they are nested in (e-mails lay out their text with tables); a
cell's own text leaves out the tables nested in it, which give rows of their own. A cell
spanning several columns (colspan) is its text followed by empty cells, as a spreadsheet
shows a merged cell. The statement's header row is then found among these rows as in any
other file. Read with the standard library's HTML parser and e-mail reader: no entity is
expanded beyond HTML's own, nothing is fetched, and the row and column limits every sheet
has apply here too.
"""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser

from core.imports.safety import MAX_MEMBERS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, RefusedFile
from core.imports.tables import MAX_ROWS, Rows

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def _decode(data: bytes, declared: str | None = None) -> str:
    """The page's text: by its BOM, the charset it (or its e-mail) declares, else UTF-8, else
    GB18030 (a superset of GBK and GB2312, which Chinese banks' pages declare or omit)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    found = _CHARSET.search(data[:4096])
    names = [declared, found.group(1).decode("ascii", "ignore") if found else None, "utf-8", "gb18030"]
    for name in names:
        if not name:
            continue
        name = "gb18030" if name.lower().replace("-", "") in ("gbk", "gb2312", "gb18030") else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace")


class _Tables(HTMLParser):
    """Collects table rows: (order, cells) for every <tr>, the text of nested tables kept
    out of the cell that holds them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, list[str]]] = []
        self.stack: list[dict] = []  # open tables: their current row and cell
        self.count = 0
        self.skip = 0  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self.stack.append({"row": None, "cell": None, "order": 0})
        elif not self.stack:
            return
        elif tag == "tr":
            self._end_row()
            table = self.stack[-1]
            table["row"], table["order"] = [], self.count
            self.count += 1
            if self.count > MAX_SHEET_ROWS:
                raise RefusedFile("refuse.too_many_rows", limit=f"{MAX_ROWS:,}")
        elif tag in ("td", "th"):
            table = self.stack[-1]
            self._end_cell()
            if table["row"] is None:  # a cell outside any <tr>
                table["row"], table["order"] = [], self.count
                self.count += 1
            span = (dict(attrs).get("colspan") or "1").strip()
            table["cell"] = {"text": [], "span": int(span) if span.isdecimal() and span.isascii() else 1}
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif not self.stack:
            return
        elif tag == "table":
            self._end_row()
            self.stack.pop()
        elif tag == "tr":
            self._end_row()
        elif tag in ("td", "th"):
            self._end_cell()

    def handle_data(self, data):
        if self.skip or not self.stack:
            return
        cell = self.stack[-1]["cell"]
        if cell is not None:
            cell["text"].append(data)

    def _end_cell(self) -> None:
        table = self.stack[-1]
        cell, row = table["cell"], table["row"]
        if cell is None or row is None:
            return
        text = _SPACES.sub(" ", "".join(cell["text"]).replace("\u00a0", " ")).strip()
        span = max(1, min(cell["span"], MAX_SHEET_COLUMNS - len(row)))
        row.extend([text] + [""] * (span - 1))
        table["cell"] = None
        if len(row) > MAX_SHEET_COLUMNS:
            raise RefusedFile("refuse.too_many_columns", limit=MAX_SHEET_COLUMNS)

    def _end_row(self) -> None:
        table = self.stack[-1]
        self._end_cell()
        if table["row"] is not None:
            self.rows.append((table["order"], table["row"]))
        table["row"] = None


def read_html_rows(data: bytes, charset: str | None = None) -> Rows:
    """The rows of every table in an HTML page (see the module's description)."""
    parser = _Tables()
    try:
        parser.feed(_decode(data, charset))
        parser.close()
        while parser.stack:  # a page that ends inside a table: its last row still counts
            parser._end_row()
            parser.stack.pop()
    except RefusedFile:
        raise
    except (AssertionError, ValueError, RecursionError):  # a page the parser cannot follow
        raise RefusedFile("refuse.corrupt") from None
    rows = Rows(cells for _, cells in sorted(parser.rows, key=lambda item: item[0]))
    if not any(any(c for c in row) for row in rows):
        raise RefusedFile("refuse.no_table")
    rows.lines = sum(1 for row in rows if any(row))
    return rows


def email_html(data: bytes) -> tuple[bytes, str | None]:
    """The HTML part of a saved e-mail (.eml) and its declared charset; refused when the
    e-mail has none (a statement e-mailed as an attachment is uploaded as that file)."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        parts = 0
        for part in message.walk():
            parts += 1
            if parts > MAX_MEMBERS:
                raise RefusedFile("refuse.bomb")
            if part.get_content_type() != "text/html" or part.is_multipart():
                continue
            body = part.get_payload(decode=True) or b""
            charset = part.get_content_charset() or None
            return body, charset
    except RefusedFile:
        raise
    except (RecursionError, LookupError, ValueError, TypeError):
        raise RefusedFile("refuse.corrupt") from None
    raise RefusedFile("refuse.no_table")
