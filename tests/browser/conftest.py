"""Real-browser fixtures: `streamlit run` on a free 127.0.0.1 port, Debian's Chromium via Playwright.

Follows Streamlit's own e2e pattern: poll /_stcore/health, wait for the app to finish
running, find widgets by their `.st-key-<key>` class.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A streamlit server process (``streamlit run <script>``, server.py as ./run.sh
    serves it) that can be restarted on the same port and data."""

    READY = b"You can now view"  # what Streamlit prints once it listens

    def __init__(self, data_dir: Path, prefix: list[str] | None = None, script: str = "server.py"):
        self.port = _free_port()
        self.data_dir = data_dir
        self.prefix = prefix or []  # e.g. setpriv, to run without root's override of file modes
        self.script = script
        self.proc: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / f"server-{self.port}.log"

    def environment(self) -> dict[str, str]:
        return {**os.environ, "REPAY_PLANNER_DATA": str(self.data_dir)}

    def start(self, timeout: float = 90) -> None:
        """Start it and wait, on its own output, until it says it listens (no polling)."""
        command = [*self.prefix, sys.executable, "-m", "streamlit", "run", self.script, "--server.port",
                   str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true",
                   "--browser.gatherUsageStats", "false"]  # fmt: skip
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=self.environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        ready = threading.Event()

        def copy_output(out, log) -> None:  # the server's output into its log, told when it listens
            with log:
                for line in out:
                    log.write(line)
                    log.flush()
                    if self.READY in line:
                        ready.set()
            ready.set()  # ended: the check below says how

        threading.Thread(target=copy_output, args=(self.proc.stdout, self.log.open("ab")), daemon=True).start()
        if not ready.wait(timeout) or self.proc.poll() is not None:
            raise RuntimeError(f"streamlit did not start in {timeout:.0f} s:\n" + self.log.read_text(errors="replace"))
        with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=30) as response:
            assert response.status == 200

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path / "data")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: run scripts/install-chromium.sh")
        pytest.skip(f"{CHROMIUM} is missing (scripts/install-chromium.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = watched(browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True))
    pg = context.new_page()
    yield pg
    context.close()


def _run_watch() -> str:
    """A script added to every page before the app's own: it reads the app's messages on
    its WebSocket to know when the last rerun asked for has finished. Each BackMsg that
    asks for a run (rerun_script: a click, a typed value, a page link) stamps
    ``window.__st.sent``; each ForwardMsg that says a run finished (script_finished, not
    "stopped early for a rerun") stamps ``window.__st.done``. The field numbers come from
    Streamlit's own protobuf descriptors, so a renumbering cannot go unnoticed."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    rerun = BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].number
    finished = ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number
    early = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
    script = """(() => {
  const RERUN = __RERUN__, FINISHED = __FINISHED__, EARLY = __EARLY__;
  window.__st = {sent: 0, done: 0};
  const fields = (bytes) => {  // a protobuf message's top-level fields: [number, varint value or null]
    const out = []; let i = 0;
    const varint = () => { let r = 0, s = 0, b; do { b = bytes[i++]; r += (b & 0x7f) * 2 ** s; s += 7; }
      while (b & 0x80 && i < bytes.length); return r; };
    while (i < bytes.length) {
      const tag = varint(), number = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) out.push([number, varint()]);
      else if (wire === 2) { const n = varint(); out.push([number, null]); i += n; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else break;
    }
    return out;
  };
  const bytesOf = (d) => d instanceof ArrayBuffer ? new Uint8Array(d)
    : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__stWatched) {
      this.__stWatched = true;
      this.addEventListener("message", (event) => {
        const bytes = bytesOf(event.data);
        if (bytes && fields(bytes).some(([n, v]) => n === FINISHED && v !== EARLY)) window.__st.done = performance.now();
      });
    }
    const bytes = bytesOf(data);
    if (bytes && fields(bytes).some(([n]) => n === RERUN)) window.__st.sent = performance.now();
    return send.call(this, data);
  };
})();"""
    return (
        script.replace("__RERUN__", str(rerun)).replace("__FINISHED__", str(finished)).replace("__EARLY__", str(early))
    )


RUN_WATCH = _run_watch()


def watched(context):
    """A browser context whose pages tell when the app has finished the runs asked of it."""
    context.add_init_script(RUN_WATCH)
    return context


def wait_for_app(pg, timeout: float = 30_000) -> None:
    """Wait until the app has finished every run asked of it so far: the last rerun the
    page requested has a finished message after it, and the page shows no run going.
    (Right after a click the page still says "not running" until the server starts the
    run: the request's stamp is what makes this wait hold on a busy machine.) And drawn: no
    placeholder left where an element's code is still loading (a table, a metric)."""
    pg.wait_for_function(
        """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return window.__st && window.__st.done >= window.__st.sent && window.__st.done > 0 && app
    && app.getAttribute("data-test-script-state") === "notRunning"
    && !document.querySelector("[data-testid='stStatusWidget'] [data-testid='stStatusWidgetRunningIcon']")
    && !document.querySelector("[data-testid='stSkeleton']");
}""",
        timeout=timeout,
        polling=100,  # not each animation frame: a page in a background tab gets none
    )


@contextmanager
def rerun(pg, timeout: float = 30_000):
    """Around an action that asks the app for a run (a click on a button, a choice, Enter in
    a box or a table's cell, an upload): wait until the page has sent that request — a
    table's edit or an upload is sent a moment after the key press or the file is given —
    and then until the app has finished it. (Not for an action that asks for no run, such
    as opening an expander: there would be no request to wait for.)"""
    before = pg.evaluate("() => (window.__st ? window.__st.sent : 0)")
    yield
    pg.wait_for_function("(b) => window.__st && window.__st.sent > b", arg=before, timeout=timeout, polling=50)
    wait_for_app(pg, timeout)


def by_key(pg, key: str, inner: str = ""):
    """Locate a widget by its Streamlit key (the frontend turns other characters into '-')."""
    import re

    css = ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())
    return pg.locator(f"{css} {inner}".strip())


def set_number(pg, key: str, value: str) -> None:
    box = by_key(pg, key, "input")
    box.fill(value)
    box.press("Enter")
    wait_for_app(pg)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test leaves a picture of its page in artifacts/failures/ (what the
    page showed when the assertion or the wait gave up)."""
    outcome = yield
    report = outcome.get_result()
    pg = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and pg is not None:
        folder = Path(os.environ.get("REPAY_PLANNER_ARTIFACTS") or ROOT / "artifacts") / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        with suppress(Exception):  # the picture is a help, never a second failure
            pg.screenshot(path=str(folder / f"{item.name[:100]}.png"), full_page=True)
