"""The command that works anywhere: the project set up in a fresh virtual environment by
the standard-library launcher (launch.py, what Windows and macOS users run), then the
`repay-planner` console command run from another folder — a schedule, a simulation of
the sample household, and the app served on this computer. `python -m core` keeps
working from the project folder."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = "Scripts" if sys.platform == "win32" else "bin"


def _project_copy(target: Path) -> Path:
    """The project's files as a fresh clone has them (no .venv, no caches)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is needed to list the project's files")
    project = _project_copy(tmp_path_factory.mktemp("project"))
    done = subprocess.run([sys.executable, "launch.py", "--setup-only"], cwd=project, capture_output=True, text=True,
                          timeout=1800)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    command = project / ".venv" / BIN / "repay-planner"
    assert command.exists()
    return project, command


def test_the_console_command_works_from_another_folder(installed, tmp_path):
    project, command = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = subprocess.run([str(command), "schedule", "--principal", "12000", "--annual-rate", "12", "--months", "12",
                          "--json"], cwd=elsewhere, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    worked = json.loads(out.stdout)
    assert worked["total_interest"] == 794.23 and worked["apr"] == 12.0  # 12,000 at 1 % a month over 12 months
    sample = project / "sample_data" / "sample_household.xlsx"
    out = subprocess.run([str(command), "simulate", str(sample), "--json"], cwd=elsewhere, capture_output=True,
                         text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "No module named" not in out.stderr


def test_the_app_is_served_from_another_folder(installed, tmp_path):
    _, command = installed
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "REPAY_PLANNER_DATA": str(tmp_path / "data")}
    proc = subprocess.Popen([str(command), "app", "--port", str(port), "--server.headless", "true"], cwd=tmp_path,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert proc.poll() is None, "the app stopped"
                assert time.time() < deadline, "the app did not answer in 120 s"
                time.sleep(0.5)
    finally:
        proc.terminate()  # stopping the command stops the app (no server left behind)
        proc.wait(timeout=30)
    time.sleep(1)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)


def test_python_dash_m_core_still_works_from_the_project_folder():
    out = subprocess.run([sys.executable, "-m", "core", "schedule", "--principal", "1000", "--annual-rate", "0",
                          "--months", "2"], cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert out.returncode == 0 and "500.00" in out.stdout, out.stderr
