"""ui/preload.py: what is loaded as server.py starts, and app.py waiting for it."""

import ast
import time
from pathlib import Path

from ui import preload

ROOT = Path(__file__).resolve().parent.parent


def test_the_first_runs_imports_are_preloaded():
    names = preload.modules()
    assert {"pandas", "core.i18n", "ui.state", "ui.negotiation", "core.paperwork.ics"} <= set(names)
    assert "__future__" not in names and len(names) == len(set(names))
    overview = ast.parse((ROOT / "app_pages" / "overview.py").read_text("utf-8"))
    for node in overview.body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
            assert node.module in names


def test_waiting_returns_at_once_when_nothing_was_started():
    started = time.perf_counter()
    preload.wait()
    assert time.perf_counter() - started < 0.5


def test_app_waits_before_its_own_imports():
    body = ast.parse((ROOT / "app.py").read_text("utf-8")).body
    waits = next(i for i, n in enumerate(body) if isinstance(n, ast.Expr) and ast.unparse(n) == "preload.wait()")
    own = [i for i, n in enumerate(body) if isinstance(n, ast.ImportFrom) and n.module.split(".")[0] in ("core", "ui")
           and n.module != "ui"]  # fmt: skip
    assert own and min(own) > waits
