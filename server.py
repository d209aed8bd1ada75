"""Serve Repay Planner (app.py) on this computer only: ``streamlit run server.py``.

Streamlit runs app.py as usual, behind one extra check (ui/hostguard.py) that refuses
requests whose Host header is not 127.0.0.1, localhost or [::1] at the server's port.
The address, port and the rest come from .streamlit/config.toml.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.hostguard import LocalHostOnly

app = st.App("app.py", middleware=[Middleware(LocalHostOnly)])
