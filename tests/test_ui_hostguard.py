"""The Host check that refuses DNS-rebinding requests (the browser test sends a real one)."""

import asyncio
import threading

import pytest

from ui.hostguard import LocalHostOnly, host_allowed


@pytest.mark.parametrize(
    "host,port,ok",
    [
        ("127.0.0.1:8501", 8501, True),
        ("localhost:8501", 8501, True),
        ("LOCALHOST.:8501", 8501, True),
        ("[::1]:8501", 8501, True),
        ("127.0.0.1:8502", 8501, False),  # another port: not this server
        ("127.0.0.1", 8501, False),
        ("evil.example:8501", 8501, False),  # a name resolved to 127.0.0.1 by another site
        ("127.0.0.1.evil.example:8501", 8501, False),
        ("user@127.0.0.1:8501", 8501, False),
        ("127.0.0.1:notaport", 8501, False),
        ("", 8501, False),
        (None, 8501, False),
    ],
)
def test_host_allowed(host, port, ok):
    assert host_allowed(host, port) is ok


def _call(scope):
    sent, reached = [], []

    async def app(scope, receive, send):
        reached.append(scope["type"])

    async def send(message):
        sent.append(message)

    async def receive():
        return {}

    # In a thread of its own: another test (Playwright) may leave a loop running in this one.
    worker = threading.Thread(target=asyncio.run, args=(LocalHostOnly(app)(scope, receive, send),))
    worker.start()
    worker.join(timeout=10)
    return sent, reached


def test_foreign_host_never_reaches_streamlit():
    base = {"server": ("127.0.0.1", 8501)}
    sent, reached = _call({**base, "type": "http", "headers": [(b"host", b"rebind.example:8501")]})
    assert reached == [] and sent[0]["status"] == 421
    sent, reached = _call({**base, "type": "websocket", "headers": [(b"host", b"rebind.example:8501")]})
    assert reached == [] and sent == [{"type": "websocket.close", "code": 1008}]
    sent, reached = _call({**base, "type": "http", "headers": [(b"host", b"127.0.0.1:8501")]})
    assert reached == ["http"] and sent == []
