"""core/'s modules import one another without a cycle, its packages only downwards (loans,
imports, profiles, household, simulation, negotiation, tracking, paperwork), and the tests mirror its
modules. The import graph is read from the source: every ``import`` and ``from … import``
of a core module, including those inside functions and under ``if TYPE_CHECKING:``, since
a deferred import is still a dependency."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str, modules: set[str]) -> set[str]:
    """The core modules ``path`` (module ``name``) imports, wherever in the file the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # ``from core import engine`` imports the module core.loans.engine; ``from core.x import A``, core.x
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and target != "core":
                found.add(target)
    return found


def missing_imports(path: Path, modules: set[str]) -> list[str]:
    """The core modules ``path`` imports that do not exist (a module moved or renamed)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("core.") and a.name not in modules]
        elif isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith("core."):
            out += [node.module] if node.module not in modules else []
    return out


def core_graph() -> dict[str, set[str]]:
    paths = sorted((ROOT / "core").rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, module_name(p), modules) for p in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in the graph as [a, b, …, a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_reader_sees_every_kind_of_import():
    graph = core_graph()
    assert "core.profiles.profile" in graph["core.household.loader"]
    assert "core.imports.tables" in graph["core.imports.statements"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_a_deferred_import_is_an_edge(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from core.x import A\n"
        "def f():\n    from core import y\n    import core.z.w\n",
        encoding="utf-8",
    )
    assert imports_of(source, "core.m", {"core.x", "core.y", "core.z", "core.z.w"}) == {"core.x", "core.y", "core.z.w"}


def test_core_has_no_import_cycle():
    cycle = find_cycle(core_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_every_import_of_a_core_module_names_one_that_exists():
    modules = {module_name(p) for p in (ROOT / "core").rglob("*.py")}
    missing = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in ("core", "ui", "app_pages", "tests", "bench", "scripts")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for name in missing_imports(path, modules)
    ]
    assert missing == []


# Test files that are about the whole of core/ or one module's larger job, not a module of their own.
NOT_A_MODULE = {
    "test_core_cli_import.py": "the command line's import subcommand (core/cli.py), in its own file for its fixtures",
    "test_core_cli_install.py": "the command installed in a fresh environment",
    "test_core_imports_counting.py": "what an import counts, across the importer's modules",
    "test_core_isolation.py": "every module of core/ without Streamlit",
    "test_core_layers.py": "this file: the import graph and the test layout",
}


def test_every_core_module_has_its_test_file_and_every_test_file_its_module():
    """Tests mirror modules: core/loans/engine.py is tested in tests/test_core_loans_engine.py."""
    expected = {
        "test_" + "_".join(p.relative_to(ROOT).with_suffix("").parts) + ".py"
        for p in (ROOT / "core").rglob("*.py")
        if not p.name.startswith("__")
    }
    present = {p.name for p in (ROOT / "tests").glob("test_core_*.py")}
    assert sorted(expected - present) == []
    assert sorted(present - expected - set(NOT_A_MODULE)) == []


# The subpackages from the bottom up: each may import the ones before it, never one after.
LAYERS = ("loans", "imports", "profiles", "household", "simulation", "negotiation", "tracking", "paperwork")
SHARED = {"core.errors", "core.i18n", "core.text", "core.blank", "core.vocabulary"}  # used by every layer


def layer_breaches(graph: dict[str, set[str]]) -> list[str]:
    """Imports that go up the layers: a package importing one above it, or a shared module
    importing anything but the loans' money and dates and the other shared modules."""
    rank = {name: i for i, name in enumerate(LAYERS)}

    def layer(module: str) -> str | None:
        parts = module.split(".")
        return parts[1] if len(parts) > 2 and parts[1] in rank else None

    out = []
    for module, targets in graph.items():
        for target in targets:
            if module in SHARED:
                if target not in SHARED and target not in {"core.loans.money", "core.loans.dates"}:
                    out.append(f"{module} -> {target}")
            elif layer(module) and layer(target) and rank[layer(target)] > rank[layer(module)]:
                out.append(f"{module} -> {target}")
    return sorted(out)


def test_the_packages_import_only_downwards():
    assert layer_breaches(core_graph()) == []


def test_an_import_up_the_layers_is_found():
    graph = {"core.loans.debts": {"core.household.model"}, "core.blank": {"core.profiles.profile"},
             "core.paperwork.letter": {"core.loans.money", "core.blank"}}  # fmt: skip
    assert layer_breaches(graph) == ["core.blank -> core.profiles.profile", "core.loans.debts -> core.household.model"]
