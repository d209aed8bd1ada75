"""The full report: one XLSX workbook (with native Excel charts) and one self-contained
HTML page (with the interactive plotly charts, plotly.js inlined so it opens offline).

Both are built from the same ``ReportData`` (one simulation per scenario), so the
figures in the workbook, the HTML page and the app agree to the cent. A household with
agreements gets a progress statement too: per lender, what was due and what was paid so
far, what is behind, the balance expected against the one reported, on track or not
(core.tracking.progress), as of the day the report is made.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill

from core.blank import records
from core.household.contacts import sorted_log
from core.household.loader import load
from core.household.model import Household
from core.i18n import field_label, t
from core.loans.apr import DEFAULT_LPR
from core.loans.dates import format_datetime, format_month
from core.loans.money import format_cents, to_cents, yuan_number
from core.paperwork import charts
from core.profiles.profile import SCHEMAS, Profile
from core.profiles.workbook import write_text
from core.simulation.plan import comparison, household_plan, simulated
from core.simulation.simulate import Result
from core.text import clean_text
from core.tracking.progress import HouseholdProgress, LenderProgress, progress

MONEY_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass
class ReportData:
    profile: Profile
    lang: str
    household: Household
    results: list[Result]
    errors: list
    margin: int
    created: dt.datetime
    progress: HouseholdProgress | None = None  # the agreements against the payments (None: no agreement)


def build(
    profile: Profile, lang: str = "zh", margin: int = 0, lpr: Decimal = DEFAULT_LPR, household: Household | None = None,
    as_of: dt.date | None = None, on_progress: Callable[[int, int], None] | None = None,
) -> ReportData:  # fmt: skip
    """The report's figures; ``household`` is the profile already loaded (core.household.loader), if at hand;
    the progress statement as of ``as_of`` (today when not given). ``on_progress(done, total)``, if
    given, is told the scenarios worked out: 0 before, all once done (they are worked out together)."""
    h = household if household is not None else load(profile)[0]
    plan = household_plan(h, h.plan_settings)
    scenarios = comparison(h, plan)
    if on_progress is not None:
        on_progress(0, len(scenarios))
    results = simulated(h, plan, scenarios, margin)  # worked out together: told before and after
    if on_progress is not None:
        on_progress(len(results), len(scenarios))
    # A scenario whose figures cannot be worked out (a balance past the amount limit) is
    # said in the report too, not shown with the status quo's figures under its name.
    beyond = [e for r in results for e in r.beyond_limit]
    tracked = progress(h, as_of)
    return ReportData(profile, lang, h, results, [*h.scenario_errors, *beyond], margin, dt.datetime.now(),
                      tracked if tracked.lenders else None)  # fmt: skip


# --- shared tables ----------------------------------------------------------------------------
def _summary_rows(data: ReportData) -> list[tuple[str, object, bool]]:
    """(label, value, is_money) lines of the summary."""
    s, lang = data.household, data.lang
    budget = s.budget
    dsr = s.debt_service_ratio
    runway = s.runway_months
    return [
        (t("ov.income", lang), budget.income, True),
        (t("ov.fixed", lang), budget.fixed_expenses, True),
        (t("ov.variable", lang), budget.variable_expenses, True),
        (t("ov.surplus", lang), budget.surplus, True),
        (t("ov.total_debt", lang), s.total_debt, True),
        (t("rp.regular_payments", lang), s.regular_payments(), True),
        (t("ov.dsr", lang), "—" if dsr is None else f"{dsr}%", False),
        (t("ov.net_worth", lang), s.net_worth, True),
        (t("ov.liquid", lang), s.liquid_now, True),
        (t("ov.runway", lang), t("ov.no_gap", lang) if runway is None else t("ov.months_unit", lang, n=runway), False),
        (t("sc.margin", lang), data.margin, True),
    ]


COMPARISON_COLUMNS = (
    ("sc.col.scenario", False),
    ("sc.col.short", False),
    ("sc.col.first_short", False),
    ("sc.col.lowest", True),
    ("sc.col.debt_free", False),
    ("sc.col.paid", True),
    ("total.interest", True),
    ("total.fees", True),
    ("total.penalty", True),
    ("sc.forgiven", True),
    ("sc.col.saving", True),
)


def _comparison(data: ReportData) -> list[list]:
    base = data.results[0]
    rows = []
    for r in data.results:
        label = charts.scenario_label(r, data.lang)
        if r.beyond_limit:  # its figures are the status quo's: said beside its name
            label = t("rp.not_worked_out", data.lang, name=label, why=r.beyond_limit[0].message(data.lang))
        rows.append(
            [
                label,
                r.shortfall_months,
                format_month(r.first_shortfall) if r.first_shortfall else "—",
                r.lowest_buffer,
                format_month(r.debt_free) if r.debt_free else t("sc.never", data.lang),
                r.total_paid,
                r.total_interest,
                r.total_fees,
                r.total_penalty,
                r.forgiven,
                base.total_paid - r.total_paid,
            ]
        )
    return rows


def _schedule_columns(result: Result, lang: str) -> list[tuple[str, bool]]:
    cols = [(t("col.month", lang), False), (t("chart.income", lang), True), (t("chart.expenses", lang), True)]
    cols += [(track.name, True) for track in result.tracks]
    cols += [
        (t("rp.prepaid", lang), True),
        (t("rp.payments", lang), True),
        (t("chart.buffer", lang), True),
        (t("rp.owed", lang), True),
    ]
    return cols


def _schedule_rows(result: Result) -> list[list]:
    rows = []
    owed = result.balances.sum(axis=0)
    for k, month in enumerate(result.months):
        row = [format_month(month), int(result.income[k]), int(result.expenses[k])]
        row += [track.payment.get(month, 0) for track in result.tracks]
        row += [int(result.extra[k]), int(result.payments[k]), int(result.buffer[k]), int(owed[k])]
        rows.append(row)
    return rows


PROGRESS_COLUMNS = (
    ("rp.pg.debt", False),
    ("rp.pg.paid_to", False),
    ("rp.pg.status", False),
    ("rp.pg.scheduled", True),
    ("rp.pg.paid", True),
    ("rp.pg.behind", True),
    ("rp.pg.expected", True),
    ("rp.pg.reported", True),
    ("rp.pg.on_time", False),
    ("rp.pg.percent", False),
)


def progress_row(lp: LenderProgress, lang: str) -> list:
    """One lender's line of the progress statement (money in cents)."""
    return [lp.debt, lp.lender, t(f"rp.pg.status.{lp.status}", lang), lp.scheduled, lp.paid, lp.behind,
            lp.expected_balance, lp.reported_balance, f"{lp.months_on_track}/{lp.months_due}", f"{lp.percent}%"]  # fmt: skip


def _progress(data: ReportData) -> tuple[list[tuple[str, bool]], list[list]]:
    """The progress statement: one line per agreement, then the household's."""
    lang, tracked = data.lang, data.progress
    rows = [progress_row(lp, lang) for lp in tracked.lenders]
    rows.append([t("rp.pg.household", lang), "", "", tracked.scheduled, tracked.paid, tracked.behind,
                 sum(lp.expected_balance for lp in tracked.lenders), None, "", f"{tracked.percent}%"])  # fmt: skip
    return [(t(k, lang), m) for k, m in PROGRESS_COLUMNS], rows


def _section_table(frame: pd.DataFrame, lang: str, section: str) -> tuple[list[tuple[str, bool]], list[list]]:
    """A profile section with translated headings and choices; money in cents."""
    columns = SCHEMAS[section]
    heads = [(field_label(section, c.name, lang), c.kind == "money") for c in columns]
    rows = []
    for record in records(frame):
        row = []
        for c in columns:
            value = record.get(c.name)
            if value is None:
                row.append(None)
            elif c.kind == "money":
                row.append(to_cents(value))
            elif c.kind == "choice":
                row.append(t(f"choice.{c.name}.{value}", lang))
            elif c.kind == "bool":
                row.append(t("rp.yes" if value else "rp.no", lang))
            else:
                row.append(value)
        rows.append(row)
    return heads, rows


def _contacts(data: ReportData) -> tuple[list[tuple[str, bool]], list[list]]:
    return _section_table(sorted_log(data.profile.section("contacts")), data.lang, "contacts")


# --- XLSX --------------------------------------------------------------------------------------
def _width(value) -> int:
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_BAD.sub("_", clean_text(name)).strip("'") or "sheet"
    base = base[:28]
    candidate, n = base, 2
    while candidate.lower() in taken:
        candidate, n = f"{base[:25]} ({n})", n + 1
    taken.add(candidate.lower())
    return candidate


def _put(cell, value, money: bool) -> None:
    if value is None:
        return
    if money:
        cell.value = yuan_number(int(value))  # a number, shown as ¥ to the cent
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, str):
        write_text(cell, value)  # text that starts with = + - @ stays text
    else:
        cell.value = value


def _table(sheet, top: int, columns: list[tuple[str, bool]], rows: list[list], freeze: bool = True) -> None:
    widths = [_width(head) for head, _ in columns]
    for col, (head, _) in enumerate(columns, start=1):
        cell = sheet.cell(top, col)
        write_text(cell, head)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=top + 1):
        for col, ((_, money), value) in enumerate(zip(columns, row, strict=True), start=1):
            _put(sheet.cell(r, col), value, money)
            shown = format_cents(int(value)) if money and value is not None else value
            if shown is not None:
                widths[col - 1] = max(widths[col - 1], _width(shown))
    for col, width in enumerate(widths, start=1):
        letter = sheet.cell(top, col).column_letter
        current = sheet.column_dimensions[letter].width or 0
        sheet.column_dimensions[letter].width = max(current, min(max(width + 2, 8), 60))
    if freeze:
        sheet.freeze_panes = sheet.cell(top + 1, 1)


def _line_chart(title: str, data_sheet, first_col: int, count: int, rows: int, y_title: str) -> LineChart:
    chart = LineChart()
    chart.title = title
    chart.y_axis.title = y_title
    chart.y_axis.number_format = "#,##0"
    chart.height, chart.width = 9, 22
    values = Reference(data_sheet, min_col=first_col, max_col=first_col + count - 1, min_row=1, max_row=rows + 1)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(Reference(data_sheet, min_col=1, min_row=2, max_row=rows + 1))
    return chart


def report_xlsx(data: ReportData) -> bytes:
    lang = data.lang
    book = Workbook()
    taken: set[str] = set()

    summary = book.active
    summary.title = _sheet_name(t("rp.sheet.summary", lang), taken)
    write_text(summary.cell(1, 1), t("rp.title", lang))
    summary.cell(1, 1).font = Font(bold=True, size=14)
    write_text(summary.cell(2, 1), t("rp.profile", lang))
    write_text(summary.cell(2, 2), data.profile.name)
    write_text(summary.cell(3, 1), t("rp.created", lang))
    write_text(summary.cell(3, 2), format_datetime(data.created))
    _table(summary, 5, [(t("rp.item", lang), False), (t("rp.value", lang), True)], [], freeze=False)
    lines = _summary_rows(data)
    for i, (label, value, money) in enumerate(lines, start=6):
        write_text(summary.cell(i, 1), label)
        _put(summary.cell(i, 2), value, money)
    summary.column_dimensions["A"].width = max(_width(label) for label, _, _ in lines) + 4
    summary.column_dimensions["B"].width = 22
    write_text(summary.cell(len(lines) + 7, 1), t("rp.note", lang))
    summary.freeze_panes = "A6"

    if data.progress is not None:  # after the summary: what was agreed against what was paid
        sheet = book.create_sheet(_sheet_name(t("rp.sheet.progress", lang), taken))
        write_text(sheet.cell(1, 1), t("rp.pg.title", lang, date=data.progress.as_of.isoformat()))
        sheet.cell(1, 1).font = Font(bold=True)
        heads, rows = _progress(data)
        _table(sheet, 2, heads, rows)
        write_text(sheet.cell(len(rows) + 4, 1), t("rp.pg.note", lang))

    for section, key in (("worksheet", "nav.worksheet"), ("assets", "nav.assets"), ("debts", "nav.debts")):
        sheet = book.create_sheet(_sheet_name(t(key, lang), taken))
        _table(sheet, 1, *_section_table(data.profile.section(section), lang, section))

    comparison = book.create_sheet(_sheet_name(t("rp.sheet.comparison", lang), taken))
    _table(comparison, 1, [(t(k, lang), m) for k, m in COMPARISON_COLUMNS], _comparison(data))

    chart_data = book.create_sheet(_sheet_name(t("rp.sheet.chart_data", lang), taken))
    months = data.results[0].months
    labels = [charts.scenario_label(r, lang) for r in data.results]
    heads = [(t("col.month", lang), False)]
    heads += [(f"{label} · {t('chart.buffer_short', lang)}", True) for label in labels]
    heads += [(f"{label} · {t('rp.owed', lang)}", True) for label in labels]
    rows = []
    for k, month in enumerate(months):
        row = [format_month(month)]
        row += [int(r.buffer[k]) if k < len(r.months) else None for r in data.results]
        row += [int(r.balances[:, k].sum()) if k < len(r.months) else None for r in data.results]
        rows.append(row)
    _table(chart_data, 1, heads, rows)
    n = len(data.results)
    anchor = len(data.results) + 4
    comparison.add_chart(
        _line_chart(t("rp.chart.cash", lang), chart_data, 2, n, len(rows), t("chart.amount", lang)), f"A{anchor}"
    )
    comparison.add_chart(
        _line_chart(t("rp.chart.balances", lang), chart_data, 2 + n, n, len(rows), t("chart.amount", lang)),
        f"A{anchor + 20}",
    )

    for i, result in enumerate(data.results, start=1):
        name = f"{i} {charts.scenario_label(result, lang)}"
        sheet = book.create_sheet(_sheet_name(name, taken))
        _table(sheet, 1, _schedule_columns(result, lang), _schedule_rows(result))

    log = book.create_sheet(_sheet_name(t("sheet.contacts", lang), taken))
    _table(log, 1, *_contacts(data))

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- HTML --------------------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:1.5rem auto;
max-width:1100px;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem;display:block;overflow-x:auto}
th,td{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#dde7f0}th,td{white-space:nowrap}td.m{text-align:right}
td.long{white-space:normal;min-width:16em}
.note{color:#555;font-size:.85rem}
@page{size:A4 landscape;margin:12mm}
@media print{body{max-width:none;margin:0}table{display:table;font-size:.65rem}
th,td{white-space:normal;word-break:keep-all;overflow-wrap:break-word}td.m{white-space:nowrap}
td.long{min-width:0}}
"""


LONG_CELL = 24  # characters: a longer text cell (a note, what was said) wraps within 16em


def _html_table(columns: list[tuple[str, bool]], rows: list[list], empty: str = "") -> str:
    """A table (scrolling sideways on a screen, wrapping on paper), or ``empty`` said in
    words when there are no rows."""
    if not rows and empty:
        return f'<p class="note">{html.escape(empty)}</p>'
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h, _ in columns)
    body = []
    for row in rows:
        cells = []
        for (_, money), value in zip(columns, row, strict=True):
            if value is None:
                cells.append("<td></td>")
            elif money:
                cells.append(f'<td class="m">{html.escape(format_cents(int(value)))}</td>')
            else:  # short cells on one line (a CJK header or name is never cut one character a line)
                text = str(value)
                cls = ' class="long"' if len(text) > LONG_CELL else ""
                cells.append(f"<td{cls}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def report_html(data: ReportData) -> str:
    lang = data.lang
    figures = [
        (t("sc.tab.cash", lang), charts.cashflow_figure(data.results, lang)),
        (t("sc.tab.balance", lang), charts.balances_figure(data.results, lang)),
        (t("sc.tab.payoff", lang), charts.payoff_figure(data.results, lang)),
        (t("sc.tab.cost", lang), charts.cost_figure(data.results, lang)),
    ]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{t("html.lang", lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(t('rp.title', lang))} · {html.escape(data.profile.name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(t('rp.title', lang))}</h1>",
        f'<p class="note">{html.escape(t("rp.profile", lang))}: {html.escape(data.profile.name)} · '
        f"{html.escape(t('rp.created', lang))}: {format_datetime(data.created)}</p>",
        f"<h2>{html.escape(t('rp.sheet.summary', lang))}</h2>",
        _html_table(
            [(t("rp.item", lang), False), (t("rp.value", lang), False)],
            [[label, format_cents(int(value)) if money else value] for label, value, money in _summary_rows(data)],
        ),
    ]
    if data.progress is not None:
        parts += [
            f"<h2>{html.escape(t('rp.pg.title', lang, date=data.progress.as_of.isoformat()))}</h2>",
            _html_table(*_progress(data)),
            f'<p class="note">{html.escape(t("rp.pg.note", lang))}</p>',
        ]
    parts += [
        f"<h2>{html.escape(t('rp.sheet.comparison', lang))}</h2>",
        _html_table([(t(k, lang), m) for k, m in COMPARISON_COLUMNS], _comparison(data)),
    ]
    for i, (title, fig) in enumerate(figures):
        # Room for the axis titles and labels (the app's own charts sit in a wider frame).
        fig.update_yaxes(automargin=True)
        fig.update_layout(margin={"l": 80, "r": 20})
        parts.append(f"<h2>{html.escape(title)}</h2>")
        parts.append(
            fig.to_html(
                full_html=False,
                include_plotlyjs=(i == 0),  # plotly.js inlined once: the page needs no network
                config={"displaylogo": False, "responsive": True},
                default_width="100%",
            )
        )
    for section, key in (("debts", "nav.debts"), ("worksheet", "nav.worksheet"), ("assets", "nav.assets")):
        parts.append(f"<h2>{html.escape(t(key, lang))}</h2>")
        parts.append(_html_table(*_section_table(data.profile.section(section), lang, section), t("rp.none", lang)))
    parts.append(f"<h2>{html.escape(t('sheet.contacts', lang))}</h2>")
    parts.append(_html_table(*_contacts(data), t("rp.no_contacts", lang)))
    parts.append(f'<p class="note">{html.escape(t("rp.note", lang))}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def report_bytes(data: ReportData, kind: str) -> bytes:
    """The report as 'xlsx' or 'html' bytes."""
    if kind == "xlsx":
        return report_xlsx(data)
    if kind == "html":
        return report_html(data).encode("utf-8")
    raise ValueError(kind)
