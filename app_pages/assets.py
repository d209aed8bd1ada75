"""Assets and buffers: what could be sold or used, and what only bridges a gap."""

from __future__ import annotations

import streamlit as st

from core.loans.money import format_cents
from ui.common import tr
from ui.editor import section_editor
from ui.page import page_header
from ui.state import current_household
from ui.steps import next_step

page_header("as.title", "as.intro")
section_editor("assets")
s = current_household()
c1, c2, c3 = st.columns(3)
c1.metric(tr("as.total"), format_cents(s.assets_total))
c2.metric(tr("as.after_discount"), format_cents(s.quick_sale_value))
c3.metric(tr("ov.liquid"), format_cents(s.liquid_now))

st.subheader(tr("as.buffers"))
st.caption(tr("as.buffers_intro"))
section_editor("buffers")
next_step("assets")
