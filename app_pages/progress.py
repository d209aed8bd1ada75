"""Progress: after the yes. Each lender's agreement and where it stands, the payments made
(one click, by hand, or from a statement), and the plan against what was really paid.

The figures are core.tracking's (progress, matching, payments); this page reads widgets,
calls core and draws. Every save goes through ui.state.save_section with the table's
revision as shown.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.blank import is_missing
from core.i18n import t
from core.imports import RefusedFile, needs_password
from core.loans.dates import current_month, date_or_none, datetime_or_none, format_date, format_month, parse_month
from core.loans.money import MAX_AMOUNT, format_cents, to_cents, yuan_number
from core.paperwork.charts import progress_figure
from core.profiles.evidence import live
from core.profiles.profile import AGREEMENT_STATES, CONFIRMATIONS, HOLDER_KINDS, text_limit
from core.simulation.offer import without_agreed
from core.tracking.matching import match, settle
from core.tracking.payments import as_agreed, duplicate_of, payment_row, with_link, with_rows
from core.tracking.progress import progress
from ui.common import guarded, lang, md_escape, plain_table, tr
from ui.importing import STATEMENT_TYPES, read_or_refusal
from ui.page import page_header
from ui.state import active_id, current_household, current_profile, note_outcome, redraw, redraws, save_section

MAX_YUAN = float(MAX_AMOUNT)

page_header("pg.title", "pg.intro")

h = current_household()
if not h.names:
    st.warning(tr("sc.no_debts"))
    st.page_link("app_pages/debts.py", label=tr("nav.debts"), icon=":material/credit_card:")
    st.stop()

language = lang()
today = dt.date.today()
hp = progress(h, today)
tracked = {lp.debt: lp for lp in hp.lenders}
agreements = {a.debt: a for a in h.agreements}
scope = f"{active_id() or 'sample'}"


def _state_word(state: str) -> str:
    return t(f"pg.state.{state}", language)


def _say(key: str, kind: str, text: str) -> None:
    """A message for the next run, shown beside the form that caused it."""
    st.session_state[f"pg.said.{key}"] = (kind, text)


def _said(key: str) -> None:
    said = st.session_state.pop(f"pg.said.{key}", None)
    if said is None:
        return
    kind, text = said
    icon = {"success": ":material/check_circle:", "warning": ":material/warning:", "info": ":material/info:"}[kind]
    getattr(st, kind)(text, icon=icon)


def _save_payments(frame: pd.DataFrame, base: tuple[pd.DataFrame, int]) -> bool:
    return note_outcome(save_section("payments", frame, tr("profile.own_name"), base=base), "payments")


def _payments_base() -> tuple[pd.DataFrame, int]:
    shown = current_profile()
    return shown.section("payments"), shown.rev("payments")


# --- the plan against reality ----------------------------------------------------------
st.subheader(tr("pg.reality"))
if not hp.lenders:
    st.info(tr("pg.none_yet"), icon=":material/handshake:")
else:
    m1, m2, m3, m4 = st.columns(4)  # a phone shows them two to a row (app.py's style sheet)
    m1.metric(tr("pg.m.paid"), format_cents(hp.paid), help=tr("pg.m.paid_help"))
    m2.metric(tr("pg.m.scheduled"), format_cents(hp.scheduled), help=tr("pg.m.scheduled_help"))
    m3.metric(tr("pg.m.behind"), format_cents(hp.behind))
    m5, m6, _, _ = st.columns(4)
    m4.metric(tr("pg.m.percent"), f"{hp.percent:.1f}%", help=tr("pg.m.percent_help"))
    m5.metric(tr("pg.m.on_track"), tr("pg.n_months", n=hp.months_on_track))
    free = hp.debt_free
    m6.metric(tr("pg.m.debt_free"), "—" if free is None else format_month(free),
              None if free is None else tr("pg.to_go", n=hp.months_left), delta_color="off", delta_arrow="off")  # fmt: skip
    for lp in hp.late:
        st.warning(tr("pg.late", lender=md_escape(lp.debt), amount=format_cents(lp.behind)), icon=":material/warning:")
    if hp.late:
        st.page_link("app_pages/recovery.py", label=tr("pg.late_link"), icon=":material/healing:")
    if not hp.late and hp.scheduled:
        st.success(tr("pg.all_on_track"), icon=":material/check_circle:")
    for a in h.agreements:
        if a.still_charged and a.offer.frozen:
            st.warning(tr("pg.still_charged", debt=md_escape(a.debt)), icon=":material/report:")

    rows = []
    for lp in hp.lenders:
        due = lp.next_due
        rows.append({
            tr("pg.col.lender"): lp.debt if lp.lender == lp.debt else f"{lp.debt} ({lp.lender})",
            tr("pg.col.state"): t(f"pg.status.{lp.status}", language),
            tr("pg.col.scheduled"): yuan_number(lp.scheduled),
            tr("pg.col.paid"): yuan_number(lp.paid),
            tr("pg.col.behind"): yuan_number(lp.behind),
            tr("pg.col.expected"): yuan_number(lp.expected_balance),
            tr("pg.col.reported"): None if lp.reported_balance is None else yuan_number(lp.reported_balance),
            tr("pg.col.percent"): f"{lp.percent:.1f}%",
            tr("pg.col.on_track"): f"{lp.months_on_track} / {lp.months_due}",
            tr("pg.col.next"): "—" if due is None else f"{format_date(due.date)} · {format_cents(due.amount)}",
        })  # fmt: skip
    money_columns = [tr(f"pg.col.{c}") for c in ("scheduled", "paid", "behind", "expected", "reported")]
    plain_table(pd.DataFrame(rows), money_columns)
    gaps = [lp for lp in hp.lenders if lp.balance_gap]
    for lp in gaps:
        st.caption(tr("pg.gap", lender=md_escape(lp.debt), reported=format_cents(lp.reported_balance),
                      expected=format_cents(lp.expected_balance), on=format_date(lp.reported_on)))  # fmt: skip
    st.plotly_chart(progress_figure(hp.lenders, language), key="pg.chart", config={"displaylogo": False})
    st.caption(tr("pg.chart_help"))


# --- payments ---------------------------------------------------------------------------
@guarded
def _paid_as_agreed(debt: str) -> None:
    day = dt.date.today()
    lp = next((x for x in progress(current_household(), day).lenders if x.debt == debt), None)
    row = None if lp is None else as_agreed(lp, day)
    if row is None:
        first = lp is not None and lp.paid == 0 and lp.next_due is not None
        _say("pay", "info", tr("pg.pay.not_yet", lender=md_escape(debt), date=format_date(lp.next_due.date)) if first
             else tr("pg.pay.already", lender=md_escape(debt)))  # fmt: skip
        return
    frame, rev = _payments_base()
    if _save_payments(with_rows(frame, [row]), (frame, rev)):
        _say("pay", "success", tr("pg.pay.done", lender=md_escape(debt), amount=format_cents(to_cents(row["amount"]))))


@guarded
def _paid_by_hand() -> None:
    state = st.session_state
    prefix = f"pg.hand.{scope}.{redraws('pg.hand')}"
    debt, amount, day = state.get(f"{prefix}.debt"), state.get(f"{prefix}.amount"), state.get(f"{prefix}.date")
    balance, note = state.get(f"{prefix}.balance"), (state.get(f"{prefix}.note") or "").strip()
    if not debt or not amount or day is None:
        _say("hand", "warning", tr("pg.hand.need"))
        return
    cents = to_cents(amount)
    same = duplicate_of(current_household().payments, debt, day, cents)
    if same is not None:
        _say("hand", "warning", tr("pg.hand.duplicate", lender=md_escape(debt), amount=format_cents(cents),
                                   date=format_date(day)))  # fmt: skip
        return
    row = payment_row(debt, day, cents, "by_hand", balance=None if balance is None else to_cents(balance), note=note)
    frame, rev = _payments_base()
    if _save_payments(with_rows(frame, [row]), (frame, rev)):
        _say("hand", "success", tr("pg.pay.done", lender=md_escape(debt), amount=format_cents(cents)))
        redraw("pg.hand")


if hp.lenders:
    st.subheader(tr("pg.payments"))
    st.caption(tr("pg.payments_help"))
    _said("pay")
    for lp in hp.lenders:
        due = lp.next_due
        c1, c2 = st.columns([3, 2], vertical_alignment="center")
        if due is None:
            c1.markdown(f"**{md_escape(lp.debt)}** · " + tr("pg.pay.all_paid"))
            continue
        when = tr("pg.pay.late" if due.late else "pg.pay.due", date=format_date(due.date),
                  amount=format_cents(due.amount))  # fmt: skip
        c1.markdown(f"**{md_escape(lp.debt)}** · {when}")
        c2.button(tr("pg.pay.as_agreed"), key=f"pg.paid.{lp.debt}", on_click=_paid_as_agreed, args=(lp.debt,),
                  icon=":material/task_alt:", width="stretch")  # fmt: skip

    with st.expander(tr("pg.hand.title"), icon=":material/edit:", expanded="pg.said.hand" in st.session_state):
        prefix = f"pg.hand.{scope}.{redraws('pg.hand')}"
        with st.form(f"pg.hand.form.{redraws('pg.hand')}", border=False):
            f1, f2 = st.columns(2)
            f1.selectbox(tr("pg.hand.debt"), list(tracked), key=f"{prefix}.debt")
            f2.number_input(tr("pg.hand.amount"), min_value=0.0, max_value=MAX_YUAN, value=None, step=100.0,
                            format="%.2f", key=f"{prefix}.amount")  # fmt: skip
            f3, f4 = st.columns(2)
            f3.date_input(tr("pg.hand.date"), value=today, max_value=today, key=f"{prefix}.date", format="YYYY-MM-DD")
            f4.number_input(tr("pg.hand.balance"), min_value=0.0, max_value=MAX_YUAN, value=None, step=100.0,
                            format="%.2f", key=f"{prefix}.balance", help=tr("pg.hand.balance_help"))  # fmt: skip
            st.text_input(tr("field.note"), key=f"{prefix}.note", max_chars=text_limit("note"))
            st.form_submit_button(tr("pg.hand.submit"), type="primary", icon=":material/add:", on_click=_paid_by_hand)
    _said("hand")

    recorded = sorted(h.payments, key=lambda p: (p.date, p.row), reverse=True)
    if recorded:
        st.markdown(f"**{tr('pg.recorded')}**")
        # The headings and source words looked up once, not once a row (10,000 payments at the cap).
        head = [tr(k) for k in ("pg.col.date", "pg.col.lender", "pg.col.amount", "pg.col.source", "pg.col.reported",
                                "field.note")]  # fmt: skip
        sources = {p.source: t(f"pg.source.{p.source}", language) for p in recorded}
        plain_table(pd.DataFrame([dict(zip(head, (
            format_date(p.date), p.debt, yuan_number(p.amount), sources[p.source],
            None if p.balance is None else yuan_number(p.balance), p.note,
        ), strict=True)) for p in recorded]), [head[2], head[4]])  # fmt: skip


# --- from a statement -------------------------------------------------------------------
def _read(upload, password):
    """The statement read once per file and password (not on every rerun), as the
    Worksheet's importer reads it; a refused file is a RefusedFile."""
    key = (upload.file_id, password, language, current_profile().rev("rules"))
    kept = st.session_state.get("pg.st.read")
    if kept is not None and kept[0] == key:
        return kept[1]
    holder = [h.case.full_name] if h.case.full_name else []
    outcome = read_or_refusal(upload.name, upload.getvalue(), rules=current_profile().import_rules(language),
                              lang=language, password=password, holder=holder)  # fmt: skip
    st.session_state["pg.st.read"] = (key, outcome)
    return outcome


@guarded
def _record_statement(statement) -> None:
    state = st.session_state
    rows, links = [], []
    now = current_household()
    for cand in match(now, statement):  # matched against the payments saved now
        if cand.status == "ask" and state.get(f"pg.st.pick.{cand.ref}"):
            # The debt picked: the same checks as a row matched by name (a payment typed is linked, not doubled)
            settle(now, cand, state[f"pg.st.pick.{cand.ref}"])
            if cand.status == "new":
                rows.append(payment_row(cand.debt, cand.date, cand.amount, "statement", ref=cand.ref))
            elif cand.status == "same":
                links.append((cand.same_as, cand.ref))
        elif cand.status == "new" and state.get(f"pg.st.take.{cand.ref}", True):
            rows.append(payment_row(cand.debt, cand.date, cand.amount, "statement", ref=cand.ref))
        elif cand.status == "same" and state.get(f"pg.st.link.{cand.ref}", True):
            links.append((cand.same_as, cand.ref))
    if not rows and not links:
        _say("st", "info", tr("pg.st.nothing_picked"))
        return
    frame, rev = _payments_base()
    out = frame
    for row, ref in links:  # first: the rows typed by hand keep their numbers
        out = with_link(out, row, ref)
    out = with_rows(out, rows)
    if _save_payments(out, (frame, rev)):
        said = [tr("pg.st.done", n=len(rows))] if rows else []
        _say("st", "success", " ".join([*said, *([tr("pg.st.linked", n=len(links))] if links else [])]))


if hp.lenders:
    st.subheader(tr("pg.st.title"))
    st.caption(tr("pg.st.help"))
    upload = st.file_uploader(tr("pg.st.upload"), type=STATEMENT_TYPES, key=f"pg.st.upload.{redraws('pg.st')}",
                              help=tr("ws.upload_help"))  # fmt: skip
    _said("st")
    if upload is not None:
        password = None
        if needs_password(upload.getvalue()):
            password = st.text_input(tr("ws.zip_password"), type="password", key="pg.st.password",
                                     help=tr("ws.zip_password_help"))  # fmt: skip
        outcome = _read(upload, password)
        if isinstance(outcome, RefusedFile):
            st.error(tr("ws.refused", reason=md_escape(outcome.message(language))), icon=":material/block:")
        elif outcome.kind != "statement":
            st.warning(tr("pg.st.not_statement"), icon=":material/block:")
        else:
            found = match(h, outcome)
            offered = [c for c in found if c.status in ("new", "same", "ask")]
            if not found:
                st.info(tr("pg.st.no_repayments"), icon=":material/info:")
            for cand in offered:
                what = tr("pg.st.row", date=format_date(cand.date), amount=format_cents(cand.amount),
                          text=md_escape(cand.description))  # fmt: skip
                if cand.status == "new":
                    st.checkbox(tr("pg.st.new", row=what, lender=md_escape(cand.debt)), value=True,
                                key=f"pg.st.take.{cand.ref}")  # fmt: skip
                elif cand.status == "same":
                    typed = next((p for p in h.payments if p.row == cand.same_as), None)
                    st.checkbox(tr("pg.st.same", row=what, lender=md_escape(cand.debt),
                                   date=format_date(typed.date) if typed else "—"), value=True,
                                key=f"pg.st.link.{cand.ref}")  # fmt: skip
                else:
                    st.selectbox(tr("pg.st.ask", row=what), ["", *cand.choices], key=f"pg.st.pick.{cand.ref}",
                                 format_func=lambda d: t("pg.st.leave", language) if d == "" else d)  # fmt: skip
            if offered:
                st.button(tr("pg.st.record"), type="primary", key="pg.st.record", on_click=_record_statement,
                          args=(outcome,), icon=":material/playlist_add_check:")  # fmt: skip
            skipped = [c for c in found if c.status in ("recorded", "untracked", "outside")]
            if skipped:
                st.markdown(f"**{tr('pg.st.not_offered')}**")
                st.markdown("\n".join(
                    "- " + tr("pg.st.row", date=format_date(c.date), amount=format_cents(c.amount),
                              text=md_escape(c.description)) + " — " + tr(f"pg.st.why.{c.status}",
                              lender=md_escape(c.debt or c.lender_word))
                    for c in skipped))  # fmt: skip


# --- agreements -------------------------------------------------------------------------
def _row_of(debt: str) -> dict:
    """The debt's row of the "agreed" table as saved (the last one counts), else {}."""
    frame = current_profile().section("agreed")
    rows = frame[frame["debt"].eq(debt).fillna(False)]
    if rows.empty:
        return {}
    return {k: None if is_missing(v) else v for k, v in rows.iloc[-1].to_dict().items()}


@guarded
def _save_agreement(form: str, fixed_debt: str | None) -> None:
    state = st.session_state
    prefix = f"pg.ag.{scope}.{form}.{redraws(f'pg.ag.{form}')}"
    debt = fixed_debt or state.get(f"{prefix}.debt")
    if not debt or not state.get(f"{prefix}.payment") or not state.get(f"{prefix}.months"):
        _say(f"ag.{form}", "warning", tr("pg.ag.need"))
        return
    first = (state.get(f"{prefix}.first_month") or "").strip()
    if first:
        try:
            first = format_month(parse_month(first))
        except ValueError:
            _say(f"ag.{form}", "warning", tr("pg.ag.bad_month"))
            return
    row = _row_of(debt)  # the columns this form does not show stay as they are
    row |= {
        "debt": debt,
        "state": state.get(f"{prefix}.state") or "agreed",
        "payment": state.get(f"{prefix}.payment"),
        "months": state.get(f"{prefix}.months"),
        "fee": state.get(f"{prefix}.fee") or 0,
        "waived": state.get(f"{prefix}.waived") or 0,
        "frozen": bool(state.get(f"{prefix}.frozen")),
        "agreed_on": (state.get(f"{prefix}.agreed_on") or today).isoformat(),
        "first_month": first or None,
        "confirmed_by": state.get(f"{prefix}.confirmed_by") or None,
        "reference": (state.get(f"{prefix}.reference") or "").strip() or None,
        "confirmation": state.get(f"{prefix}.confirmation") or None,
        "still_charged": bool(state.get(f"{prefix}.still_charged")),
        "holder": (state.get(f"{prefix}.holder") or "").strip() or None,
        "holder_kind": state.get(f"{prefix}.holder_kind") or None,
        "holder_contact": (state.get(f"{prefix}.holder_contact") or "").strip() or None,
        "note": (state.get(f"{prefix}.note") or "").strip() or None,
    }
    shown = current_profile()
    frame = shown.section("agreed")
    new = pd.concat([without_agreed(frame, debt), pd.DataFrame([row])], ignore_index=True)
    outcome = save_section("agreed", new, tr("profile.own_name"), base=(frame, shown.rev("agreed")))
    if note_outcome(outcome, "agreed"):
        _say(f"ag.{form}", "success", tr("pg.ag.saved", debt=md_escape(debt), state=_state_word(row["state"])))
    redraw(f"pg.ag.{form}")


def _optional_choice(column, name: str, choices: tuple[str, ...], row: dict, prefix: str, word) -> None:
    """A choice that may be left unsaid ("—"), starting from the row's value; ``word``: a choice in words."""
    value = row.get(name)
    column.selectbox(tr(f"pg.ag.{name}"), ["", *choices], index=(choices.index(value) + 1) if value in choices else 0,
                     key=f"{prefix}.{name}", format_func=lambda v: "—" if not v else word(v))  # fmt: skip


def _agreement_form(form: str, debt: str | None, choices: list[str]) -> None:
    """The agreement's terms, where it stands, how it was confirmed and who holds the debt
    now: for a debt that has one (``debt``), or a new one for a debt picked from ``choices``."""
    row = _row_of(debt) if debt else {}
    prefix = f"pg.ag.{scope}.{form}.{redraws(f'pg.ag.{form}')}"
    evidence = {r["sha256"]: r for r in live(current_profile().section("evidence"))}
    kept = row.get("confirmation") or ""
    files = ["", *evidence, *([kept] if kept and kept not in evidence else [])]

    def file_label(sha: str) -> str:  # the language bound now: a widget may format its options later
        if not sha:
            return t("pg.ag.no_file", language)
        r = evidence.get(sha)
        if r is None:
            return t("pg.ag.file_gone", language)
        added = datetime_or_none(r.get("added"))
        return r["name"] if added is None else f"{r['name']} · {format_date(added.date())}"

    with st.form(f"pg.ag.form.{form}.{redraws(f'pg.ag.{form}')}", border=False):
        if debt is None:
            st.caption(tr("pg.ag.add_help"))
            st.selectbox(tr("pg.ag.debt"), choices, key=f"{prefix}.debt")
        s1, s2, s3 = st.columns(3)
        # Where it stands now: the state saved, moved on by the payments (agreed -> active -> completed)
        state_now = tracked[debt].state if debt in tracked else (row.get("state") or "agreed")
        s1.selectbox(tr("pg.ag.state"), AGREEMENT_STATES, index=AGREEMENT_STATES.index(state_now),
                     key=f"{prefix}.state", format_func=_state_word, help=tr("pg.ag.state_help"))  # fmt: skip
        agreed_on = date_or_none(row.get("agreed_on"))
        s2.date_input(tr("pg.ag.agreed_on"), value=today if agreed_on is None else agreed_on,
                      key=f"{prefix}.agreed_on", format="YYYY-MM-DD")  # fmt: skip
        s3.text_input(tr("pg.ag.first_month"), value=row.get("first_month") or "", max_chars=7,
                      placeholder=format_month(current_month(today) + 1), key=f"{prefix}.first_month",
                      help=tr("pg.ag.first_month_help"))  # fmt: skip
        t1, t2 = st.columns(2)
        t1.number_input(tr("pg.ag.payment"), min_value=0.0, max_value=MAX_YUAN,
                        value=None if row.get("payment") is None else float(row["payment"]), step=100.0,
                        format="%.2f", key=f"{prefix}.payment")  # fmt: skip
        t2.number_input(tr("pg.ag.months"), min_value=1, max_value=600,
                        value=None if row.get("months") is None else int(row["months"]), step=1,
                        key=f"{prefix}.months")  # fmt: skip
        t3, t4 = st.columns(2)
        t3.number_input(tr("pg.ag.fee"), min_value=0.0, max_value=MAX_YUAN, value=float(row.get("fee") or 0),
                        step=100.0, format="%.2f", key=f"{prefix}.fee")  # fmt: skip
        t4.number_input(tr("pg.ag.waived"), min_value=0.0, max_value=MAX_YUAN, value=float(row.get("waived") or 0),
                        step=100.0, format="%.2f", key=f"{prefix}.waived")  # fmt: skip
        st.checkbox(tr("pg.ag.frozen"), value=bool(row.get("frozen", True) if row else True), key=f"{prefix}.frozen")
        if debt is not None:  # how it was confirmed, and who holds it now: once it is recorded
            st.markdown(f"**{tr('pg.ag.confirmed')}**")
            c1, c2 = st.columns(2)
            _optional_choice(c1, "confirmed_by", CONFIRMATIONS, row, prefix, lambda v: t(f"pg.how.{v}", language))
            c2.text_input(tr("pg.ag.reference"), value=row.get("reference") or "", key=f"{prefix}.reference",
                          max_chars=text_limit("reference"))  # fmt: skip
            st.selectbox(tr("pg.ag.confirmation"), files, index=files.index(kept) if kept in files else 0,
                         key=f"{prefix}.confirmation", format_func=file_label, help=tr("pg.ag.confirmation_help"))  # fmt: skip
            st.checkbox(tr("pg.ag.still_charged"), value=bool(row.get("still_charged")), key=f"{prefix}.still_charged")
            st.markdown(f"**{tr('pg.ag.holder_title')}**")
            st.caption(tr("pg.ag.holder_help"))
            k1, k2, k3 = st.columns(3)
            k1.text_input(tr("pg.ag.holder"), value=row.get("holder") or "", key=f"{prefix}.holder",
                          max_chars=text_limit("holder"))  # fmt: skip
            _optional_choice(k2, "holder_kind", HOLDER_KINDS, row, prefix, lambda v: t(f"pg.holder.{v}", language))
            k3.text_input(tr("pg.ag.holder_contact"), value=row.get("holder_contact") or "", key=f"{prefix}.holder_contact",
                          max_chars=text_limit("holder_contact"))  # fmt: skip
        st.text_input(tr("field.note"), value=row.get("note") or "", key=f"{prefix}.note", max_chars=text_limit("note"))
        st.form_submit_button(tr("pg.ag.save"), type="primary", icon=":material/save:", on_click=_save_agreement,
                              args=(form, debt))  # fmt: skip


st.subheader(tr("pg.agreements"))
st.caption(tr("pg.agreements_help"))
_said("ag.new")


def _line(debt: str) -> str:
    """An agreement in one line: the debt, where it stands, its terms, who holds it now."""
    a = agreements[debt]
    lp = tracked.get(debt)
    line = t("pg.ag.line", language, debt=debt, state=_state_word(lp.state if lp is not None else a.state),
             payment=format_cents(a.offer.payment), n=a.offer.months)  # fmt: skip
    return line + (" · " + t("pg.ag.now_held", language, holder=a.holder) if a.holder else "")


if agreements:  # every agreement in a line; one form, for the agreement chosen (a page of 100 forms is slow)
    for debt, a in agreements.items():
        if a.still_charged and a.offer.frozen:
            st.warning(tr("pg.still_charged", debt=md_escape(debt)), icon=":material/report:")
    st.markdown("\n".join(f"- :material/handshake: {md_escape(_line(debt))}" for debt in agreements))
    debt = st.selectbox(tr("pg.ag.pick"), list(agreements), key=f"pg.ag.pick.{scope}", format_func=_line)
    a = agreements[debt]
    with st.container(border=True):
        _said(f"ag.d:{debt}")
        if a.holder:
            kind = t(f"pg.holder.{a.holder_kind}", language) if a.holder_kind else ""
            st.info(tr("pg.ag.holder_now", holder=md_escape(a.holder), kind=kind,
                       contact=md_escape(a.holder_contact) or "—"), icon=":material/swap_horiz:")  # fmt: skip
        if a.state != "proposed" and not a.confirmation:
            st.caption(tr("pg.ag.ask_in_writing"))
        _agreement_form(f"d:{debt}", debt, [])  # keyed by its debt: a saved row moves to the end of the table

free = [name for name in h.names if name not in agreements]
if free:
    with st.expander(tr("pg.ag.add"), icon=":material/add:", expanded=not agreements):
        _agreement_form("new", None, free)


# --- settings ---------------------------------------------------------------------------
@guarded
def _save_grace() -> None:
    shown = current_profile()
    kept = shown.section("plan")
    row = kept.iloc[0].to_dict() if len(kept) else {}  # the plan's other settings stay as they are
    row["grace"] = st.session_state.get(f"pg.grace.{scope}.{redraws('pg.grace')}")
    outcome = save_section("plan", pd.DataFrame([row]), tr("profile.own_name"), base=(kept, shown.rev("plan")))
    if not note_outcome(outcome, "plan"):
        redraw("pg.grace")


st.subheader(tr("pg.settings"))
st.number_input(tr("pg.grace"), min_value=0, max_value=31, value=hp.grace, step=1,
                key=f"pg.grace.{scope}.{redraws('pg.grace')}", on_change=_save_grace, help=tr("pg.grace_help"))  # fmt: skip
