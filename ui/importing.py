"""The Income & expenses page's import panel: upload, answer what the files leave open,
see what will be counted, apply. Reading is core.imports.read_statement, the counting and
the answers core.imports.review; this module only reads widgets and draws.

Answers are kept under keys of their own (``ws.a.*``), not only in their widgets: a
widget that is not drawn on a run forgets its value, and a question appearing (a second
file in dollars) must not wipe the answers already given. They belong to the files
uploaded: a different set of files starts afresh.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pandas as pd
import streamlit as st

import core.imports as imports
from core.errors import grouped
from core.household.loader import import_effect
from core.i18n import join
from core.imports import Mapping, RefusedFile, needs_password
from core.imports.categories import category_choices, missing_lenders
from core.imports.cells import CURRENCY_NAMES
from core.imports.result import Choices
from core.imports.review import (
    NAMES_SHOWN,
    Answers,
    applied_imports,
    foreign_currencies,
    kept_rows,
    names_to_ask,
    own_moves,
    review,
    rules_with_names,
    start_afresh,
    together,
    worksheet_after,
)
from core.imports.safety import is_pdf
from core.loans.dates import format_month, parse_cell_date
from core.loans.money import format_cents, yuan_number
from core.profiles.profile import normalize_section
from ui.common import lang, md_escape, plain_table, readable_section, tr
from ui.notices import saved_or_said
from ui.state import append_rows, current_household, current_profile, note_outcome, save_section

CURRENCIES = tuple(CURRENCY_NAMES)  # USD, EUR, ..., CNY
ANSWERS = "ws.a"  # the answers given for the files uploaded now
# What to do about each kind of row error, said beside its count.
ERROR_ACTIONS = {
    "err.bad_date": "ws.action.date",
    "err.date_range": "ws.action.date",
    "err.bad_amount": "ws.action.amount",
    "err.absurd_amount": "ws.action.absurd",
    "err.bad_direction": "ws.action.direction",
}


# --- answers that outlive their widgets -------------------------------------------------
def _answers_store() -> dict:
    return st.session_state.setdefault(ANSWERS, {})


def _answer(name: str, default=None):
    return _answers_store().get(name, default)


def _remember(name: str, widget_key: str) -> None:
    """A widget's on_change: its value kept as the answer ``name``."""
    _answers_store()[name] = st.session_state.get(widget_key)


def _widget(name: str, widget_key: str, value) -> dict:
    """Keyword arguments tying a widget to a kept answer: its key, its change callback, and
    (drawn anew after a run without it) its value put back from the answer."""
    if widget_key not in st.session_state and name in _answers_store():
        st.session_state[widget_key] = _answers_store()[name]
    elif widget_key not in st.session_state:
        st.session_state[widget_key] = value
    return {"key": widget_key, "on_change": _remember, "args": (name, widget_key)}


def _fresh_for(uploads) -> None:
    """Files none of which were there before: the answers and the names asked about start
    afresh. A file added to or taken from those already there keeps what was said (the
    answers about one file are keyed by it; the column mapping belongs to its file)."""
    signature = tuple(sorted(upload.file_id for upload in uploads))
    state = st.session_state
    before = state.get("ws.files") or ()
    if signature != before:
        state["ws.files"] = signature
        if not start_afresh(signature, before):
            return
        state[ANSWERS] = {}
        for key in [k for k in state if isinstance(k, str) and k.startswith(("ws.q.", "ws.one_off.", "ws.name.",
                                                                           "ws.rate.", "ws.w."))]:  # fmt: skip
            del state[key]


# --- reading ---------------------------------------------------------------------------
def _key(upload, name: str) -> str:
    """A widget key for one uploaded file's question (a new file asks anew)."""
    return f"ws.q.{name}.{upload.file_id}"


def _choices(upload) -> Choices:
    """What the user said of how one file writes its money and dates: the questions' answers,
    else what the column mapping said."""
    return Choices(
        money_out=_answer(f"money_out.{upload.file_id}"),
        date_order=_answer(f"date_order.{upload.file_id}") or _answer("date_order"),
        decimal_comma={"comma": True, "point": False}.get(_answer("decimal") or ""),
    )


STATEMENT_TYPES = [
    "csv",
    "xlsx",
    "xls",
    "txt",
    "zip",
    "pdf",
    "html",
    "htm",
    "eml",
]  # what an uploader of statements takes


def read_or_refusal(name: str, data: bytes, **options):
    """A file read as a statement (core.imports.read_statement), or why it was refused:
    whatever a reader raises is a refusal, said in one line, never a traceback. A PDF's
    pages are shown as they are read (a bar, "page N of M", after "opening" while its
    streams are checked), gone once it is read."""
    bar = st.progress(0, text=tr("import.pdf_opening")) if is_pdf(data) else None

    def pages(done: int, total: int) -> None:
        nonlocal bar
        text = tr("import.pdf_pages", done=done, total=total)
        if bar is None:
            bar = st.progress(done / total, text=text)
        else:
            bar.progress(done / total, text=text)

    try:
        return imports.read_statement(name, data, on_progress=pages, **options)
    except RefusedFile as refused:
        return refused
    except Exception:  # noqa: BLE001 - the reader's own errors: a file it cannot read
        return RefusedFile("refuse.corrupt")
    finally:
        if bar is not None:
            bar.empty()


def _read_uploads(uploads, mapping, header_row) -> list:
    """Each uploaded file read once (per file, password, mapping, what the user said of its
    money and dates, language and rules), not again on every rerun: [(upload, ImportResult
    or RefusedFile)]. A locked file gets its own password box; a refused file is said with
    its name and changes nothing."""
    shown = current_profile()
    full_name = current_household().case.full_name
    holder = [full_name] if full_name else []
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
        choices = _choices(upload)
        key = (upload.file_id, password, repr(mapping), header_row, repr(choices), lang(), shown.rev("rules"),
               tuple(holder))  # fmt: skip
        outcome = cache.get(key)
        if outcome is None:
            outcome = read_or_refusal(upload.name, data, rules=shown.import_rules(lang()), lang=lang(), mapping=mapping,
                                      header_row=header_row, password=password, choices=choices, holder=holder)  # fmt: skip
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
                        mapping_form(outcome.header, outcome.columns, outcome.header_row, upload.file_id)
                if mapping is not None and st.button(tr("ws.map.forget"), key="ws.map.forget"):
                    st.session_state.pop("ws.mapping", None)
                    st.rerun()
        out.append((upload, outcome))
    st.session_state["ws.read"] = kept
    return out


def mapping_form(header: list[str], current, header_row: int, file_id: str) -> None:
    """Which column is which: picked from the file's header (or by position, for a file with
    no header row), starting from the columns the file was read by (current), if any; also
    where the header is, the decimal mark and the date order. Applying reads it again."""
    state = st.session_state
    no_header = st.checkbox(tr("ws.map.no_header"), value=bool(current and current.no_header), key="ws.map.no_header",
                            help=tr("ws.map.no_header_help"))  # fmt: skip
    if no_header:
        options = [""] + [str(i + 1) for i in range(len(header))]
        label = {"": tr("ws.map.none")} | {
            str(i + 1): tr("ws.map.position", n=i + 1, example=str(h)[:20]) for i, h in enumerate(header)
        }
    else:
        options = [""] + [h for h in header if h]
        label = {"": tr("ws.map.none")}
    picks = {}
    fields = ("date", "amount", "debit", "credit", "direction", "description", "category")
    for i, field in enumerate(fields):
        if i % 3 == 0:  # a row of three at a time: a phone stacks them in this same order
            cols = st.columns(3)
        chosen = getattr(current, field, None) if current is not None else None
        picks[field] = cols[i % 3].selectbox(
            tr(f"ws.map.{field}"),
            options,
            index=options.index(chosen) if chosen in options else 0,
            key=f"ws.map.{field}.pos" if no_header else f"ws.map.{field}",
            format_func=lambda v: label.get(v, v),
        )
    c1, c2, c3 = st.columns(3)
    row = c1.number_input(tr("ws.map.header_row_nohead" if no_header else "ws.map.header_row"), min_value=1,
                          max_value=100_000, value=header_row + 1, step=1, key="ws.map.header_row")  # fmt: skip
    c2.selectbox(tr("ws.map.decimal"), ["", "point", "comma"], key="ws.map.decimal",
                 format_func=lambda v: tr(f"ws.map.decimal.{v or 'auto'}"))  # fmt: skip
    c3.selectbox(tr("ws.map.date_order"), ["", "dmy", "mdy"], key="ws.map.date_order_pick",
                 format_func=lambda v: tr(f"ws.map.date_order.{v or 'auto'}"))  # fmt: skip
    if st.button(tr("ws.map.apply"), key="ws.map.apply"):
        # Kept for this file only: the columns of one file are not another's.
        state["ws.mapping"] = (file_id, Mapping(**{k: (v or None) for k, v in picks.items()}, no_header=no_header),
                               int(row) - 1)  # fmt: skip
        _answers_store()["decimal"] = state.get("ws.map.decimal") or ""
        _answers_store()["date_order"] = state.get("ws.map.date_order_pick") or None
        state["ws.import_open"] = True
        st.rerun()


# --- what is said and asked -------------------------------------------------------------
def _lines(result, name: str, many: bool) -> None:
    """How many rows were read against the lines the file has; an unmatched quote."""
    if result.lines is not None:
        st.caption(tr("ws.lines", name=md_escape(name) if many else tr("ws.lines.this"), n=result.rows_read,
                      lines=tr("count.lines", n=result.lines)))  # fmt: skip
    if result.repaired:
        st.warning(tr("ws.repaired", line=result.repaired), icon=":material/format_quote:")


def _row_errors(result, name: str, file_id: str | None) -> None:
    """Rows that could not be read, one line per cause with what to do; for a single file,
    its columns offered for changing right there."""
    if not result.errors:
        return
    head = tr("ws.row_errors", n=len({e.row for e in result.errors}))
    lines = [f"- {md_escape(g.message(lang()))} → {tr(ERROR_ACTIONS.get(g.example.code, 'ws.action.other'))}"
             for g in grouped(result.errors)[:20]]  # fmt: skip
    st.warning((f"**{md_escape(name)}** · " if name else "") + head + "\n" + "\n".join(lines))
    if file_id is not None and result.columns is not None and result.header:
        # A recognised layout that still read rows wrongly: its columns can be changed here.
        with st.popover(tr("ws.map.change"), icon=":material/view_column:"):
            st.caption(tr("ws.map.change_help"))
            mapping_form(result.header, result.columns, result.header_row, file_id)


def _direction_question(upload, result) -> None:
    """Which way round a file writes its money, shown by its first rows read both ways."""
    name = f"money_out.{upload.file_id}"
    if _answer(name) is None:
        st.warning(tr("ws.q.direction", name=md_escape(upload.name)), icon=":material/swap_vert:")
    rows = []
    for date, cents, words in result.first_rows[:6]:
        rows.append({
            tr("field.date"): date.isoformat(),
            tr("field.note"): words[:40],
            tr("ws.q.if_positive"): tr("ws.q.out" if cents > 0 else "ws.q.in", amount=format_cents(abs(cents))),
            tr("ws.q.if_negative"): tr("ws.q.out" if cents < 0 else "ws.q.in", amount=format_cents(abs(cents))),
        })  # fmt: skip
    plain_table(pd.DataFrame(rows))  # the two readings beside each row (four columns: a phone shows them all)
    st.radio(tr("ws.q.direction.pick"), ["positive", "negative"], index=None,
             format_func=lambda v: tr(f"ws.q.money_out.{v}"), horizontal=True,
             **_widget(name, _key(upload, "money_out"), None))  # fmt: skip


def _date_question(upload, result) -> None:
    name = f"date_order.{upload.file_id}"
    example = result.date_examples[0] if result.date_examples else _answer(f"date_example.{upload.file_id}", "")
    _answers_store()[f"date_example.{upload.file_id}"] = example
    if _answer(name) is None:
        st.warning(tr("ws.q.date_order", name=md_escape(upload.name), example=md_escape(example)),
                   icon=":material/calendar_month:")  # fmt: skip

    def label(order: str) -> str:
        try:
            return tr(f"ws.q.order.{order}", date=parse_cell_date(example, order).isoformat())
        except (ValueError, TypeError):
            return tr(f"ws.q.order.{order}", date="—")

    st.radio(tr("ws.q.date_order.pick"), ["dmy", "mdy"], index=None, format_func=label, horizontal=True,
             **_widget(name, _key(upload, "date_order"), None))  # fmt: skip


def _currency_question(upload, result) -> str | None:
    """A statement's currency when it says none: asked. Returns the currency (said or
    answered), None while unanswered."""
    if result.currency:
        return result.currency
    name = f"currency.{upload.file_id}"
    if not _answer(name):
        st.warning(tr("ws.q.currency", name=md_escape(upload.name)), icon=":material/currency_exchange:")
    st.selectbox(tr("ws.q.currency.pick", name=md_escape(upload.name)), list(CURRENCIES), index=None,
                 placeholder=tr("ws.q.currency.placeholder"), format_func=lambda c: tr(f"currency.{c}"),
                 **_widget(name, _key(upload, "currency"), None))  # fmt: skip
    return _answer(name)


def _rate_question(currency: str, names: list[str]) -> None:
    """One rate a currency, however many statements are in it."""
    name = f"rate.{currency}"
    if not _answer(name):
        st.warning(tr("ws.q.rate", name=md_escape(join(names, lang())),
                      currency=tr(f"currency.{currency}")), icon=":material/currency_exchange:")  # fmt: skip
    st.number_input(tr("ws.q.rate.pick", currency=currency), min_value=0.0001, max_value=100_000.0, step=0.01,
                    format="%.4f", **_widget(name, f"ws.rate.{currency}", None))  # fmt: skip


def _answers(read) -> Answers:
    currencies = {i: _answer(f"currency.{upload.file_id}") for i, (upload, _) in enumerate(read)
                  if _answer(f"currency.{upload.file_id}")}  # fmt: skip
    rates = {c: Decimal(str(_answer(f"rate.{c}"))) for c in CURRENCIES if _answer(f"rate.{c}")}
    recurring = frozenset(key for key, recurs in (_answer("recurring") or {}).items() if recurs)
    return Answers(
        count_own=bool(_answer("count_own")),
        leave_partial=bool(_answer("leave_partial")),
        from_people=bool(_answer("from_people")),
        currencies=currencies,
        rates=rates,
        recurring=recurring,
        categories={n: c for n, c in (_answer("names") or {}).items() if c},
        reimport=frozenset(_answer("reimport") or ()),
    )


def _combined_notes(combined, names: list[str]) -> None:
    """What reading several statements together changed: own moves matched, repeats dropped,
    each statement averaged over its own months."""
    if combined.duplicates:
        st.info(tr("ws.duplicates", n=combined.duplicates), icon=":material/content_copy:")
    if combined.matches:
        amount = format_cents(combined.matched_total)
        st.info(tr("ws.own.matched", n=len(combined.matches), amount=amount), icon=":material/sync_alt:")
        with st.expander(tr("ws.own.list")):
            frame = pd.DataFrame([
                {
                    tr("ws.own.out"): f"{m.out.date.isoformat()} · {tr(f'ws.source.{combined.sources[m.out_source]}')}",
                    tr("ws.own.in"): f"{m.into.date.isoformat()} · {tr(f'ws.source.{combined.sources[m.in_source]}')}",
                    tr("field.amount"): yuan_number(-m.out.amount),
                    tr("field.note"): f"{m.out.description} / {m.into.description}",
                }
                for m in combined.matches
            ])  # fmt: skip
            plain_table(frame, [tr("field.amount")])
    if combined.card_payments:
        st.info(tr("ws.card_payments", n=combined.card_payments), icon=":material/credit_card:")
    parts = join(  # by file name: two bank statements are told apart
        (tr("ws.part", source=md_escape(name), n=part.months)
         for name, part in zip(names, combined.result.parts, strict=True)),
        lang(),
    )  # fmt: skip
    st.info(tr("ws.parts", parts=parts), icon=":material/date_range:")


def _checkbox(label: str, name: str, default: bool = False, **kwargs) -> None:
    st.checkbox(label, **_widget(name, f"ws.w.{name}", default), **kwargs)


def _own_moves(result) -> None:
    """Moves to or from the holder's own name: left out, listed, and counted if the user says."""
    moves = own_moves(result)
    own, out_total, in_total = moves.rows, moves.out_total, moves.in_total
    if not own and not _answer("count_own"):
        return
    if own:
        names = join((md_escape(n) for n in result.holder[:3]), lang()) or "—"
        sums = join(
            [tr("ws.own.out_sum", amount=format_cents(out_total))] * bool(out_total)
            + [tr("ws.own.in_sum", amount=format_cents(in_total))] * bool(in_total),
            lang(),
        )
        st.info(tr("ws.own.holder", n=len(own), names=names, sums=sums), icon=":material/person:")
        with st.expander(tr("ws.own.holder_list")):
            plain_table(pd.DataFrame([{tr("field.date"): tx.date.isoformat(),
                                       tr("field.amount"): yuan_number(tx.amount),
                                       tr("field.note"): tx.party or tx.description} for tx in own]),
                        [tr("field.amount")])  # fmt: skip
    _checkbox(tr("ws.own.count"), "count_own", help=tr("ws.own.count_help"))


def _one_offs(checked) -> None:
    """Large single amounts kept to their month (a one-off row), unless the user unticks one
    to say it recurs."""
    candidates = checked.one_off_candidates
    if not candidates:
        return
    st.markdown(f"**{tr('ws.one_offs.title')}**")
    st.caption(tr("ws.one_offs.help"))
    recurring = _answers_store().setdefault("recurring", {})
    for tx in candidates:
        digest = checked.marks[tx.file].digest
        key = f"ws.one_off.{digest}.{tx.row}"
        label = tr("ws.one_offs.row", date=tx.date.isoformat(), amount=format_cents(abs(tx.amount)),
                   what=md_escape((tx.party or tx.description)[:40]),
                   direction=tr("choice.direction.income" if tx.amount > 0 else "choice.direction.expense"))  # fmt: skip
        if key not in st.session_state:
            st.session_state[key] = not recurring.get((digest, tx.row), False)
        st.checkbox(label, key=key, on_change=_one_off_changed, args=(key, digest, tx.row))


def _one_off_changed(key: str, digest: str, row: int) -> None:
    _answers_store().setdefault("recurring", {})[(digest, row)] = not st.session_state.get(key)


def _uncategorised(result) -> None:
    """The largest amounts no rule named, asked about before applying: a category for each.
    A name once asked stays in the list for these files (named, it is no longer
    "uncategorised")."""
    seen = names_to_ask(_answer("names_seen") or {}, result.uncategorised(limit=NAMES_SHOWN))
    _answers_store()["names_seen"] = seen
    if not seen:
        return
    st.markdown(f"**{tr('ws.names.title')}**")
    st.caption(tr("ws.names.help"))
    names = _answers_store().setdefault("names", {})
    for name, entry in seen.items():
        widget = "ws.name." + hashlib.sha256(name.encode()).hexdigest()[:10]
        options = category_choices(entry["direction"], current_profile().import_rules(lang()), lang())
        if widget not in st.session_state:
            st.session_state[widget] = names.get(name) if names.get(name) in options else None
        st.selectbox(tr("ws.names.row", name=md_escape(name), total=format_cents(entry["total"]), n=entry["count"]),
                     options, index=None, key=widget, placeholder=tr("ws.names.placeholder"),
                     on_change=_name_changed, args=(name, widget))  # fmt: skip
    _checkbox(tr("ws.names.remember"), "remember_names", default=True)


def _name_changed(name: str, widget: str) -> None:
    _answers_store().setdefault("names", {})[name] = st.session_state.get(widget)


def _partial(checked) -> None:
    if not checked.partial:
        return
    many = len(checked.result.parts) > 1 if checked.result is not None else False
    parts = join(
        (
            tr("ws.partial.part", month=format_month(p.month), first=p.first, last=p.last)
            + (f" · {tr(f'ws.source.{checked.result.parts[p.file].source}')}" if many else "")
            for p in checked.partial
        ),
        lang(),
    )
    st.info(tr("ws.partial", parts=parts), icon=":material/date_range:")
    _checkbox(tr("ws.partial.leave"), "leave_partial", help=tr("ws.partial.leave_help"))


def _debt_service(result) -> None:
    """Repayments of credit found in the statement: kept out of living costs, and matched
    with the Debts page; a lender repaid but not listed there can be added as a draft."""
    payments = result.debt_service()
    if not payments:
        return
    total = sum(monthly for _, monthly, _ in payments)
    lenders = join(
        (f"{md_escape(name or tr('ws.credit.unnamed'))} {format_cents(m)}" for name, m, _ in payments), lang()
    )
    st.info(tr("ws.credit.found", total=format_cents(total), lenders=lenders), icon=":material/credit_card:")
    if added := st.session_state.pop("ws.credit.added", None):
        st.success(
            tr("ws.credit.added", lenders=join((md_escape(m) for m in added), lang())), icon=":material/check_circle:"
        )
    debts = current_profile().section("debts").to_dict("records")
    missing = missing_lenders(
        [name for name, _, _ in payments], [f"{d.get('name') or ''} {d.get('lender') or ''}" for d in debts]
    )
    if not missing:
        return
    st.warning(tr("ws.credit.missing", lenders=join((md_escape(m) for m in missing), lang())), icon=":material/help:")
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
    frame = pd.DataFrame({
        "": [tr(key) for key, _ in rows],
        now: [yuan_number(getattr(effect.now, name)) for _, name in rows],
        added: [yuan_number(getattr(effect.appended, name)) for _, name in rows],
        instead: [yuan_number(getattr(effect.replaced, name)) for _, name in rows],
    })  # fmt: skip
    st.markdown(f"**{tr('ws.effect.title')}**")
    plain_table(frame, [now, added, instead])  # a plain table: it wraps on a phone instead of cutting a column
    for name in effect.surprises():
        before, after = getattr(effect.now, name), getattr(effect.appended, name)
        st.warning(tr(f"ws.surprise.{name}", before=format_cents(before), after=format_cents(after)),
                   icon=":material/error:")  # fmt: skip


def _transactions(result) -> None:
    with st.expander(tr("ws.transactions")):
        st.dataframe(
            pd.DataFrame([
                {
                    tr("field.date"): tx.date.isoformat(),
                    tr("field.amount"): yuan_number(tx.amount),
                    tr("field.category"): tx.category,
                    tr("field.note"): tx.description,
                    tr("ws.neutral_col"): tr(f"ws.neutral.{tx.neutral}") if tx.neutral else "",
                }
                for tx in result.transactions
            ]),
            hide_index=True,
            width="stretch",
        )  # fmt: skip


def _already(read, checked) -> None:
    """Files already in the worksheet: said, and offered to be imported again (to answer
    anew), which replaces the rows they made."""
    for index, earlier in checked.already:
        st.info(tr("ws.already", name=md_escape(read[index][0].name), mark=md_escape(earlier.mark)),
                icon=":material/done_all:")  # fmt: skip
        if st.button(tr("ws.reimport"), key=f"ws.reimport.{earlier.digest}", help=tr("ws.reimport_help")):
            _answers_store().setdefault("reimport", set()).add(earlier.digest)
            st.rerun()


def _apply(checked, action: str) -> None:
    shown = current_profile()
    existing = shown.section("worksheet")
    frame = worksheet_after(checked, existing, action)
    outcome = save_section("worksheet", frame, tr("profile.own_name"), base=(existing, shown.rev("worksheet")))
    if not saved_or_said(outcome, "worksheet"):
        return
    names = _answer("names") or {}
    if any(names.values()) and _answer("remember_names", True) is not False:
        rules = rules_with_names(names, shown.import_rules(lang()))
        base = shown.section("rules")
        note_outcome(save_section("rules", pd.DataFrame(rules), tr("profile.own_name"), base=(base, shown.rev("rules"))),
                     "rules")  # fmt: skip
    st.session_state.pop("ws.mapping", None)
    st.session_state[ANSWERS] = {}
    st.session_state["ws.imported"] = len(checked.rows)
    st.session_state["ws.import_open"] = True
    st.rerun()


def imported_notice() -> None:
    """How many rows the import just added, said once at the top of the page."""
    if st.session_state.get("ws.imported"):
        st.success(tr("ws.done", n=st.session_state.pop("ws.imported")), icon=":material/check_circle:")


def import_open() -> bool:
    """Whether the import panel is shown open: while a file is being imported (and after its
    rows were added), so the result stays in view instead of folding away on the rerun."""
    return bool(st.session_state.get("ws.upload") or st.session_state.get("ws.import_open", False))


def import_panel() -> None:
    """Upload, questions, what will be counted, apply (see the module's description)."""
    state = st.session_state
    st.caption(tr("ws.import_help"))
    uploads = st.file_uploader(
        tr("ws.upload"), type=STATEMENT_TYPES,
        accept_multiple_files=True, key="ws.upload", help=tr("ws.upload_help"),
    ) or []  # fmt: skip
    _fresh_for(uploads)
    picked = state.get("ws.mapping")
    mapping, header_row = None, None
    if len(uploads) == 1 and picked and picked[0] == uploads[0].file_id:  # this file's own columns
        mapping, header_row = picked[1], picked[2]
    outcomes = _read_uploads(uploads, mapping, header_row)
    read = [(upload, outcome) for upload, outcome in outcomes if not isinstance(outcome, RefusedFile)]
    if not read:
        return
    if len(uploads) == 1 and read[0][1].kind == "needs_mapping":
        st.warning(tr("ws.mapping"))
        mapping_form(read[0][1].header, None, read[0][1].header_row, read[0][0].file_id)
        return
    kept, alone = together([outcome for _, outcome in read])
    for i in alone:  # a budget sheet or an unknown layout beside other files: on its own
        st.warning(tr("ws.multi_alone", name=md_escape(read[i][0].name)), icon=":material/warning:")
    read = [read[i] for i in kept]
    for upload, outcome in read:  # rows that could not be read come first: a wrong column may be why
        _row_errors(outcome, upload.name if len(read) > 1 else "", upload.file_id if len(uploads) == 1 else None)
    # The questions, drawn for every file that needed them (answered or not: an answer's
    # widget stays), one rate a currency.
    currencies = []
    for upload, outcome in read:
        if outcome.kind != "statement":
            continue
        if outcome.direction_unsure or _answer(f"money_out.{upload.file_id}") is not None:
            _direction_question(upload, outcome)
        if outcome.date_order_unsure or _answer(f"date_order.{upload.file_id}") is not None:
            _date_question(upload, outcome)
        currencies.append((upload.name, _currency_question(upload, outcome)))
    for currency, names in foreign_currencies(currencies).items():
        _rate_question(currency, names)
    applied = applied_imports(current_profile().section("worksheet").get("note", pd.Series(dtype=object)).tolist())
    checked = review([outcome for _, outcome in read], _answers(read), applied, lang())
    _already(read, checked)
    result = checked.result
    if result is None:
        if checked.questions:
            st.caption(tr("ws.answer_first"))
        return
    sources = join(dict.fromkeys(tr(f"ws.source.{read[i][1].source}") for i in checked.files), lang())
    st.success(tr("ws.detected_many" if checked.combined is not None else "ws.detected", sources=sources,
                  source=sources))  # fmt: skip
    for i in checked.files:
        _lines(read[i][1], read[i][0].name, len(read) > 1)
    if checked.combined is not None:
        _combined_notes(checked.combined, [read[i][0].name for i in checked.files])
    statement = result.kind == "statement"
    if statement:
        people = result.from_people_monthly()
        income = format_cents(result.total_income)
        st.write(tr("ws.stats", n=len(result.counted), neutral=result.neutral_count, months=tr("count.months", n=result.months),
                    income=income, expense=format_cents(result.total_expense)))  # fmt: skip
        if people > 0 and not _answer("from_people"):  # the income above holds it; the worksheet will not
            st.caption(tr("ws.stats.people", amount=format_cents(people)))
        if result.refunds_netted:
            st.caption(tr("ws.refunds_netted", n=result.refunds_netted))
        if checked.replaces:
            marks = join((md_escape(a.mark) for a in checked.replaces), lang())
            st.warning(tr("ws.replaces", marks=marks, n=checked.repeats, button=tr("ws.append")),
                       icon=":material/published_with_changes:")  # fmt: skip
        _own_moves(result)
        _partial(checked)
        if people > 0 or _answer("from_people"):
            _checkbox(tr("ws.from_people", amount=format_cents(people)), "from_people", help=tr("ws.from_people_help"))
        _debt_service(result)
        _one_offs(checked)
        _uncategorised(result)
    if checked.questions:  # the figures wait for the answers above: shown read one way, they would mislead
        st.caption(tr("ws.answer_first"))
        return
    incoming, _ = normalize_section("worksheet", pd.DataFrame(checked.rows))
    st.markdown(f"**{tr('ws.preview')}**")
    st.dataframe(
        readable_section("worksheet", incoming),
        hide_index=True,
        width="stretch",
        key="ws.preview",
        column_config={tr("field.amount"): st.column_config.NumberColumn(format="%.2f")},
    )
    if statement:
        _transactions(result)
    existing = current_profile().section("worksheet")
    _effect(import_effect(existing, incoming, kept_rows(checked, existing)))
    b1, b2 = st.columns(2)
    if b1.button(tr("ws.replace"), key="ws.replace", disabled=not checked.ready):
        _apply(checked, "replace")
    if b2.button(tr("ws.append"), key="ws.append", disabled=not checked.ready, type="primary"):
        _apply(checked, "append")
