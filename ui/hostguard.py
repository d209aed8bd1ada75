"""Refuse every request (page, file, upload, WebSocket) whose Host header is not this
computer: 127.0.0.1, localhost or [::1], at the port the server really listens on.

A page on another site can make the browser send it requests with a name of its own
that it resolves to 127.0.0.1 (DNS rebinding); Streamlit would answer them, so the
app's data could be read. Those requests carry the other site's name in Host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def host_allowed(host: str | None, port: int | None) -> bool:
    """Whether a Host header names this computer at ``port`` (the port may be left out
    only when the server listens on 80)."""
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
    return (given or 80) == port


class LocalHostOnly:
    """ASGI middleware: a foreign Host gets 421 Misdirected Request (HTTP) or a refused
    WebSocket handshake, before Streamlit sees the request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        server = scope.get("server") or (None, None)
        if host_allowed(host, server[1]):
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return None
        body = b"Refused: this app answers only at 127.0.0.1 / localhost.\n"
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body))],
            }
        )
        await send({"type": "http.response.body", "body": body})
        return None
