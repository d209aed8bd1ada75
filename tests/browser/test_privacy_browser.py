"""Private however the app is started: `streamlit run app.py` (which finds the st.App in
app.py and serves the file behind the check) as well as `streamlit run server.py` (./run.sh).

- A page under another site's name that resolves to 127.0.0.1 (DNS rebinding, done here
  with Chromium's --host-resolver-rules) sees only the refusal, never the household.
- A WebSocket handshake from another site's page (a foreign Origin) makes the server look
  nothing up outside this computer: the server runs with a sitecustomize that records
  (and refuses) every name lookup and connection that is not this computer's.
"""

from __future__ import annotations

import base64
import os
import socket
from pathlib import Path

import pandas as pd
import pytest

from core.i18n import t
from core.profiles.profile import Profile, normalize_section
from core.profiles.store import Store
from tests.browser.conftest import CHROMIUM, Server

EVIL = "evil.example"
MARKER = "私房账本QX7"  # the profile's name (the sidebar's profile box)
AMOUNT = "87,654"  # a debt's principal, 87654.32
INCOME = "¥9,876.00"  # the monthly income, on the Overview

# Loaded into the server process (PYTHONPATH): every lookup of a name and every connection
# that is not this computer's is written to PRIVACY_NET_LOG and refused (nothing leaves).
SITECUSTOMIZE = """
import ipaddress, os, socket

_LOG = os.environ["PRIVACY_NET_LOG"]
_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", ""}


def _local(host):
    if host is None or str(host).lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _note(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\\n")


_getaddrinfo = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _note(f"lookup {host}")
        raise socket.gaierror(socket.EAI_NONAME, "refused by the test")
    return _getaddrinfo(host, *args, **kwargs)


def _guard(method):
    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _note(f"connect {address[0]}")
            raise OSError("refused by the test")
        return method(self, address)
    return guarded


socket.getaddrinfo = getaddrinfo
socket.socket.connect = _guard(socket.socket.connect)
socket.socket.connect_ex = _guard(socket.socket.connect_ex)
"""


def seed(data_dir: Path) -> None:
    store = Store(data_dir / "profiles.sqlite3")
    worksheet = [
        {"category": "工资", "direction": "income", "amount": 9876},
        {"category": "房租", "direction": "expense", "amount": 2000},
    ]
    debts = [{"name": "信用卡", "lender": "某银行", "principal": 87654.32, "rate": 18, "months": 12}]
    sections = {
        "worksheet": normalize_section("worksheet", pd.DataFrame(worksheet))[0],
        "debts": normalize_section("debts", pd.DataFrame(debts))[0],
    }
    pid = store.create(Profile(name=MARKER, sections=sections))
    store.set_meta("active_profile", str(pid))


class Started(Server):
    """conftest's server, started as the user chose: `streamlit run <script>`, and with
    the network recorder loaded."""

    def __init__(self, data_dir: Path, script: str):
        super().__init__(data_dir, script=script)
        self.net_log = data_dir.parent / f"net-{self.port}.log"
        self.site = data_dir.parent / "site"

    def environment(self) -> dict[str, str]:
        self.site.mkdir(exist_ok=True)
        (self.site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        self.net_log.touch()
        paths = [str(self.site), *filter(None, [os.environ.get("PYTHONPATH")])]
        return {**super().environment(), "PRIVACY_NET_LOG": str(self.net_log), "PYTHONPATH": os.pathsep.join(paths)}

    def outside(self) -> list[str]:
        return self.net_log.read_text(encoding="utf-8").splitlines()


@pytest.fixture(params=["app.py", "server.py"])
def started(request, tmp_path):
    data = tmp_path / "data"
    seed(data)
    srv = Started(data, request.param)
    srv.start()
    yield srv
    srv.stop()


def handshake(port: int, host: str, origin: str | None) -> bytes:
    """Open a WebSocket to the app as a page would (or a program: origin None); the
    handshake's status code (b"101": accepted)."""
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: streamlit",
        *([f"Origin: {origin}"] if origin else []),
    ]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        answer = b""
        while b"\r\n" not in answer:
            chunk = conn.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b" ", 2)[1] if answer.startswith(b"HTTP/") else answer


def one_run(port: int, name: str, origin: str) -> bytes:
    """A session as the browser opens one, under the name ``name`` (the Host), from a page
    at ``origin``: run the app once and return everything the server sent for it (b""
    when the handshake is refused)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    received = b""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    try:
        ws = connect(f"ws://{name}:{port}/_stcore/stream", sock=sock, origin=origin, subprotocols=["streamlit"],
                     open_timeout=60, max_size=None)  # fmt: skip
    except InvalidStatus:
        sock.close()
        return received
    with ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        ws.send(back.SerializeToString())
        while True:
            raw = ws.recv(timeout=120)
            received += raw
            message = ForwardMsg()
            message.ParseFromString(raw)
            if message.WhichOneof("type") == "script_finished":
                return received


def test_a_foreign_host_or_origin_sees_nothing_and_nothing_is_looked_up(started):
    """However the app is started (``streamlit run app.py`` finds the st.App in app.py and
    serves the file behind the same check as server.py): a session under another site's
    name (DNS rebinding) or from another site's page is refused before Streamlit sees it,
    and a WebSocket handshake from another site's page makes no lookup outside this
    computer, from the server's first request on."""
    port = started.port
    assert one_run(port, EVIL, f"http://{EVIL}:{port}") == b""  # the handshake itself refused
    status = handshake(port, f"127.0.0.1:{port}", f"http://{EVIL}")
    assert status != b"101", status
    assert started.outside() == []
    assert one_run(port, "127.0.0.1", f"http://{EVIL}") == b""
    local = one_run(port, "127.0.0.1", f"http://127.0.0.1:{port}")
    assert MARKER.encode() in local  # what a refused session would have been sent
    assert started.outside() == []


@pytest.fixture
def rebinding_browser(browser):
    """Chromium in which evil.example resolves to 127.0.0.1, as a rebinding site makes it."""
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run", "--disable-quic", f"--host-resolver-rules=MAP {EVIL} 127.0.0.1"],
    )  # fmt: skip
    yield chromium
    chromium.close()


def finished(page) -> None:
    """The app's own "finished running" state ("initial" before the first run)."""
    from playwright.sync_api import expect

    expect(page.locator("[data-testid='stApp']")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=60_000
    )
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=60_000)


@pytest.mark.browser
def test_streamlit_run_app_py_shows_a_rebinding_page_only_the_refusal(tmp_path, rebinding_browser):
    from playwright.sync_api import expect

    data = tmp_path / "data"
    seed(data)
    server = Started(data, "app.py")  # the habit of every Streamlit user
    server.start()
    try:
        context = rebinding_browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        answer = page.goto(f"http://{EVIL}:{server.port}/?lang=en")
        assert answer is not None and answer.status == 421  # refused before Streamlit sees it
        refusal = page.get_by_text(t("app.refused_host", "en", port=server.port)[:40])
        expect(refusal.first).to_be_visible(timeout=60_000)
        expect(page.get_by_text(t("app.refused_host", "zh", port=server.port)[:20]).first).to_be_visible()
        for figure in (MARKER, AMOUNT, INCOME, t("app.privacy", "en")):
            expect(page.get_by_text(figure)).to_have_count(0)
            assert figure not in page.content()
        expect(page.get_by_test_id("stSidebar")).to_have_count(0)

        page.goto(f"http://127.0.0.1:{server.port}/?lang=en")
        finished(page)
        expect(page.get_by_text(INCOME).first).to_be_visible()  # the same figures, at the right address
        assert MARKER in page.content()
        expect(page.get_by_text(t("app.privacy", "en"))).to_be_visible()
        expect(refusal).to_have_count(0)
        context.close()
    finally:
        server.stop()
    assert server.outside() == []
