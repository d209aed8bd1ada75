"""Missed payments and the review: a payment behind under an agreement (what the agreement
says follows, a catch-up that fits the worksheet, the letter to that lender), the plan's
review (its date and why, the change that calls one early, re-planning with today's
figures and a change-of-circumstances letter to each lender whose amount changes), and
every plan version kept."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.household.contacts import new_entry
from core.loans.dates import format_month
from core.loans.money import format_cents, from_cents
from core.paperwork.charts import broken_figure
from core.paperwork.letter import catch_up_letter, change_letter, letter_docx, letter_txt
from core.paperwork.pack import download_stem
from core.profiles.profile import LETTER_LANGS, text_limit
from core.simulation.plan import REQUESTS
from core.tracking.progress import LenderProgress, progress
from core.tracking.recovery import broken_projection, catch_up
from core.tracking.review import Change, changes, history, review_check, review_months, review_plan
from ui.common import guarded, lang, md_escape, plain_table, tr
from ui.negotiation import current_plan, keep_version
from ui.page import page_header
from ui.state import active_id, current_household, current_profile, note_outcome, save_section

FOLLOW_UP_DAYS = 14  # a letter asks for a written reply: looked at again two weeks later
KEPT = "mr.kept"  # the version just kept (reason, number), said once on the next run
LOGGED = "mr.logged"

page_header("mr.title", "mr.intro")

h = current_household()
plan, _ = current_plan()
today = dt.date.today()
owner = active_id() or "sample"


def _letter_lang(key: str) -> str:
    chosen = st.segmented_control(
        tr("field.lang"), LETTER_LANGS, default=lang(), key=key,
        format_func={k: tr(f"choice.lang.{k}") for k in LETTER_LANGS}.get,
    )  # fmt: skip
    return chosen or lang()


@guarded
def _log_letter(lender: str, said: str) -> None:
    shown = current_profile()
    log = shown.section("contacts")
    entry = new_entry(
        dt.datetime.now(), lender, "letter", said=said, follow_up=today + dt.timedelta(days=FOLLOW_UP_DAYS)
    )
    saved = save_section("contacts", pd.concat([log, pd.DataFrame([entry])], ignore_index=True),
                         tr("profile.own_name"), base=(log, shown.rev("contacts")))  # fmt: skip
    if note_outcome(saved, "contacts"):
        st.session_state[LOGGED] = True


def _letter_box(key: str, draft: str, stem: str, lender: str, said: str) -> None:
    """A letter to edit, download (.docx, .txt) and log in the contact log."""
    text = st.text_area(tr("mr.letter.edit"), value=draft, key=key, height=420, max_chars=text_limit("text"))
    d1, d2, d3 = st.columns(3)
    d1.download_button(
        tr("lt.download_docx"), data=letter_docx(text), file_name=f"{stem}.docx", key=f"{key}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/description:", type="primary", width="stretch",
    )  # fmt: skip
    d2.download_button(tr("lt.download_txt"), data=letter_txt(text), file_name=f"{stem}.txt", mime="text/plain",
                       key=f"{key}.txt", icon=":material/article:", width="stretch")  # fmt: skip
    d3.button(tr("mr.letter.log"), key=f"{key}.log", on_click=_log_letter, args=(lender, said),
              icon=":material/call:", width="stretch")  # fmt: skip


def _late(lp: LenderProgress) -> None:
    """One lender behind: what happened, what could follow, a way back and the letter."""
    debt = lp.debt
    lines = [tr("mr.late.summary", lender=md_escape(lp.lender), behind=format_cents(lp.behind))]
    for miss in lp.open_misses:  # what is behind now, not months made up since
        lines.append("- " + tr(f"mr.late.{miss.kind}", date=miss.date.isoformat(), due=format_cents(miss.due),
                               paid=format_cents(miss.paid), short=format_cents(miss.short_by)))  # fmt: skip
    st.warning("\n".join(lines), icon=":material/event_busy:")

    bp = broken_projection(h, lp)
    st.markdown(f"**{tr('mr.broken.title')}**")
    st.caption(tr("mr.broken.help"))
    figures = [("mr.broken.due_now", bp.due_now)]
    figures += [(key, value) for key, value in (("mr.broken.waived", bp.waived_back),
                ("mr.broken.interest", bp.interest_back)) if value]  # fmt: skip
    figures.append(("mr.broken.penalty", bp.penalty_monthly))
    if bp.short_by:
        figures.append(("mr.broken.short", bp.short_by))
    for column, (key, value) in zip(st.columns(len(figures)), figures, strict=True):
        column.metric(tr(key), format_cents(value))
    st.plotly_chart(broken_figure(bp, lang()), key=f"mr.chart.{debt}", config={"displaylogo": False})
    if bp.extra_cost > 0:
        st.caption(tr("mr.broken.extra", extra=format_cents(bp.extra_cost)))

    cu = catch_up(h, plan, lp)
    st.markdown(f"**{tr('mr.cu.title')}**")
    if cu.at_end:
        st.info(tr("mr.cu.at_end", n=cu.end_months, payment=format_cents(cu.payment), behind=format_cents(cu.behind)),
                icon=":material/schedule:")  # fmt: skip
    else:
        text = tr("mr.cu.extra", extra=format_cents(cu.extra), payment=format_cents(cu.payment), n=cu.months,
                  start=format_month(cu.start))  # fmt: skip
        if cu.months > 1 and cu.last_extra != cu.extra:
            text += " " + tr("mr.cu.last", last=format_cents(cu.last_extra))
        st.info(text, icon=":material/healing:")
        st.caption(tr("mr.cu.spare", spare=format_cents(cu.spare)))

    st.markdown(f"**{tr('mr.letter.title', lender=md_escape(lp.lender))}**")
    st.caption(tr("mr.letter.help"))
    letter_lang = _letter_lang(f"mr.cu.lang.{debt}")
    draft = catch_up_letter(h, lp, cu, letter_lang, today)
    _letter_box(f"mr.cu.text.{owner}.{debt}.{letter_lang}.{lp.behind}.{today}", draft,
                download_stem("catch-up", debt, letter_lang), lp.lender,
                tr("mr.log.catch_up", behind=format_cents(lp.behind)))  # fmt: skip


# --- 1. payments behind ------------------------------------------------------------------
hp = progress(h, today)
st.subheader(tr("mr.late.title"))
if st.session_state.pop(LOGGED, False):
    st.toast(tr("mr.letter.logged"), icon=":material/call:")
if not hp.lenders:
    st.info(tr("mr.late.no_agreements"), icon=":material/handshake:")
elif not hp.late:
    st.success(tr("mr.late.none", n=hp.grace), icon=":material/check_circle:")
else:
    st.caption(tr("mr.late.grace", n=hp.grace))
    chosen = hp.late[0]
    if len(hp.late) > 1:  # every lender behind in a line; the projection and the letter for one at a time
        lines = {lp.debt: tr("mr.late.line", lender=lp.lender, behind=format_cents(lp.behind)) for lp in hp.late}
        st.markdown("\n".join(f"- {md_escape(line)}" for line in lines.values()))
        pick = st.selectbox(tr("mr.late.pick"), list(lines), key=f"mr.late.pick.{owner}", format_func=lines.get)
        chosen = next(lp for lp in hp.late if lp.debt == pick)
    with st.container(border=True):
        _late(chosen)


# --- 2. the review -------------------------------------------------------------------------
versions = history(h)
check = review_check(h, plan, today)
settings = h.plan_settings


@guarded
def _keep(reason: str) -> None:
    """The plan kept as the next version — at a review, the plan made again with today's
    figures (core.tracking.review.review_plan); a review date the user set that has come is
    then served (cleared), so the new version's date takes over."""
    kept_h, kept_plan = review_plan(h, check) if reason != "chosen" else (h, plan)
    number = keep_version(reason, tr("profile.own_name"), kept_h, kept_plan)
    if number is None:
        return
    st.session_state[KEPT] = (reason, number)
    if reason != "chosen" and settings is not None and settings.review_on is not None and settings.review_on <= today:
        shown = current_profile()
        row = shown.section("plan").iloc[0].to_dict() | {"review_on": None}
        note_outcome(save_section("plan", pd.DataFrame([row]), tr("profile.own_name"),
                                  base=(shown.section("plan"), shown.rev("plan"))), "plan")  # fmt: skip


st.subheader(tr("mr.review.title"))
just_kept = st.session_state.pop(KEPT, None)
if just_kept is not None:
    reason, number = just_kept
    st.success(
        tr("mr.review.kept" if reason == "chosen" else "mr.review.saved", version=number), icon=":material/save:"
    )
if check.on is None:
    st.info(tr("mr.review.none"), icon=":material/event_repeat:")
else:
    why = "set" if settings is not None and settings.review_on is not None else "token" if plan.is_token else "year"
    st.metric(tr("mr.review.on"), check.on.isoformat(),
              delta=tr("mr.review.days", n=check.days_left) if check.days_left > 0 else None,
              delta_color="off", delta_arrow="off")  # fmt: skip
    notes = [tr(f"mr.review.why.{why}", n=review_months(plan))]
    if check.surplus_then is not None:
        notes.append(tr("mr.review.surplus", then=format_cents(check.surplus_then), now=format_cents(check.surplus_now),
                        percent=check.change_percent))  # fmt: skip
    st.caption("\n\n".join(notes))  # under the date: a phone keeps it readable
if check.due:
    said = []
    if "date" in check.reasons:
        said.append(tr("mr.review.due.date", date=check.on.isoformat()))
    if "change" in check.reasons:
        said.append(
            tr("mr.review.due.change", percent=check.change_percent, share=format(check.share.normalize(), "f"))
        )
    st.warning(" ".join(said) + "\n\n" + tr("mr.review.offer"), icon=":material/event_repeat:")
    moved = [c for c in changes(*review_plan(h, check)) if c.changed and c.before is not None]
    if moved:
        plain_table(pd.DataFrame({
            tr("mr.col.debt"): [c.debt for c in moved],
            tr("mr.col.before"): [from_cents(c.before) for c in moved],
            tr("mr.col.after"): [None if c.after is None else from_cents(c.after) for c in moved],
        }), money_columns=(tr("mr.col.before"), tr("mr.col.after")))  # fmt: skip
    st.button(tr("mr.review.replan"), key="mr.replan", type="primary", icon=":material/refresh:", on_click=_keep,
              args=("change" if "change" in check.reasons else "review",))  # fmt: skip
elif not versions:
    st.button(tr("mr.review.keep"), key="mr.keep", icon=":material/bookmark_add:", on_click=_keep, args=("chosen",))
else:
    st.success(tr("mr.review.not_due"), icon=":material/check_circle:")

with st.expander(tr("mr.review.settings"), icon=":material/tune:"), st.form("mr.settings", border=False):
    s1, s2 = st.columns(2)
    chosen_on = s1.date_input(tr("mr.review.set"), value=settings.review_on if settings else None,
                              help=tr("mr.review.set_help"), key=f"mr.set.{owner}")  # fmt: skip
    share = s2.number_input(tr("mr.review.share"), min_value=1.0, max_value=100.0, step=0.5, format="%.1f",
                            key=f"mr.share.{owner}", value=float(settings.change_share) if settings else 10.0)  # fmt: skip
    if st.form_submit_button(tr("mr.review.save"), icon=":material/save:"):
        shown = current_profile()
        kept = shown.section("plan")
        row = (kept.iloc[0].to_dict() if len(kept) else {}) | {  # the plan's own settings stay as they are
            "review_on": chosen_on.isoformat() if chosen_on else None,
            "change_share": float(share),
        }
        if note_outcome(save_section("plan", pd.DataFrame([row]), tr("profile.own_name"),
                                     base=(kept, shown.rev("plan"))), "plan"):  # fmt: skip
            st.session_state["mr.settings_saved"] = True
            st.rerun()
if st.session_state.pop("mr.settings_saved", False):
    st.toast(tr("mr.review.saved_settings"), icon=":material/save:")


# --- the change of circumstances letters: the last plan kept against the one before ------
if len(versions) >= 2:
    before, last = versions[-2], versions[-1]
    moved = [Change(line.debt, before.monthly_of(line.debt), line.monthly) for line in last.lines]
    moved = [c for c in moved if c.changed]
    st.subheader(tr("mr.change.title"))
    if not moved:
        st.caption(tr("mr.change.none"))
    else:
        st.caption(tr("mr.change.help"))
        l1, l2 = st.columns([2, 1])
        names = [c.debt for c in moved]
        chosen = l1.selectbox(tr("mr.change.debt"), names, key="mr.change.debt")
        change = moved[names.index(chosen)]
        with l2:
            letter_lang = _letter_lang(f"mr.change.lang.{chosen}")
        draft = change_letter(h, change, plan, letter_lang, today, surplus_then=before.surplus)
        agreement = next((a for a in reversed(h.agreements) if a.debt == chosen), None)
        holder = agreement.holder if agreement is not None and agreement.holder else h.line(chosen).lender or chosen
        after = format_cents(change.after or 0)
        _letter_box(f"mr.change.text.{owner}.{last.version}.{chosen}.{letter_lang}", draft,
                    download_stem("change", chosen, letter_lang), holder, tr("mr.log.change", after=after))  # fmt: skip


# --- 3. every plan kept ------------------------------------------------------------------
st.subheader(tr("mr.history.title"))
if not versions:
    st.caption(tr("mr.history.none"))
for k, version in enumerate(reversed(versions)):
    label = tr("mr.history.version", version=version.version, date=version.saved.strftime("%Y-%m-%d"),
               reason=tr(f"mr.reason.{version.reason}"))  # fmt: skip
    with st.expander(label, expanded=k == 0):
        st.caption(tr("mr.history.meta", review=version.review_on.isoformat() if version.review_on else "—",
                      surplus=format_cents(version.surplus) if version.surplus is not None else "—"))  # fmt: skip
        if version.lines:
            plain_table(pd.DataFrame({
                tr("mr.col.debt"): [line.debt for line in version.lines],
                tr("mr.col.request"): [
                    tr(f"pl.request.{line.request}") if line.request in REQUESTS else tr(f"mr.request.{line.request}")
                    if line.request in ("agreed", "priority") else line.request for line in version.lines
                ],
                tr("mr.col.monthly"): [None if line.monthly is None else from_cents(line.monthly) for line in version.lines],
            }), money_columns=(tr("mr.col.monthly"),))  # fmt: skip
