"""The guided scenario builder the Scenarios page draws (core.simulation.guide decides; this draws),
and the one way a scenario is added to the profile from a form or a button."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.household.model import Household
from core.i18n import field_label, t
from core.loans.dates import format_month
from core.loans.money import HALF_EVEN, HUNDRED_YUAN, MAX_AMOUNT, format_cents, percent_of, yuan_number
from core.loans.terms import KINDS
from core.profiles.profile import unique_name
from core.simulation import guide
from core.simulation.debt_plan import HORIZON
from core.simulation.simulate import Result
from ui.common import lang, md_escape, plain_table, tr
from ui.notices import saved_or_said
from ui.state import append_rows, current_profile

START_CHOICES = 24  # months offered in "from"


ADDED = "sc.added"  # the name a scenario was just saved as, said once on the next run


def add_scenario(scenario_row: dict, term_rows: list[dict]) -> None:
    """Save a new scenario and its terms (a unique name), then run the page again, which
    says what was added (added_notice). A save that fails is said here and nothing reruns."""
    name = unique_name(scenario_row["name"], set(current_profile().section("scenarios")["name"].dropna()))
    outcome = append_rows("scenarios", [{**scenario_row, "name": name}], tr("profile.own_name"))
    if not saved_or_said(outcome, "scenarios"):
        return
    if term_rows:
        outcome = append_rows("terms", [{**row, "scenario": name} for row in term_rows], tr("profile.own_name"))
        if not saved_or_said(outcome, "terms"):
            return
    st.session_state[ADDED] = name
    st.rerun()


def added_notice() -> None:
    """The scenario just added, said once (on the page and as a toast)."""
    if st.session_state.get(ADDED):
        added = tr("sc.preset.added", name=md_escape(st.session_state.pop(ADDED)))
        st.success(added, icon=":material/check_circle:")
        st.toast(added, icon=":material/check_circle:")


def _named(prefix: str):
    """Options shown by their label in this run's language (a widget may format them later)."""
    language = lang()
    return lambda value: t(f"{prefix}.{value}", language)


def _field(kind: str, name: str, value, h: Household, debts: list[str], key: str):
    own = guide.label_key(kind, name)
    label = tr(own) if own else field_label("terms", name, lang())
    if name == "months":
        return st.number_input(label, min_value=1, max_value=HORIZON, value=int(value or 12), step=1, key=key)
    if name == "rate":
        top = max(float(h.line(d).debt.annual_rate) for d in debts)
        return st.number_input(label, min_value=0.0, max_value=top, value=min(float(value or 0), top), step=0.1,
                               format="%.2f", key=key)  # fmt: skip
    if name == "percent":
        return st.number_input(label, min_value=0.0, max_value=100.0, value=float(value or 0), step=5.0, key=key)
    if name == "amount":
        return st.number_input(label, min_value=0.0, max_value=float(MAX_AMOUNT), value=float(value or 0), step=100.0,
                               key=key)  # fmt: skip
    if name == "mode":
        modes = list(KINDS[kind].modes)
        return st.selectbox(label, modes, index=modes.index(value) if value in modes else 0,
                            format_func=_named("choice.mode"), key=key)  # fmt: skip
    if name == "asset":
        names = list(h.sale_values)
        return st.selectbox(label, names, index=names.index(value) if value in names else 0,
                            format_func=lambda n: f"{n} · {format_cents(h.sale_values[n][0])}", key=key)  # fmt: skip
    raise ValueError(name)


def builder(h: Household, margin: int, base: Result) -> None:
    """Debts -> what to ask for -> its details -> a preview -> add."""
    with st.container(border=True, key="guide"):
        st.markdown(f"#### :material/add_task: {tr('guide.title')}")
        st.caption(tr("guide.intro"))
        debts = st.multiselect(tr("guide.debts"), h.names, default=h.names[:1], key="guide.debts")
        if not debts:
            st.info(tr("guide.pick_debt"))
            return
        kinds = guide.offered(h, debts)
        kind = st.radio(tr("guide.kind"), kinds, format_func=_named("choice.term"), horizontal=True,
                        key="guide.kind")  # fmt: skip
        kind = kind or kinds[0]
        st.caption(":material/lightbulb: " + tr(f"guide.explain.{kind}"))

        st.markdown(f"**{tr('guide.details')}**")
        scope = f"{kind}.{'|'.join(debts)}"  # new defaults when the debts or the request change
        start_values = dict(guide.defaults(kind, h, debts))
        # What the request needs: an amount or a share (not both), as its entry says.
        by = "percent"
        if KINDS[kind].guided.either:
            by = st.segmented_control(tr("guide.by"), ["percent", "amount"], default="percent",
                                      format_func=_named("guide.by"), key=f"guide.by.{scope}")  # fmt: skip
            by = by or "percent"
            if by == "amount":
                owed = sum(h.line(d).total_owed for d in debts)  # cents
                start_values["amount"] = yuan_number(
                    percent_of(owed, start_values.get("percent") or 50, HUNDRED_YUAN, HALF_EVEN)
                )
        fields = guide.fields(kind, by)
        values = {}
        columns = st.columns(max(1, len(fields) + 1))
        for column, name in zip(columns, fields, strict=False):
            with column:
                values[name] = _field(kind, name, start_values.get(name), h, debts, f"guide.{name}.{scope}")
        months = [None, *range(h.start, h.start + START_CHOICES)]
        with columns[-1]:
            now = tr("guide.start.now")
            start = st.selectbox(tr("guide.start"), months, key=f"guide.start.{scope}",
                                 format_func=lambda m: now if m is None else format_month(m))  # fmt: skip
        new = guide.term(kind, values, start)

        st.markdown(f"**{tr('guide.preview')}**")
        shown = guide.preview(h, debts, new, margin, base)
        if shown.errors:
            st.warning(tr("guide.pv.errors") + "\n" + "\n".join(f"- {md_escape(e.message(lang()))}"
                                                                 for e in shown.errors))  # fmt: skip
        else:
            _preview(shown)
        name = st.text_input(
            tr("guide.name"),
            value=guide.suggested_name(tr(f"choice.term.{kind}"), guide.targets(new, debts), lang()),
            max_chars=guide.NAME_CHARS,
            key=f"guide.name.{scope}",
        )
        if st.button(tr("guide.add"), type="primary", icon=":material/add:", key="guide.add",
                     disabled=bool(shown.errors)):  # fmt: skip
            add_scenario(*guide.rows(name.strip() or tr(f"choice.term.{kind}"), debts, new))


def _preview(shown: guide.Preview) -> None:
    before = sum(d.payment_before for d in shown.debts)
    after = sum(d.payment_after for d in shown.debts)
    aprs = [d.apr for d in shown.debts if d.apr is not None]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("guide.pv.payment"), format_cents(after), delta=format_cents(after - before), delta_color="inverse")
    c2.metric(tr("guide.pv.months"), max((d.months_after for d in shown.debts), default=0))
    c3.metric(tr("guide.pv.apr"), f"{max(aprs)}%" if aprs else tr("guide.pv.apr_none"))
    c4.metric(tr("guide.pv.paid"), format_cents(shown.result.total_paid), delta=format_cents(-shown.saving),
              delta_color="inverse")  # fmt: skip
    result = shown.result
    if result.shortfall_months:
        st.warning(tr("guide.pv.still_short", n=result.shortfall_months, first=format_month(result.first_shortfall)),
                   icon=":material/warning:")  # fmt: skip
    else:
        st.success(tr("guide.pv.never_short"), icon=":material/check_circle:")
    if len(shown.debts) > 1:
        with st.expander(tr("guide.pv.table")):
            was, now = tr("guide.pv.col.before"), tr("guide.pv.col.after")
            rows = [
                {
                    tr("guide.pv.col.debt"): d.name,
                    was: yuan_number(d.payment_before),
                    now: yuan_number(d.payment_after),
                    tr("guide.pv.col.months"): d.months_after,
                    tr("guide.pv.col.apr"): "—" if d.apr is None else f"{d.apr}%",
                }
                for d in shown.debts
            ]
            plain_table(pd.DataFrame(rows), [was, now])
