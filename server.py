"""Serve Repay Planner (app.py) on this computer only: ``streamlit run server.py``.

Streamlit runs app.py as usual, behind one extra check (ui/hostguard.py) that refuses
every request, before Streamlit sees it, whose Host header is not 127.0.0.1, localhost
or [::1] at the server's port (421), or whose Origin is another site's page (403; a
WebSocket handshake is refused). app.py applies the same rule itself, for
``streamlit run app.py``. Streamlit never looks up an outside address (this module is
imported before the server starts, so that holds from the first request on).
The address, port and the rest come from .streamlit/config.toml.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from ui import preload
from ui.hostguard import LocalHostOnly, no_outside_lookups
from ui.scripthints import ScriptHints


@asynccontextmanager
async def _lifespan(_app):
    """As the server starts: the first page's modules start loading in the background, while
    the first browser is still fetching Streamlit's own code (ui/preload.py)."""
    preload.start()
    yield


no_outside_lookups()
# The host check first; then a page's HTML names the heavy scripts it needs to the browser (ui/scripthints.py).
app = st.App(
    "app.py",
    middleware=[Middleware(LocalHostOnly), Middleware(ScriptHints, st.get_option("server.baseUrlPath"))],
    lifespan=_lifespan,
)
