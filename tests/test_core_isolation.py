"""core/ must not import Streamlit: it serves the command line and the exports too."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import core

ROOT = Path(__file__).parent.parent
# Streamlit, and the app's own Streamlit layers: none of them may be loaded by core.
FORBIDDEN = ("streamlit", "ui", "app_pages")


def core_modules() -> list[str]:
    """Every module under core/, subpackages and their modules included (the package's
    files found on disk, not only those something happens to import)."""
    found = [m.name for m in pkgutil.walk_packages(core.__path__, prefix="core.")]
    return [name for name in found if name != "core.__main__"]


def loaded_forbidden(modules: list[str], path: Path | None = None) -> subprocess.CompletedProcess:
    """Imports the modules in a fresh interpreter (``path`` first on its search path); its
    output lists the forbidden modules that were loaded, and it exits 1 if there are any."""
    code = (
        "import importlib, sys\n"
        f"sys.path.insert(0, {str(path or ROOT)!r})\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)


def test_the_walk_finds_the_modules_of_subpackages():
    modules = core_modules()
    for name in ("core.loans.engine", "core.imports.archive", "core.imports.combine", "core.imports.pdf"):
        assert name in modules


def test_importing_every_core_module_does_not_import_streamlit():
    result = loaded_forbidden(core_modules())
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_sees_a_module_that_imports_streamlit(tmp_path):
    """The check itself: a module that imports Streamlit is caught."""
    (tmp_path / "leaky.py").write_text("import streamlit\n")
    result = loaded_forbidden(["leaky"], tmp_path)
    assert result.returncode == 1 and "streamlit" in result.stdout, result.stdout + result.stderr
