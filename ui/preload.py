"""Load, while the browser is still fetching Streamlit's own code, what the first page's run needs.

Served by server.py, the app's first run used to import everything itself (pandas and
pyarrow for the Overview's tables, the catalogue of every sentence, the store, the pages'
helpers): about two seconds after the browser had connected, while the server had sat idle
during the second or so the browser spends loading Streamlit's bundle. server.py starts
``start()`` as the server starts (its lifespan); app.py calls ``wait()`` before its own
imports, so the first run finds them loaded, and no two threads ever import the app's
modules at once (Python can refuse imports made in opposite orders by two threads).

Which modules: those app.py and the default page (the Overview) import at their top,
read from the files themselves (so the list follows the code), and the few Streamlit loads
on that first run only when an element needs them (``EXTRA``). ``streamlit run app.py``,
AppTest and the tests never call ``start()``: ``wait()`` then returns at once.
"""

from __future__ import annotations

import ast
import contextlib
import gc
import importlib
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ("app.py", "app_pages/overview.py")  # the script, and the page a first visit opens
# Loaded during the first run by what the code above calls, not at its top: Arrow (every
# table is sent as Arrow, from pandas), pandas' Styler (the money tables), the page icon's
# PNG reader, the sample household's spreadsheet reader, the names of Streamlit's icons and
# its emoji catalogue (a label that is not plain ASCII, e.g. "中文" in the language switch, is
# checked against it: a quarter of a second).
EXTRA = (
    "pyarrow",
    "pyarrow.pandas_compat",
    "pandas.io.formats.style",
    "PIL.PngImagePlugin",
    "python_calamine",
    "streamlit.material_icon_names",
    "streamlit.emojis",
)

_done = threading.Event()
_done.set()  # nothing is loading until start() is called
_lock = threading.Lock()
_started = False


def script_imports(path: Path) -> list[str]:
    """The absolute modules a script imports at its top level, in the order written."""
    names: list[str] = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
            names.append(node.module)
    return names


def modules() -> list[str]:
    names = [name for script in SCRIPTS for name in script_imports(ROOT / script)] + list(EXTRA)
    return list(dict.fromkeys(names))


def start() -> None:
    """Begin loading in a background thread (once per process)."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
        _done.clear()
    threading.Thread(target=_load, name="repay-planner-preload", daemon=True).start()


def wait() -> None:
    """Until the loading started by start() has finished (at once when none was started)."""
    _done.wait()


def _load() -> None:
    try:
        for name in modules():
            # A module that fails here is imported again, with its error shown, where it is used.
            with contextlib.suppress(Exception):
                importlib.import_module(name)
        with contextlib.suppress(Exception):  # read again, with its error shown, where it is used
            _warm_first_run()
        keep_loaded()
    finally:
        _done.set()


def _warm_first_run() -> None:
    """What the first run does once per server, done here instead: the bundled sample
    household read (kept for the server's life, ui/state.py), the empty tables a profile's
    missing sections are, and Streamlit's check, made
    before its first element is sent, of whether it runs in an interactive Python prompt (it
    walks the calling thread's stack and looks up every loaded module's file: about 0.2 s
    in a script thread with this app's modules loaded, next to nothing here). The check
    decides only whether to print a hint to the console; it is made once per process."""
    from streamlit import delta_generator

    from core.profiles.profile import SCHEMAS, empty_section
    from ui.state import _sample_parsed

    _sample_parsed()
    for section in SCHEMAS:  # each built once per process (core.profiles.profile.empty_section)
        empty_section(section)
    delta_generator._maybe_print_use_warning()


def keep_loaded() -> None:
    """Leave what is loaded by now out of Python's full garbage collections: Streamlit
    runs one after every script run (runner.postScriptGC), and with pandas, pyarrow and
    the app loaded it went through every module's objects each time (about 0.17 s a run,
    after the page is sent, while the server could not answer). Objects loaded once and
    kept for the server's life are not garbage; garbage already there is collected first.
    Also called once the other pages' modules are loaded (ui/warmup.py, once per server,
    a few seconds after the first page): what the open session holds then in reference
    cycles is kept past its end, one session's worth at most (objects without cycles are
    freed as ever)."""
    gc.collect()
    gc.freeze()
