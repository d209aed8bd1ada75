"""Recognising a statement's format, parsing its rows, and summarising them by month.

Formats recognised without help: Alipay and WeChat Pay bill exports, the banks' own
layouts (``banks.py``), other bank statements (signed amount, debit and credit columns, or
an unsigned amount with a direction column) and budget sheets (category / amount /
frequency). Anything else returns ``kind == "needs_mapping"`` with the header found, and
is parsed again with a user-made ``Mapping`` (columns by name, or by position for a file
without a header row). What a file leaves open — which way round its money is written, the
order of its dates, its decimal mark — is asked (``Choices``), never guessed silently. What
the rows mean across the file is worked out in ``meaning.py``; what they count as, in
``result.py``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter, itemgetter

from core.errors import InputError
from core.imports import meaning
from core.imports.banks import Layout, direction_sign, find_layout, month_day, title_month
from core.imports.categories import (
    BANKS,
    Categorizer,
    borrowed,
    category_label,
    default_rules,
    direction_of,
    from_people,
    is_refund,
    neutral_reason,
)
from core.imports.cells import date_order, decimal_comma, parse_amount, parse_date
from core.imports.result import Choices, ImportResult, Mapping, Transaction
from core.imports.safety import RefusedFile, check_upload
from core.imports.tables import MAX_ROWS, read_rows
from core.money import MAX_AMOUNT, round_money, to_cents
from core.months import format_month

__all__ = ["Choices", "ImportResult", "Mapping", "Transaction", "parse_amount", "parse_date", "read_statement"]

DATE_HEADERS = (
    "交易时间",
    "交易创建时间",
    "付款时间",
    "交易日期",
    "记账日期",
    "日期",
    "入账日期",
    "交易日",
    "记账日",
    "入账日",
    "银行记账日",
    "date",
    "transaction date",
    "posting date",
    "posted date",
    "value date",
    "booking date",
    "datum",
    "buchungstag",
    "date opération",
)
# An amount header may carry its currency in brackets ("Amount (USD)", "金额(人民币)"): it is
# matched without it (see _find).
AMOUNT_HEADERS = ("金额", "交易金额", "发生额", "收支金额", "入账金额", "结算金额", "记账金额", "人民币金额",
                  "amount", "transaction amount", "bedrag", "betrag", "montant")  # fmt: skip
DEBIT_HEADERS = (
    "支出",
    "支出金额",
    "借方金额",
    "借方发生额",
    "付款金额",
    "debit",
    "withdrawal",
    "withdrawals",
    "money out",
    "paid out",
    "debit amount",
    "withdrawal amount",
    "取出",
    "取出金额",
    "支取金额",
)
CREDIT_HEADERS = ("收入", "收入金额", "贷方金额", "贷方发生额", "存入金额", "存入", "credit", "deposit", "deposits", "money in",
                  "paid in", "credit amount", "deposit amount")  # fmt: skip
DESCRIPTION_HEADERS = (
    "摘要",
    "交易摘要",
    "交易描述",
    "交易说明",
    "说明",
    "描述",
    "交易详情",
    "交易名称",
    "附言",
    "交易附言",
    "商品说明",
    "商品",
    "交易对方",
    "对方户名",
    "用途",
    "交易类型",
    "备注",
    "description",
    "details",
    "memo",
    "narrative",
    "payee",
    "naam/omschrijving",
    "omschrijving",
    "mededelingen",
    "verwendungszweck",
    "libellé",
)
# The counterparty, the file's order number, how a wallet purchase was paid, the currency,
# and a direction column for an unsigned amount (the generic reader's; a bank's own layout
# names its own).
PARTY_HEADERS = ("对方户名", "对方账户名", "交易对方", "对手信息", "对方名称", "收款人", "付款人", "收款方", "对方账号与户名",
                 "counterparty", "payee", "name", "naam/omschrijving", "beneficiary")  # fmt: skip
REF_HEADERS = ("交易单号", "交易订单号", "交易号", "流水号", "交易流水号", "订单号", "商户单号", "商家订单号", "参考号",
               "reference", "transaction id", "ref")  # fmt: skip
VIA_HEADERS = ("收/付款方式", "支付方式", "付款方式")
CURRENCY_HEADERS = ("记账币种", "结算币种", "入账币种", "币种", "币别", "货币", "交易币种", "currency", "ccy", "munt",
                    "währung", "devise")  # fmt: skip
DIRECTION_COLUMN_HEADERS = ("借贷", "借/贷", "借贷标志", "借贷方向", "收支方向", "收支类型", "debit/credit", "credit/debit",
                            "dr/cr", "d/c", "c/d", "afbij", "af/bij", "soll/haben", "type")  # fmt: skip
CATEGORY_HEADERS = ("类别", "分类", "项目", "交易分类", "category", "item")
FREQUENCY_HEADERS = ("频率", "周期", "frequency", "how often")
DIRECTION_HEADERS = ("收/支", "收支", "类型", "income/expense", "type", "direction")
KIND_HEADERS = ("固定/浮动", "性质", "fixed/variable", "kind")
NOTE_HEADERS = ("备注", "说明", "note", "notes")

FREQUENCY_WORDS = {
    "weekly": ("每周", "周", "week", "weekly"),
    "monthly": ("每月", "月", "月度", "month", "monthly"),
    "quarterly": ("每季", "每季度", "季", "季度", "quarter", "quarterly"),
    "yearly": ("每年", "年", "年度", "year", "yearly", "annual", "annually"),
    "one_off": ("一次", "一次性", "单次", "once", "one-off", "one off", "oneoff"),
}


EARLIEST_DATE = dt.date(1990, 1, 1)  # a statement row before this, or a year after today, is a typing slip
HEADER_SCAN = 500  # rows searched for the header: a preamble of any length a real export has


def _norm(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return text.strip().replace("（", "(").replace("）", ")").replace(" ", "").lower()


# "(元)", "(USD)", "(人民币)" after a header: the column's unit, not its name.
_UNIT = re.compile(r"\((元|人民币|rmb|cny|usd|eur|gbp|hkd|jpy|aud|cad|sgd|美元|港币|欧元|¥|￥|£|\$|€)\)$")


# --- cell parsing --------------------------------------------------------------------
_ZERO = Decimal(0)
_NOT_A_NUMBER = object()  # cached: text that is no amount
_MISSING = object()


def _cents(value: Decimal) -> int:
    """Whole cents: an amount already to the cent as it is; any other by the app's one
    rounding rule (half-up), not the context's."""
    scaled = value * 100
    whole = int(scaled)
    return whole if whole == scaled else to_cents(value)


def _cached_date(cell: object, cache: dict, order: str | None = None) -> dt.date | None:
    """parse_date, or None for a bad date. Text dates are decided by their first ten
    characters (every accepted pattern fits in them), so those are the cache key."""
    if not isinstance(cell, str):
        try:
            return parse_date(cell)
        except (ValueError, TypeError, OverflowError):
            return None
    key = cell.strip().lstrip("\ufeff").strip("\t '\"")[:10]
    if key not in cache:
        try:
            cache[key] = parse_date(key, order)
        except (ValueError, TypeError, OverflowError):
            cache[key] = None
    return cache[key]


def _cached_amount(cell: object, cache: dict, comma: bool = False) -> Decimal | None:
    """parse_amount with text cells cached (raises ValueError for text that is no number)."""
    if not isinstance(cell, str):
        return parse_amount(cell)
    if cell in cache:
        value = cache[cell]
    else:
        try:
            value = parse_amount(cell, comma)
        except ValueError:
            value = _NOT_A_NUMBER
        cache[cell] = value
    if value is _NOT_A_NUMBER:
        raise ValueError
    return value


def _amount_or_none(cell: object, comma: bool = False) -> Decimal | None:
    try:
        return parse_amount(cell, comma)
    except ValueError:
        return None


def _last_number(row: list, comma: bool) -> object:
    """The row's last cell that is a number: the settled amount after its currency cell."""
    for cell in reversed(row):
        if not _blank(cell) and _amount_or_none(cell, comma) is not None:
            return cell
    return None


_SHORT_DATE = re.compile(r"^\d{6}$")


def _long_date(cell: object) -> object:
    """A date written YYMMDD (251103) as 20251103; any other cell as it is."""
    text = _text(cell)
    if _SHORT_DATE.match(text):
        return "20" + text
    return cell


def _text(cell: object) -> str:
    """A cell as stripped text; blank (None, NaN, spaces) is ''."""
    if cell is None:
        return ""
    if cell.__class__ is str:
        return cell.strip()
    if cell != cell:  # NaN
        return ""
    return str(cell).strip()


# --- detection -------------------------------------------------------------------------
def _find_named(header: list[str], names: str | None) -> int | None:
    """A layout's column: "存入|存入金额" is either name."""
    return _find(header, tuple(names.split("|"))) if names else None


@lru_cache(maxsize=256)
def _keys(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_norm(name) for name in names)


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    """The first of ``names`` the header holds (its unit in brackets aside), as a column."""
    return _find_normalized([_norm(h) for h in header], names)


def _find_normalized(normalized: list[str], names: tuple[str, ...]) -> int | None:
    bare = [_UNIT.sub("", h) for h in normalized]
    for key in _keys(names):
        if key in normalized:
            return normalized.index(key)
        if key in bare:
            return bare.index(key)
    return None


def _context_text(rows: list[list[object]], index: int, name: str) -> str:
    """The lines above a header and the file's name, as one text (a bank's name in them)."""
    above = " ".join(" ".join(str(c) for c in row if c is not None) for row in rows[:index])
    return f"{name} {above}"


def _detect(rows: list[list[object]], name: str = "") -> tuple[str, int] | None:
    for index, row in enumerate(rows[:HEADER_SCAN]):
        cells = {_norm(c) for c in row if c is not None and str(c).strip()}
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
        layout = find_layout(cells, lambda index=index: _context_text(rows, index, name))
        if layout is not None:
            return layout.source, index
        header = [_norm(c) for c in row]  # normalised once for every vocabulary
        has_date = _find_normalized(header, DATE_HEADERS) is not None
        has_amount = _find_normalized(header, AMOUNT_HEADERS) is not None
        has_pair = (_find_normalized(header, DEBIT_HEADERS) is not None
                    and _find_normalized(header, CREDIT_HEADERS) is not None)  # fmt: skip
        if has_date and (has_amount or has_pair):
            return "bank", index
        if not has_date and _find_normalized(header, CATEGORY_HEADERS) is not None and has_amount:
            return "budget", index
    return None


def _guess_header(rows: list[list[object]]) -> int:
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


# --- parsing -------------------------------------------------------------------------
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
) -> ImportResult:
    """Read a statement or budget sheet, or the one statement inside a zip file (password
    for a locked one). ``header_row`` (0-based) says where a mapped file's header is;
    ``choices`` what the user said about its money and dates; ``holder`` the account
    holder's names known from the profile. Raises RefusedFile for a file it will not read."""
    kind = check_upload(name, data)
    if kind == "zip":
        from core.imports.archive import unpack  # pyzipper and its AES code: only for a zip

        name, data = unpack(name, data, password)
        kind = check_upload(name, data)  # the statement inside: every check an upload gets
        if kind == "zip":
            raise RefusedFile("refuse.zip_nested")
    if kind == "pdf":
        from core.imports.pdf import read_pdf_rows  # pdfminer: only for a PDF

        rows = read_pdf_rows(data, password)
    elif kind in ("html", "eml"):
        from core.imports.html import email_html, read_html_rows

        rows = read_html_rows(*email_html(data)) if kind == "eml" else read_html_rows(data)
    else:
        rows = read_rows(kind, data)
    lines = getattr(rows, "lines", None)
    repaired = getattr(rows, "repaired", None)
    rules = rules if rules is not None else default_rules(lang)
    choices = choices or Choices()
    context = _Context(name, rules, lang, choices, list(holder or ()))
    if mapping is not None:
        if mapping.no_header:
            start = header_row if header_row is not None else 0
            width = max((len(r) for r in rows[start : start + 200]), default=0)
            rows = [[str(i + 1) for i in range(width)], *rows[start:]]
            result = _parse_transactions(rows, 0, "mapped", context, mapping, first_row=start + 1)
        else:
            index = header_row if header_row is not None else _guess_header(rows)
            result = _parse_transactions(rows, index, "mapped", context, mapping)
    else:
        found = _detect(rows, name)
        if found is None:
            index = _guess_header(rows)
            header = [str(c).strip() if c is not None else "" for c in rows[index]]
            return ImportResult(kind="needs_mapping", source="", header=header, header_row=index, lines=lines,
                                repaired=repaired)  # fmt: skip
        source, index = found
        if source == "budget":
            result = _parse_budget(rows, index, lang)
        else:
            result = _parse_transactions(rows, index, source, context, None)
    result.lines, result.repaired = lines, repaired
    return result


@dataclass(frozen=True)
class _Context:
    name: str
    rules: list[dict]
    lang: str
    choices: Choices
    holder: list[str]


def _check_data_rows(rows: list, index: int) -> None:
    if not 0 <= index < len(rows):  # a header line past the file's end (a mapping's line number)
        raise RefusedFile("refuse.no_rows")
    if len(rows) - index - 1 > MAX_ROWS:  # the rows under the header, not the header itself
        raise RefusedFile("refuse.too_many_rows", limit=f"{MAX_ROWS:,}")


_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


def _is_time_only(cell: object) -> bool:
    if isinstance(cell, dt.time):
        return True
    return isinstance(cell, str) and bool(_TIME_ONLY.match(cell.strip()))


def _date_column(header: list[str], rows: list, index: int) -> int | None:
    """The date column: of the headers that name a date (交易时间, 交易日期, ...), the first
    whose cells are dates. A column of times alone (招商银行: 交易日期 + 交易时间) is never it."""
    normalized = [_norm(h) for h in header]
    candidates = []
    for name in DATE_HEADERS:
        key = _norm(name)
        candidates += [i for i, h in enumerate(normalized) if h == key and i not in candidates]
    sample = [r for r in rows[index + 1 : index + 61] if any(not _blank(c) for c in r)]
    fallback = None
    for col in candidates:
        cells = [r[col] for r in sample if col < len(r) and not _blank(r[col])]
        if cells and all(_is_time_only(c) for c in cells):
            continue
        fallback = col if fallback is None else fallback
        dates = sum(1 for c in cells if _cached_date(c, {}) is not None)
        if cells and dates * 2 >= len(cells):
            return col
    return fallback


def _column_cells(rows: list, index: int, col: int | None, limit: int = 2000) -> list[object]:
    if col is None:
        return []
    return [r[col] for r in rows[index + 1 : index + 1 + limit] if col < len(r) and not _blank(r[col])]


def _readable_directions(cells: list[object]) -> bool:
    """A column whose cells (nearly) all read as money out or in: 借/贷, 收/支, D/C, Af/Bij."""
    words = [_text(c) for c in cells[:200]]
    return bool(words) and sum(direction_sign(w) is not None for w in words) * 10 >= len(words) * 9


def _parse_transactions(rows, index, source, context: _Context, mapping: Mapping | None,
                        first_row: int | None = None) -> ImportResult:  # fmt: skip
    """The transactions under the header at ``index``. ``first_row``: the file's line number
    of the first data row when it is not the line after the header (a file with no header)."""
    _check_data_rows(rows, index)
    lang, choices = context.lang, context.choices
    header = [str(c).strip() if c is not None else "" for c in rows[index]]
    result = ImportResult(kind="statement", source=source, header=header, header_row=index)

    def col(names: tuple[str, ...], mapped: str | None = None) -> int | None:
        if mapping is not None:
            return header.index(mapped) if mapped in header else None
        return _find(header, names)

    # A bank's own layout: its columns by name, unless the user picked them (its signs and
    # its 借/贷 column still apply then: a mapping changes which column, not what it means).
    layout = (
        find_layout({_norm(h) for h in header}, lambda: _context_text(rows, index, context.name))
        if mapping is None or not mapping.no_header
        else None
    )
    if layout is not None and mapping is None:
        date_cols = [i for i in (_find_named(header, name) for name in layout.date) if i is not None]
        date_col = date_cols[0] if date_cols else None
        amount_col, debit_col, credit_col = (
            _find_named(header, name) for name in (layout.amount, layout.debit, layout.credit)
        )
    else:
        date_cols = []
        date_col = col((), mapping.date) if mapping else _date_column(header, rows, index)
        amount_col = col(AMOUNT_HEADERS, mapping.amount if mapping else None)
        debit_col = col(DEBIT_HEADERS, mapping.debit if mapping else None)
        credit_col = col(CREDIT_HEADERS, mapping.credit if mapping else None)
    if source in ("alipay", "wechat"):
        debit_col = credit_col = None
    if (date_col is None or (amount_col is None and debit_col is None and credit_col is None)
            or (amount_col is None and (debit_col is None or credit_col is None) and mapping is None)):  # fmt: skip
        refused = RefusedFile("refuse.no_rows")  # the columns can be picked anew, from this header
        refused.header, refused.header_row = header, index
        refused.columns = mapping or Mapping(date=header[date_col] if date_col is not None else None)
        raise refused

    def name(i: int | None) -> str | None:
        return header[i] if i is not None and i < len(header) and header[i] else None

    if mapping is not None:
        text_cols = [c for c in (col((), mapping.description), col((), mapping.category)) if c is not None]
        category_col = col((), mapping.category)
    elif layout is not None:
        text_cols = [i for i in (_find_named(header, name) for name in layout.text) if i is not None]
        category_col = None
    else:
        text_cols = [i for i, h in enumerate(header) if _norm(h) in {_norm(n) for n in DESCRIPTION_HEADERS}]
        category_col = _find(header, ("交易分类", "类别", "分类", "category"))
    flag_col = _find(header, ("收/支",)) if source in ("alipay", "wechat") else None
    # An unsigned amount read with a direction column: the layout's, the one the user
    # picked, or (for an unknown bank) one whose cells all read as 借/贷, D/C, Af/Bij.
    if layout is not None and layout.direction and (mapping is None or mapping.direction is None):
        direction_col = _find_named(header, layout.direction)
    elif mapping is not None:
        direction_col = col((), mapping.direction)
    elif source == "bank" and amount_col is not None:
        found = _find(header, DIRECTION_COLUMN_HEADERS)
        direction_col = found if found is not None and _readable_directions(_column_cells(rows, index, found)) else None
    else:
        direction_col = None
    result.columns = Mapping(
        date=name(date_col),
        amount=name(amount_col),
        debit=name(debit_col),
        credit=name(credit_col),
        description=name(text_cols[0]) if text_cols else None,
        category=name(category_col),
        direction=name(direction_col),
        no_header=bool(mapping and mapping.no_header),
    )
    statement_month = title_month(rows, index) if layout is not None and layout.year_from_title else None
    status_col = _find(header, ("交易状态", "当前状态", "状态", "status"))
    party_col = _find(header, PARTY_HEADERS) if mapping is None else None
    # The payee of money out and the payer of money in, where a layout names them apart
    # (平安银行); the counterparty's words categorise a payment-channel row (快捷支付 to 三快).
    party_out_col = party_in_col = None
    if layout is not None and mapping is None:
        if layout.party:
            party_col = _find_named(header, layout.party)
        elif layout.party_out:
            party_col = None
            party_out_col, party_in_col = _find_named(header, layout.party_out), _find_named(header, layout.party_in)
    ref_col = _find(header, REF_HEADERS) if mapping is None else None
    via_col = _find(header, VIA_HEADERS) if source in ("alipay", "wechat") else None
    if layout is not None and layout.currency and mapping is None:
        currency_col = _find_named(header, layout.currency)
    else:
        currency_col = _find(header, CURRENCY_HEADERS) if mapping is None or not mapping.no_header else None
    if party_col is not None and party_col not in text_cols and mapping is None:
        text_cols.append(party_col)
    amount_last = layout is not None and layout.amount_last and mapping is None
    short_dates = layout is not None and layout.short_dates

    # What the file leaves open: the order of its dates, its decimal mark.
    money_cells = [c for i in (amount_col, debit_col, credit_col) for c in _column_cells(rows, index, i)]
    comma = choices.decimal_comma if choices.decimal_comma is not None else decimal_comma(money_cells)
    order = choices.date_order
    if order is None:
        found_order = date_order(_column_cells(rows, index, date_col, 5000))
        if found_order == "unsure":
            result.date_order_unsure = True
            result.date_examples = [_text(c) for c in _column_cells(rows, index, date_col, 3)]
        elif found_order:
            order = found_order
    other = category_label("other", lang)
    other_income = category_label("other_income", lang)
    people = category_label("from_people", lang)
    categorizer = Categorizer(context.rules)

    # Rows are padded so every column index is valid; a missing column reads the padding
    # cell at -1, which is always None. Parsed dates, amounts and categories are cached by
    # the text they come from: statements repeat days, amounts and merchants a great deal.
    width = len(header)
    date_i, amount_i, debit_i, credit_i, flag_i, status_i, category_i, direction_i, party_i, ref_i, via_i, cur_i = (
        -1 if i is None else i
        for i in (
            date_col,
            amount_col,
            debit_col,
            credit_col,
            flag_col,
            status_col,
            category_col,
            direction_col,
            party_col,
            ref_col,
            via_col,
            currency_col,
        )  # fmt: skip
    )
    text_is = [i for i in text_cols if i is not None]
    # The cells read from every row, taken at C speed (a tuple: itemgetter of one index gives the cell alone).
    other_cells = itemgetter(status_i, category_i, flag_i, party_i, ref_i, via_i, cur_i)
    text_cells = itemgetter(*text_is, -1, -1)  # two padding cells (None) at the end: always a tuple
    date_cache: dict[str, dt.date | None] = {}
    amount_cache: dict[str, Decimal | None] = {}
    # Money out and money in in two columns: a negative figure in the money-out column is a
    # reversal (冲账: money back in) when the column's other figures are positive; a file
    # that writes every figure of it negative only marks money out so.
    debit_reversal = debit_col is not None and any(
        (value := _amount_or_none(c, comma)) is not None and value > 0 for c in _column_cells(rows, index, debit_col)
    )
    # Which way round a signed column writes its money is known only once every row is read
    # (see meaning.py): such a file's rows are kept and counted after the loop; any other
    # file's are counted as they are read.
    titled = meaning.card_title(rows, index, context.name)
    signed_generic = (
        layout is None and source in ("bank", "mapped") and amount_col is not None and direction_col is None
    )
    currency_cells = [_text(c) for c in _column_cells(rows, index, currency_col)]  # a 币种 column's usual value
    main, _ = meaning.main_currency(currency_cells)
    meaning_cache: dict[tuple, tuple[str | None, str, bool]] = {}
    statuses: dict[int, str] = {}
    flip = False
    transactions = result.transactions

    def emit(offset, date, cents, text, status, source_category, flag, party, ref, via, currency) -> None:
        """One row read, counted: its direction by the file's flag, what it means by its words."""
        if flip:
            cents = -cents
        neutral = None
        if flag is not None:
            if flag in ("收入", "income"):
                cents = abs(cents)
            elif flag in ("支出", "expense"):
                cents = -abs(cents)
            else:
                neutral = "flag"
        key = (text, status, source_category, cents > 0)
        found = meaning_cache.get(key)
        if found is None:
            words = f"{text} {source_category}"
            refund = cents > 0 and is_refund(words)  # money back: it lowers spending
            fallback = source_category or (other_income if cents > 0 and not refund else other)
            reason, category = neutral_reason(words, status), categorizer(words, fallback)
            if cents > 0 and not refund and reason is None and category == fallback and from_people(words):
                category = people  # a transfer or red packet from a person: irregular income
            found = meaning_cache[key] = (reason, category, refund)
        reason, category, refund = found
        if reason == "debt" and neutral == "flag":  # 不计收支 / "/": the file gives no direction
            cents = abs(cents) if borrowed(text) else -abs(cents)
        if reason in ("closed", "debt") or (neutral is None and reason):
            neutral = reason  # a repayment is debt service even where the file says 不计收支
        if main and currency and neutral is None:
            other_currency = meaning.currency_of(currency)
            if other_currency and other_currency != main:
                neutral = "foreign"
        if status and "退款" in status:  # what pairing refunds reads (已退款(￥20.00), 退款成功)
            statuses[offset] = status
        transactions.append(Transaction(offset, date, cents, text, category, neutral, refund, ref, party, via))

    earliest, latest = EARLIEST_DATE, dt.date.today() + dt.timedelta(days=366)
    read = []  # signed files: (row, date, amount, words, status, source category, flag, party, ref, via, currency)
    first = []  # the first rows (date, amount as written, words), for the direction question
    base = first_row if first_row is not None else index + 2
    for offset, row in enumerate(rows[index + 1 :], start=base):
        row = [*row, *([None] * (width - len(row))), None] if len(row) < width else [*row, None]
        raw_date, raw_amount, raw_debit, raw_credit = row[date_i], row[amount_i], row[debit_i], row[credit_i]
        if _blank(raw_date) and _blank(raw_amount) and _blank(raw_debit) and _blank(raw_credit):
            continue
        if isinstance(raw_date, str) and raw_date.strip().startswith(FOOTERS):
            continue  # footer lines of Alipay/bank exports
        failed = False
        if len(date_cols) > 1 and _blank(raw_date):
            raw_date = next((row[i] for i in date_cols[1:] if not _blank(row[i])), raw_date)  # 交易日 blank: 记账日
        if short_dates:
            raw_date = _long_date(raw_date)
        date = _cached_date(raw_date, date_cache, order)
        if date is None and statement_month is not None:
            date = _dated_in(statement_month, _text(raw_date))
        if date is not None and not earliest <= date <= latest:  # 2062 for 2026, 0001: a typing slip
            result.errors.append(InputError("date", "err.date_range", {"value": date.isoformat(),
                                            "low": earliest.isoformat(), "high": latest.isoformat()}, row=offset))  # fmt: skip
            failed, date = True, None
        elif date is None:
            lead = next((c for c in row if not _blank(c)), None)
            if isinstance(lead, str) and lead.strip().startswith(FOOTER_WORDS):
                continue  # a footer (合计, 说明：…) that starts in another column than the date's
            result.errors.append(InputError("date", "err.bad_date", {"value": _show(raw_date)}, row=offset))
            failed = True
        amount = None
        try:
            if amount_last:
                raw_amount = _last_number(row, comma)
            if amount_col is not None:
                amount = amount_cache.get(raw_amount, _MISSING) if raw_amount.__class__ is str else _MISSING
                if amount is _MISSING or amount is _NOT_A_NUMBER:  # the cache's hit inline: most rows
                    amount = _cached_amount(raw_amount, amount_cache, comma)
            else:
                debit = _cached_amount(raw_debit, amount_cache, comma)
                credit = _cached_amount(raw_credit, amount_cache, comma)
                if debit is not None or credit is not None:
                    debit = debit or _ZERO
                    amount = (credit or _ZERO) - (debit if debit_reversal else abs(debit))
            if amount is None:
                raise ValueError
        except ValueError:
            amount = None
            bad = raw_amount if amount_col is not None else f"{_show(raw_debit)} / {_show(raw_credit)}"
            result.errors.append(InputError("amount", "err.bad_amount", {"value": _show(bad)}, row=offset))
            failed = True
        # The row's words: text cells stripped (nearly every cell: the fast path), others as _text.
        text = " ".join(
            filter(None, [c.strip() if c.__class__ is str else "" if c is None else _text(c) for c in text_cells(row)])
        )
        if amount is not None and layout is not None and (mapping is None or mapping.direction is None):
            amount, problem = _bank_sign(layout, amount, _text(row[direction_i]), text)
            if problem:
                result.errors.append(InputError("direction", "err.bad_direction", {"value": problem}, row=offset))
                failed = True
        elif amount is not None and direction_col is not None:
            sign = direction_sign(_text(row[direction_i]))
            if sign is None:
                result.errors.append(InputError("direction", "err.bad_direction",
                                                {"value": _text(row[direction_i]) or "—"}, row=offset))  # fmt: skip
                failed = True
            else:
                amount = abs(amount) * sign
        if amount is not None and abs(amount) > MAX_AMOUNT:
            result.errors.append(InputError("amount", "err.absurd_amount", {"value": f"{amount:,}"}, row=offset))
            failed = True
        if failed:
            continue
        # The row's other cells as text: the text cells stripped, anything else through _text
        # (the fast path inline: these run once a row for every row of a long statement).
        status, category, flag, party, ref, via, currency = [
            c.strip() if c.__class__ is str else "" if c is None else _text(c) for c in other_cells(row)
        ]
        if flag_col is None:
            flag = None  # no 收/支 column: the amount's sign says it
        if party_out_col is not None:  # the payee of money out, the payer of money in
            party = _text(row[party_out_col if amount < 0 else party_in_col if party_in_col is not None else -1])
            text = f"{text} {party}" if party else text
        cents = _cents(amount)
        if len(first) < 8:
            first.append((date, cents, text))
        if signed_generic:
            read.append((offset, date, cents, text, status, category, flag, party, ref, via, currency))
        else:
            emit(offset, date, cents, text, status, category, flag, party, ref, via, currency)
    if not first:  # nothing read is a refusal that says why, never an empty success
        refused = RefusedFile("refuse.no_rows", details=result.errors)
        refused.header, refused.columns = header, result.columns  # the columns can be picked anew
        refused.header_row = index
        raise refused

    # Which way round the money is: a card's statement, a signed column that may write
    # money out positive (see meaning.py).
    card = layout is not None and mapping is None and source.endswith("_credit")
    if signed_generic:
        sample = [(r[2], r[3]) for r in read]
        salary = meaning.has_salary(sample)  # a salary is paid into an account, never onto a card
        in_sign, conflict = meaning.direction_evidence(sample, titled and not salary)
        card = not salary and (titled or meaning.is_card_by_rows(sample, in_sign))
        if choices.money_out is not None:
            flip = choices.money_out == "positive"
        elif in_sign is not None:
            flip = in_sign < 0
        elif conflict or meaning.mostly_positive(sample):
            result.direction_unsure = True  # the rows say both ways, or nothing: asked
            flip = titled  # shown as read, and asked
        for row in read:
            emit(*row)
    result.first_rows = first  # as the file writes them, for the question
    if card:
        result.card = True
        meaning.card_money_in(result.transactions)
        result.lender = _card_lender(source, rows, index)
        for tx in result.transactions:  # its repayments repay this card, also read beside other statements
            tx.lender = result.lender
    result.holder = [*context.holder, *[n for n in meaning.holder_names(rows, index) if n not in context.holder]]
    meaning.own_moves(result.transactions, result.holder)
    result.refunds_netted = meaning.pair_refunds(result.transactions, statuses)
    for tx in filter(attrgetter("refund"), result.transactions):  # money back lowers spending: never
        if tx.category == other_income:  # an "other income" line
            tx.category = other
    result.currency, result.currency_said = meaning.statement_currency(
        header,
        rows,
        index,
        _column_cells(rows, index, amount_col if amount_col is not None else debit_col, 200),
        currency_cells,
    )
    if main:
        result.currency = main
    result.account = meaning.account_of(rows, index)
    period = meaning.statement_period(rows, index)
    result.partial = meaning.partial_months([] if period else [tx.date for tx in result.counted], period)
    result.stated = period
    return result


_SOURCE_LENDERS = {"icbc": "工行", "ccb": "建行", "abc": "农行", "boc": "中行", "bocom": "交行", "cmb": "招行",
                   "citic": "中信", "cgb": "广发", "spdb": "浦发", "psbc": "邮储", "cib": "兴业", "pingan": "平安",
                   "ceb": "光大", "cmbc": "民生"}  # fmt: skip


def _card_lender(source: str, rows: list, index: int) -> str:
    """The card's lender as the Debts page names it: by its layout, else by a bank's name
    above the header, else "信用卡"."""
    short = _SOURCE_LENDERS.get(source.removesuffix("_credit"))
    if short is None:
        text = " ".join(" ".join(str(c) for c in r if c is not None) for r in rows[:index])
        short = next((s for word, s in BANKS.items() if word in text), "")
    return f"{short}信用卡"


FOOTER_WORDS = ("合计", "总计", "人民币合计", "以上数据", "温馨提示", "注：", "说明：", "说明:", "Total")
FOOTERS = ("-", "#", "共", "导出", *FOOTER_WORDS)


def _bank_sign(layout: Layout, amount: Decimal, direction: str, words: str = "") -> tuple[Decimal, str]:
    """The amount signed as the app counts it (money in positive), by the bank's layout:
    a 借/贷 column for an unsigned amount, a credit card's positive = spending, or, on a
    card statement of unsigned amounts, its words (退货, 还款: money in; else spending).
    Returns (amount, problem): problem is the unreadable 借/贷 text, else ""."""
    if layout.direction:
        sign = direction_sign(direction)
        if sign is None:
            return amount, direction or "—"
        return abs(amount) * sign, ""
    if layout.card_in:
        return (abs(amount) if any(word in words for word in layout.card_in) else -abs(amount)), ""
    if layout.card:
        return -amount, ""
    return amount, ""


def _dated_in(statement: tuple[int, int], text: str) -> dt.date | None:
    """A date written MM/DD on a statement of (year, month): a month after the statement's
    is the year before (12/29 on the January 2024 statement is 2023-12-29)."""
    found = month_day(text)
    if found is None:
        return None
    month, day = found
    year = statement[0] - (1 if month > statement[1] else 0)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _parse_budget(rows, index, lang) -> ImportResult:
    from core.profile import infer, inferred  # the worksheet's own reading of a row's words

    _check_data_rows(rows, index)
    header = [str(c).strip() if c is not None else "" for c in rows[index]]
    result = ImportResult(kind="budget", source="budget", header=header, header_row=index)
    category_col = _find(header, CATEGORY_HEADERS)
    amount_col = _find(header, AMOUNT_HEADERS)
    frequency_col = _find(header, FREQUENCY_HEADERS)
    direction_col = _find(header, DIRECTION_HEADERS)
    kind_col = _find(header, KIND_HEADERS)
    note_col = _find(header, NOTE_HEADERS)
    month_col = _find(header, ("月份", "日期", "month", "date"))
    for offset, row in enumerate(rows[index + 1 :], start=index + 2):

        def cell(i: int | None, row: list = row) -> object:
            return row[i] if i is not None and i < len(row) else None

        category, raw_amount = cell(category_col), cell(amount_col)
        if _blank(category) and _blank(raw_amount):
            continue
        try:
            amount = parse_amount(raw_amount)
            if amount is None:
                raise ValueError
        except ValueError:
            result.errors.append(InputError("amount", "err.bad_amount", {"value": _show(raw_amount)}, row=offset))
            continue
        if abs(amount) > MAX_AMOUNT:
            result.errors.append(InputError("amount", "err.absurd_amount", {"value": f"{amount:,}"}, row=offset))
            continue
        frequency = "monthly"
        if not _blank(cell(frequency_col)):
            word = _norm(cell(frequency_col))
            frequency = next((f for f, words in FREQUENCY_WORDS.items() if word in words or word == f), "")
            if not frequency:
                result.errors.append(
                    InputError("frequency", "err.bad_frequency", {"value": _show(cell(frequency_col))}, row=offset)
                )
                continue
        name = "" if _blank(category) else str(category).strip()
        direction_text = "" if _blank(cell(direction_col)) else _norm(cell(direction_col))
        if direction_text in ("收入", "income", "in", "收"):
            direction = "income"
        elif direction_text in ("支出", "expense", "out", "支"):
            direction = "expense"
        else:
            direction = direction_of(name) or infer("worksheet", "direction", {"category": name}) or "expense"
        kind_text = "" if _blank(cell(kind_col)) else _norm(cell(kind_col))
        if kind_text in ("浮动", "可变", "变动", "variable"):
            kind = "variable"
        elif kind_text in ("固定", "fixed"):
            kind = "fixed"
        else:  # the words of the row decide, as in the worksheet's short form
            kind = inferred("worksheet", "kind", {"category": name, "note": cell(note_col)})[0]
            if direction == "income" and infer("worksheet", "kind", {"category": name}) is None:
                kind = "fixed"
        month = None
        if frequency == "one_off" and not _blank(cell(month_col)):
            try:
                month = format_month(_month_index(cell(month_col)))
            except ValueError:
                result.errors.append(
                    InputError("month", "err.bad_month", {"value": _show(cell(month_col))}, row=offset)
                )
                continue
        note = "" if _blank(cell(note_col)) else str(cell(note_col)).strip()
        result.budget_rows.append(
            {
                "category": name or category_label("other", lang),
                "direction": direction,
                "kind": kind,
                "amount": float(round_money(abs(amount))),
                "frequency": frequency,
                "month": month,
                "note": note or None,
            }
        )
    if not result.budget_rows:
        raise RefusedFile("refuse.no_rows", details=result.errors)
    return result


def _month_index(cell: object) -> int:
    from core.months import parse_month

    try:
        return parse_month(cell if not isinstance(cell, str) else cell.strip())
    except ValueError:
        date = parse_date(cell)
        return date.year * 12 + date.month - 1


def _blank(value: object) -> bool:
    if value is None:
        return True
    if value.__class__ is str:
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def _show(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:37] + "…"
