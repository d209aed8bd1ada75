"""Recognising a statement's format, parsing its rows, and summarising them by month.

Formats recognised without help: Alipay and WeChat Pay bill exports, bank statements
(signed amount, or debit and credit columns) and budget sheets (category / amount /
frequency). Anything else returns ``kind == "needs_mapping"`` with the header found, and
is parsed again with a user-made ``Mapping``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from core.errors import InputError
from core.i18n import t
from core.imports.banks import Layout, direction_sign, find_layout, month_day, title_month
from core.imports.categories import (
    Categorizer,
    borrowed,
    category_label,
    credit_lender,
    default_rules,
    direction_of,
    from_people,
    is_fixed,
    is_refund,
    neutral_reason,
)
from core.imports.safety import RefusedFile, check_upload
from core.imports.tables import MAX_ROWS, read_rows
from core.money import MAX_AMOUNT, div_round, round_money, to_cents
from core.months import format_month

DATE_HEADERS = (
    "交易时间",
    "交易创建时间",
    "付款时间",
    "交易日期",
    "记账日期",
    "日期",
    "入账日期",
    "交易日",
    "date",
    "transaction date",
    "posting date",
    "posted date",
    "value date",
)
AMOUNT_HEADERS = ("金额", "金额(元)", "交易金额", "发生额", "收支金额", "amount", "amount(cny)", "transaction amount")
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
)
CREDIT_HEADERS = ("收入", "收入金额", "贷方金额", "贷方发生额", "存入金额", "credit", "deposit", "deposits", "money in")
DESCRIPTION_HEADERS = (
    "摘要",
    "交易摘要",
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
)
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


def _norm(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return text.strip().replace("（", "(").replace("）", ")").replace(" ", "").lower()


@dataclass
class Mapping:
    """Which column is which, for a statement the app did not recognise."""

    date: str | None = None
    amount: str | None = None
    debit: str | None = None
    credit: str | None = None
    description: str | None = None
    category: str | None = None


@dataclass(slots=True)
class Transaction:
    row: int  # as the user counts rows in the file (1-based)
    date: dt.date
    amount: int  # cents: positive money in, negative money out
    description: str
    category: str
    neutral: str | None = (
        None  # None, "flag" (不计收支 / "/"), "closed", "debt" (credit repaid or borrowed), "transfer"
    )
    refund: bool = False  # money back for something bought: less spending, never income


def _month_span(dates) -> int:
    """Calendar months from the earliest date to the latest, both counted (0 for none)."""
    dates = list(dates)
    if not dates:
        return 0
    first, last = min(dates), max(dates)
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _people_labels() -> set[str]:
    """The "transfers from people" category in both languages (a profile may hold either)."""
    return {category_label("from_people", "zh"), category_label("from_people", "en")}


@dataclass
class ImportResult:
    kind: str  # "statement", "budget" or "needs_mapping"
    source: str  # "alipay", "wechat", "bank", "mapped", "budget", ""
    transactions: list[Transaction] = field(default_factory=list)
    budget_rows: list[dict] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    header_row: int = 0
    period_months: int | None = None  # several statements together: the calendar months they cover
    columns: Mapping | None = None  # the columns a statement was read by (offered for changing)

    @property
    def counted(self) -> list[Transaction]:
        return [tx for tx in self.transactions if tx.neutral is None]

    @property
    def neutral_count(self) -> int:
        return sum(1 for tx in self.transactions if tx.neutral is not None)

    @property
    def total_income(self) -> int:
        return sum(tx.amount for tx in self.counted if tx.amount > 0 and not tx.refund)

    @property
    def total_expense(self) -> int:
        """Spending less the refunds (never below nothing)."""
        return max(0, -sum(tx.amount for tx in self.counted if tx.amount < 0 or tx.refund))

    @property
    def months(self) -> int:
        """Calendar months covered, first counted transaction's month to the last's (for
        several statements together: the months they cover, each month once)."""
        if self.period_months is not None:
            return self.period_months
        return _month_span(tx.date for tx in self.counted)

    @property
    def span_months(self) -> int:
        """Calendar months from the first transaction to the last, whatever counts."""
        if self.period_months is not None:
            return self.period_months
        return _month_span(tx.date for tx in self.transactions)

    def debt_service(self) -> list[tuple[str, int, int]]:
        """Repayments of credit in the statement, by lender: (lender, average cents a month
        over the statement's months, number of payments), largest first. They are kept out
        of living costs: the debts they repay are on the Debts page. Lender "" = not said."""
        months = self.span_months
        totals: dict[str, list[int]] = {}
        for tx in self.transactions:
            if tx.neutral == "debt" and tx.amount < 0:
                entry = totals.setdefault(credit_lender(tx.description), [0, 0])
                entry[0] -= tx.amount
                entry[1] += 1
        out = [(lender, div_round(total, months), count) for lender, (total, count) in totals.items()]
        return sorted(out, key=lambda item: (-item[1], item[0]))

    def from_people_monthly(self) -> int:
        """Money received from people (transfers, red packets), average cents a month."""
        people = _people_labels()
        total = sum(tx.amount for tx in self.counted if tx.amount > 0 and tx.category in people)
        return div_round(total, self.months) if self.months else 0

    def monthly_by_category(self) -> dict[str, tuple[str, int]]:
        """Category -> (direction, average cents a month), largest first."""
        months = self.months
        if not months:
            return {}
        sums: dict[str, int] = {}
        earned: set[str] = set()  # categories with money in that is not a refund
        for tx in self.counted:
            sums[tx.category] = sums.get(tx.category, 0) + tx.amount
            if tx.amount > 0 and not tx.refund:
                earned.add(tx.category)
        out = {
            category: ("income" if total > 0 else "expense", div_round(abs(total), months))
            for category, total in sums.items()
            if total < 0 or (total > 0 and category in earned)  # refunds alone never make income
        }
        return dict(sorted(out.items(), key=lambda item: -item[1][1]))

    def worksheet_rows(self, lang: str = "zh", from_people: bool = True) -> list[dict]:
        """Rows for the income/expense worksheet (monthly averages, or the budget sheet's rows).
        Money received from people is irregular income (kind "variable", said in its note);
        ``from_people=False`` leaves it out until the user says it counts."""
        if self.kind == "budget":
            return list(self.budget_rows)
        people = _people_labels()
        note = t("ws.import_note", lang, source=t(f"ws.source.{self.source}", lang), months=self.months)
        rows = []
        for category, (direction, cents) in self.monthly_by_category().items():
            irregular = category in people and direction == "income"
            if irregular and not from_people:
                continue
            fixed = (direction == "income" and not irregular) or is_fixed(category)
            rows.append(
                {
                    "category": category,
                    "direction": direction,
                    "kind": "fixed" if fixed else "variable",
                    "amount": float(Decimal(cents) / 100),
                    "frequency": "monthly",
                    "month": None,
                    "note": note + (" " + t("ws.from_people_note", lang) if irregular else ""),
                }
            )
        return rows


# --- cell parsing --------------------------------------------------------------------
_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\D|$)")
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(cell: object) -> dt.date:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise ValueError
        number = int(cell)
        if 19000101 <= number <= 22001231:
            return dt.datetime.strptime(str(number), "%Y%m%d").date()
        if 20000 < number < 80000:  # an Excel serial day number
            return dt.date(1899, 12, 30) + dt.timedelta(days=number)
        raise ValueError
    text = str(cell).strip().lstrip("\ufeff").strip("\t '\"")
    for pattern, order in ((_YMD, "ymd"), (_COMPACT, "ymd"), (_MDY, "mdy")):
        match = pattern.match(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            return dt.date(a, b, c) if order == "ymd" else dt.date(c, a, b)
    raise ValueError


_CURRENCY = re.compile(r"^(CNY|RMB|人民币)\s*", re.IGNORECASE)  # "CNY 123.18" on a card statement
_AMOUNT_STRIP = str.maketrans("", "", "¥￥$,，元 \t\u00a0'\"")


def parse_amount(cell: object) -> Decimal | None:
    """An amount in yuan, or None for a blank cell. Raises ValueError if not a number."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise ValueError
    if isinstance(cell, (int, float)):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise ValueError
        return Decimal(repr(cell))
    text = _CURRENCY.sub("", str(cell).strip()).translate(_AMOUNT_STRIP)
    if not text or text in ("-", "--", "—"):  # banks write "-" in an empty money column
        return None
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()")
    if text.endswith("-"):
        negative, text = True, text[:-1]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not value.is_finite():
        raise ValueError
    return -value if negative else value


_ZERO = Decimal(0)


def _cents(value: Decimal) -> int:
    return to_cents(value)  # the app's one rounding rule (half-up), not the context's


def _cached_date(cell: object, cache: dict) -> dt.date | None:
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
            cache[key] = parse_date(key)
        except (ValueError, TypeError, OverflowError):
            cache[key] = None
    return cache[key]


def _cached_amount(cell: object, cache: dict) -> Decimal | None:
    """parse_amount with text cells cached (raises ValueError for text that is no number)."""
    if not isinstance(cell, str):
        return parse_amount(cell)
    if cell in cache:
        value = cache[cell]
    else:
        try:
            value = parse_amount(cell)
        except ValueError:
            value = ValueError
        cache[cell] = value
    if value is ValueError:
        raise ValueError
    return value


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
def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    normalized = [_norm(h) for h in header]
    for name in names:
        key = _norm(name)
        if key in normalized:
            return normalized.index(key)
    return None


def _detect(rows: list[list[object]]) -> tuple[str, int] | None:
    for index, row in enumerate(rows[:80]):
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
        layout = find_layout(cells)
        if layout is not None:
            return layout.source, index
        header = [str(c) if c is not None else "" for c in row]
        has_date = _find(header, DATE_HEADERS) is not None
        has_amount = _find(header, AMOUNT_HEADERS) is not None
        has_pair = _find(header, DEBIT_HEADERS) is not None and _find(header, CREDIT_HEADERS) is not None
        if has_date and (has_amount or has_pair):
            return "bank", index
        if not has_date and _find(header, CATEGORY_HEADERS) is not None and has_amount:
            return "budget", index
    return None


def _guess_header(rows: list[list[object]]) -> int:
    for index, row in enumerate(rows[:80]):
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
) -> ImportResult:
    """Read a statement or budget sheet, or the one statement inside a zip file (password
    for a locked one). Raises RefusedFile for a file it will not read."""
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
    else:
        rows = read_rows(kind, data)
    rules = rules if rules is not None else default_rules(lang)
    if mapping is not None:
        index = header_row if header_row is not None else _guess_header(rows)
        return _parse_transactions(rows, index, "mapped", rules, lang, mapping)
    found = _detect(rows)
    if found is None:
        index = _guess_header(rows)
        header = [str(c).strip() if c is not None else "" for c in rows[index]]
        return ImportResult(kind="needs_mapping", source="", header=header, header_row=index)
    source, index = found
    if source == "budget":
        return _parse_budget(rows, index, lang)
    return _parse_transactions(rows, index, source, rules, lang, None)


def _check_data_rows(rows: list, index: int) -> None:
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


def _parse_transactions(rows, index, source, rules, lang, mapping: Mapping | None) -> ImportResult:
    _check_data_rows(rows, index)
    header = [str(c).strip() if c is not None else "" for c in rows[index]]
    result = ImportResult(kind="statement", source=source, header=header, header_row=index)

    def col(names: tuple[str, ...], mapped: str | None = None) -> int | None:
        if mapping is not None:
            return header.index(mapped) if mapped in header else None
        return _find(header, names)

    # A bank's own layout: its columns by name, unless the user picked them (its signs and
    # its 借/贷 column still apply then: a mapping changes which column, not what it means).
    layout = find_layout({_norm(h) for h in header})
    if layout is not None and mapping is None:
        date_cols = [i for i in (_find(header, (name,)) for name in layout.date) if i is not None]
        date_col = date_cols[0] if date_cols else None
        amount_col, debit_col, credit_col = (
            _find(header, (name,)) if name else None for name in (layout.amount, layout.debit, layout.credit)
        )
    else:
        date_cols = []
        date_col = col((), mapping.date) if mapping else _date_column(header, rows, index)
        amount_col = col(AMOUNT_HEADERS, mapping.amount if mapping else None)
        debit_col = col(DEBIT_HEADERS, mapping.debit if mapping else None)
        credit_col = col(CREDIT_HEADERS, mapping.credit if mapping else None)
    if source in ("alipay", "wechat"):
        debit_col = credit_col = None
    if date_col is None or (amount_col is None and (debit_col is None or credit_col is None)):
        raise RefusedFile("refuse.no_rows")

    def name(i: int | None) -> str | None:
        return header[i] if i is not None and i < len(header) and header[i] else None

    if mapping is not None:
        text_cols = [c for c in (col((), mapping.description), col((), mapping.category)) if c is not None]
        category_col = col((), mapping.category)
    elif layout is not None:
        text_cols = [i for i in (_find(header, (name,)) for name in layout.text) if i is not None]
        category_col = None
    else:
        text_cols = [i for i, h in enumerate(header) if _norm(h) in {_norm(n) for n in DESCRIPTION_HEADERS}]
        category_col = _find(header, ("交易分类", "类别", "分类", "category"))
    result.columns = Mapping(
        date=name(date_col),
        amount=name(amount_col),
        debit=name(debit_col),
        credit=name(credit_col),
        description=name(text_cols[0]) if text_cols else None,
        category=name(category_col),
    )
    flag_col = _find(header, ("收/支",)) if source in ("alipay", "wechat") else None
    direction_col = _find(header, (layout.direction,)) if layout is not None and layout.direction else None
    statement_month = title_month(rows, index) if layout is not None and layout.year_from_title else None
    status_col = _find(header, ("交易状态", "当前状态", "状态", "status"))
    other = category_label("other", lang)
    other_income = category_label("other_income", lang)
    people = category_label("from_people", lang)
    categorizer = Categorizer(rules)

    # Rows are padded so every column index is valid; a missing column reads the padding
    # cell at -1, which is always None. Parsed dates, amounts and categories are cached by
    # the text they come from: statements repeat days, amounts and merchants a great deal.
    width = len(header)
    date_i, amount_i, debit_i, credit_i, flag_i, status_i, category_i, direction_i = (
        -1 if i is None else i
        for i in (date_col, amount_col, debit_col, credit_col, flag_col, status_col, category_col, direction_col)
    )
    text_is = [i for i in text_cols if i is not None]
    date_cache: dict[str, dt.date | None] = {}
    amount_cache: dict[str, Decimal | None] = {}
    meaning_cache: dict[tuple, tuple[str | None, str]] = {}

    for offset, row in enumerate(rows[index + 1 :], start=index + 2):
        row = [*row, *([None] * (width - len(row))), None] if len(row) < width else [*row, None]
        raw_date, raw_amount, raw_debit, raw_credit = row[date_i], row[amount_i], row[debit_i], row[credit_i]
        if _blank(raw_date) and _blank(raw_amount) and _blank(raw_debit) and _blank(raw_credit):
            continue
        if isinstance(raw_date, str) and raw_date.strip().startswith(FOOTERS):
            continue  # footer lines of Alipay/bank exports
        failed = False
        if len(date_cols) > 1 and _blank(raw_date):
            raw_date = next((row[i] for i in date_cols[1:] if not _blank(row[i])), raw_date)  # 交易日 blank: 记账日
        date = _cached_date(raw_date, date_cache)
        if date is None and statement_month is not None:
            date = _dated_in(statement_month, _text(raw_date))
        if date is None:
            result.errors.append(InputError("date", "err.bad_date", {"value": _show(raw_date)}, row=offset))
            failed = True
        amount = None
        try:
            if amount_col is not None:
                amount = _cached_amount(raw_amount, amount_cache)
            else:
                debit, credit = _cached_amount(raw_debit, amount_cache), _cached_amount(raw_credit, amount_cache)
                if debit is not None or credit is not None:
                    amount = (credit or _ZERO) - abs(debit or _ZERO)
            if amount is None:
                raise ValueError
        except ValueError:
            bad = raw_amount if amount_col is not None else f"{_show(raw_debit)} / {_show(raw_credit)}"
            result.errors.append(InputError("amount", "err.bad_amount", {"value": _show(bad)}, row=offset))
            failed = True
        text = " ".join(filter(None, [_text(row[i]) for i in text_is]))
        if amount is not None and layout is not None:
            amount, problem = _bank_sign(layout, amount, _text(row[direction_i]), text)
            if problem:
                result.errors.append(InputError("direction", "err.bad_direction", {"value": problem}, row=offset))
                failed = True
        if amount is not None and abs(amount) > MAX_AMOUNT:
            result.errors.append(InputError("amount", "err.absurd_amount", {"value": f"{amount:,}"}, row=offset))
            failed = True
        if failed:
            continue
        status = _text(row[status_i])
        neutral = None
        if flag_col is not None:
            flag = _text(row[flag_i])
            if flag in ("收入", "income"):
                amount = abs(amount)
            elif flag in ("支出", "expense"):
                amount = -abs(amount)
            else:
                neutral = "flag"
        source_category = _text(row[category_i])
        key = (text, status, source_category, amount > 0)
        meaning = meaning_cache.get(key)
        if meaning is None:
            words = f"{text} {source_category}"
            refund = amount > 0 and is_refund(words)  # money back: it lowers spending
            fallback = source_category or (other_income if amount > 0 and not refund else other)
            reason, category = neutral_reason(words, status), categorizer(words, fallback)
            if amount > 0 and not refund and reason is None and category == fallback and from_people(words):
                category = people  # a transfer or red packet from a person: irregular income
            meaning = meaning_cache[key] = (reason, category, refund)
        reason, category, refund = meaning
        if reason == "debt" and neutral == "flag":  # 不计收支 / "/": the file gives no direction
            amount = abs(amount) if borrowed(text) else -abs(amount)
        if reason in ("closed", "debt") or (neutral is None and reason):
            neutral = reason  # a repayment is debt service even where the file says 不计收支
        result.transactions.append(Transaction(offset, date, _cents(amount), text, category, neutral, refund))
    if not result.transactions:  # nothing read is a refusal that says why, never an empty success
        refused = RefusedFile("refuse.no_rows", details=result.errors)
        refused.header, refused.columns = header, result.columns  # the columns can be picked anew
        raise refused
    return result


FOOTERS = ("-", "#", "共", "合计", "总计", "导出", "Total", "人民币合计", "以上数据", "温馨提示", "注：")


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
            direction = direction_of(name) or "expense"
        kind_text = "" if _blank(cell(kind_col)) else _norm(cell(kind_col))
        kind = "variable" if kind_text in ("浮动", "可变", "variable") else "fixed"
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
