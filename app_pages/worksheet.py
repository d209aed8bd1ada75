"""Income & expenses: the worksheet table, and importing statements or budget sheets into it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.budget import import_effect
from core.errors import grouped
from core.i18n import t
from core.imports import Mapping, RefusedFile, needs_password, read_statement
from core.imports.categories import default_rules, missing_lenders
from core.imports.combine import combine
from core.money import from_cents
from core.months import format_month
from core.profile import DIRECTIONS, FREQUENCIES, infer, inferred, normalize_section
from ui.common import guarded, lang, md_escape, money_cents, money_table, readable_section, tr
from ui.editor import reset_editor, section_editor
from ui.notices import saved_or_said
from ui.state import active_id, append_rows, current_household, current_profile, is_sample, note_outcome, save_section
from ui.steps import next_step

st.title(tr("ws.title"))
st.caption(tr("ws.intro"))
if is_sample():
    st.info(tr("profile.sample_banner"), icon=":material/science:")

if st.session_state.get("ws.imported"):
    st.success(tr("ws.done", n=st.session_state.pop("ws.imported")), icon=":material/check_circle:")


@guarded
def _add_line() -> None:
    """The short form's line as a new worksheet row (checked like any row)."""
    state = st.session_state
    state["ws.add.open"] = True
    row = {
        "category": (state.get("ws.add.category") or "").strip(),
        "direction": state.get("ws.add.direction"),
        "amount": state.get("ws.add.amount"),
        "frequency": state.get("ws.add.frequency") or "monthly",
    }
    if not row["category"] or not row["amount"]:
        state["ws.add.problem"] = tr("ws.add.need")
        return
    row["direction"] = row["direction"] or infer("worksheet", "direction", row)  # 工资 is income
    if row["direction"] is None:
        state["ws.add.problem"] = tr("ws.add.which", name=md_escape(row["category"]))
        return
    row["kind"] = inferred("worksheet", "kind", row)[0]  # 房租 fixed, 吃饭 variable
    outcome = append_rows("worksheet", [row], tr("profile.own_name"))
    if note_outcome(outcome, "worksheet"):
        how = (
            tr("list.sep")
            .strip("|")
            .join(tr(f"choice.{name}.{row[name]}") for name in ("direction", "kind", "frequency"))
        )
        state["ws.add.done"] = (row["category"], how)
        # The form empty for the next line: values set, not dropped (a dropped key leaves
        # the browser showing, and sending again, what was typed).
        state.update({"ws.add.category": "", "ws.add.amount": None, "ws.add.direction": None})
        reset_editor("worksheet")


def _debt_service(result) -> None:
    """Repayments of credit found in the statement: kept out of living costs, and matched
    with the Debts page; a lender repaid but not listed there can be added as a draft."""
    payments = result.debt_service()
    if not payments:
        return
    total = sum(monthly for _, monthly, _ in payments)
    sep = "、" if lang() == "zh" else ", "
    lenders = sep.join(f"{md_escape(name or tr('ws.credit.unnamed'))} {money_cents(m)}" for name, m, _ in payments)
    st.info(tr("ws.credit.found", total=money_cents(total), lenders=lenders), icon=":material/credit_card:")
    if added := st.session_state.pop("ws.credit.added", None):
        st.success(
            tr("ws.credit.added", lenders="、".join(md_escape(m) for m in added)), icon=":material/check_circle:"
        )
    debts = current_profile().section("debts").to_dict("records")
    missing = missing_lenders(
        [name for name, _, _ in payments], [f"{d.get('name') or ''} {d.get('lender') or ''}" for d in debts]
    )
    if not missing:
        return
    st.warning(tr("ws.credit.missing", lenders="、".join(md_escape(m) for m in missing)), icon=":material/help:")
    if st.button(tr("ws.credit.add", n=len(missing)), key="ws.credit.add", icon=":material/add:"):
        outcome = append_rows("debts", [{"name": name} for name in missing], tr("profile.own_name"))
        if note_outcome(outcome, "debts"):
            st.session_state["ws.import_open"] = True
            st.session_state["ws.credit.added"] = missing
            st.rerun()


def _effect(effect) -> None:
    """The worksheet's monthly figures now, with the import added, and with it instead: a
    surprise (income or costs up by more than half) is caught before it lands."""
    now, added, instead = tr("ws.effect.now"), tr("ws.effect.append"), tr("ws.effect.replace")
    rows = [("ov.income", "income"), ("ws.effect.costs", "expenses"), ("ov.surplus", "surplus")]
    frame = pd.DataFrame(
        {
            "": [tr(key) for key, _ in rows],
            now: [from_cents(getattr(effect.now, name)) for _, name in rows],
            added: [from_cents(getattr(effect.appended, name)) for _, name in rows],
            instead: [from_cents(getattr(effect.replaced, name)) for _, name in rows],
        }
    )
    st.markdown(f"**{tr('ws.effect.title')}**")
    st.dataframe(money_table(frame, [now, added, instead]), hide_index=True, width="stretch", key="ws.effect")
    for name in effect.surprises():
        before, after = getattr(effect.now, name), getattr(effect.appended, name)
        st.warning(tr(f"ws.surprise.{name}", before=money_cents(before), after=money_cents(after)),
                   icon=":material/error:")  # fmt: skip


def _read_uploads(uploads, mapping) -> list:
    """Each uploaded file read once (per file, password, mapping, language and rules), not
    again on every rerun: [(upload, ImportResult or RefusedFile)]. A locked zip gets its own
    password box; a refused file is said with its name and changes nothing."""
    shown = current_profile()
    cache = st.session_state.get("ws.read") or {}
    kept, out = {}, []
    for index, upload in enumerate(uploads):
        data = upload.getvalue()
        password = None
        if needs_password(data):  # Alipay's and WeChat's bills as locked zips, banks' PDFs
            many = len(uploads) > 1
            password = st.text_input(
                tr("ws.zip_password") + (f" · {md_escape(upload.name)}" if many else ""),
                type="password",
                key=f"ws.zip_password.{index}" if many else "ws.zip_password",
                help=tr("ws.zip_password_help"),
            )
        key = (upload.file_id, password, repr(mapping), lang(), shown.rev("rules"), active_id())
        outcome = cache.get(key)
        if outcome is None:
            try:
                outcome = read_statement(upload.name, data, rules=shown.import_rules(lang()), lang=lang(),
                                         mapping=mapping, password=password)  # fmt: skip
            except RefusedFile as refused:
                outcome = refused
            except Exception:  # noqa: BLE001 - whatever a reader raises is a refusal, said in one line
                outcome = RefusedFile("refuse.corrupt")
        kept[key] = outcome
        if isinstance(outcome, RefusedFile):
            reason = md_escape(outcome.message(lang()))
            if len(uploads) > 1:
                st.error(tr("ws.refused_file", name=md_escape(upload.name), reason=reason), icon=":material/block:")
            else:
                st.error(tr("ws.refused", reason=reason), icon=":material/block:")
                if outcome.header and outcome.columns is not None:  # recognised, but no row read
                    with st.popover(tr("ws.map.change"), icon=":material/view_column:"):
                        st.caption(tr("ws.map.change_help"))
                        _mapping_form(outcome.header, outcome.columns)
        out.append((upload, outcome))
    st.session_state["ws.read"] = kept
    return out


def _combined_notes(combined) -> None:
    """What reading several statements together changed: own moves matched, months counted once."""
    if combined.matches:
        total = sum(-m.out.amount for m in combined.matches)
        st.info(tr("ws.own.matched", n=len(combined.matches), amount=money_cents(total)), icon=":material/sync_alt:")
        with st.popover(tr("ws.own.list")):
            st.dataframe(
                money_table(
                    pd.DataFrame(
                        [
                            {
                                tr(
                                    "ws.own.out"
                                ): f"{m.out.date.isoformat()} · {tr(f'ws.source.{combined.sources[m.out_source]}')}",
                                tr(
                                    "ws.own.in"
                                ): f"{m.into.date.isoformat()} · {tr(f'ws.source.{combined.sources[m.in_source]}')}",
                                tr("field.amount"): from_cents(-m.out.amount),
                                tr("field.note"): f"{m.out.description} / {m.into.description}",
                            }
                            for m in combined.matches
                        ]
                    ),
                    [tr("field.amount")],
                ),
                hide_index=True,
                width="stretch",
            )
    if combined.overlap:
        months = "、".join(format_month(m) for m in combined.overlap[:12]) + ("…" if len(combined.overlap) > 12 else "")
        st.info(tr("ws.overlap", months=months, n=combined.result.months), icon=":material/date_range:")


# What to do about each kind of row error, said beside its count.
ERROR_ACTIONS = {
    "err.bad_date": "ws.action.date",
    "err.bad_amount": "ws.action.amount",
    "err.absurd_amount": "ws.action.absurd",
    "err.bad_direction": "ws.action.direction",
}


def _mapping_form(header: list[str], current) -> None:
    """Which column is which: picked from the file's header, starting from the columns the
    file was read by (current), if any; applying reads the file again with them."""
    options = [""] + [h for h in header if h]
    label = {"": tr("ws.map.none")}
    cols = st.columns(3)
    picks = {}
    for i, field in enumerate(("date", "amount", "debit", "credit", "description", "category")):
        chosen = getattr(current, field, None) if current is not None else None
        picks[field] = cols[i % 3].selectbox(
            tr(f"ws.map.{field}"),
            options,
            index=options.index(chosen) if chosen in options else 0,
            key=f"ws.map.{field}",
            format_func=lambda v: label.get(v, v),
        )
    if st.button(tr("ws.map.apply"), key="ws.map.apply"):
        st.session_state["ws.mapping"] = Mapping(**{k: (v or None) for k, v in picks.items()})
        st.session_state["ws.import_open"] = True
        st.rerun()


# The short way in: one line at a time. The table below holds every column (fixed or
# variable, a one-off's month, a note).
language = lang()
adding = st.expander(
    tr("ws.add.title"),
    icon=":material/add:",
    expanded=current_profile().section("worksheet").empty or st.session_state.get("ws.add.open", False),
)  # open while it is being used: it does not fold away after each line
with adding, st.form("ws.add", border=False):
    w1, w2, w3, w4 = st.columns([3, 2, 2, 2], vertical_alignment="bottom")
    w1.text_input(tr("field.category"), key="ws.add.category", max_chars=200, placeholder=tr("ws.add.example"))
    w2.segmented_control(tr("field.direction"), DIRECTIONS, default=None, key="ws.add.direction",
                         format_func=lambda d: t(f"choice.direction.{d}", language))  # fmt: skip
    w3.number_input(tr("field.amount"), min_value=0.0, max_value=100_000_000.0, value=None, step=100.0,
                    key="ws.add.amount")  # fmt: skip
    w4.selectbox(tr("field.frequency"), FREQUENCIES, index=FREQUENCIES.index("monthly"), key="ws.add.frequency",
                 format_func=lambda f: t(f"choice.frequency.{f}", language))  # fmt: skip
    st.form_submit_button(tr("ws.add.submit"), type="primary", icon=":material/add:", on_click=_add_line)
if st.session_state.get("ws.add.problem"):
    st.warning(st.session_state.pop("ws.add.problem"), icon=":material/warning:")
if st.session_state.get("ws.add.done"):
    name, how = st.session_state.pop("ws.add.done")
    st.success(tr("ws.add.done", name=md_escape(name), how=how), icon=":material/check_circle:")

section_editor("worksheet")
summary = current_household().budget
c1, c2, c3 = st.columns(3)
c1.metric(tr("ov.income"), money_cents(summary.income))
c2.metric(tr("ws.monthly") + " · " + tr("choice.direction.expense"), money_cents(summary.expenses))
c3.metric(tr("ov.surplus"), money_cents(summary.surplus))

# Open while a file is being imported (and after its rows were added), so the result stays
# in view instead of folding away on the rerun.
import_open = bool(st.session_state.get("ws.upload")) or st.session_state.get("ws.import_open", False)
with st.expander(tr("ws.import"), expanded=bool(import_open)):
    st.caption(tr("ws.import_help"))
    uploads = st.file_uploader(
        tr("ws.upload"), type=["csv", "xlsx", "xls", "txt", "zip", "pdf"], accept_multiple_files=True, key="ws.upload",
        help=tr("ws.upload_help"),
    )  # fmt: skip
    mapping = st.session_state.get("ws.mapping") if len(uploads or []) == 1 else None
    outcomes = _read_uploads(uploads or [], mapping)
    result, combined = None, None
    read = [(upload, outcome) for upload, outcome in outcomes if not isinstance(outcome, RefusedFile)]
    if len(read) == 1:
        result = read[0][1]
    elif len(read) > 1:
        statements = [outcome for _, outcome in read if outcome.kind == "statement"]
        for upload, outcome in read:
            if outcome.kind != "statement":  # a budget sheet or an unknown layout: on its own
                st.warning(tr("ws.multi_alone", name=md_escape(upload.name)), icon=":material/warning:")
        if len(statements) == 1:
            result = statements[0]
        elif statements:
            combined = combine(statements)
            result = combined.result
    if result is not None and result.kind == "needs_mapping":
        st.warning(tr("ws.mapping"))
        _mapping_form(result.header, None)
    elif result is not None:
        st.success(tr("ws.detected", source=tr(f"ws.source.{result.source}")))
        if combined is not None:
            _combined_notes(combined)
        if result.errors:
            st.warning(
                tr("ws.row_errors", n=len({e.row for e in result.errors}))
                + "\n"
                + "\n".join(
                    f"- {md_escape(g.message(lang()))} → {tr(ERROR_ACTIONS.get(g.example.code, 'ws.action.other'))}"
                    for g in grouped(result.errors)[:20]
                )
            )
            if combined is None and result.columns is not None and result.header:
                # A recognised layout that still read rows wrongly: its columns can be changed here.
                with st.popover(tr("ws.map.change"), icon=":material/view_column:"):
                    st.caption(tr("ws.map.change_help"))
                    _mapping_form(result.header, result.columns)
        if result.kind == "statement":
            st.write(
                tr(
                    "ws.stats",
                    counted=len(result.counted),
                    neutral=result.neutral_count,
                    months=result.months,
                    income=money_cents(result.total_income),
                    expense=money_cents(result.total_expense),
                )
            )
        people = result.from_people_monthly() if result.kind == "statement" else 0
        counted_people = people > 0 and st.checkbox(
            tr("ws.from_people", amount=money_cents(people)), value=False, key="ws.from_people",
            help=tr("ws.from_people_help"),
        )  # fmt: skip
        if result.kind == "statement":
            _debt_service(result)
        rows = result.worksheet_rows(lang(), from_people=counted_people)
        incoming, _ = normalize_section("worksheet", pd.DataFrame(rows))
        st.markdown(f"**{tr('ws.preview')}**")
        st.dataframe(
            readable_section("worksheet", incoming),
            hide_index=True,
            width="stretch",
            key="ws.preview",
            column_config={tr("field.amount"): st.column_config.NumberColumn(format="%.2f")},
        )
        if result.kind == "statement":
            with st.popover(tr("ws.transactions")):
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                tr("field.date"): t.date.isoformat(),
                                tr("field.amount"): float(from_cents(t.amount)),
                                tr("field.category"): t.category,
                                tr("field.note"): t.description,
                                tr("ws.neutral_col"): tr(f"ws.neutral.{t.neutral}") if t.neutral else "",
                            }
                            for t in result.transactions
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                )
        _effect(import_effect(current_profile().section("worksheet"), incoming))
        b1, b2 = st.columns(2)
        action = None
        if b1.button(tr("ws.replace"), key="ws.replace", disabled=incoming.empty):
            action = "replace"
        if b2.button(tr("ws.append"), key="ws.append", disabled=incoming.empty, type="primary"):
            action = "append"
        if action:
            shown = current_profile()
            existing = shown.section("worksheet")
            combined = incoming if action == "replace" else pd.concat([existing, incoming], ignore_index=True)
            outcome = save_section(
                "worksheet", combined, tr("profile.own_name"), base=(existing, shown.rev("worksheet"))
            )
            if saved_or_said(outcome, "worksheet"):
                st.session_state.pop("ws.mapping", None)
                st.session_state["ws.imported"] = len(incoming)
                st.session_state["ws.import_open"] = True
                st.rerun()
    st.markdown(f"**{tr('ws.rules')}**")
    st.caption(tr("ws.rules_help"))
    section_editor("rules", height=240, fallback=pd.DataFrame(default_rules(lang())))
next_step("worksheet")
