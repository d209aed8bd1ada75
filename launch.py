"""Set up and open Repay Planner on any computer with Python 3.11+ (Windows, macOS, Linux).

    python3 launch.py          (macOS, Linux)
    py launch.py               (Windows)
    python3 launch.py --setup-only

Creates ``.venv`` next to this file the first time (the locked packages, then the project
itself, which gives the ``repay-planner`` command), then serves the app on this computer
only at http://127.0.0.1:8501. Standard library only, so it runs before anything is
installed; ``run.sh`` does the same in bash.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def setup() -> Path:
    python = venv_python()
    if not python.exists():
        if sys.version_info < (3, 11):  # noqa: UP036 - the launcher runs on whatever Python the user has
            sys.exit("Repay Planner needs Python 3.11 or newer.")
        print("Setting up .venv (first time only, a few minutes)…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / ".installed-launch"
    if not stamp.exists() or stamp.read_text().strip() != want:
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.check_call([*pip, "--upgrade", "pip"])
        subprocess.check_call([*pip, "--require-hashes", "-r", str(LOCK)])
        subprocess.check_call([*pip, "--no-deps", "-e", str(ROOT)])
        stamp.write_text(want)
    # The app's own modules compiled ahead, as pip does for the packages (a faster first page).
    names = ["app.py", "server.py", "core", "ui", "app_pages"]
    subprocess.check_call([str(python), "-m", "compileall", "-q", *names], cwd=ROOT, stdout=subprocess.DEVNULL)
    return python


def main(argv: list[str]) -> int:
    python = setup()
    if "--setup-only" in argv:
        return 0
    return subprocess.call([str(python), "-m", "core", "app", *argv], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
