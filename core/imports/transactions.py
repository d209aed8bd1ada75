"""A statement's transactions: the rows under its header, each dated, signed as the app
counts money (money in positive) and categorised by its words.

``parse_transactions`` takes these steps, one function each:

1. ``_columns``: where each thing is, by a bank's own layout (``banks.py``), the user's
   mapping, or the header's words (``headers.py``);
2. ``_open_questions``: what the file leaves open (its decimal mark, the order of its
   dates): the user's answer, else what its columns say, else asked;
3. ``_read_rows``: each row's date, amount and words, a row that cannot be read collected
   as an error with its line number;
4. ``_counter``: each row read counted: its direction by the file's 收/支 flag, what it
   means (a repayment, a move of one's own money, a refund) and its category by its words;
5. ``_money_out_flip``: for a signed column whose way round is not known until every row
   is read, which way round it writes money out (see ``meaning.py``);
6. ``_whole_file``: what the rows say together: a card's statement, the account holder,
   moves between one's own accounts, refunds, the currency, the account and the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter, itemgetter

from core.errors import InputError
from core.imports import meaning
from core.imports.banks import Layout, direction_sign, find_layout, month_day, title_month
from core.imports.categories import (
    Categorizer,
    borrowed,
    category_label,
    from_people,
    is_refund,
    neutral_reason,
)
from core.imports.cells import (
    NOT_A_NUMBER,
    amount_or_none,
    blank,
    cached_amount,
    cached_date,
    cell_text,
    date_order,
    decimal_comma,
    is_time_only,
    last_number,
    long_date,
    shown,
    whole_cents,
)
from core.imports.detect import context_text
from core.imports.headers import (
    AMOUNT_HEADERS,
    CREDIT_HEADERS,
    CURRENCY_HEADERS,
    DATE_HEADERS,
    DEBIT_HEADERS,
    DESCRIPTION_HEADERS,
    DIRECTION_COLUMN_HEADERS,
    FLAG_HEADERS,
    PARTY_HEADERS,
    REF_HEADERS,
    SOURCE_CATEGORY_HEADERS,
    STATUS_HEADERS,
    VIA_HEADERS,
    find,
    find_named,
    header_of,
    norm,
)
from core.imports.result import Choices, ImportResult, Mapping, Transaction
from core.imports.safety import RefusedFile
from core.imports.tables import check_data_rows
from core.loans.money import MAX_AMOUNT
from core.vocabulary import BANKS

EARLIEST_DATE = dt.date(1990, 1, 1)  # a statement row before this, or a year after today, is a typing slip
FOOTER_WORDS = ("合计", "总计", "人民币合计", "以上数据", "温馨提示", "注：", "说明：", "说明:", "Total")
FOOTERS = ("-", "#", "共", "导出", *FOOTER_WORDS)
WALLETS = ("alipay", "wechat")  # the payment apps' bills: a 收/支 flag, one amount column

_ZERO = Decimal(0)
_MISSING = object()


@dataclass(frozen=True)
class Context:
    """What a statement is read with besides its rows: the file's name, the keyword rules,
    the user's language, their answers to the file's questions and the holder's names."""

    name: str
    rules: list[dict]
    lang: str
    choices: Choices
    holder: list[str]


@dataclass(frozen=True)
class _Columns:
    """Where each thing is in a row (None: the file has no such column)."""

    layout: Layout | None  # a bank's own layout
    date: int | None
    dates: list[int]  # a layout's date columns in order (交易日 blank: 记账日)
    amount: int | None
    debit: int | None  # money out
    credit: int | None  # money in
    text: list[int]  # the columns whose words describe the row
    category: int | None  # the file's own category
    flag: int | None  # a wallet's 收/支
    direction: int | None  # a 借/贷 column for an unsigned amount
    status: int | None
    party: int | None  # the counterparty
    party_out: int | None  # the payee of money out, where a layout names it apart (平安银行)
    party_in: int | None  # the payer of money in
    ref: int | None
    via: int | None  # how a wallet purchase was paid
    currency: int | None


def parse_transactions(rows, index, source, context: Context, mapping: Mapping | None,
                       first_row: int | None = None) -> ImportResult:  # fmt: skip
    """The transactions under the header at ``index``. ``first_row``: the file's line number
    of the first data row when it is not the line after the header (a file with no header)."""
    check_data_rows(rows, index)
    header = header_of(rows[index])
    result = ImportResult(kind="statement", source=source, header=header, header_row=index)
    cols = _columns(header, rows, index, source, context, mapping)
    result.columns = _chosen(header, cols, mapping)
    comma, order = _open_questions(rows, index, cols, context.choices, result)
    currency_cells = [cell_text(c) for c in _column_cells(rows, index, cols.currency)]  # a 币种 column's usual value
    main, _ = meaning.main_currency(currency_cells)
    statuses: dict[int, str] = {}
    emit = _counter(result, context, main, statuses)
    # Which way round a signed column writes its money is known only once every row is read
    # (see meaning.py): such a file's rows are kept and counted after the loop; any other
    # file's are counted as they are read.
    signed_generic = (
        cols.layout is None and source in ("bank", "mapped") and cols.amount is not None and cols.direction is None
    )
    base = first_row if first_row is not None else index + 2
    read, first = _read_rows(rows, index, base, header, cols, comma, order, mapping, result,
                             None if signed_generic else emit)  # fmt: skip
    if not first:  # nothing read is a refusal that says why, never an empty success
        refused = RefusedFile("refuse.no_rows", details=result.errors)
        refused.header, refused.columns = header, result.columns  # the columns can be picked anew
        refused.header_row = index
        raise refused
    # Which way round the money is: a card's statement, a signed column that may write
    # money out positive (see meaning.py).
    card = cols.layout is not None and mapping is None and source.endswith("_credit")
    if signed_generic:
        flip, card = _money_out_flip(read, rows, index, context, result)
        for offset, date, cents, *rest in read:
            emit(offset, date, -cents if flip else cents, *rest)
    result.first_rows = first  # as the file writes them, for the question
    _whole_file(result, rows, index, source, context, cols, card, statuses, currency_cells, main)
    return result


def _columns(header: list[str], rows: list, index: int, source: str, context: Context,
             mapping: Mapping | None) -> _Columns:  # fmt: skip
    """Each thing's column. Raises RefusedFile (with the header, for the columns to be
    picked anew) when there is no date or no money column."""

    def col(names: tuple[str, ...], mapped: str | None = None) -> int | None:
        if mapping is not None:
            return header.index(mapped) if mapped in header else None
        return find(header, names)

    # A bank's own layout: its columns by name, unless the user picked them (its signs and
    # its 借/贷 column still apply then: a mapping changes which column, not what it means).
    layout = (
        find_layout({norm(h) for h in header}, lambda: context_text(rows, index, context.name))
        if mapping is None or not mapping.no_header
        else None
    )
    if layout is not None and mapping is None:
        date_cols = [i for i in (find_named(header, name) for name in layout.date) if i is not None]
        date_col = date_cols[0] if date_cols else None
        amount_col, debit_col, credit_col = (
            find_named(header, name) for name in (layout.amount, layout.debit, layout.credit)
        )
    else:
        date_cols = []
        date_col = col((), mapping.date) if mapping else _date_column(header, rows, index)
        amount_col = col(AMOUNT_HEADERS, mapping.amount if mapping else None)
        debit_col = col(DEBIT_HEADERS, mapping.debit if mapping else None)
        credit_col = col(CREDIT_HEADERS, mapping.credit if mapping else None)
    if source in WALLETS:
        debit_col = credit_col = None
    if (date_col is None or (amount_col is None and debit_col is None and credit_col is None)
            or (amount_col is None and (debit_col is None or credit_col is None) and mapping is None)):  # fmt: skip
        refused = RefusedFile("refuse.no_rows")  # the columns can be picked anew, from this header
        refused.header, refused.header_row = header, index
        refused.columns = mapping or Mapping(date=header[date_col] if date_col is not None else None)
        raise refused

    if mapping is not None:
        text_cols = [c for c in (col((), mapping.description), col((), mapping.category)) if c is not None]
        category_col = col((), mapping.category)
    elif layout is not None:
        text_cols = [i for i in (find_named(header, name) for name in layout.text) if i is not None]
        category_col = None
    else:
        text_cols = [i for i, h in enumerate(header) if norm(h) in {norm(n) for n in DESCRIPTION_HEADERS}]
        category_col = find(header, SOURCE_CATEGORY_HEADERS)
    # An unsigned amount read with a direction column: the layout's, the one the user
    # picked, or (for an unknown bank) one whose cells all read as 借/贷, D/C, Af/Bij.
    if layout is not None and layout.direction and (mapping is None or mapping.direction is None):
        direction_col = find_named(header, layout.direction)
    elif mapping is not None:
        direction_col = col((), mapping.direction)
    elif source == "bank" and amount_col is not None:
        found = find(header, DIRECTION_COLUMN_HEADERS)
        direction_col = found if found is not None and _readable_directions(_column_cells(rows, index, found)) else None
    else:
        direction_col = None
    party_col = find(header, PARTY_HEADERS) if mapping is None else None
    # The payee of money out and the payer of money in, where a layout names them apart
    # (平安银行); the counterparty's words categorise a payment-channel row (快捷支付 to 三快).
    party_out_col = party_in_col = None
    if layout is not None and mapping is None:
        if layout.party:
            party_col = find_named(header, layout.party)
        elif layout.party_out:
            party_col = None
            party_out_col, party_in_col = find_named(header, layout.party_out), find_named(header, layout.party_in)
    if layout is not None and layout.currency and mapping is None:
        currency_col = find_named(header, layout.currency)
    else:
        currency_col = find(header, CURRENCY_HEADERS) if mapping is None or not mapping.no_header else None
    if party_col is not None and party_col not in text_cols and mapping is None:
        text_cols.append(party_col)
    return _Columns(
        layout=layout,
        date=date_col,
        dates=date_cols,
        amount=amount_col,
        debit=debit_col,
        credit=credit_col,
        text=text_cols,
        category=category_col,
        flag=find(header, FLAG_HEADERS) if source in WALLETS else None,
        direction=direction_col,
        status=find(header, STATUS_HEADERS),
        party=party_col,
        party_out=party_out_col,
        party_in=party_in_col,
        ref=find(header, REF_HEADERS) if mapping is None else None,
        via=find(header, VIA_HEADERS) if source in WALLETS else None,
        currency=currency_col,
    )


def _chosen(header: list[str], cols: _Columns, mapping: Mapping | None) -> Mapping:
    """The columns read, by their header names: what the page offers to pick anew."""

    def name(i: int | None) -> str | None:
        return header[i] if i is not None and i < len(header) and header[i] else None

    return Mapping(
        date=name(cols.date),
        amount=name(cols.amount),
        debit=name(cols.debit),
        credit=name(cols.credit),
        description=name(cols.text[0]) if cols.text else None,
        category=name(cols.category),
        direction=name(cols.direction),
        no_header=bool(mapping and mapping.no_header),
    )


def _open_questions(rows: list, index: int, cols: _Columns, choices: Choices,
                    result: ImportResult) -> tuple[bool, str | None]:  # fmt: skip
    """What the file leaves open: whether it writes a decimal comma, and the order of its
    dates ("dmy", "mdy", or None: its dates say it themselves, or it is asked)."""
    money_cells = [c for i in (cols.amount, cols.debit, cols.credit) for c in _column_cells(rows, index, i)]
    comma = choices.decimal_comma if choices.decimal_comma is not None else decimal_comma(money_cells)
    order = choices.date_order
    if order is None:
        found_order = date_order(_column_cells(rows, index, cols.date, 5000))
        if found_order == "unsure":
            result.date_order_unsure = True
            result.date_examples = [cell_text(c) for c in _column_cells(rows, index, cols.date, 3)]
        elif found_order:
            order = found_order
    return comma, order


Emit = Callable[[int, dt.date, int, str, str, str, "str | None", str, str, str, str], None]


def _counter(result: ImportResult, context: Context, main: str | None, statuses: dict[int, str]) -> Emit:
    """The function that counts one row read into ``result.transactions``; it notes the
    rows whose status says a refund in ``statuses`` (what pairing refunds reads)."""
    other = category_label("other", context.lang)
    other_income = category_label("other_income", context.lang)
    people = category_label("from_people", context.lang)
    categorizer = Categorizer(context.rules)
    meaning_cache: dict[tuple, tuple[str | None, str, bool]] = {}
    borrowed_cache: dict[str, bool] = {}  # borrowed() by the row's words: statements repeat them
    transactions = result.transactions

    def emit(offset, date, cents, text, status, source_category, flag, party, ref, via, currency) -> None:
        """One row read, counted: its direction by the file's flag, what it means by its words."""
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
            money_in = borrowed_cache.get(text)
            if money_in is None:
                money_in = borrowed_cache[text] = borrowed(text)
            cents = abs(cents) if money_in else -abs(cents)
        if reason in ("closed", "debt") or (neutral is None and reason):
            neutral = reason  # a repayment is debt service even where the file says 不计收支
        if main and currency and neutral is None:
            other_currency = meaning.currency_of(currency)
            if other_currency and other_currency != main:
                neutral = "foreign"
        if status and "退款" in status:  # what pairing refunds reads (已退款(￥20.00), 退款成功)
            statuses[offset] = status
        transactions.append(Transaction(offset, date, cents, text, category, neutral, refund, ref, party, via))

    return emit


def _read_rows(rows: list, index: int, base: int, header: list[str], cols: _Columns, comma: bool,
               order: str | None, mapping: Mapping | None, result: ImportResult,
               emit: Emit | None) -> tuple[list[tuple], list[tuple]]:  # fmt: skip
    """Every row under the header read (``base``: the file's line number of the first):
    each counted with ``emit`` as it is read, or, without it, kept and returned, as
    (row, date, cents, words, status, source category, flag, party, ref, via, currency).
    Also returns the first rows (date, cents as written, words), for the direction question.
    A row that cannot be read is an error in ``result``."""
    layout = cols.layout
    statement_month = title_month(rows, index) if layout is not None and layout.year_from_title else None
    amount_last = layout is not None and layout.amount_last and mapping is None
    short_dates = layout is not None and layout.short_dates
    direction_by_layout = layout is not None and (mapping is None or mapping.direction is None)
    amount_col, date_cols = cols.amount, cols.dates
    # Money out and money in in two columns: a negative figure in the money-out column is a
    # reversal (冲账: money back in) when the column's other figures are positive; a file
    # that writes every figure of it negative only marks money out so.
    debit_reversal = cols.debit is not None and any(
        (value := amount_or_none(c, comma)) is not None and value > 0 for c in _column_cells(rows, index, cols.debit)
    )
    # Rows are padded so every column index is valid; a missing column reads the padding
    # cell at -1, which is always None. Parsed dates and amounts are cached by the text
    # they come from: statements repeat days and amounts a great deal.
    width = len(header)
    date_i, amount_i, debit_i, credit_i, flag_i, status_i, category_i, direction_i, party_i, ref_i, via_i, cur_i = (
        -1 if i is None else i
        for i in (
            cols.date,
            cols.amount,
            cols.debit,
            cols.credit,
            cols.flag,
            cols.status,
            cols.category,
            cols.direction,
            cols.party,
            cols.ref,
            cols.via,
            cols.currency,
        )  # fmt: skip
    )
    # The cells read from every row, taken at C speed (a tuple: itemgetter of one index gives the cell alone).
    other_cells = itemgetter(status_i, category_i, flag_i, party_i, ref_i, via_i, cur_i)
    text_cells = itemgetter(*cols.text, -1, -1)  # two padding cells (None) at the end: always a tuple
    date_cache: dict[str, dt.date | None] = {}
    amount_cache: dict[str, Decimal | None] = {}
    earliest, latest = EARLIEST_DATE, dt.date.today() + dt.timedelta(days=366)
    errors = result.errors
    read = []
    first = []
    for offset, row in enumerate(rows[index + 1 :], start=base):
        row = [*row, *([None] * (width - len(row))), None] if len(row) < width else [*row, None]
        raw_date, raw_amount, raw_debit, raw_credit = row[date_i], row[amount_i], row[debit_i], row[credit_i]
        if blank(raw_date) and blank(raw_amount) and blank(raw_debit) and blank(raw_credit):
            continue
        if isinstance(raw_date, str) and raw_date.strip().startswith(FOOTERS):
            continue  # footer lines of Alipay/bank exports
        failed = False
        if len(date_cols) > 1 and blank(raw_date):
            raw_date = next((row[i] for i in date_cols[1:] if not blank(row[i])), raw_date)  # 交易日 blank: 记账日
        if short_dates:
            raw_date = long_date(raw_date)
        date = cached_date(raw_date, date_cache, order)
        if date is None and statement_month is not None:
            date = _dated_in(statement_month, cell_text(raw_date))
        if date is not None and not earliest <= date <= latest:  # 2062 for 2026, 0001: a typing slip
            errors.append(InputError("date", "err.date_range", {"value": date.isoformat(),
                                     "low": earliest.isoformat(), "high": latest.isoformat()}, row=offset))  # fmt: skip
            failed, date = True, None
        elif date is None:
            lead = next((c for c in row if not blank(c)), None)
            if isinstance(lead, str) and lead.strip().startswith(FOOTER_WORDS):
                continue  # a footer (合计, 说明：…) that starts in another column than the date's
            errors.append(InputError("date", "err.bad_date", {"value": shown(raw_date)}, row=offset))
            failed = True
        amount = None
        try:
            if amount_last:
                raw_amount = last_number(row, comma)
            if amount_col is not None:
                amount = amount_cache.get(raw_amount, _MISSING) if raw_amount.__class__ is str else _MISSING
                if amount is _MISSING or amount is NOT_A_NUMBER:  # the cache's hit inline: most rows
                    amount = cached_amount(raw_amount, amount_cache, comma)
            else:
                debit = cached_amount(raw_debit, amount_cache, comma)
                credit = cached_amount(raw_credit, amount_cache, comma)
                if debit is not None or credit is not None:
                    debit = debit or _ZERO
                    amount = (credit or _ZERO) - (debit if debit_reversal else abs(debit))
            if amount is None:
                raise ValueError
        except ValueError:
            amount = None
            bad = raw_amount if amount_col is not None else f"{shown(raw_debit)} / {shown(raw_credit)}"
            errors.append(InputError("amount", "err.bad_amount", {"value": shown(bad)}, row=offset))
            failed = True
        # The row's words: text cells stripped (nearly every cell: the fast path), others as cell_text.
        text = " ".join(
            filter(
                None, [c.strip() if c.__class__ is str else "" if c is None else cell_text(c) for c in text_cells(row)]
            )  # fmt: skip
        )
        if amount is not None and direction_by_layout:
            amount, problem = _bank_sign(layout, amount, cell_text(row[direction_i]), text)
            if problem:
                errors.append(InputError("direction", "err.bad_direction", {"value": problem}, row=offset))
                failed = True
        elif amount is not None and cols.direction is not None:
            sign = direction_sign(cell_text(row[direction_i]))
            if sign is None:
                errors.append(InputError("direction", "err.bad_direction",
                                         {"value": cell_text(row[direction_i]) or "—"}, row=offset))  # fmt: skip
                failed = True
            else:
                amount = abs(amount) * sign
        if amount is not None and abs(amount) > MAX_AMOUNT:
            errors.append(InputError("amount", "err.absurd_amount", {"value": f"{amount:,}"}, row=offset))
            failed = True
        if failed:
            continue
        # The row's other cells as text: the text cells stripped, anything else through cell_text
        # (the fast path inline: these run once a row for every row of a long statement).
        status, category, flag, party, ref, via, currency = [
            c.strip() if c.__class__ is str else "" if c is None else cell_text(c) for c in other_cells(row)
        ]
        if flag_i < 0:
            flag = None  # no 收/支 column: the amount's sign says it
        if cols.party_out is not None:  # the payee of money out, the payer of money in
            party = cell_text(row[cols.party_out if amount < 0 else cols.party_in if cols.party_in is not None else -1])
            text = f"{text} {party}" if party else text
        cents = whole_cents(amount)
        if len(first) < 8:
            first.append((date, cents, text))
        if emit is None:
            read.append((offset, date, cents, text, status, category, flag, party, ref, via, currency))
        else:
            emit(offset, date, cents, text, status, category, flag, party, ref, via, currency)
    return read, first


def _money_out_flip(read: list[tuple], rows: list, index: int, context: Context,
                    result: ImportResult) -> tuple[bool, bool]:  # fmt: skip
    """For a signed column read without a layout: whether it writes money out positive
    (its amounts then turned round), by the user's answer, else by what its rows say
    (``result.direction_unsure`` when they say both ways, or nothing); and whether the file
    is a credit card's statement."""
    choices = context.choices
    titled = meaning.card_title(rows, index, context.name)
    sample = [(r[2], r[3]) for r in read]
    salary = meaning.has_salary(sample)  # a salary is paid into an account, never onto a card
    in_sign, conflict = meaning.direction_evidence(sample, titled and not salary)
    card = not salary and (titled or meaning.is_card_by_rows(sample, in_sign))
    flip = False
    if choices.money_out is not None:
        flip = choices.money_out == "positive"
    elif in_sign is not None:
        flip = in_sign < 0
    elif conflict or meaning.mostly_positive(sample):
        result.direction_unsure = True  # the rows say both ways, or nothing: asked
        flip = titled  # shown as read, and asked
    return flip, card


def _whole_file(result: ImportResult, rows: list, index: int, source: str, context: Context, cols: _Columns,
                card: bool, statuses: dict[int, str], currency_cells: list[str], main: str | None) -> None:  # fmt: skip
    """What the rows say together, set on ``result``: a card's statement (its money in
    repays it), the holder's names, moves between the holder's own accounts, refunds
    paired with what they refund, the currency, the account and the period covered."""
    if card:
        result.card = True
        meaning.card_money_in(result.transactions)
        result.lender = _card_lender(source, rows, index)
        for tx in result.transactions:  # its repayments repay this card, also read beside other statements
            tx.lender = result.lender
    result.holder = [*context.holder, *[n for n in meaning.holder_names(rows, index) if n not in context.holder]]
    meaning.own_moves(result.transactions, result.holder)
    result.refunds_netted = meaning.pair_refunds(result.transactions, statuses)
    other, other_income = category_label("other", context.lang), category_label("other_income", context.lang)
    for tx in filter(attrgetter("refund"), result.transactions):  # money back lowers spending: never
        if tx.category == other_income:  # an "other income" line
            tx.category = other
    result.currency, result.currency_said = meaning.statement_currency(
        result.header,
        rows,
        index,
        _column_cells(rows, index, cols.amount if cols.amount is not None else cols.debit, 200),
        currency_cells,
    )
    if main:
        result.currency = main
    result.account = meaning.account_of(rows, index)
    period = meaning.statement_period(rows, index)
    result.partial = meaning.partial_months([] if period else [tx.date for tx in result.counted], period)
    result.stated = period


def _date_column(header: list[str], rows: list, index: int) -> int | None:
    """The date column: of the headers that name a date (交易时间, 交易日期, ...), the first
    whose cells are dates. A column of times alone (招商银行: 交易日期 + 交易时间) is never it."""
    normalized = [norm(h) for h in header]
    candidates = []
    for name in DATE_HEADERS:
        key = norm(name)
        candidates += [i for i, h in enumerate(normalized) if h == key and i not in candidates]
    sample = [r for r in rows[index + 1 : index + 61] if any(not blank(c) for c in r)]
    fallback = None
    for col in candidates:
        cells = [r[col] for r in sample if col < len(r) and not blank(r[col])]
        if cells and all(is_time_only(c) for c in cells):
            continue
        fallback = col if fallback is None else fallback
        dates = sum(1 for c in cells if cached_date(c, {}) is not None)
        if cells and dates * 2 >= len(cells):
            return col
    return fallback


def _column_cells(rows: list, index: int, col: int | None, limit: int = 2000) -> list[object]:
    if col is None:
        return []
    return [r[col] for r in rows[index + 1 : index + 1 + limit] if col < len(r) and not blank(r[col])]


def _readable_directions(cells: list[object]) -> bool:
    """A column whose cells (nearly) all read as money out or in: 借/贷, 收/支, D/C, Af/Bij."""
    words = [cell_text(c) for c in cells[:200]]
    return bool(words) and sum(direction_sign(w) is not None for w in words) * 10 >= len(words) * 9


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
