"""Which kind of file a statement is, and where its header is.

``detect`` reads down the rows for the first header it knows: an Alipay or WeChat Pay
bill, a bank's own layout (``banks.py``), another bank statement (a date column and an
amount, or a money-out and a money-in column) or a budget sheet (category and amount, no
date). A file it does not know is read with a user-made mapping; ``guess_header`` offers
its first row of text as the header to map.
"""

from __future__ import annotations

from core.imports.banks import find_layout
from core.imports.cells import parse_amount
from core.imports.headers import (
    AMOUNT_HEADERS,
    CATEGORY_HEADERS,
    CREDIT_HEADERS,
    DATE_HEADERS,
    DEBIT_HEADERS,
    find_normalized,
    norm,
)

HEADER_SCAN = 500  # rows searched for the header: a preamble of any length a real export has


def context_text(rows: list[list[object]], index: int, name: str) -> str:
    """The lines above a header and the file's name, as one text (a bank's name in them)."""
    above = " ".join(" ".join(str(c) for c in row if c is not None) for row in rows[:index])
    return f"{name} {above}"


def detect(rows: list[list[object]], name: str = "") -> tuple[str, int] | None:
    """(source, header row): "wechat", "alipay", a bank layout's source, "bank" or
    "budget"; None for a file whose header it does not know."""
    for index, row in enumerate(rows[:HEADER_SCAN]):
        cells = {norm(c) for c in row if c is not None and str(c).strip()}
        if len(cells) < 2:
            continue
        if "交易时间" in cells and "收/支" in cells and ("金额(元)" in cells or "当前状态" in cells):
            return "wechat", index
        if (
            ("交易时间" in cells or "交易创建时间" in cells)
            and "收/支" in cells
            and any(c.startswith("金额") for c in cells)
        ):
            return "alipay", index
        layout = find_layout(cells, lambda index=index: context_text(rows, index, name))
        if layout is not None:
            return layout.source, index
        header = [norm(c) for c in row]  # normalised once for every vocabulary
        has_date = find_normalized(header, DATE_HEADERS) is not None
        has_amount = find_normalized(header, AMOUNT_HEADERS) is not None
        has_pair = (find_normalized(header, DEBIT_HEADERS) is not None
                    and find_normalized(header, CREDIT_HEADERS) is not None)  # fmt: skip
        if has_date and (has_amount or has_pair):
            return "bank", index
        if not has_date and find_normalized(header, CATEGORY_HEADERS) is not None and has_amount:
            return "budget", index
    return None


def guess_header(rows: list[list[object]]) -> int:
    """The first row of two or more text cells, none of them a number (else the first row)."""
    for index, row in enumerate(rows[:HEADER_SCAN]):
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        if len(texts) >= 2 and not any(_looks_numeric(c) for c in texts):
            return index
    return 0


def _looks_numeric(text: str) -> bool:
    try:
        parse_amount(text)
        return True
    except ValueError:
        return False
