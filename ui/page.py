"""What every page opens with, in one call: page_header."""

from __future__ import annotations

import streamlit as st

from ui.common import tr
from ui.notices import show_notices
from ui.recovery import recovered_notice
from ui.state import is_sample


def page_header(title_key: str, intro_key: str | None = None, *, sample: bool = True, **params: object) -> None:
    """The top of a page: what saves since the last run have to say (ui.notices), a restore
    or an undo just made and, while the database is read-only, the notice saying so
    (ui.recovery); then the page's title, its one-line introduction (``params`` fill it in)
    and, while the bundled sample household is open, the banner saying so (a page that
    never shows the household's own figures passes ``sample=False``)."""
    recovered_notice()
    show_notices()
    st.title(tr(title_key))
    if intro_key is not None:
        st.caption(tr(intro_key, **params))
    if sample and is_sample():
        st.info(tr("profile.sample_banner"), icon=":material/science:")
