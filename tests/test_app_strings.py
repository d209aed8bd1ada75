"""Strict strings: every page of the app, opened on the sample household in each language,
asks for no key the catalogues do not have (core.i18n.t records each one it does not know)."""

import re
from pathlib import Path

import pytest

from core.i18n import LANGS, MISSING
from tests.fixtures.app import open_page

PAGES = sorted(set(re.findall(r'"(app_pages/\w+\.py)"', (Path(__file__).resolve().parents[1] / "app.py").read_text())))


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def test_every_page_is_listed():
    assert "app_pages/overview.py" in PAGES and "app_pages/history.py" in PAGES and len(PAGES) >= 14


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_no_page_asks_for_a_missing_string(page, lang):
    MISSING.clear()
    open_page(page, lang)
    assert sorted(MISSING) == []
