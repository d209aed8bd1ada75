"""Reading a statement: a bank, Alipay or WeChat Pay statement, or a budget sheet.

Formats recognised without help: Alipay and WeChat Pay bill exports, the banks' own
layouts (``banks.py``), other bank statements (signed amount, debit and credit columns, or
an unsigned amount with a direction column) and budget sheets (category / amount /
frequency). Anything else returns ``kind == "needs_mapping"`` with the header found, and
is parsed again with a user-made ``Mapping`` (columns by name, or by position for a file
without a header row). What a file leaves open — which way round its money is written, the
order of its dates, its decimal mark — is asked (``Choices``), never guessed silently.

``read_statement`` is the one entry: the file's checks (``safety.py``), its rows
(``tables.py``, ``pdf.py``, ``html.py``), which kind of file it is (``detect.py``), then
its transactions (``transactions.py``) or its budget rows (``budget_sheet.py``). What the
rows mean across the file is worked out in ``meaning.py``; what they count as, in
``result.py``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager

from core.imports.budget_sheet import parse_budget
from core.imports.categories import default_rules
from core.imports.detect import detect, guess_header
from core.imports.headers import header_of
from core.imports.result import Choices, ImportResult, Mapping
from core.imports.safety import RefusedFile, check_upload
from core.imports.tables import read_rows
from core.imports.transactions import Context, parse_transactions

__all__ = ["read_statement"]


@contextmanager
def _collector_paused():
    """Python's cycle collector held while a file is read: a large statement is hundreds of
    thousands of cells in lists and rows read from them, none in a cycle, which the
    collector would otherwise walk again and again as they are made (a tenth of the read)."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def read_statement(
    name: str,
    data: bytes,
    *,
    rules: list[dict] | None = None,
    lang: str = "zh",
    mapping: Mapping | None = None,
    header_row: int | None = None,
    password: str | None = None,
    choices: Choices | None = None,
    holder: list[str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read a statement or budget sheet, or the one statement inside a zip file (password
    for a locked one). ``header_row`` (0-based) says where a mapped file's header is;
    ``choices`` what the user said about its money and dates; ``holder`` the account
    holder's names known from the profile; ``on_progress(done, total)`` is told a PDF's
    pages as they are read (see core.imports.pdf.read_pdf_rows). Raises RefusedFile for a
    file it will not read."""
    with _collector_paused():
        return _read_statement(name, data, rules, lang, mapping, header_row, password, choices, holder, on_progress)


def _read_statement(name, data, rules, lang, mapping, header_row, password, choices, holder,
                    on_progress) -> ImportResult:  # fmt: skip
    kind = check_upload(name, data)
    if kind == "zip":
        from core.imports.archive import unpack  # pyzipper and its AES code: only for a zip

        name, data = unpack(name, data, password)
        kind = check_upload(name, data)  # the statement inside: every check an upload gets
        if kind == "zip":
            raise RefusedFile("refuse.zip_nested")
    if kind == "pdf":
        from core.imports.pdf import read_pdf_rows  # pypdfium2: only for a PDF

        rows = read_pdf_rows(data, password, on_progress)
    elif kind in ("html", "eml"):
        from core.imports.html import email_html, read_html_rows

        rows = read_html_rows(*email_html(data)) if kind == "eml" else read_html_rows(data)
    else:
        rows = read_rows(kind, data)
    lines = getattr(rows, "lines", None)
    repaired = getattr(rows, "repaired", None)
    rules = rules if rules is not None else default_rules(lang)
    choices = choices or Choices()
    context = Context(name, rules, lang, choices, list(holder or ()))
    if mapping is not None:
        if mapping.no_header:
            start = header_row if header_row is not None else 0
            width = max((len(r) for r in rows[start : start + 200]), default=0)
            rows = [[str(i + 1) for i in range(width)], *rows[start:]]
            result = parse_transactions(rows, 0, "mapped", context, mapping, first_row=start + 1)
        else:
            index = header_row if header_row is not None else guess_header(rows)
            result = parse_transactions(rows, index, "mapped", context, mapping)
    else:
        found = detect(rows, name)
        if found is None:
            index = guess_header(rows)
            header = header_of(rows[index])
            return ImportResult(kind="needs_mapping", source="", header=header, header_row=index, lines=lines,
                                repaired=repaired)  # fmt: skip
        source, index = found
        if source == "budget":
            result = parse_budget(rows, index, lang)
        else:
            result = parse_transactions(rows, index, source, context, None)
    result.lines, result.repaired = lines, repaired
    return result
