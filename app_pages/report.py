"""The full report: one XLSX workbook with native Excel charts, and one HTML page that
opens offline with the interactive charts."""

from __future__ import annotations

import streamlit as st

from core.loans.money import to_cents
from core.paperwork.report import build, report_bytes
from ui.common import current_lpr, lang, tr
from ui.negotiation import compared
from ui.page import page_header
from ui.state import current_household, current_profile, profile_key

page_header("rp.page_title", "rp.intro")


@st.cache_data(max_entries=8, show_spinner=False)
def _report(key: tuple, kind: str, language: str, margin: int, lpr: str, _profile, _h) -> bytes:
    from decimal import Decimal

    return report_bytes(build(_profile, language, margin, Decimal(lpr), _h), kind)


profile = current_profile()
h = current_household()
margin = to_cents(st.number_input(tr("sc.margin"), min_value=0.0, max_value=1_000_000.0, value=0.0, step=500.0,
                                  key="rp.margin", help=tr("sc.margin_help")))  # fmt: skip
contents = [
    tr("rp.contains.summary"),
    tr("rp.contains.sections"),
    tr("rp.contains.scenarios", n=len(compared())),
    tr("rp.contains.contacts", n=len(h.log)),
]
st.markdown("\n".join(f"- {line}" for line in contents))
key = profile_key()
lpr = str(current_lpr())
language = lang()  # read now: the downloads are built later, outside this run


def _xlsx() -> bytes:
    return _report(key, "xlsx", language, margin, lpr, profile, h)


def _html() -> bytes:
    return _report(key, "html", language, margin, lpr, profile, h)


c1, c2 = st.columns(2)
c1.download_button(
    tr("rp.download_xlsx"), data=_xlsx, file_name="repay-planner-report.xlsx", key="rp.xlsx", width="stretch",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/table:", type="primary",
)  # fmt: skip
c2.download_button(
    tr("rp.download_html"), data=_html, file_name="repay-planner-report.html", key="rp.html", width="stretch",
    mime="text/html", icon=":material/language:",
)  # fmt: skip
st.caption(tr("rp.xlsx_help"))
st.caption(tr("rp.html_help"))
st.caption(tr("rp.cli_help"))
