"""core/ must not import Streamlit: it serves the command line and the exports too."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import core


def test_importing_every_core_module_does_not_import_streamlit():
    modules = [f"core.{m.name}" for m in pkgutil.iter_modules(core.__path__) if m.name != "__main__"]
    assert "core.engine" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).parent.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
