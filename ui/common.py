"""The current language, translation and money formatting for the pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import streamlit as st

from core.blank import is_blank, is_missing
from core.i18n import DEFAULT_LANG, LANGS, field_label, t
from core.loans.dates import format_date
from core.loans.money import format_money, to_cents, yuan_number

LANG_KEY = "lang"  # canonical choice; the sidebar control writes it in its callback
LANG_SWITCH_KEY = "app.lang"


def lang() -> str:
    value = st.session_state.get(LANG_KEY) or st.query_params.get("lang") or DEFAULT_LANG
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **params: object) -> str:
    """The text for key in the language the user chose."""
    return t(key, lang(), **params)


def readable_section(section: str, frame):
    """A section frame for reading: choices in the user's language, blanks as empty
    text (not "None"), column headings translated."""
    from core.profiles.profile import SCHEMAS

    language = lang()
    out = frame.copy()
    for column in SCHEMAS[section]:
        if column.kind == "choice":
            out[column.name] = out[column.name].map(
                lambda v, c=column.name: "" if is_blank(v) else t(f"choice.{c}.{v}", language)
            )
        elif column.kind in ("text", "month"):
            out[column.name] = out[column.name].map(lambda v: "" if is_missing(v) else v)
        elif column.kind == "money":  # exact amounts, as the numbers a table sorts by
            out[column.name] = pd.Series(
                [None if is_blank(v) else yuan_number(to_cents(v)) for v in out[column.name]],
                index=out.index,
                dtype="float64",
            )
    return out.rename(columns={c.name: field_label(section, c.name, language) for c in SCHEMAS[section]})


_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:")


def md_escape(text: str) -> str:
    """User text shown inside st.markdown: special characters escaped so it stays plain text."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def css_text(text: str) -> str:
    """Text as a CSS string (for ``content:``): quoted, with quotes, backslashes, line
    breaks and angle brackets written as CSS escapes, so it can end neither the string nor
    the style element."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\\n\r<>' else ch for ch in str(text))
    return f'"{escaped}"'


def money(value: Decimal) -> str:
    return format_money(value)


def _money_cell(value) -> str:
    if is_blank(value):
        return ""
    return format_money(value)


def money_table(frame, columns):
    """The table with its money columns written the one way the app writes money
    (core.loans.money.format_money: "-¥1,234.56"); the numbers underneath stay numbers, so the
    columns still sort by value."""
    present = [c for c in columns if c in frame.columns]
    return frame.style.format(_money_cell, subset=present) if present else frame


def plain_table(frame, money_columns=()) -> None:
    """A read-only table drawn as a plain table (st.table): all of it in view, text that
    wraps, and none of the browser code an interactive grid loads. Streamlit reads its
    cells as Markdown, so every text cell is escaped (user text stays text); money is
    written the app's one way and the numbers underneath stay numbers."""
    money = [c for c in money_columns if c in frame.columns]
    text = [c for c in frame.columns if c not in money and not pd.api.types.is_numeric_dtype(frame[c])]
    style = frame.style
    if money:
        style = style.format(_money_cell, subset=money)
    if text:
        style = style.format(lambda v: "" if is_blank(v) else md_escape(v), subset=text)
    st.table(style, hide_index=True)


def show_errors(errors, heading_key: str | None = None) -> None:
    """List collected input errors in one warning box, in the user's language."""
    if not errors:
        return
    lines = [f"- {md_escape(e.message(lang()))}" for e in errors]
    heading = tr(heading_key) + "\n" if heading_key else ""
    st.error(heading + "\n".join(lines), icon=":material/warning:")


def followup_text(item) -> str:
    """A due follow-up (core.household.contacts.FollowUp) as one markdown line; the lender is escaped."""
    return tr(
        f"ct.due.{item.status}", lender=md_escape(item.lender), date=item.due.isoformat(), n=abs(item.days),
        when=format_date(item.when),
    )  # fmt: skip


def current_lpr() -> Decimal:
    """The LPR the user set in the sidebar (for the 4 × LPR line)."""
    from core.loans.apr import DEFAULT_LPR

    return Decimal(str(st.session_state.get("settings.lpr", float(DEFAULT_LPR)))).quantize(Decimal("0.01"))


def log_failure(exc: BaseException) -> None:
    """One line in the server log: the kind of failure and where, never its message (which
    may quote the user's own text or amounts)."""
    import logging
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = ", ".join(f"{Path(f.filename).name}:{f.lineno}" for f in frames[-4:])
    logging.getLogger("repay_planner").error("%s at %s", type(exc).__name__, where)


def guarded(callback):
    """A widget callback that can never show a traceback: a database failure becomes the
    plain notice of a save that did not happen, anything else the "unexpected" notice."""
    import functools

    @functools.wraps(callback)
    def run(*args, **kwargs):
        from core.profiles.store import STORE_ERRORS, save_error_code
        from ui.state import NOTICES

        try:
            return callback(*args, **kwargs)
        except STORE_ERRORS as exc:
            st.session_state.setdefault(NOTICES, []).append(("failure", "profile", save_error_code(exc), []))
        except Exception as exc:  # noqa: BLE001 - the boundary: nothing reaches the user raw
            log_failure(exc)
            st.session_state.setdefault(NOTICES, []).append(("crash", "", None, []))

    return run
