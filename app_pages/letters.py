"""Proposal letters: one per lender, built from the data and a chosen scenario, edited
here and downloaded as a Word document or plain text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.loans.money import format_cents
from core.loans.schedule import owed_now_cents
from core.negotiation.next_steps import AGENTS
from core.negotiation.readiness import ask_fit
from core.paperwork.letter import clean_letter, compose, letter_docx, letter_figures, letter_txt, proposal
from core.paperwork.pack import download_stem, pack_bytes, pack_files
from core.profiles.evidence import evidence_folder
from core.profiles.profile import LETTER_LANGS, text_limit
from ui.common import guarded, lang, md_escape, tr
from ui.negotiation import choices_for, current_plan, is_plan, labels, result_of
from ui.page import page_header
from ui.state import (
    active_id,
    current_household,
    current_profile,
    db_path,
    note_outcome,
    redraw,
    redraws,
    save_section,
)
from ui.steps import next_step

page_header("lt.page_title", "lt.intro")
st.info(tr(AGENTS.key), icon=":material/gpp_maybe:")

profile = current_profile()
h = current_household()
if not h.names:
    st.warning(tr("sc.no_debts"))
    next_step("letters")
    st.stop()

saved = profile.section("letters")
c1, c2, c3 = st.columns([2, 2, 1])
debt = c1.selectbox(tr("lt.debt"), h.names, key="lt.debt")
options = choices_for(debt, lang())
if not options:
    st.info(tr("lt.no_scenario"), icon=":material/lightbulb:")
    st.page_link("app_pages/scenarios.py", label=tr("nav.scenarios"), icon=":material/compare_arrows:")
    st.stop()
names = [s.name for s in options]
mine = saved[saved["debt"].eq(debt).fillna(False)]
last = mine["scenario"].dropna().tolist()
remembered = last[-1] if last and last[-1] in names else None
scenario_name = c2.selectbox(
    tr("lt.scenario"), names, index=names.index(remembered) if remembered else 0, key=f"lt.scenario.{debt}",
    help=tr("lt.scenario_help"), format_func=labels(lang()),
)  # fmt: skip
letter_lang = c3.segmented_control(
    tr("field.lang"), LETTER_LANGS, default=lang(), key=f"lt.lang.{debt}",
    format_func={k: tr(f"choice.lang.{k}") for k in LETTER_LANGS}.get,
)  # fmt: skip
letter_lang = letter_lang or lang()
scenario = options[names.index(scenario_name)]
result = result_of(scenario)
if result is not None and result.beyond_limit:  # its figures would be no change's: said, not used quietly
    st.error(tr("sc.cannot_work_out", why=md_escape(result.beyond_limit[0].message(lang()))), icon=":material/error:")
track = next(t for t in result.tracks if t.name == debt)
plan = proposal(track, scenario, owed_now_cents(track.debt))

row = mine[(mine["lang"].eq(letter_lang) & mine["scenario"].eq(scenario_name)).fillna(False)]
kept = str(row.iloc[0]["text"]) if not row.empty else None
generation = redraws(f"letter.{debt}")
key = f"lt.text.{active_id() or 'sample'}.{debt}.{scenario_name}.{letter_lang}.{generation}"


# The letters as this page showed them: a save from a tab left open elsewhere is merged.
letters_base = (profile.section("letters"), profile.rev("letters"))


@guarded
def _save() -> None:
    text = clean_letter(st.session_state.get(key) or "")
    letters = letters_base[0]
    keep = letters[~(letters["debt"].eq(debt) & letters["lang"].eq(letter_lang)).fillna(False)]
    new = pd.DataFrame([{"debt": debt, "scenario": scenario_name, "lang": letter_lang, "text": text}])
    frame = pd.concat([keep, new], ignore_index=True) if text.strip() else keep
    outcome = save_section("letters", frame, tr("profile.own_name"), base=letters_base)
    if note_outcome(outcome, "letters"):
        st.session_state["lt.saved"] = True
    else:
        redraw(f"letter.{debt}")  # show what is saved, not the lost text


@guarded
def _regenerate() -> None:
    letters = letters_base[0]
    keep = letters[~(letters["debt"].eq(debt) & letters["lang"].eq(letter_lang)).fillna(False)]
    note_outcome(save_section("letters", keep, tr("profile.own_name"), base=letters_base), "letters")
    redraw(f"letter.{debt}")


household, _ = current_plan()
if is_plan(scenario) and not household.asks(debt):
    st.info(tr("lt.plan.kept_info", debt=md_escape(debt)), icon=":material/verified:")
payment, months = letter_figures(h, debt, plan, household if is_plan(scenario) else None)
m1, m2, m3 = st.columns(3)
m1.metric(tr("lt.metric.payment"), format_cents(payment))
m2.metric(tr("lt.metric.months"), months)
m3.metric(tr("lt.metric.forgiven"), format_cents(plan.forgiven))
# The readiness check's own test of this ask, so the letter never argues against itself
# (offering far less than the numbers show, asking for a waiver the numbers don't need, or
# promising more than the worksheet leaves for this debt while the money runs short).
objections = [f for f in ask_fit(h, result, debt, household) if f.status == "object"]
if result.shortfall_months and not any(f.rule == "promises_too_much" for f in objections):
    st.warning(tr("lt.short_warning", n=result.shortfall_months), icon=":material/warning:")
for finding in objections:
    st.warning(finding.message(lang()), icon=":material/balance:")
if objections and not is_plan(scenario) and "plan" in names:

    def _use_plan(key: str = f"lt.scenario.{debt}") -> None:
        st.session_state[key] = "plan"

    st.button(tr("lt.use_plan"), key="lt.use_plan", on_click=_use_plan, icon=":material/balance:")

text = st.text_area(
    tr("lt.edit"), value=kept if kept is not None else compose(h, debt, letter_lang, plan, dt.date.today(), *(current_plan() if is_plan(scenario) else (None, None)), reference=household), key=key, height=520, on_change=_save,
    max_chars=text_limit("text"), help=tr("lt.edit_help"),
)  # fmt: skip
if kept is not None:
    st.caption(tr("lt.kept"))
if st.session_state.pop("lt.saved", False):
    st.toast(tr("lt.saved"), icon=":material/save:")


@guarded
def _keep_shown(shown: str = text) -> None:
    """A letter downloaded as generated is kept as it was sent (step 4 of the path)."""
    if kept is None and shown.strip():
        st.session_state[key] = shown
        _save()


d1, d2, d3 = st.columns(3)
stem = download_stem("letter", debt, letter_lang)  # numbers masked, short enough for any file system
d1.download_button(
    tr("lt.download_docx"), data=letter_docx(text), file_name=f"{stem}.docx", key="lt.docx", width="stretch",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", icon=":material/description:",
    type="primary", on_click=_keep_shown,
)  # fmt: skip
d2.download_button(
    tr("lt.download_txt"), data=letter_txt(text), file_name=f"{stem}.txt", key="lt.txt", width="stretch",
    mime="text/plain", icon=":material/article:", on_click=_keep_shown,
)  # fmt: skip
d3.button(tr("lt.regenerate"), key="lt.regenerate", on_click=_regenerate, width="stretch",
          icon=":material/refresh:", help=tr("lt.regenerate_help"))  # fmt: skip
with st.container(border=True):
    st.markdown(f"**{tr('pk.title')}**")
    st.caption(tr("pk.help"))
    p1, p2 = st.columns([2, 1], vertical_alignment="bottom")
    unmasked = p1.checkbox(tr("pk.unmask"), value=False, key="lt.pack.unmask", help=tr("pk.unmask_help"))
    pack_lang, pack_debt, pack_profile, pack_h = letter_lang, debt, current_profile(), h

    def _pack() -> bytes:
        files = pack_files(pack_profile, pack_h, pack_debt, pack_lang, evidence_folder(db_path()),
                           masked=not unmasked)  # fmt: skip
        return pack_bytes(files, pack_lang)

    p2.download_button(
        tr("pk.download"), data=_pack, file_name=stem.replace("letter-", "pack-", 1) + ".zip",
        mime="application/zip", key="lt.pack", icon=":material/folder_zip:", width="stretch",
    )  # fmt: skip
st.caption(":material/info: " + tr("lt.check") + " " + md_escape(tr("sc.not_advice")))
next_step("letters")
