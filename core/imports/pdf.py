"""Bank statements as PDF files, read with PDFium (pypdfium2, already used for thumbnails).

Most banks' mobile apps send a statement as a PDF, often locked with a password (PDFium
opens RC4 and AES locks). A text-based PDF is turned into rows like a spreadsheet's: the
page's characters, with their boxes, make words (a space or a gap breaks one), words on
the same height make lines, and the statement's header line
(found by its date column's name) fixes where each column lies on the page, and every
later line's words are put in the column they stand under (by their centre, so amounts
aligned to the right of their heading still land in it). A cell too long for its column
wraps onto lines of its own — below the row, or above and below it where the row is
centred on its tallest cell: a line with no date and no amount is such a part, and its
words join the cell they stand under in the nearest row (the row above, or the row below
for a part above it) when that row is within WRAP_REACH line heights; farther away (a
note under the table) it is left out. The header repeated on every page and page numbers
are left out. A scanned statement (pictures of pages, no text) cannot be read and is
refused with that reason.

PDFium rather than pdfplumber, which was ten times slower on a 200-page statement
(bench/pdf.py) and whose table finder merged neighbouring columns without ruling lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import reduce

from core.imports.safety import RefusedFile, check_pdf
from core.imports.tables import Rows

MAX_PDF_PAGES = 1_000  # a year of busy statements is a few hundred pages
MAX_PAGE_CHARS = 100_000  # far beyond any statement page: a page that is not one
LINE_TOLERANCE = 3.0  # points: words this close vertically are one line
WRAP_REACH = 2.5  # a wrapped part of a cell joins a row at most this many line heights away
AMOUNT = re.compile(r"^[+-]?(?:CNY|RMB|¥|￥)?\s*[+-]?\d[\d,]*\.\d{1,2}(?:\(CN\))?$", re.IGNORECASE)
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
PAGE_NUMBER = re.compile(r"^(第\s*\d+\s*页.*|page\s*\d+.*|\d+\s*/\s*\d+|-\s*\d+\s*-)$", re.IGNORECASE)
DATE_WORDS = (
    "交易日期",
    "记账日期",
    "交易日",
    "记账日",
    "日期",
    "入账日期",
    "入账日",
    "银行记账日",
    "交易时间",  # 民生银行: the date and time in one cell
    "date",
    "transaction date",
    "posting date",
)


def _open(data: bytes, password: str | None):
    """The document, once core.imports.safety.check_pdf has inflated every stream in it
    within its limit (PDFium holds a whole stream in memory: a bomb never reaches it)."""
    import pypdfium2 as pdfium

    if not check_pdf(data, password):
        raise RefusedFile("refuse.pdf_password_wrong" if password else "refuse.pdf_password_needed")
    try:
        return pdfium.PdfDocument(data, password=password or None)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
            raise RefusedFile("refuse.pdf_password_wrong" if password else "refuse.pdf_password_needed") from None
        raise RefusedFile("refuse.corrupt") from None
    except Exception:  # noqa: BLE001 - whatever PDFium says of a damaged file is a refusal
        raise RefusedFile("refuse.corrupt") from None


def is_locked(data: bytes) -> bool:
    """True when the PDF needs a password to be read (an owner-only password does not).
    Told from the file's encryption dictionary alone: nothing is inflated or opened. A file
    refused for another reason is not locked: reading it says why."""
    try:
        return not check_pdf(data, None, inflate=False)
    except RefusedFile:
        return False


def _words(textpage) -> list[dict]:
    """The page's words: runs of characters on one line with no space or gap between them,
    each with its text and box (x0, x1, top, bottom in PDF points, y upwards)."""
    import pypdfium2.raw as raw

    words: list[dict] = []
    current: dict | None = None
    for index in range(textpage.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(textpage.raw, index) or 32)
        if char.isspace() or not char.isprintable():
            current = None
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        height = max(top - bottom, 1.0)
        if (
            current is not None
            and abs((top + bottom) / 2 - current["middle"]) <= height / 2
            and -height / 2 <= left - current["x1"] <= max(1.5, height * 0.25)
        ):
            current["text"] += char
            current["x1"] = max(current["x1"], right)
            continue
        current = {"text": char, "x0": left, "x1": right, "middle": (top + bottom) / 2, "top": -top, "height": height}
        words.append(current)
    return words


def _lines(page) -> list[list[dict]]:
    """The page's words grouped into lines, top to bottom, each line left to right."""
    textpage = page.get_textpage()
    try:
        words = _words(textpage)
    finally:
        textpage.close()
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (-w["middle"], w["x0"])):
        if lines and abs(lines[-1][0]["middle"] - word["middle"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _join(first: str, then: str) -> str:
    """Two parts of a wrapped cell as one text: Chinese runs on without a space."""
    if not first or not then:
        return first or then
    glue = "" if CJK.match(first[-1]) and CJK.match(then[0]) else " "
    return first + glue + then


class _Wrapped:
    """The parts of wrapped cells on one page, waiting for the row each belongs to."""

    def __init__(self) -> None:
        self.previous: tuple[list[str], float] | None = None  # the last row: cells, middle
        self.pending: list[tuple[list[str], float, float]] = []  # parts: cells, middle, height

    def part(self, cells: list[str], middle: float, height: float) -> None:
        self.pending.append((cells, middle, height))

    def row(self, cells: list[str] | None, middle: float = 0.0) -> None:
        """A row is read (None: the page ends): each waiting part joins the nearer of the
        row above and this one, within reach; the parts above a row come before its text."""
        before: list[list[str]] = []
        for part, at, height in self.pending:
            reach = WRAP_REACH * height
            up = self.previous[1] - at if self.previous else None
            down = at - middle if cells is not None else None
            if up is not None and up <= reach and (down is None or up <= down):
                for i, text in enumerate(part):
                    self.previous[0][i] = _join(self.previous[0][i], text)
            elif down is not None and down <= reach:
                before.append(part)
        if cells is not None:
            for i in range(len(cells)):
                cells[i] = reduce(_join, [part[i] for part in before] + [cells[i]], "")
            self.previous = (cells, middle)
        self.pending = []


def _is_header(line: list[dict]) -> bool:
    texts = {w["text"].strip().lower() for w in line}
    return len(line) >= 3 and any(word in texts for word in DATE_WORDS)


PROGRESS_PAGES = 10  # on_progress is called after every this many pages (and after the last)


def read_pdf_rows(
    data: bytes, password: str | None = None, on_progress: Callable[[int, int], None] | None = None
) -> list[list[object]]:
    """The statement's lines as rows of cells: the lines above the header as one cell each
    (titles: a card statement's month is read from them), the header, then the data lines.
    ``on_progress(done, total)``, if given, is told the pages read: 0 before the first,
    then every PROGRESS_PAGES pages and after the last (a 1,000-page statement takes some
    seconds). Raises RefusedFile for a locked file without the right password, a scanned
    (image-only) statement, one with too many pages, or a damaged file."""
    import pypdfium2.raw as raw

    rows: list[list[object]] = []
    header: list[str] | None = None
    centres: list[float] = []
    dates: list[int] = []  # the header's date columns
    chars = images = 0
    document = _open(data, password)
    try:
        if len(document) > MAX_PDF_PAGES:
            raise RefusedFile("refuse.pdf_pages", limit=f"{MAX_PDF_PAGES:,}")
        total = len(document)
        if on_progress is not None and total:
            on_progress(0, total)
        for number in range(total):
            if on_progress is not None and number and number % PROGRESS_PAGES == 0:
                on_progress(number, total)
            page = document[number]
            try:
                lines = _lines(page)
                images += sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=1))
            finally:
                page.close()
            page_chars = sum(len(w["text"]) for line in lines for w in line)
            if page_chars > MAX_PAGE_CHARS:
                raise RefusedFile("refuse.pdf_not_statement")
            chars += page_chars
            if header is not None:  # a later page: what stands above its header repeats the titles
                again = next((i for i, line in enumerate(lines) if [w["text"] for w in line] == header), None)
                if again is not None:
                    lines = lines[again + 1 :]
            wrapped = _Wrapped()
            for line in lines:
                texts = [w["text"] for w in line]
                if PAGE_NUMBER.match(" ".join(texts).strip()):
                    continue  # "第 2 页 / 共 5 页", "Page 2", "2 / 5"
                if header is None:
                    if _is_header(line):
                        header = texts
                        centres = [(w["x0"] + w["x1"]) / 2 for w in line]
                        dates = [i for i, text in enumerate(header) if text.strip().lower() in DATE_WORDS]
                        rows.append(list(header))
                    else:
                        rows.append([" ".join(texts)])
                    continue
                cells = [""] * len(header)
                for word in line:
                    centre = (word["x0"] + word["x1"]) / 2
                    index = min(range(len(centres)), key=lambda i: abs(centres[i] - centre))
                    cells[index] = f"{cells[index]} {word['text']}".strip()
                filled = [c for c in cells if c]
                dated = any(cells[i] for i in dates) if dates else len(filled) >= 2
                if not dated and not any(AMOUNT.match(c.replace(" ", "")) for c in filled):
                    # no date, no amount: part of a wrapped cell (or a note under the table)
                    wrapped.part(cells, line[0]["middle"], max(w["height"] for w in line))
                    continue
                if len(filled) >= 2:  # a lone number is not a row
                    wrapped.row(cells, line[0]["middle"])
                    rows.append(cells)
            wrapped.row(None)
        if on_progress is not None and total:
            on_progress(total, total)
    except RefusedFile:
        raise
    except Exception:  # noqa: BLE001 - a page PDFium cannot take apart: the file is damaged
        raise RefusedFile("refuse.corrupt") from None
    finally:
        document.close()
    if chars == 0:
        raise RefusedFile("refuse.pdf_scanned" if images else "refuse.no_rows")
    return Rows(rows, lines=len(rows))  # every row is a line of text on a page
