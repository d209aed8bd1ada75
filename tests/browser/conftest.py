"""Real-browser fixtures: `streamlit run` on a free 127.0.0.1 port, Debian's Chromium via Playwright.

Follows Streamlit's own e2e pattern: poll /_stcore/health, wait for the app to finish
running, find widgets by their `.st-key-<key>` class.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A streamlit server process that can be restarted on the same port and data."""

    def __init__(self, data_dir: Path, prefix: list[str] | None = None):
        self.port = _free_port()
        self.data_dir = data_dir
        self.prefix = prefix or []  # e.g. setpriv, to run without root's override of file modes
        self.proc: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / f"server-{self.port}.log"

    def start(self) -> None:
        env = {**os.environ, "REPAY_PLANNER_DATA": str(self.data_dir)}
        self.proc = subprocess.Popen(
            [
                *self.prefix,
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "server.py",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not become healthy in 60 s")

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
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def wait_for_app(pg, timeout: float = 30_000) -> None:
    """Wait until the app has finished a script run (the state is 'initial' before the first)."""
    pg.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    pg.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget'] [data-testid='stStatusWidgetRunningIcon']\")",
        timeout=timeout,
    )
    pg.wait_for_timeout(300)


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
