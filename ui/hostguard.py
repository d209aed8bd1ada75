"""This computer only, however the app is started: one rule for which requests are
answered, and no lookup of an outside address.

A page on another site can make the browser send requests under a name of its own that
it resolves to 127.0.0.1 (DNS rebinding): those carry the other site's name in Host. A
page on another site can also open a WebSocket to 127.0.0.1 itself: that carries the
other site's address in Origin (and makes Streamlit look up this computer's outside
address, checkip.amazonaws.com, to compare it with). The rule (``request_allowed``):
exactly one Host, naming 127.0.0.1, localhost or [::1] at the server's port, and no
Origin or one naming the same (a page this server served); and the connection itself
comes from this computer (``client_allowed``).

It is applied twice, from this one place:

- ``LocalHostOnly``, the ASGI middleware ``server.py`` puts in front of Streamlit
  (``./run.sh``, ``repay-planner app``, ``launch.py``): every request, page, file,
  upload and WebSocket, before Streamlit sees it;
- ``refuse_foreign_request``, called at the top of ``app.py`` (``streamlit run app.py``
  too): a session opened under a foreign Host or Origin gets a short refusal and nothing
  else, before anything is read or drawn.

``no_outside_lookups`` stops Streamlit's own lookups of outside addresses (both called).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from urllib.parse import urlsplit

LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
REFUSED_KEY = "app.refused_host"


def host_allowed(host: str | None, port: int | None, default_port: int = 80) -> bool:
    """Whether a Host header (or an Origin's host[:port]) names this computer at ``port``
    (the port may be left out only when it is ``default_port``, 80 for http)."""
    if not host:
        return False
    try:
        parts = urlsplit(f"//{host}")
        name, given = parts.hostname, parts.port
    except ValueError:
        return False
    if name is None or parts.username or parts.password or parts.path or parts.query or parts.fragment:
        return False
    if name.rstrip(".").lower() not in LOCAL_NAMES:
        return False
    if port is None:
        return True
    return (given or default_port) == port


def origin_allowed(origin: str | None, port: int | None) -> bool:
    """Whether an Origin header is absent (a program, or a request a browser sends without
    one) or names a page of this server: http(s) at a local name and ``port``. "null" (a
    sandboxed frame, a file) and every other site are refused."""
    if origin is None:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.path or parts.query or parts.fragment:
        return False
    return host_allowed(parts.netloc, port, default_port=443 if parts.scheme == "https" else 80)


def request_allowed(hosts: Sequence[str], origins: Sequence[str], port: int | None) -> bool:
    """The one rule: exactly one Host naming this computer at ``port``, and at most one
    Origin, naming it too (two of either header is not a request a browser makes)."""
    if len(hosts) != 1 or len(origins) > 1:
        return False
    return host_allowed(hosts[0], port) and origin_allowed(origins[0] if origins else None, port)


def client_allowed(client: tuple | None) -> bool:
    """Whether the connection comes from this computer (a loopback address). Unknown
    (None: not a network connection, e.g. a test client) is let through to the Host rule.
    The app listens on 127.0.0.1 (.streamlit/config.toml, ./run.sh, ``repay-planner
    app``); started from another folder without its config, Streamlit would listen on
    every network address, and another machine can write any Host header it likes."""
    if not client or not client[0]:
        return True
    try:
        return ipaddress.ip_address(str(client[0]).split("%")[0]).is_loopback
    except ValueError:
        return False


def refusal_text(port: int | None) -> str:
    """The refusal in both languages (which one the user reads is kept in the database,
    and a refused request reads nothing). The catalogue is loaded here, when first needed,
    not as server.py starts: the server answers sooner, and the first page's run loads it
    in the background (ui/preload.py)."""
    from core.i18n import LANGS, t

    return "\n\n".join(t(REFUSED_KEY, lang, port=port) for lang in LANGS)


class LocalHostOnly:
    """ASGI middleware: a foreign Host gets 421 Misdirected Request, a foreign Origin 403
    Forbidden (HTTP), or a refused WebSocket handshake, before Streamlit sees the request
    (so Streamlit's own origin check, and the outside lookup it makes, never run)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = scope.get("headers") or []
        hosts = [value.decode("latin-1") for name, value in headers if name.lower() == b"host"]
        origins = [value.decode("latin-1") for name, value in headers if name.lower() == b"origin"]
        port = (scope.get("server") or (None, None))[1]
        if client_allowed(scope.get("client")) and request_allowed(hosts, origins, port):
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return None
        # 403 when it is the Origin (or the machine) that is refused, 421 for another name
        host_ok = request_allowed(hosts, [], port)
        body = (refusal_text(port) + "\n").encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 403 if host_ok else 421,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body))],
            }
        )
        await send({"type": "http.response.body", "body": body})
        return None


def _handshake_headers() -> tuple[list[str], list[str]] | None:
    """The Host and Origin headers of this session's WebSocket handshake, or None when the
    script runs with no browser connection (AppTest, bare mode: no headers at all; a real
    handshake always has some, Upgrade and Sec-WebSocket-Key at least)."""
    import streamlit as st

    headers = st.context.headers
    if not headers:
        return None
    return list(headers.get_all("host")), list(headers.get_all("origin"))


def refuse_foreign_request() -> None:
    """In app.py, before anything is read or drawn: a session whose WebSocket was opened
    under a foreign Host or Origin gets the short refusal and the script stops."""
    import streamlit as st

    given = _handshake_headers()
    if given is None:
        return
    port = int(st.get_option("server.port"))
    if request_allowed(*given, port):
        return
    st.error(refusal_text(port), icon=":material/block:")
    st.stop()


def _no_address() -> str | None:
    return None


def no_outside_lookups() -> None:
    """Streamlit looks up this computer's outside address (an HTTP request to
    checkip.amazonaws.com) and its network address (a socket towards 8.8.8.8) to print
    the "External/Network URL" lines and to compare a WebSocket's foreign Origin with;
    this app answers at 127.0.0.1 only, so neither is ever needed: both answer "unknown"
    (which Streamlit already handles: the line is left out, the origin is not matched)."""
    from streamlit import net_util

    net_util.get_external_ip = _no_address
    net_util.get_internal_ip = _no_address
