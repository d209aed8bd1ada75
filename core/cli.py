"""Command line: ``python -m core schedule|import|simulate ...``.

Bad arguments exit with status 2 and one line on stderr; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pandas as pd

from core.household.loader import load
from core.i18n import join, t
from core.imports import MAX_UPLOAD_BYTES, ImportResult, Mapping, RefusedFile, read_statement
from core.imports.review import Review
from core.loans.apr import DEFAULT_LPR, flag_message
from core.loans.dates import format_month, month_to_date, parse_month
from core.loans.debts import parse_debt
from core.loans.money import MAX_AMOUNT, format_cents, format_money, from_cents, to_cents, to_decimal
from core.loans.money import yuan_number as _money  # JSON numbers in yuan
from core.loans.schedule import COLUMNS, Schedule, calculator_total_interest, schedule
from core.profiles.profile import Profile, normalize_section
from core.profiles.workbook import profile_from_xlsx


class UsageError(Exception):
    """A problem with the command line the user typed; printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage over several lines
        raise UsageError(message)


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
    header = [t(f"col.{k}", lang) for k in COLUMNS]
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
    lines.append(f"{t('total.payment', lang)}: {format_cents(s.total_payment)}")
    lines.append(f"{t('total.interest', lang)}: {format_cents(s.total_interest)}")
    lines.append(f"{t('total.fees', lang)}: {format_cents(s.total_fees)}")
    if s.total_penalty:
        lines.append(f"{t('total.penalty', lang)}: {format_cents(s.total_penalty)}")
    lines.append(f"{t('total.apr', lang)}: {'—' if apr is None else f'{apr}%'}")
    for flag in s.flags(lpr):
        lines.append("  ! " + flag_message(flag, lang, lpr))
    if s.never_paid_off:
        lines.append(t("never_paid_off", lang))
    else:
        lines.append(f"{t('total.payoff', lang)}: {format_month(s.payoff_month)}")
    if s.debt.method != "revolving":
        lines.append(f"{t('total.calculator_interest', lang)}: {format_money(calculator_total_interest(s.debt))}")
    lines.append(t("total.convention", lang))
    return "\n".join(lines)


PROG = "repay-planner"  # also `python -m core` from the project folder
ROOT = Path(__file__).resolve().parent.parent  # the project folder: app.py, server.py, app_pages/


def _run_app(args, extra: list[str]) -> int:
    """Serve the app (server.py: app.py behind the local-host check) with this Python's
    streamlit, from the project folder whatever the current folder is."""
    server = ROOT / "server.py"
    if not server.is_file():
        raise UsageError(f"the app's files are not next to this installation ({ROOT}); install the project "
                         "folder itself: pip install -e <project folder>")  # fmt: skip
    command = [sys.executable, "-m", "streamlit", "run", str(server), "--server.port", str(args.port),
               "--server.address", "127.0.0.1", *extra]  # fmt: skip
    if os.name == "posix":  # become the server: stopping this command stops the app
        os.chdir(ROOT)
        os.execv(sys.executable, command)
    return subprocess.call(command, cwd=ROOT)


def _build_parser() -> _Parser:
    parser = _Parser(prog=PROG, description="Repay Planner command line")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    app = sub.add_parser(
        "app", help="open the app in the browser (http://127.0.0.1:8501); other options go to streamlit"
    )
    app.add_argument("--port", default="8501", help="port on this computer (default 8501)")
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

    imp = sub.add_parser("import", help="read bank/Alipay/WeChat statements or a budget sheet, as the page does")
    imp.add_argument("file", nargs="+", help="CSV, XLSX, XLS, PDF, HTML or EML statements, or zip files holding one; "
                     "several are read together (each transaction once)")  # fmt: skip
    imp.add_argument("--password", help="a locked zip or PDF file's password (Alipay/WeChat Pay show it in their app)")
    imp.add_argument("--profile", help="profile workbook whose category rules, name and earlier imports to use")
    imp.add_argument("--date-col", help="for an unrecognised layout: the date column's header (or its number "
                     "with --no-header)")  # fmt: skip
    imp.add_argument("--amount-col", help="... the signed amount column's header")
    imp.add_argument("--debit-col", help="... or the money-out column's header")
    imp.add_argument("--credit-col", help="... and the money-in column's header")
    imp.add_argument("--direction-col", help="... a column saying which way the money went (借/贷, 收/支, D/C, "
                     "Debit/Credit, Af/Bij)")  # fmt: skip
    imp.add_argument("--description-col", help="... the description column's header")
    imp.add_argument("--category-col", help="... the category column's header")
    imp.add_argument("--no-header", action="store_true", help="the file has no header row: columns are 1, 2, 3...")
    imp.add_argument("--header-row", type=int, help="the line number of the header row (or, with --no-header, "
                     "of the first data row)")  # fmt: skip
    imp.add_argument("--money-out", choices=["positive", "negative"], help="how the file writes money out, when "
                     "it cannot be told from the file")  # fmt: skip
    imp.add_argument("--date-order", choices=["dmy", "mdy"], help="05/03/2026: day first (dmy) or month first")
    imp.add_argument("--decimal", choices=["comma", "point"], help="the file's decimal mark (default: as its "
                     "amounts show)")  # fmt: skip
    imp.add_argument("--currency", help="the currency of a statement that does not say it (CNY, USD, ...)")
    imp.add_argument("--rate", action="append", default=[], metavar="CUR=YUAN",
                     help="yuan for one unit of a foreign currency, e.g. USD=7.12 (repeat for more)")  # fmt: skip
    imp.add_argument("--holder", action="append", default=[], help="the account holder's name: moves to or from it "
                     "are one's own (default: the profile's full name)")  # fmt: skip
    imp.add_argument("--count-own", action="store_true", help="count moves to or from the holder's name after all")
    imp.add_argument("--leave-partial", action="store_true", help="leave out months a statement covers only in part")
    imp.add_argument("--from-people", action="store_true", help="count transfers and red packets from people")
    imp.add_argument("--no-one-offs", action="store_true", help="average large single rows into every month "
                     "instead of keeping them to their month")  # fmt: skip
    imp.add_argument("--lang", default="en", choices=["en", "zh"])
    imp.add_argument("--json", action="store_true", help="print JSON instead of a summary")

    sim = sub.add_parser("simulate", help="run a profile workbook's scenarios")
    sim.add_argument("profile", help="a profile workbook exported by the app (XLSX)")
    sim.add_argument("--margin", default="0", help="safety margin: cash to keep at least (yuan)")
    sim.add_argument("--lang", default="en", choices=["en", "zh"])
    sim.add_argument("--json", action="store_true", help="print JSON instead of a table")
    rep = sub.add_parser("report", help="write the full report of a profile workbook as XLSX or HTML")
    rep.add_argument("profile", help="a profile workbook (.xlsx) exported from the app")
    rep.add_argument("-o", "--output", required=True, help="report.xlsx or report.html")
    rep.add_argument("--margin", default="0", help="cash safety margin in yuan (default 0)")
    rep.add_argument("--lang", choices=["zh", "en"], default="zh")
    rep.add_argument("--lpr", default=str(DEFAULT_LPR), help="one-year LPR in percent for the rate flags")
    pk = sub.add_parser(
        "pack",
        help="write one lender's negotiation pack (zip: letter, statement, contact log, evidence, manifest)",
    )
    pk.add_argument("profile", help="a profile workbook (.xlsx), or the app's database (.sqlite3) for the attachments")
    pk.add_argument("--debt", required=True, help="the debt's name, as on the Debts page")
    pk.add_argument("-o", "--output", required=True, help="pack.zip")
    pk.add_argument("--name", help="with a database: the profile's name (default: the only or first profile)")
    pk.add_argument("--lang", choices=["zh", "en"], default="zh")
    pk.add_argument("--no-mask", action="store_true", help="keep ID and account numbers in full")
    prg = sub.add_parser("progress", help="the agreements against the payments recorded, lender by lender")
    prg.add_argument("profile", help="a profile workbook (.xlsx), or the app's database (.sqlite3)")
    prg.add_argument("--name", help="with a database: the profile's name (default: the only or first profile)")
    prg.add_argument("--as-of", help="the month to look at, YYYY-MM: as of its last day (default: today)")
    prg.add_argument("--lang", choices=["zh", "en"], default="en")
    prg.add_argument("--json", action="store_true", help="print JSON instead of a summary")
    return parser


def _phases_json(phases) -> list[dict]:
    return [{"from": format_month(p.start), "monthly": _money(p.monthly)} for p in phases]


def plan_json(plan, h) -> dict:
    """The household plan's own keys: when it starts and is reviewed, and per lender what it
    is asked (``request``), what it receives in the plan's first month (``monthly``), for how
    many months, and from which months its amount changes (``phases``)."""
    month = lambda m: format_month(m) if m is not None else None  # noqa: E731
    debts = {}
    for name in h.names:
        share = plan.share_of(name)
        if share is not None:
            debts[name] = {
                "request": share.request,
                "monthly": _money(share.share),
                "months": share.months,
                "last": _money(share.last),
                "phases": _phases_json(share.phases) if len(share.phases) > 1 else [],
                "over_limit": share.over_limit,
                "fit_monthly": _money(share.fit) if share.fit is not None else None,
            }
        else:
            request = "agreed" if name in plan.agreed else "keep"
            debts[name] = {"request": request, "monthly": _money(plan.monthly_of(name, h) or 0),
                           "priority": name in plan.priority, "phases": []}  # fmt: skip
    return {
        "start": month(plan.start) if plan.needed else None,
        "review": month(plan.review) if plan.needed else None,
        "token_months": plan.token_months,
        "reserve": _money(plan.reserve),
        "phases": _phases_json(plan.phases),
        "plan_debts": debts,
    }


def simulate_json(results, plan=None, h=None) -> list[dict]:
    rows = [
        {
            "name": r.scenario.name,
            "total_paid": _money(r.total_paid),
            "total_interest": _money(r.total_interest),
            "total_fees": _money(r.total_fees),
            "total_penalty": _money(r.total_penalty),
            "forgiven": _money(r.forgiven),
            "debt_free": format_month(r.debt_free) if r.debt_free is not None else None,
            "shortfall_months": r.shortfall_months,
            "debts": [
                {"name": track.name, "payoff": format_month(track.payoff) if track.payoff is not None else None}
                for track in r.tracks
            ],
            "errors": [e.message("en") for e in r.errors],
            "warnings": [e.message("en") for e in r.warnings],
        }
        for r in results
    ]
    if plan is not None:
        from core.simulation.plan import PLAN

        for row in rows:
            if row["name"] == PLAN:
                extra = plan_json(plan, h)
                by_name = extra.pop("plan_debts")
                row.update(extra)
                for debt in row["debts"]:
                    debt.update(by_name.get(debt["name"], {}))
    return rows


def do_nothing_json(nothing) -> dict:
    """The cash-limited status quo (core.simulation.arrears) as plain JSON types."""
    month = lambda m: format_month(m) if m is not None else None  # noqa: E731
    return {
        "name": "do_nothing",
        # the keys every scenario row has (simulate_json), then its own
        "total_paid": _money(nothing.total_paid),
        "total_interest": _money(nothing.total_interest),
        "total_fees": _money(nothing.total_fees),
        "total_penalty": _money(nothing.total_penalty),
        "forgiven": 0.0,
        "debt_free": month(nothing.debt_free),
        "shortfall_months": nothing.shortfall_months,
        "errors": [],
        "warnings": [],
        "owed_after_12": _money(nothing.owed_after(12)),
        "owed_after_24": _money(nothing.owed_after(24)),
        "overdue_after_12": _money(nothing.overdue_after(12)),
        "overdue_after_24": _money(nothing.overdue_after(24)),
        "paid": _money(nothing.paid),
        "debts": [
            {
                "name": d.name,
                "payoff": month(d.payoff),
                "past_90_days": month(d.past_90),
                "overdue_after_12": _money(d.overdue[min(12, len(d.overdue)) - 1]),
                "overdue_after_24": _money(d.overdue[min(24, len(d.overdue)) - 1]),
                "owed_after_24": _money(d.owed_after(24)),
                "penalty": _money(d.penalty),
            }
            for d in nothing.debts
        ],
    }


def _number_option(option: str, text: str, low: Decimal, high: Decimal) -> Decimal:
    """A numeric option, finite and within [low, high], else a one-line usage error."""
    try:
        value = to_decimal(text)
    except ValueError:
        raise UsageError(f"{option}: not a number: {text!r}") from None
    if not low <= value <= high:
        raise UsageError(f"{option}: {text} is out of range ({low} to {high})")
    return value


def _margin(text: str) -> int:
    return to_cents(_number_option("--margin", text, Decimal(0), MAX_AMOUNT))


def _lpr(text: str) -> Decimal:
    return _number_option("--lpr", text, Decimal("0.01"), Decimal(100))


def _run_simulate(args: argparse.Namespace) -> int:
    from core.paperwork.charts import scenario_label
    from core.simulation.arrears import do_nothing
    from core.simulation.plan import comparison, household_plan, simulated

    margin = _margin(args.margin)
    h, errors = load(_load_profile(args.profile))
    if errors:
        raise UsageError("; ".join(e.message(args.lang) for e in errors))
    plan = household_plan(h, h.plan_settings, margin)
    results = simulated(h, plan, comparison(h, plan), margin)
    nothing = do_nothing(h)
    lang = args.lang
    # A scenario whose numbers cannot be worked out (what a debt owes grows past the amount
    # limit) is bad input: one line each on stderr and exit 2, the other scenarios printed.
    for r in results:
        if r.beyond_limit:
            print(f"error: {scenario_label(r, lang)}: {r.beyond_limit[0].message(lang)}", file=sys.stderr)
    status = 2 if any(r.beyond_limit for r in results) else 0
    if args.json:
        print(json.dumps(simulate_json(results, plan, h) + [do_nothing_json(nothing)], ensure_ascii=False))
        return status

    def when(month: int | None) -> str:
        return format_month(month) if month is not None else t("sc.never", lang)

    for r in results:
        print(f"{t('cli.sim_header', lang)}: {scenario_label(r, lang)}")
        if r.beyond_limit:  # its reason, not the status quo's figures under its name
            print(f"  ! {r.beyond_limit[0].message(lang)}")
            continue
        for key, cents in (
            ("sc.col.paid", r.total_paid),
            ("total.interest", r.total_interest),
            ("total.fees", r.total_fees),
            ("total.penalty", r.total_penalty),
            ("sc.forgiven", r.forgiven),
        ):
            print(f"  {t(key, lang)}: {format_cents(cents)}")
        print(f"  {t('sc.col.short', lang)}: {r.shortfall_months}")
        print(f"  {t('sc.col.debt_free', lang)}: {when(r.debt_free)}")
        for track in r.tracks:
            print(f"    {track.name}: {when(track.payoff)}")
        for error in r.errors:
            print(f"  ! {error.message(lang)}")
    print(f"{t('cli.sim_header', lang)}: {t('dn.name', lang)}")
    for key, cents in (
        ("sc.col.paid", nothing.total_paid),
        ("total.interest", nothing.total_interest),
        ("total.fees", nothing.total_fees),
        ("total.penalty", nothing.total_penalty),
    ):
        print(f"  {t(key, lang)}: {format_cents(cents)}")
    print(f"  {t('dn.short', lang)}: {nothing.shortfall_months}")
    free = nothing.debt_free
    print(f"  {t('sc.col.debt_free', lang)}: "
          f"{format_month(free) if free is not None else t('dn.not_free', lang, n=len(nothing.months))}")  # fmt: skip
    for months in (12, 24):
        print(f"  {t('dn.after', lang, n=months)}: {format_cents(nothing.owed_after(months))}"
              f" ({t('dn.overdue', lang)} {format_cents(nothing.overdue_after(months))})")  # fmt: skip
    for debt in nothing.debts:
        if debt.past_90 is None:
            print(f"    {debt.name}: {t('dn.never_90', lang, n=len(nothing.months))}")
        else:
            print(f"    {debt.name}: {t('dn.past_90', lang)} {format_month(debt.past_90)}")
    return status


def _run_report(args: argparse.Namespace) -> int:
    from core.paperwork.report import build, report_bytes

    kind = Path(args.output).suffix.lower().lstrip(".")
    if kind not in ("xlsx", "html"):
        raise UsageError(t("cli.report_ext", "en"))
    margin, lpr = _margin(args.margin), _lpr(args.lpr)
    profile = _load_profile(args.profile)
    data = report_bytes(build(profile, args.lang, margin, lpr), kind)
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        raise UsageError(f"{args.output}: {exc.strerror or exc}") from None
    print(t("cli.report_written", args.lang, path=args.output))
    return 0


def _run_pack(args: argparse.Namespace) -> int:
    """A lender's pack. From a workbook: letter, statement and contact log; from the app's
    database (its path, e.g. ~/.local/share/repay-planner/profiles.sqlite3) also the
    attached evidence, which lives in the ``evidence`` folder beside it."""
    from core.paperwork.pack import pack_files, write_pack

    if not args.output.lower().endswith(".zip"):
        raise UsageError(t("cli.pack_ext", "en"))
    profile, evidence_dir = _profile_or_database(args.profile, args.name)
    h, _ = load(profile)
    if args.debt not in h.names:
        raise UsageError(t("cli.pack_no_debt", "en", debt=args.debt, names=join(h.names, "en")))
    files = pack_files(profile, h, args.debt, args.lang, evidence_dir, masked=not args.no_mask)
    try:
        rows = write_pack(args.output, files, args.lang)
    except OSError as exc:
        raise UsageError(f"{args.output}: {exc.strerror or exc}") from None
    unverified = [r["file"] for r in rows if r.get("verified") is False]
    print(t("cli.pack_written", args.lang, path=args.output, n=len(rows)))
    for name in unverified:
        print("  ! " + t("cli.pack_changed", args.lang, file=name))
    return 0


def _profile_or_database(path: str, name: str | None):
    """A profile from a workbook, or from the app's database (the one named, else the only
    or first one) with the folder its evidence lives in (None for a workbook)."""
    from core.profiles.evidence import evidence_folder
    from core.profiles.store import STORE_ERRORS, Store

    if not path.lower().endswith((".sqlite3", ".sqlite", ".db")):
        return _load_profile(path), None
    if not Path(path).is_file():
        raise UsageError(f"{path}: no such file")
    try:
        store = Store(Path(path), backups=False)
        profiles = store.list_profiles()
        pick = [pid for pid, shown in profiles if name is None or shown == name]
        if not pick:
            raise UsageError(
                t("cli.pack_no_profile", "en", name=name or "", names=join((n for _, n in profiles), "en"))
            )
        return store.load(pick[0]), evidence_folder(Path(path))
    except STORE_ERRORS as exc:
        raise UsageError(f"{path}: {exc}") from None


def _as_of(text: str | None) -> dt.date:
    """--as-of YYYY-MM: the last day of that month; none: today."""
    if text is None:
        return dt.date.today()
    try:
        month = parse_month(text)
    except ValueError:
        raise UsageError(t("cli.progress_month", "en", value=text)) from None
    return month_to_date(month + 1) - dt.timedelta(days=1)


def progress_json(p, check) -> dict:
    """The agreements against the payments (core.tracking.progress) and the review, amounts in yuan."""

    def month(m: int | None) -> str | None:
        return None if m is None else format_month(m)

    lenders = []
    for lp in p.lenders:
        nxt = lp.next_due
        lenders.append({
            "debt": lp.debt, "lender": lp.lender, "state": lp.state, "status": lp.status,
            "scheduled": _money(lp.scheduled), "paid": _money(lp.paid), "behind": _money(lp.behind),
            "total": _money(lp.total), "percent": float(lp.percent),
            "expected_balance": _money(lp.expected_balance),
            "reported_balance": None if lp.reported_balance is None else _money(lp.reported_balance),
            "months_due": lp.months_due, "months_on_track": lp.months_on_track,
            "misses": [{"month": format_month(m.month), "kind": m.kind, "short_by": _money(m.short_by)} for m in lp.misses],
            "next_due": None if nxt is None else {"date": nxt.date.isoformat(), "amount": _money(nxt.amount), "late": nxt.late},
            "debt_free": month(lp.debt_free), "months_left": lp.months_left,
        })  # fmt: skip
    return {
        "as_of": p.as_of.isoformat(),
        "grace_days": p.grace,
        "household": {
            "scheduled": _money(p.scheduled),
            "paid": _money(p.paid),
            "behind": _money(p.behind),
            "percent": float(p.percent),
            "months_on_track": p.months_on_track,
            "debt_free": month(p.debt_free),
            "months_left": p.months_left,
        },  # fmt: skip
        "review": {
            "on": None if check.on is None else check.on.isoformat(),
            "due": check.due,
            "reasons": check.reasons,
        },
        "lenders": lenders,
    }


def _run_progress(args: argparse.Namespace) -> int:
    from core.simulation.plan import household_plan
    from core.tracking.progress import progress
    from core.tracking.review import review_check

    as_of = _as_of(args.as_of)
    profile, _ = _profile_or_database(args.profile, args.name)
    h, _ = load(profile)
    p = progress(h, as_of)
    check = review_check(h, household_plan(h, h.plan_settings), as_of)
    if args.json:
        print(json.dumps(progress_json(p, check), ensure_ascii=False))
        return 0
    lang = args.lang
    if not p.lenders:
        print(t("cli.progress_none", lang))
    for lp in p.lenders:
        print(t("cli.progress_lender", lang, debt=lp.debt, state=t(f"choice.state.{lp.state}", lang),
                status=t(f"cli.progress_status.{lp.status}", lang)))  # fmt: skip
        print("  " + t("cli.progress_paid", lang, paid=format_cents(lp.paid), scheduled=format_cents(lp.scheduled),
                       behind=format_cents(lp.behind), percent=lp.percent))  # fmt: skip
        if lp.next_due is not None:
            print("  " + t("cli.progress_next", lang, date=lp.next_due.date.isoformat(),
                           amount=format_cents(lp.next_due.amount)))  # fmt: skip
    print(t("cli.progress_household", lang, paid=format_cents(p.paid), scheduled=format_cents(p.scheduled),
            behind=format_cents(p.behind), percent=p.percent))  # fmt: skip
    print(t("cli.progress_review", lang, date=check.on.isoformat() if check.on else "—"))
    return 0


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_UPLOAD_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None
    return data


def _statement_json(result: ImportResult, lang: str) -> dict:
    """What one statement, as read, holds besides its figures."""
    by_reason: dict[str, int] = result.neutral_by_reason()
    own = [tx for tx in result.transactions if tx.neutral == "holder"]
    return {
        "lines": result.lines,
        "rows_read": result.rows_read,
        "unmatched_quote_line": result.repaired,
        "currency": result.currency or None,
        "currency_said": result.currency_said,
        "card": result.card,
        "holder": result.holder,
        "neutral_by_reason": by_reason,
        "refunds_netted": result.refunds_netted,
        "own_moves": [
            {"date": tx.date.isoformat(), "amount": _money(tx.amount), "party": tx.party or tx.description}
            for tx in own
        ],  # fmt: skip
        "partial_months": [
            {"month": format_month(p.month), "first_day": p.first, "last_day": p.last} for p in result.partial
        ],  # fmt: skip
    }


def import_json(review: Review, results: list, names: list[str], lang: str) -> dict:
    """What the page shows of an import, as plain JSON types (money as numbers with two
    decimals): per file what was read, then the import as it would be applied."""
    files = []
    for index, (name, result) in enumerate(zip(names, results, strict=True)):
        entry = {"file": name, "kind": result.kind, "source": result.source}
        if result.kind == "statement":
            entry.update(_statement_json(result, lang))
        entry["errors"] = [{"row": e.row, "message": e.message(lang)} for e in result.errors]
        entry["left_out"] = (
            "already_imported" if index in {i for i, _ in review.already}
            else "question" if index not in review.files and any(q.file == index for q in review.questions)
            else None
        )  # fmt: skip
        files.append(entry)
    questions = [{"file": names[q.file], "question": q.kind, **({"currency": q.currency} if q.currency else {})}
                 for q in review.questions]  # fmt: skip
    out: dict = {"ready": review.ready, "questions": questions, "files": files}
    result = review.result
    sheet = normalize_section("worksheet", pd.DataFrame(review.rows))[0] if review.rows else None
    summary = load(Profile("import", {"worksheet": sheet}))[0].budget if sheet is not None else None
    if result is None or summary is None:
        return {**out, "kind": None, "source": None, "transactions": 0, "total_income": 0.0, "total_expense": 0.0,
                "neutral": 0, "months": 0, "monthly_by_category": {}, "errors": []}  # fmt: skip
    by_category = {
        **{k: {"direction": "income", "monthly": _money(v)} for k, v in summary.income_by_category.items()},
        **{k: {"direction": "expense", "monthly": _money(v)} for k, v in summary.by_category.items()},
    }
    statement = result.kind == "statement"
    out.update({
        "kind": result.kind,
        "source": result.source,
        "transactions": len(result.counted) if statement else 0,
        "total_income": _money(result.total_income if statement else summary.income),
        "total_expense": _money(result.total_expense if statement else summary.expenses),
        "neutral": result.neutral_count if statement else 0,
        "neutral_by_reason": result.neutral_by_reason() if statement else {},
        "months": result.months if statement else None,
        "currency": "CNY",
        "monthly_by_category": by_category,
        "monthly_income": _money(summary.income),
        "monthly_expense": _money(summary.expenses),
        "errors": [{"row": e.row, "message": e.message(lang)} for e in result.errors],
    })  # fmt: skip
    if statement:
        out.update({
            "debt_service": [{"lender": lender or None, "monthly": _money(monthly), "payments": count}
                             for lender, monthly, count in result.debt_service()],
            "own_moves": sum(1 for tx in result.transactions if tx.neutral == "holder"),
            "own_transfers_matched": len(review.combined.matches) if review.combined else 0,
            "duplicates_dropped": result.duplicates,
            "refunds_netted": result.refunds_netted,
            "repeats_of_earlier_imports": review.repeats,
            "replaces_earlier_imports": [a.mark for a in review.replaces],
            "one_offs": [{"date": tx.date.isoformat(), "amount": _money(tx.amount), "what": tx.party or tx.description}
                         for tx in review.one_off_candidates],
            "uncategorised": [{"name": u.name, "direction": u.direction, "total": _money(u.total), "rows": u.count}
                              for u in result.uncategorised()],
            "partial_months_left_out": review.partial_left_out,
            "from_people_monthly": _money(result.from_people_monthly()),
        })  # fmt: skip
    out["worksheet_rows"] = [{**row, "amount": float(row["amount"])} for row in review.rows]
    return out


def _rates(texts: list[str]) -> dict[str, Decimal]:
    rates = {}
    for text in texts:
        code, _, value = text.partition("=")
        if not code or not value:
            raise UsageError(f"--rate: write it as CUR=YUAN, e.g. USD=7.12 (got {text!r})")
        rates[code.strip().upper()] = _number_option("--rate", value, Decimal("0.000001"), Decimal(100_000))
    return rates


def _run_import(args: argparse.Namespace) -> int:
    from core.imports.result import Choices
    from core.imports.review import Answers, applied_imports, review

    rules, holder, applied = None, list(args.holder), []
    if args.profile:
        profile = _load_profile(args.profile)
        rules = profile.import_rules(args.lang)
        household = load(profile)[0]
        if not holder and household.case.full_name:
            holder = [household.case.full_name]
        applied = applied_imports(profile.section("worksheet").get("note", pd.Series(dtype=object)).tolist())
    picked = {
        "date": args.date_col,
        "amount": args.amount_col,
        "debit": args.debit_col,
        "credit": args.credit_col,
        "description": args.description_col,
        "category": args.category_col,
        "direction": args.direction_col,
    }
    mapping = Mapping(**picked, no_header=args.no_header) if any(picked.values()) else None
    if args.no_header and mapping is None:
        raise UsageError("--no-header: say which columns are which (--date-col 1 --amount-col 3 ...)")
    header_row = None
    if args.header_row is not None:
        if args.header_row < 1:
            raise UsageError("--header-row: a line number, 1 or more")
        header_row = args.header_row - 1
    choices = Choices(
        money_out=args.money_out,
        date_order=args.date_order,
        decimal_comma=None if args.decimal is None else args.decimal == "comma",
    )
    results, names = [], []
    for path in args.file:
        name = Path(path).name
        try:
            result = read_statement(name, _read_file(path), rules=rules, lang=args.lang, mapping=mapping,
                                    header_row=header_row, password=args.password, choices=choices,
                                    holder=holder)  # fmt: skip
        except RefusedFile as refused:
            hint = " (--password)" if refused.code.startswith(("refuse.zip_password", "refuse.pdf_password")) else ""
            raise UsageError(f"{name}: {refused.message(args.lang)}{hint}") from None
        if result.kind == "needs_mapping":
            columns = ", ".join(h for h in result.header if h) or "—"
            raise UsageError(f"{name}: " + t("cli.needs_mapping", args.lang, columns=columns))
        results.append(result)
        names.append(name)
    currency = (args.currency or "").strip().upper()
    answers = Answers(
        count_own=args.count_own,
        leave_partial=args.leave_partial,
        from_people=args.from_people,
        currencies={i: currency for i, r in enumerate(results) if currency and not r.currency},
        rates=_rates(args.rate),
        one_offs=frozenset() if args.no_one_offs else None,
    )
    checked = review(results, answers, applied, args.lang)
    summary = import_json(checked, results, names, args.lang)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    _print_import(summary, checked, args.lang)
    return 0


_QUESTION_HINTS = {"direction": "--money-out positive|negative", "date_order": "--date-order dmy|mdy",
                   "currency": "--currency CUR", "rate": "--rate CUR=YUAN"}  # fmt: skip


def _print_import(summary: dict, checked, lang: str) -> None:
    for entry in summary["files"]:
        if entry.get("lines") is not None:
            lines = t("count.lines", lang, n=entry["lines"])
            print(t("cli.import_lines", lang, file=entry["file"], n=entry["rows_read"], lines=lines))
        if entry.get("unmatched_quote_line"):
            print("  ! " + t("ws.repaired", lang, line=entry["unmatched_quote_line"]))
        if entry["left_out"] == "already_imported":
            print("  ! " + t("cli.import_already", lang, file=entry["file"]))
    for question in summary["questions"]:
        kind = question["question"]
        asked = t(f"cli.question.{kind}", lang, **question)
        print(f"  ? {question['file']}: {asked} ({_QUESTION_HINTS[kind]})")
    if checked.result is None:
        return
    if summary["kind"] == "budget":
        print(t("cli.budget_summary", lang, n=len(checked.rows)))
    else:
        print(t("cli.import_summary", lang, n=summary["transactions"], neutral=summary["neutral"],
                months=t("count.months", lang, n=summary["months"])))  # fmt: skip
        print(f"{t('cli.income_total', lang)}: {format_money(Decimal(str(summary['total_income'])))}")
        print(f"{t('cli.expense_total', lang)}: {format_money(Decimal(str(summary['total_expense'])))}")
    print(t("cli.monthly_by_category", lang))
    width = max((_display_width(k) for k in summary["monthly_by_category"]), default=0)
    for category, entry in summary["monthly_by_category"].items():
        sign = "+" if entry["direction"] == "income" else "-"
        pad = " " * (width - _display_width(category))
        print(f"  {category}{pad}  {sign}{entry['monthly']:>12,.2f}")
    for item in summary.get("one_offs", []):
        print("  · " + t("cli.import_one_off", lang, date=item["date"], amount=f"{abs(item['amount']):,.2f}",
                           what=item["what"]))  # fmt: skip
    for item in summary.get("debt_service", []):
        print("  · " + t("cli.import_debt", lang, lender=item["lender"] or "—", amount=f"{item['monthly']:,.2f}"))
    for key in ("own_moves", "duplicates_dropped", "refunds_netted"):
        if summary.get(key):
            print("  · " + t(f"cli.import_{key}", lang, n=summary[key]))
    for error in summary["errors"]:
        print(f"  ! {error['message']}")


def _display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _load_profile(path: str):
    data = _read_file(path)
    try:
        profile, errors = profile_from_xlsx(data, name=Path(path).stem, filename=Path(path).name)
    except RefusedFile as refused:
        raise UsageError(f"{path}: {refused.message('en')}") from None
    except Exception:  # calamine's own errors for a workbook it cannot read
        raise UsageError(f"{path}: {t('refuse.corrupt', 'en')}") from None
    if errors:
        raise UsageError(f"{path}: " + "; ".join(e.message("en") for e in errors[:5]))
    return profile


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
    lpr = _lpr(args.lpr)
    debt, errors = parse_debt(raw)
    if errors:
        raise UsageError("; ".join(e.message("en") for e in errors))
    result = schedule(debt)
    if args.json:
        print(json.dumps(schedule_json(result, lpr), ensure_ascii=False))
    else:
        print(_table(result, args.lang, lpr))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if args.command == "app":
            return _run_app(args, extra)
        if extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        if args.command == "schedule":
            return _run_schedule(args)
        if args.command == "import":
            return _run_import(args)
        if args.command == "simulate":
            return _run_simulate(args)
        if args.command == "report":
            return _run_report(args)
        if args.command == "pack":
            return _run_pack(args)
        if args.command == "progress":
            return _run_progress(args)
        parser.print_help()
        return 2
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
