"""A debt as the engine needs it: principal, rate, method, term, fees and overdue state.

``parse_debt`` turns loosely typed input (form fields, spreadsheet cells) into a checked
``Debt`` or a list of errors naming each field; nothing here raises on bad user input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal

from core.blank import is_blank
from core.errors import InputError
from core.loans.dates import next_month, parse_month
from core.loans.engine import LONGEST_LOAN_MONTHS
from core.loans.money import MAX_AMOUNT, round_money, to_decimal

METHODS = ("annuity", "equal_principal", "interest_only", "bullet", "revolving")
RATE_UNITS = ("annual", "monthly", "daily")
MAX_ANNUAL_RATE = Decimal("1000")
# Rates are kept to 1e-5 percent a year so they are exact fractions with a small
# denominator (engine.py relies on this to stay inside 64-bit integers).
RATE_QUANTUM = Decimal("0.00001")
DEFAULT_PENALTY_MARKUP = Decimal("1.5")  # contract rate +50%: the top of 30–50 % (银发〔2003〕251号, item 3)


def annual_rate_from(value: Decimal, unit: str) -> Decimal:
    """Annual percentage from a rate in the unit given.

    Daily rates are annualised the simple way lenders quote them: x 365
    (0.05 %/day, the card rate cap of 银发〔2016〕111号 -> 18.25 %/year); monthly rates x 12.
    """
    factor = {"annual": 1, "monthly": 12, "daily": 365}[unit]
    return (value * factor).quantize(RATE_QUANTUM)


def rate_units(annual: Decimal) -> dict[str, str]:
    """An annual rate written per year, per month (/ 12) and per day (/ 365), as lenders
    quote each: to four decimal places, without trailing zeros."""

    def short(value: Decimal) -> str:
        return f"{value:.4f}".rstrip("0").rstrip(".") or "0"

    return {"annual": short(annual), "monthly": short(annual / 12), "daily": short(annual / 365)}


@dataclass(frozen=True)
class Debt:
    """One debt. Amounts are Decimal yuan to the cent; rates are percent."""

    principal: Decimal
    rate: Decimal
    rate_unit: str = "annual"
    method: str = "annuity"
    months: int = 12
    first_month: int = 0  # month index, see core.loans.dates
    name: str = ""
    upfront_fee: Decimal = Decimal("0")
    monthly_fee_rate: Decimal = Decimal("0")
    original_principal: Decimal | None = None
    min_payment_pct: Decimal = Decimal("10")
    min_payment_floor: Decimal = Decimal("100")
    overdue_principal: Decimal = Decimal("0")
    overdue_interest: Decimal = Decimal("0")
    days_overdue: int = 0
    penalty_rate: Decimal | None = None
    fixed_payment: Decimal | None = None

    @property
    def annual_rate(self) -> Decimal:
        return annual_rate_from(self.rate, self.rate_unit)

    @property
    def penalty_annual_rate(self) -> Decimal:
        if self.penalty_rate is not None:
            return self.penalty_rate
        return (self.annual_rate * DEFAULT_PENALTY_MARKUP).quantize(RATE_QUANTUM)

    @property
    def fee_basis(self) -> Decimal:
        return self.original_principal if self.original_principal is not None else self.principal


_AMOUNT_FIELDS = (
    "principal",
    "upfront_fee",
    "original_principal",
    "min_payment_floor",
    "overdue_principal",
    "overdue_interest",
    "fixed_payment",
)
_OPTIONAL = {"original_principal", "penalty_rate", "fixed_payment"}


def due_day(value: object) -> tuple[int | None, str | None]:
    """A debt's due day of the month (1–31) from a cell: (day, None), (None, None) when
    blank, or (None, the error's code)."""
    if is_blank(value):
        return None, None
    try:
        day = to_decimal(value)
    except ValueError:
        return None, "err.not_number"
    if day != day.to_integral_value():
        return None, "err.not_whole"
    if not 1 <= day <= 31:
        return None, "err.due_day_range"
    return int(day), None


def parse_debt(raw: Mapping, row: int | None = None) -> tuple[Debt | None, list[InputError]]:
    """Check and convert one debt's inputs. Returns (debt, []) or (None, errors)."""
    errors: list[InputError] = []
    values: dict = {}
    defaults = {f.name: f.default for f in fields(Debt)}

    def err(field_name: str, code: str, **params) -> None:
        errors.append(InputError(field_name, code, params, row=row))

    def amount(field_name: str) -> None:
        value = raw.get(field_name)
        if is_blank(value):
            if field_name in _OPTIONAL:
                values[field_name] = None
            elif field_name == "principal":
                err(field_name, "err.not_number")
            return
        try:
            number = to_decimal(value)
        except ValueError:
            err(field_name, "err.not_number")
            return
        if number < 0:
            err(field_name, "err.negative")
        elif number > MAX_AMOUNT:
            err(field_name, "err.too_large", value=f"{number:,}", limit=f"{MAX_AMOUNT:,}")
        else:
            values[field_name] = round_money(number)

    for name in _AMOUNT_FIELDS:
        amount(name)
    if "principal" in values and values["principal"] == 0:
        err("principal", "err.zero_principal")

    unit = str(raw.get("rate_unit") or "annual").strip()
    if unit not in RATE_UNITS:
        err("rate_unit", "err.bad_choice", value=unit)
    else:
        values["rate_unit"] = unit
    for rate_field in ("rate", "monthly_fee_rate", "min_payment_pct", "penalty_rate"):
        value = raw.get(rate_field)
        if is_blank(value):
            if rate_field == "rate":
                err(rate_field, "err.not_number")
            elif rate_field == "penalty_rate":
                values[rate_field] = None
            continue
        try:
            number = to_decimal(value)
        except ValueError:
            err(rate_field, "err.not_number")
            continue
        if number < 0:
            err(rate_field, "err.negative")
            continue
        values[rate_field] = number.quantize(RATE_QUANTUM)
    if "rate" in values and "rate_unit" in values:
        annual = annual_rate_from(values["rate"], values["rate_unit"])
        if annual > MAX_ANNUAL_RATE:
            err("rate", "err.rate_too_high", value=f"{annual.normalize():f}")
    if values.get("penalty_rate") is not None and values["penalty_rate"] > MAX_ANNUAL_RATE:
        err("penalty_rate", "err.rate_too_high", value=f"{values['penalty_rate'].normalize():f}")
    if values.get("monthly_fee_rate", 0) > 10:
        err("monthly_fee_rate", "err.fee_rate_high", value=f"{values['monthly_fee_rate'].normalize():f}")
    if values.get("min_payment_pct", 0) > 100:
        err("min_payment_pct", "err.min_pct_range")

    method = str(raw.get("method") or "annuity").strip()
    if method not in METHODS:
        err("method", "err.bad_choice", value=method)
    else:
        values["method"] = method

    for int_field, low, high, code in (
        ("months", 1, LONGEST_LOAN_MONTHS, "err.months_range"),
        ("days_overdue", 0, 3650, "err.days_range"),
    ):
        value = raw.get(int_field)
        if is_blank(value):
            if int_field == "months" and method != "revolving":
                err(int_field, code)
            continue
        try:
            number = to_decimal(value)
        except ValueError:
            err(int_field, "err.not_number")
            continue
        if number != number.to_integral_value():
            err(int_field, "err.not_whole")
        elif not low <= number <= high:
            err(int_field, code)
        else:
            values[int_field] = int(number)

    _, problem = due_day(raw.get("due_day"))  # checked here, used by the calendar (core.paperwork.ics)
    if problem:
        err("due_day", problem)

    first = raw.get("first_month")
    if is_blank(first):
        values["first_month"] = next_month()
    elif isinstance(first, int) and not isinstance(first, bool):
        values["first_month"] = first
    else:
        try:
            values["first_month"] = parse_month(first)
        except ValueError:
            err("first_month", "err.bad_month", value=str(first))

    if (
        "principal" in values
        and values.get("overdue_principal") is not None
        and values["overdue_principal"] > values["principal"]
    ):
        err("overdue_principal", "err.overdue_exceeds")

    if errors:
        return None, errors
    for name in ("overdue_principal", "overdue_interest", "upfront_fee", "min_payment_floor"):
        if values.get(name) is None:
            values.pop(name, None)
    values["name"] = str(raw.get("name") or "").strip()
    merged = {**defaults, **values}
    return Debt(**merged), []


# --- a rate that does not look like the lender's ------------------------------------------
# What a rate a year usually is for each kind of lender, in percent (a rule of thumb): mortgages
# a few percent; bank consumer loans and car loans single figures to the 20s; cards about
# 18 % (0.05 % a day) and more with fees; licensed online lenders up to the 24 % line and,
# with fees, past it; private loans anything (interest-free between relatives, or worse).
# A rate outside the band is asked about, not refused: 借呗's "0.04" is its daily rate.
PLAUSIBLE_ANNUAL: dict[str, tuple[Decimal, Decimal]] = {
    "mortgage": (Decimal("1"), Decimal("15")),
    "car_loan": (Decimal("1"), Decimal("40")),
    "bank_consumer": (Decimal("2"), Decimal("40")),
    "credit_card": (Decimal("5"), Decimal("60")),
    "online_lending": (Decimal("3"), Decimal("60")),
    "private_loan": (Decimal("0"), Decimal("100")),
}


def rate_doubt(rate: object, unit: str, lender_type: str | None) -> InputError | None:
    """A question about a rate implausible for the kind of lender (None: nothing to ask).
    An interest-free debt (0) is never asked about. The question names the unit in which
    the figure would be usual, when there is one (0.04 read as a day's rate: 14.6 % a year)."""
    try:
        number = to_decimal(rate)
    except ValueError:
        return None
    if unit not in RATE_UNITS or number <= 0 or lender_type not in PLAUSIBLE_ANNUAL:
        return None
    low, high = PLAUSIBLE_ANNUAL[lender_type]
    annual = annual_rate_from(number, unit)
    if low <= annual <= high:
        return None
    params = {"value": f"{number.normalize():f}", "annual": f"{annual.normalize():f}", "low": f"{low}",
              "high": f"{high}", "kind": lender_type}  # fmt: skip
    for other in RATE_UNITS:
        if other != unit and low <= annual_rate_from(number, other) <= high:
            params["other_annual"] = f"{annual_rate_from(number, other).normalize():f}"
            return InputError("rate", f"err.rate_doubt.as_{other}", params)
    return InputError("rate", "err.rate_doubt.low" if annual < low else "err.rate_doubt.high", params)


def typed_problems(raw: Mapping) -> list[InputError]:
    """What is wrong with the values typed for one debt (a short form): parse_debt's
    errors for the cells that hold something. A cell left blank is not a problem here: the
    debt is kept as a draft that names what it still needs."""
    _, errors = parse_debt(raw)
    return [e for e in errors if not is_blank(raw.get(e.field))]
