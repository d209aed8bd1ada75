"""Trust, in a real browser: two tabs editing the same table, undo and restore, a
read-only database said plainly, no request leaving this computer, foreign Host refused."""

import os
import shutil
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pandas as pd
import pytest

from core.profiles.profile import Profile, normalize_section
from core.profiles.store import Store
from tests.browser.conftest import Server, by_key, rerun, wait_for_app, watched

pytestmark = pytest.mark.browser
MARKER = "秘密欠款ZX91"


def seed(data_dir, name="两个标签页", **extra) -> tuple[Store, int]:
    store = Store(data_dir / "profiles.sqlite3")
    rows = [
        {"category": "工资", "direction": "income", "amount": 9000},
        {"category": "房租", "direction": "expense", "amount": 2000},
        {"category": "伙食", "direction": "expense", "amount": 1500},
    ]
    sections = {"worksheet": normalize_section("worksheet", pd.DataFrame(rows))[0]}
    for section, frame in extra.items():
        sections[section] = normalize_section(section, pd.DataFrame(frame))[0]
    pid = store.create(Profile(name=name, sections=sections))
    store.set_meta("active_profile", str(pid))
    return store, pid


def amounts(store, pid):
    return store.load(pid).section("worksheet")["amount"].tolist()


def open_worksheet(page, server):
    page.goto(server.url + "/worksheet?lang=en")
    page.get_by_text("Monthly income").first.wait_for(timeout=30_000)
    wait_for_app(page)


def edit_amount(page, row: int, value: str) -> None:
    """Type a new amount into row (1-based) of the worksheet grid, as a user would."""
    page.bring_to_front()
    grid = by_key(page, "worksheet.editor", "[data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    grid.click(position={"x": 80, "y": 35 * row + 17})
    page.keyboard.press("Home")  # the row's first column, wherever the grid is scrolled
    for _ in range(3):  # category -> in/out -> fixed/variable -> amount
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    editor = page.get_by_test_id("portal").locator(".gdg-clip-region input, .gdg-clip-region textarea").first
    editor.wait_for(timeout=10_000)
    editor.fill(value)
    with rerun(page):
        editor.press("Enter")


def _saved(store, pid, check, page):
    """The database holds the edit once the app has finished the run the edit asked for
    (the save happens in that run's callback)."""
    wait_for_app(page)
    assert check(amounts(store, pid)), amounts(store, pid)


@pytest.fixture
def seeded(tmp_path):
    data = tmp_path / "data"
    store, pid = seed(data)
    srv = Server(data)
    srv.start()
    yield srv, store, pid
    srv.stop()


def test_two_tabs_then_undo_and_restore(seeded, browser):
    server, store, pid = seeded
    context = watched(browser.new_context(viewport={"width": 1280, "height": 900}))
    tab_a, tab_b = context.new_page(), context.new_page()
    open_worksheet(tab_a, server)
    open_worksheet(tab_b, server)  # both show the table as saved now

    edit_amount(tab_a, 1, "9100")
    _saved(store, pid, lambda a: a[0] == 9100.0, tab_a)
    edit_amount(tab_b, 2, "2100")  # the stale tab changes another row
    _saved(store, pid, lambda a: a[1] == 2100.0, tab_b)
    assert amounts(store, pid) == [9100.0, 2100.0, 1500.0]  # A's edit was not written over
    tab_b.get_by_text("both changes were combined").first.wait_for(timeout=20_000)

    # Undo (sidebar) takes back the last change: B's 2,100.
    wait_for_app(tab_b)
    tab_b.bring_to_front()
    with rerun(tab_b):
        tab_b.get_by_role("button", name="Undo last change").click()
    _saved(store, pid, lambda a: a[1] == 2000.0, tab_b)
    assert amounts(store, pid) == [9100.0, 2000.0, 1500.0]

    # History: restore the merged version (the newest edit) again.
    tab_b.goto(server.url + "/history?lang=en")
    tab_b.get_by_text("Restore this table to this version").wait_for(timeout=30_000)
    wait_for_app(tab_b)
    by_key(tab_b, "hist.pick").click()
    with rerun(tab_b):
        tab_b.get_by_role("option").filter(has_text="Edit").first.click()
    by_key(tab_b, "hist.restore_one", "button").click()
    tab_b.get_by_text("is back as it was at").wait_for(timeout=20_000)
    assert amounts(store, pid) == [9100.0, 2100.0, 1500.0]
    context.close()


def _without_root_override() -> list[str]:
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("root without setpriv: a read-only file cannot be made")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", "--bounding-set", caps, "--inh-caps", caps]


def _make_read_only(folder):
    for path in folder.iterdir():
        if path.is_file():
            path.chmod(0o400)
    folder.chmod(0o500)


def _make_writable(folder):
    folder.chmod(0o700)
    for path in folder.iterdir():
        if path.is_file():
            path.chmod(0o600)


def test_a_database_that_turns_read_only_says_so_and_shows_nothing_unsaved(tmp_path, page):
    data = tmp_path / "data"
    store, pid = seed(data)
    server = Server(data, prefix=_without_root_override())
    server.start()
    try:
        open_worksheet(page, server)
        _make_read_only(data)
        edit_amount(page, 1, "1234")
        page.get_by_text("was NOT saved").first.wait_for(timeout=30_000)
        page.get_by_text("read-only").first.wait_for(timeout=5_000)
        wait_for_app(page)
        assert page.get_by_text("¥1,234.00").count() == 0  # nowhere shown as if saved
        page.reload()
        # Opened afresh on a read-only file: the recovery page says what to do.
        page.get_by_text("read-only, so nothing can be written").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Use this folder").wait_for(timeout=30_000)
        if os.environ.get("SCREENSHOTS"):
            page.screenshot(path=os.path.join(os.environ["SCREENSHOTS"], "read-only.png"), full_page=True)
    finally:
        _make_writable(data)
        server.stop()
    assert amounts(Store(data / "profiles.sqlite3"), pid) == [9000.0, 2000.0, 1500.0]


HOSTILE = f"![x](http://example.invalid/{MARKER}.png) [link](http://example.invalid)"


def test_no_request_leaves_this_computer_and_the_log_holds_no_user_text(tmp_path, page):
    data = tmp_path / "data"
    seed(
        data,
        name=HOSTILE[:60],
        debts=[{"name": HOSTILE, "lender": MARKER, "principal": 87654.32, "rate": 18, "months": 12}],
        scenarios=[{"name": HOSTILE}],
        contacts=[{"when": "2026-11-20 10:00", "lender": HOSTILE, "said": MARKER, "follow_up": "2026-11-21"}],
    )
    server = Server(data)
    server.start()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    try:
        for path in ("overview", "worksheet", "debts", "scenarios", "readiness", "letters", "contacts", "report",
                     "history"):  # fmt: skip
            page.goto(f"{server.url}/{path}?lang=en")
            page.locator("h1").first.wait_for(timeout=30_000)
            wait_for_app(page, timeout=60_000)
            assert page.locator("[data-testid='stException']").count() == 0, path
        assert hosts <= {"127.0.0.1"}, hosts
        request = urllib.request.Request(server.url + "/", headers={"Host": f"rebind.example:{server.port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 421
        request = urllib.request.Request(server.url + "/_stcore/health", headers={"Host": f"localhost:{server.port}"})
        with urllib.request.urlopen(request, timeout=10) as ok:
            assert ok.status == 200
    finally:
        server.stop()
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert MARKER not in log and "87654" not in log and "87,654" not in log
