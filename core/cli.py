"""Command line: ``python -m core schedule ...`` (and, as they arrive, import/simulate/report).

Bad arguments exit with status 2 and one line on stderr; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal

from core.apr import DEFAULT_LPR
from core.debts import parse_debt
from core.i18n import t
from core.money import format_money, from_cents
from core.months import format_month
from core.schedule import Schedule, calculator_total_interest, schedule


class UsageError(Exception):
    """A problem with the command line the user typed; printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage over several lines
        raise UsageError(message)


def _money(cents: int) -> float:
    # Two-decimal Decimals become floats whose shortest repr is the same two decimals.
    return float(from_cents(cents))


def schedule_json(s: Schedule, lpr: Decimal = DEFAULT_LPR) -> dict:
    apr = s.apr()
    calculator = None
    if s.debt.method != "revolving":
        calculator = float(calculator_total_interest(s.debt))
    return {
        "payments": [
            {
                "period": r.period,
                "month": format_month(r.month),
                "payment": _money(r.payment),
                "interest": _money(r.interest),
                "principal": _money(r.principal),
                "fees": _money(r.fees),
                "penalty": _money(r.penalty),
                "balance": _money(r.balance),
            }
            for r in s.rows
        ],
        "total_payment": _money(s.total_payment),
        "total_interest": _money(s.total_interest),
        "total_fees": _money(s.total_fees),
        "total_penalty": _money(s.total_penalty),
        "apr": float(apr) if apr is not None else None,
        "rate_flags": s.flags(lpr),
        "never_paid_off": s.never_paid_off,
        "payoff_month": format_month(s.payoff_month) if s.payoff_month is not None else None,
        "calculator_total_interest": calculator,
    }


def _table(s: Schedule, lang: str, lpr: Decimal) -> str:
    keys = ("period", "month", "payment", "interest", "principal", "fees", "penalty", "balance")
    header = [t(f"col.{k}", lang) for k in keys]
    body = [
        [str(r.period), format_month(r.month)]
        + [f"{from_cents(v):,.2f}" for v in (r.payment, r.interest, r.principal, r.fees, r.penalty, r.balance)]
        for r in s.rows
    ]
    widths = [max(len(h), *(len(row[i]) for row in body)) if body else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    apr = s.apr()
    lines.append("")
    lines.append(f"{t('total.payment', lang)}: {format_money(from_cents(s.total_payment))}")
    lines.append(f"{t('total.interest', lang)}: {format_money(from_cents(s.total_interest))}")
    lines.append(f"{t('total.fees', lang)}: {format_money(from_cents(s.total_fees))}")
    if s.total_penalty:
        lines.append(f"{t('total.penalty', lang)}: {format_money(from_cents(s.total_penalty))}")
    lines.append(f"{t('total.apr', lang)}: {'—' if apr is None else f'{apr}%'}")
    for flag in s.flags(lpr):
        lines.append("  ! " + t(f"flag.{flag}", lang, line=f"{4 * lpr}"))
    if s.never_paid_off:
        lines.append(t("never_paid_off", lang))
    else:
        lines.append(f"{t('total.payoff', lang)}: {format_month(s.payoff_month)}")
    if s.debt.method != "revolving":
        lines.append(f"{t('total.calculator_interest', lang)}: {format_money(calculator_total_interest(s.debt))}")
    lines.append(t("total.convention", lang))
    return "\n".join(lines)


def _build_parser() -> _Parser:
    parser = _Parser(prog="python -m core", description="Repay Planner command line")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sch = sub.add_parser("schedule", help="print a loan's repayment schedule")
    sch.add_argument("--principal", required=True, help="outstanding principal, e.g. 1000000")
    rate = sch.add_mutually_exclusive_group()
    rate.add_argument("--annual-rate", help="annual rate in percent, e.g. 4.9")
    rate.add_argument("--monthly-rate", help="monthly rate in percent, e.g. 1.5")
    rate.add_argument("--daily-rate", help="daily rate in percent, e.g. 0.05")
    sch.add_argument("--months", help="months left (not needed for --method revolving)")
    sch.add_argument(
        "--method",
        default="annuity",
        choices=["annuity", "equal-principal", "interest-only", "bullet", "revolving"],
    )
    sch.add_argument("--start", help="first payment month, YYYY-MM (default: next month)")
    sch.add_argument("--upfront-fee", default="0")
    sch.add_argument("--monthly-fee-rate", default="0", help="percent of the original principal per month")
    sch.add_argument("--min-payment-pct", default="10", help="revolving: percent of the balance")
    sch.add_argument("--min-payment-floor", default="100", help="revolving: smallest payment")
    sch.add_argument("--overdue-principal", default="0")
    sch.add_argument("--overdue-interest", default="0")
    sch.add_argument("--days-overdue", default="0")
    sch.add_argument("--penalty-rate", help="penalty rate, percent a year (default: contract rate +50%%)")
    sch.add_argument("--lpr", default=str(DEFAULT_LPR), help="one-year LPR in percent for the rate flags")
    sch.add_argument("--lang", default="en", choices=["en", "zh"])
    sch.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def _run_schedule(args: argparse.Namespace) -> int:
    if args.annual_rate is not None:
        rate, unit = args.annual_rate, "annual"
    elif args.monthly_rate is not None:
        rate, unit = args.monthly_rate, "monthly"
    elif args.daily_rate is not None:
        rate, unit = args.daily_rate, "daily"
    else:
        raise UsageError(t("cli.rate_required", "en"))
    raw = {
        "principal": args.principal,
        "rate": rate,
        "rate_unit": unit,
        "months": args.months,
        "method": args.method.replace("-", "_"),
        "first_month": args.start,
        "upfront_fee": args.upfront_fee,
        "monthly_fee_rate": args.monthly_fee_rate,
        "min_payment_pct": args.min_payment_pct,
        "min_payment_floor": args.min_payment_floor,
        "overdue_principal": args.overdue_principal,
        "overdue_interest": args.overdue_interest,
        "days_overdue": args.days_overdue,
        "penalty_rate": args.penalty_rate,
    }
    debt, errors = parse_debt(raw)
    if errors:
        raise UsageError("; ".join(e.message("en") for e in errors))
    try:
        lpr = Decimal(args.lpr)
    except ArithmeticError:
        raise UsageError(f"--lpr: not a number: {args.lpr!r}") from None
    result = schedule(debt)
    if args.json:
        print(json.dumps(schedule_json(result, lpr), ensure_ascii=False))
    else:
        print(_table(result, args.lang, lpr))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "schedule":
            return _run_schedule(args)
        parser.print_help()
        return 2
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
