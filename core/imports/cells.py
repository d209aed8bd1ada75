"""Reading one cell of a statement: an amount, a currency, a date (core.loans.dates.parse_cell_date),
and what a column's cells say about the whole file (its date order, its decimal mark).

Dates written day-month-year (05/03/2026, 05.03.2026, 05-03-26) take their order (day first
or month first) from the file: ``date_order`` reads a whole column, and a day above 12
settles it; a column where every date could be read either way is "unsure", and the user
is asked. Amounts: "1,234.56", "¥1,234.56", "CNY 123.18", "(12.50)", "12.50-", and, in a
file that writes them so, decimal commas ("1.234,56", "12,50").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from core.loans.dates import TWO_NUMBER_DATE, parse_cell_date
from core.loans.money import to_cents


def date_order(cells: list[object]) -> str | None:
    """How a column writes its two-number dates: "dmy" or "mdy" when some day is above 12
    (31/01/2026 can only be day first), "unsure" when every one reads both ways, None when
    the column holds no such dates (ISO dates, compact dates, real date cells)."""
    first_big = second_big = seen = 0
    for cell in cells:
        if not isinstance(cell, str):
            continue
        match = TWO_NUMBER_DATE.match(cell.strip().lstrip("\ufeff").strip("\t '\""))
        if not match:
            continue
        seen += 1
        x, y = int(match.group(1)), int(match.group(3))
        first_big += x > 12
        second_big += y > 12
    if not seen:
        return None
    if first_big and not second_big:
        return "dmy"
    if second_big and not first_big:
        return "mdy"
    return "unsure"


CURRENCY_CODE = re.compile(r"^(CNY|RMB|人民币|USD|US\$|EUR|GBP|HKD|HK\$|JPY|AUD|CAD|SGD)\s*", re.IGNORECASE)
_SUFFIX_CODE = re.compile(r"\s*/?\s*(CNY|RMB|USD|EUR|GBP|HKD|JPY|AUD|CAD|SGD)$", re.IGNORECASE)  # "-45.00/CNY"
_STRIP_POINT = str.maketrans("", "", "¥￥$€£,，元 \t\u00a0'\"")  # "1,234.56": the comma groups thousands
_STRIP_COMMA = str.maketrans("", "", "¥￥$€£.元 \t\u00a0'\"")  # "1.234,56": the point groups thousands
_DECIMAL_COMMA = re.compile(r"^[-+(]?[¥￥$€£]?\s*\d{1,3}(?:[.\s\u00a0]\d{3})*,\d{1,2}\)?-?$")
_DECIMAL_POINT = re.compile(r"\d\.\d{1,2}\)?-?$|\d,\d{3}$")


def parse_amount(cell: object, decimal_comma: bool = False) -> Decimal | None:
    """An amount, or None for a blank cell. Raises ValueError if not a number."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise ValueError
    if isinstance(cell, (int, float)):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise ValueError
        value = Decimal(repr(cell))
        if value.adjusted() > 100:
            raise ValueError
        return value
    text = str(cell).strip()
    if text[:1].isalpha():  # CNY 123.18, 人民币 12.00, US$ 5 (the regular expressions only when needed)
        text = CURRENCY_CODE.sub("", text)
    if text[-1:].isalpha():  # 12.00 CNY, -45.00/CNY
        text = _SUFFIX_CODE.sub("", text)
    if decimal_comma:
        text = text.translate(_STRIP_COMMA).replace(",", ".").replace("，", ".")
    else:
        text = text.translate(_STRIP_POINT)
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
    if not value.is_finite() or value.adjusted() > 100:  # 1e999999999 is no amount (no Decimal sum survives it)
        raise ValueError
    return -value if negative else value


def decimal_comma(cells: list[object]) -> bool:
    """Whether a column writes its amounts with a decimal comma ("12,50", "1.234,56"): some
    cell does and none has a decimal point ("12.50") or a thousands comma ("1,250")."""
    comma = point = 0
    for cell in cells:
        if not isinstance(cell, str):
            continue
        text = cell.strip()
        if _DECIMAL_COMMA.match(text) and not re.search(r",\d{3}$", text):
            comma += 1
        elif _DECIMAL_POINT.search(text):
            point += 1
    return comma > 0 and point == 0


# --- currency -----------------------------------------------------------------------
# The names a statement gives its currency, in its header, a 币种 column or an amount.
CURRENCY_NAMES = {  # yuan last: 美元 and 港元 end in 元
    "USD": ("usd", "us$", "美元", "美金"),
    "EUR": ("eur", "€", "欧元"),
    "GBP": ("gbp", "£", "英镑"),
    "HKD": ("hkd", "hk$", "港币", "港元"),
    "JPY": ("jpy", "日元"),
    "AUD": ("aud", "澳元"),
    "CAD": ("cad", "加元"),
    "SGD": ("sgd", "新加坡元"),
    "CNY": ("cny", "rmb", "人民币", "¥", "￥", "元"),
}
_CODE_WORD = re.compile(r"(?<![a-z])(cny|rmb|usd|eur|gbp|hkd|jpy|aud|cad|sgd)(?![a-z])")


def currency_of(text: str) -> str | None:
    """The currency a piece of text names ("USD", "人民币", "Amount (EUR)", "$12.00"), or None."""
    lowered = str(text or "").strip().lower()
    if not lowered:
        return None
    code = _CODE_WORD.search(lowered)
    if code:
        word = code.group(1)
        return "CNY" if word == "rmb" else word.upper()
    for currency, names in CURRENCY_NAMES.items():
        if any(name in lowered for name in names if not name.isascii() or not name.isalpha()):
            return currency
    if "$" in lowered:
        return "USD"  # a bare dollar sign: the statement says no more
    return None


def main_currency(values: list[str]) -> tuple[str | None, Counter]:
    """The currency most of a 币种 column's cells name, and how many name each."""
    counts = Counter(c for c in (currency_of(v) for v in values) if c)
    return (counts.most_common(1)[0][0] if counts else None), counts


# --- a row's cells as the statement reader reads them ---------------------------------
NOT_A_NUMBER = object()  # cached: text that is no amount
_SHORT_DATE = re.compile(r"^\d{6}$")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


def blank(value: object) -> bool:
    """None, NaN, or text of spaces only."""
    if value is None:
        return True
    if value.__class__ is str:
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def cell_text(cell: object) -> str:
    """A cell as stripped text; blank (None, NaN, spaces) is ''."""
    if cell is None:
        return ""
    if cell.__class__ is str:
        return cell.strip()
    if cell != cell:  # NaN
        return ""
    return str(cell).strip()


def shown(value: object) -> str:
    """A cell as an error message quotes it: at most 40 characters."""
    written = "" if value is None else str(value)
    return written if len(written) <= 40 else written[:37] + "…"


def whole_cents(value: Decimal) -> int:
    """Whole cents: an amount already to the cent as it is; any other by the app's one
    rounding rule (half-up), not the context's."""
    scaled = value * 100
    whole = int(scaled)
    return whole if whole == scaled else to_cents(value)


def cached_date(cell: object, cache: dict, order: str | None = None) -> dt.date | None:
    """parse_cell_date, or None for a bad date. Text dates are decided by their first ten
    characters (every accepted pattern fits in them), so those are the cache key."""
    if not isinstance(cell, str):
        try:
            return parse_cell_date(cell)
        except (ValueError, TypeError, OverflowError):
            return None
    key = cell.strip().lstrip("\ufeff").strip("\t '\"")[:10]
    if key not in cache:
        try:
            cache[key] = parse_cell_date(key, order)
        except (ValueError, TypeError, OverflowError):
            cache[key] = None
    return cache[key]


def cached_amount(cell: object, cache: dict, comma: bool = False) -> Decimal | None:
    """parse_amount with text cells cached (raises ValueError for text that is no number)."""
    if not isinstance(cell, str):
        return parse_amount(cell)
    if cell in cache:
        value = cache[cell]
    else:
        try:
            value = parse_amount(cell, comma)
        except ValueError:
            value = NOT_A_NUMBER
        cache[cell] = value
    if value is NOT_A_NUMBER:
        raise ValueError
    return value


def amount_or_none(cell: object, comma: bool = False) -> Decimal | None:
    try:
        return parse_amount(cell, comma)
    except ValueError:
        return None


def last_number(row: list, comma: bool) -> object:
    """The row's last cell that is a number: the settled amount after its currency cell."""
    for cell in reversed(row):
        if not blank(cell) and amount_or_none(cell, comma) is not None:
            return cell
    return None


def long_date(cell: object) -> object:
    """A date written YYMMDD (251103) as 20251103; any other cell as it is."""
    written = cell_text(cell)
    if _SHORT_DATE.match(written):
        return "20" + written
    return cell


def is_time_only(cell: object) -> bool:
    """A time of day with no date (09:30, 09:30:05)."""
    if isinstance(cell, dt.time):
        return True
    return isinstance(cell, str) and bool(_TIME_ONLY.match(cell.strip()))
