"""The one rule for which requests are answered (ui/hostguard.py): Host and Origin naming this
computer, in the middleware and at the top of app.py, and no lookup of an outside address
(test_privacy_browser.py sends real ones, through `streamlit run app.py` and server.py)."""

import asyncio
import threading
from pathlib import Path

import pytest

import ui.hostguard as hostguard
from core.i18n import t
from ui.hostguard import LocalHostOnly, host_allowed

APP = Path(__file__).resolve().parent.parent / "app.py"


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


# --- Origin: a page of another site opening a WebSocket to 127.0.0.1 itself ---------------


@pytest.mark.parametrize(
    "origin,ok",
    [
        (None, True),  # a program, or a request a browser sends without one
        ("http://127.0.0.1:8501", True),
        ("http://localhost:8501", True),
        ("http://[::1]:8501", True),
        ("http://evil.example", False),
        ("http://evil.example:8501", False),  # DNS rebinding: same origin as its Host
        ("http://localhost:3000", False),  # another program's page on this computer
        ("https://127.0.0.1", False),
        ("null", False),  # a sandboxed frame, a file
        ("", False),
        ("http://127.0.0.1:8501/path", False),
        ("file://127.0.0.1:8501", False),
    ],
)
def test_origin_allowed(origin, ok):
    assert hostguard.origin_allowed(origin, 8501) is ok


def test_one_host_and_at_most_one_origin():
    assert hostguard.request_allowed(["127.0.0.1:8501"], [], 8501)
    assert not hostguard.request_allowed([], [], 8501)
    assert not hostguard.request_allowed(["127.0.0.1:8501", "evil.example:8501"], [], 8501)
    assert not hostguard.request_allowed(["127.0.0.1:8501"], ["http://127.0.0.1:8501", "http://evil.example"], 8501)


def test_foreign_origin_never_reaches_streamlit():
    base = {"server": ("127.0.0.1", 8501)}
    local = (b"host", b"127.0.0.1:8501")
    for origin in (b"http://evil.example", b"http://localhost:3000", b"null"):
        sent, reached = _call({**base, "type": "websocket", "headers": [local, (b"origin", origin)]})
        assert reached == [] and sent == [{"type": "websocket.close", "code": 1008}], origin
    sent, reached = _call({**base, "type": "http", "headers": [local, (b"origin", b"http://evil.example")]})
    assert reached == [] and sent[0]["status"] == 403
    sent, reached = _call({**base, "type": "websocket", "headers": [local, (b"origin", b"http://127.0.0.1:8501")]})
    assert reached == ["websocket"] and sent == []
    sent, reached = _call({**base, "type": "websocket", "headers": [local]})
    assert reached == ["websocket"] and sent == []


def test_the_refusal_is_said_in_both_languages():
    sent, _ = _call({"server": ("127.0.0.1", 8501), "type": "http", "headers": [(b"host", b"rebind.example:8501")]})
    body = sent[1]["body"].decode("utf-8")
    assert t("app.refused_host", "zh", port=8501) in body and t("app.refused_host", "en", port=8501) in body


def test_streamlit_makes_no_outside_lookup(monkeypatch):
    """Streamlit compares a foreign Origin with this computer's outside address, which it
    fetches from checkip.amazonaws.com; after no_outside_lookups nothing is looked up."""
    import socket

    from streamlit import net_util
    from streamlit.web.server import server_util

    for name in ("get_external_ip", "get_internal_ip"):  # put back after the test
        monkeypatch.setattr(net_util, name, getattr(net_util, name))
    monkeypatch.setattr(net_util, "_external_ip", None)
    monkeypatch.setattr(net_util, "_internal_ip", None)
    tried = []

    def refuse(*args, **kwargs):
        tried.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    hostguard.no_outside_lookups()
    assert server_util.is_url_from_allowed_origins("http://evil.example") is False
    assert tried == []


# --- app.py itself: `streamlit run app.py` has no middleware in front of it -------------------


def test_app_refuses_a_foreign_host_before_reading_anything(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    import ui.state

    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path / "data"))
    read = []

    def no_store(*args, **kwargs):
        read.append(args)
        raise AssertionError("the store was opened for a foreign Host")

    # ui.steps takes `store` by name when first imported: imported here, before the patch (not
    # by app.py under it, when it would keep no_store for every later test in this process),
    # its own name is patched too and put back after the test.
    import ui.steps

    monkeypatch.setattr(ui.state, "store", no_store)
    monkeypatch.setattr(ui.state, "store_problem", no_store)
    monkeypatch.setattr(ui.steps, "store", no_store)
    for host, origin in (
        ("evil.example:8501", "http://evil.example:8501"),  # DNS rebinding
        ("127.0.0.1:8501", "http://evil.example"),  # another site's page, straight to 127.0.0.1
    ):
        monkeypatch.setattr(hostguard, "_handshake_headers", lambda h=host, o=origin: ([h], [o]))
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        assert not at.exception
        assert [e.value for e in at.error] == [hostguard.refusal_text(8501)]
        assert t("app.refused_host", "zh", port=8501) in at.error[0].value
        assert len(at.sidebar) == 0 and len(at.main) == 1  # the refusal and nothing else
    assert read == [] and not (tmp_path / "data").exists()


def test_a_connection_from_another_machine_never_reaches_streamlit():
    """Started without its config (from another folder) Streamlit listens on every address:
    another machine can send any Host header, so the connection's own address is checked."""
    local = [(b"host", b"127.0.0.1:8501")]
    for kind in ("http", "websocket"):
        sent, reached = _call(
            {"server": ("0.0.0.0", 8501), "client": ("192.168.1.23", 50000), "type": kind, "headers": local}
        )
        assert reached == [] and sent, kind
    sent, reached = _call({"server": ("127.0.0.1", 8501), "client": ("127.0.0.1", 50000), "type": "http",
                           "headers": local})  # fmt: skip
    assert reached == ["http"]
    assert hostguard.client_allowed(("::1", 1)) and hostguard.client_allowed(None)
    assert not hostguard.client_allowed(("10.0.0.2", 1)) and not hostguard.client_allowed(("not an address", 1))
