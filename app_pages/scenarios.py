"""Scenarios: negotiated terms side by side, and what the household can ask for."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from core.household.model import Household
from core.i18n import field_label, join, t
from core.loans.apr import rate_note
from core.loans.dates import format_month
from core.loans.money import format_cents, to_cents, yuan_number
from core.loans.terms import AXES, KINDS
from core.loans.values import ALL_DEBTS
from core.paperwork import charts
from core.profiles.profile import LENDER_TYPES
from core.simulation.guide import ask_rows, suggested_name
from core.simulation.negotiate import (
    DEFAULT_TARGETS,
    HEATMAP_MONTHS,
    axis_values,
    default_targets,
    heatmap_marks,
    sweep,
    what_to_ask,
)
from core.simulation.plan import simulated
from core.simulation.presets import PRESETS, preset_rows
from ui.common import current_lpr, lang, md_escape, plain_table, tr
from ui.editor import section_editor
from ui.guide import add_scenario, added_notice, builder
from ui.negotiation import compared, current_plan, labels
from ui.page import page_header
from ui.state import current_household, current_profile, profile_key
from ui.steps import next_step


# Results and charts are kept with the session for the profile's version (its last
# change), the margin and the language: a rerun reuses them as they are (a cache would
# copy every result and figure back on each rerun).
def _results(key: tuple, margin: int, language: str, h: Household, scenarios: list):
    memo_key = (key, margin, language)
    memo = st.session_state.setdefault("_sc_results", {})
    if memo_key in memo:
        return memo[memo_key]
    results = simulated(h, current_plan()[0], scenarios, margin)  # the plan's own result reused
    figures: dict = {}  # drawn when first shown (one chart at a time)
    for stale in [k for k in memo if k[0] != key][:] + list(memo)[:-3]:  # this version, the last few margins
        memo.pop(stale, None)
    memo[memo_key] = (results, figures)
    return results, figures


FIGURES = {
    "cash": charts.cashflow_figure,
    "balance": charts.balances_figure,
    "payoff": charts.payoff_figure,
    "cost": charts.cost_figure,
}


def _figure(figures: dict, name: str, results: list, language: str):
    if name not in figures:
        figures[name] = FIGURES[name](results, language)
    return figures[name]


@st.cache_data(max_entries=16, show_spinner=False)
def _asks(key: tuple, targets: tuple, margin: int, _h):
    return what_to_ask(_h, list(targets), margin)


@st.cache_data(max_entries=16, show_spinner=False)
def _sweep(key: tuple, targets: tuple, axis: str, margin: int, _h):
    return sweep(_h, list(targets), HEATMAP_MONTHS, axis_values(_h, list(targets), axis), axis, margin)


@st.cache_data(max_entries=16, show_spinner=False)
def _offers(key: tuple, margin: int, language: str, lpr_text: str, _results, _h) -> list[dict]:
    """The negotiated offers table (a true APR per offer: an IRR each, so kept with the results)."""
    lpr = Decimal(lpr_text)
    rows = []
    for r in _results[1:]:
        for track in r.tracks:
            if not track.negotiated:
                continue
            apr = track.offer_apr()
            note = rate_note(apr, track.lender_type, _h.line(track.name).contract_date, lpr)
            rows.append(
                {
                    t("sc.col.scenario", language): charts.scenario_label(r, language),
                    t("sc.col.debt", language): track.name,
                    t("sc.col.new_payment", language): yuan_number(track.offer_payment()),
                    t("sc.col.months", language): track.offer_months(),
                    t("sc.col.apr", language): "—" if apr is None else f"{apr}%",
                    t("db.col.flag", language): t(note.key, language, **note.params()) if note else "",
                }
            )
    return rows


def _target_label(value: str) -> str:
    if value == ALL_DEBTS:
        return tr("sc.all_debts")
    if value.startswith("type:"):
        return tr("sc.type_target", kind=tr(f"choice.lender_type.{value[5:]}"))
    return value


page_header("sc.title", "sc.intro")

profile = current_profile()
key = profile_key()
margin = to_cents(
    st.number_input(
        tr("sc.margin"),
        min_value=0.0,
        max_value=1_000_000.0,
        value=0.0,
        step=500.0,
        key="sc.margin",
        help=tr("sc.margin_help"),
    )
)
h = current_household()
term_errors = h.scenario_errors
results, figures = _results(key, margin, lang(), h, compared())
if not h.names:
    st.warning(tr("sc.no_debts"))
    next_step("scenarios")
    st.stop()

added_notice()

for result in results:  # what was refused (run as the status quo), then what runs but is worth saying
    for problems, heading, say, icon in ((result.errors, "sc.invalid", st.warning, ":material/warning:"),
                                         (result.warnings, "sc.warned", st.info, ":material/info:")):  # fmt: skip
        if problems:
            say(tr(heading, name=md_escape(charts.scenario_label(result, lang()))) + "\n"
                + "\n".join(f"- {md_escape(e.message(lang()))}" for e in problems), icon=icon)  # fmt: skip

# --- comparison -----------------------------------------------------------------------------
st.subheader(tr("sc.compare"))
base = results[0]
refused = any(r.errors for r in results)


def _reasons(result) -> str:
    return (
        tr("list.sep_strong").strip("|").join(e.message(lang()) for e in result.errors)
    )  # "；" / "; ": each reason is a clause


def _problem(result) -> dict:
    """A scenario that could not run as written (refused terms, numbers past the amount limit)
    is marked on its own row with the reason; the column is there only when one is."""
    if not refused:
        return {}
    return {tr("sc.col.problem"): tr("sc.row_status_quo", reason=_reasons(result)) if result.errors else ""}


table = pd.DataFrame(
    [
        {
            tr("sc.col.scenario"): charts.scenario_label(r, lang()),
            tr("sc.col.short"): r.shortfall_months,
            tr("sc.col.first_short"): format_month(r.first_shortfall) if r.first_shortfall else "—",
            tr("sc.col.lowest"): yuan_number(r.lowest_buffer),
            tr("sc.col.debt_free"): format_month(r.debt_free) if r.debt_free else tr("sc.never"),
            tr("sc.col.paid"): yuan_number(r.total_paid),
            tr("total.interest"): yuan_number(r.total_interest),
            tr("total.fees"): yuan_number(r.total_fees),
            tr("total.penalty"): yuan_number(r.total_penalty),
            tr("sc.forgiven"): yuan_number(r.forgiven),
            tr("sc.col.saving"): yuan_number(base.total_paid - r.total_paid),
        }
        | _problem(r)
        for r in results
    ]
)
money_columns = (
    "sc.col.lowest",
    "sc.col.paid",
    "total.interest",
    "total.fees",
    "total.penalty",
    "sc.forgiven",
    "sc.col.saving",
)
# Read-only tables here are plain tables: all of them in view, text that wraps, and none of
# the browser code an interactive grid loads (a lighter first view; see bench/first_paint.py).
plain_table(table, [tr(k) for k in money_columns])

st.caption(":material/info: " + tr("sc.catch_up"))

for r in results:
    if r.errors:  # its figures are the status quo's: the reason instead
        st.markdown("- " + tr("sc.summary.refused", name=md_escape(charts.scenario_label(r, lang())),
                              reason=md_escape(_reasons(r))))  # fmt: skip
        continue
    short = (
        tr("sc.summary.short", n=r.shortfall_months, first=format_month(r.first_shortfall))
        if r.shortfall_months
        else tr("sc.summary.never_short")
    )
    free = tr("sc.summary.free", month=format_month(r.debt_free)) if r.debt_free else tr("sc.summary.not_free")
    diff = base.total_paid - r.total_paid
    saving = tr("sc.summary.saves" if diff >= 0 else "sc.summary.costs", amount=format_cents(abs(diff)))
    st.markdown(
        "- "
        + tr(
            "sc.summary",
            name=md_escape(charts.scenario_label(r, lang())),
            short=short,
            free=free,
            paid=format_cents(r.total_paid),
            saving=saving,
        )
    )


# One chart at a time, drawn when chosen: plotly's browser script is the heaviest thing the
# app loads (about 1.5 s on a small laptop), so the page opens on the comparison above and
# draws a chart when asked. The choice is kept for the session: coming back shows it again.
# Choosing one reruns only this part of the page (a fragment): the rest is as it was.
@st.fragment
def _charts(figures: dict, results: list) -> None:
    chart_names = {k: tr(f"sc.tab.{k}") for k in FIGURES}
    shown = st.segmented_control(
        tr("sc.charts"), list(FIGURES), default=st.session_state.get("_sc_chart"), key="sc.chart",
        format_func=chart_names.get, on_change=lambda: st.session_state.update(_sc_chart=st.session_state["sc.chart"]),
    )  # fmt: skip
    if shown:
        st.plotly_chart(
            _figure(figures, shown, results, lang()), key=f"sc.chart.{shown}", config={"displaylogo": False}
        )
    else:
        st.caption(":material/bar_chart: " + tr("sc.charts_pick"))


_charts(figures, results)

st.markdown(f"**{tr('sc.offers')}**")
offers = _offers(key, margin, lang(), str(current_lpr()), results, h)
if offers:
    plain_table(pd.DataFrame(offers), [tr("sc.col.new_payment")])
else:
    st.caption(tr("sc.no_offers"))

# --- your own scenarios: guided, ready-made, or in the tables --------------------------------
builder(h, margin, results[0])
# --- ready-made scenarios and editing ---------------------------------------------------------
c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
preset = c1.selectbox(
    tr("sc.presets"), PRESETS, format_func={k: tr(f"sc.preset.{k}") for k in PRESETS}.get, key="sc.preset"
)
if c2.button(tr("sc.preset.add"), key="sc.preset.add", width="stretch"):
    rows = preset_rows(preset, h, lang())
    if rows is None:
        st.warning(tr("sc.preset.no_card"))
    else:
        add_scenario(*rows)

# The grids are built only while their panel is open (on_change="rerun" makes the panel's
# content lazy): closed, the page sends the browser no editable grid.
editing = st.expander(tr("sc.edit"), icon=":material/table_edit:", key="sc.edit", on_change="rerun",
                      expanded=bool(term_errors) or refused)  # fmt: skip
if editing.open:
    with editing:
        st.caption(tr("sc.edit_help"))
        section_editor("scenarios", height=180)
        targets = h.names + [ALL_DEBTS] + [f"type:{k}" for k in LENDER_TYPES if k in h.lender_types]
        scenario_names = [n for n in profile.section("scenarios")["name"].dropna()]
        section_editor(
            "terms",
            height=260,
            overrides={
                "debt": st.column_config.SelectboxColumn(
                    tr("field.debt"), options=targets, required=True, format_func=_target_label
                ),
                "scenario": st.column_config.SelectboxColumn(
                    tr("field.scenario"), options=scenario_names, required=True
                ),
                "asset": st.column_config.SelectboxColumn(tr("field.asset"), options=list(h.sale_values)),
            },
        )
        # What each kind of term uses, from its entry in core.loans.terms.
        st.caption(
            tr("sc.term_fields")
            + tr("list.sep_strong").strip("|").join(
                tr("sc.term_uses", kind=tr(f"choice.term.{kind.name}"),
                   fields=join((field_label("terms", name, lang()) for name in kind.fields), lang()))
                for kind in KINDS.values()
            )
        )  # fmt: skip
if term_errors:
    st.warning("\n".join(f"- {md_escape(e.message(lang()))}" for e in term_errors), icon=":material/warning:")


# --- what can I ask for -----------------------------------------------------------------------
st.subheader(tr("sc.ask"))
st.caption(tr("sc.ask_help"))
starting = default_targets(h)
chosen = st.multiselect(tr("sc.ask_targets"), h.names, default=starting, key="sc.ask.targets")
if len(h.names) > DEFAULT_TARGETS and set(chosen) == set(starting):
    st.caption(tr("sc.ask_largest", n=DEFAULT_TARGETS))
if chosen:
    asks = _asks(key, tuple(chosen), margin, h)
    for ask in asks:
        params = {
            "owed": format_cents(ask.owed),
            "n": ask.months,
            "rate": ask.rate,
            "percent": ask.percent,
            "payment": format_cents(ask.payment or 0),
            "cost": format_cents(ask.cost or 0),
        }
        params["debts"] = join(ask.above, lang())
        text = tr(ask.key, **params)
        if ask.costs_more:  # dearer than the contracts: the sentence says by how much
            text += tr("lt.sentence_gap").strip("|") + tr("sc.ask.extra_cost", extra=format_cents(ask.extra_cost))
        if ask.actionable:
            st.success(text, icon=":material/handshake:")
            if st.button(tr("sc.ask.add"), icon=":material/add:", key=f"sc.ask.add.{ask.kind}"):
                label = tr(f"choice.term.{ask.kind}")
                add_scenario(*ask_rows(suggested_name(label, ask.targets, lang()), ask))
        elif ask.kind == "none_needed":
            st.info(text)
        else:
            st.error(text)
    # The map of every combination is worked out when asked for (a lighter first view).
    if st.toggle(tr("sc.heatmap_show"), key="sc.heatmap.on", help=tr("sc.heatmap_help")):
        axis = st.segmented_control(
            tr("sc.heatmap_axis"), AXES, default=AXES[0], key="sc.axis", format_func=lambda a: tr(f"sc.axis.{a}"),
        )  # fmt: skip
        axis = axis or AXES[0]
        grid = _sweep(key, tuple(chosen), axis, margin, h)
        named = labels(lang())
        marks = [(named(n), v, m) for n, v, m in heatmap_marks(h, [r.scenario for r in results[1:]], chosen, axis)]
        st.markdown(f"**{tr('sc.heatmap')}**")
        st.caption(tr("sc.heatmap_help"))
        st.plotly_chart(charts.heatmap_figure(grid, lang(), marks), key="sc.chart.heatmap",
                        config={"displaylogo": False})  # fmt: skip
st.caption(":material/info: " + tr("sc.not_advice"))
next_step("scenarios")
