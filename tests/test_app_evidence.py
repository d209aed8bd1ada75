"""AppTest of the evidence locker: a picture attached, a disguised program refused with
nothing stored, a deletion undone; and the pack download on the Letters page."""

import io

import pytest
from PIL import Image

from core.store import Store, default_db_path
from tests.fixtures.app import open_page


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def saved():
    store = Store(default_db_path())
    (pid, _), *_ = store.list_profiles()
    return store.load(pid).section("evidence")


def test_attach_refuse_delete_and_undo(data_dir):
    at = open_page("app_pages/evidence.py", "en")
    at.selectbox(key="ev.kind").set_value("hardship_proof").run()
    at.file_uploader(key="ev.upload.hardship_proof").upload("诊断证明.png", png(), "image/png").run()
    assert not at.exception
    assert any("1 file stored" in s.value for s in at.success)
    table = saved()
    assert table["name"].tolist() == ["诊断证明.png"] and table["kind"].tolist() == ["hardship_proof"]
    sha = table["sha256"][0]
    assert (data_dir / "evidence" / sha[:2] / sha).is_file()

    at.file_uploader(key="ev.upload.hardship_proof").upload(
        "photo.jpg", b"MZ\x90\x00" + b"\x00" * 300, "image/jpeg"
    ).run()
    assert any("for safety it was not stored" in e.value for e in at.error)
    assert len(saved()) == 1
    files = [p for p in (data_dir / "evidence").rglob("*") if p.is_file()]
    assert len(files) == 1

    at.button(key=f"ev.del.{sha}.诊断证明.png").click().run()
    assert not at.exception
    assert saved()["deleted"].tolist() == [True]
    assert (data_dir / "evidence" / sha[:2] / sha).is_file()  # kept on disk: the deletion can be undone
    at.button(key="profile.undo").click().run()
    assert saved()["deleted"].tolist() == [False]


def test_the_letters_page_offers_the_pack():
    at = open_page("app_pages/letters.py", "en")
    labels = {b.proto.label for b in at.get("download_button")}
    assert "Download the pack (zip)" in labels
