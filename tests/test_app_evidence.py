"""AppTest of the evidence locker: a picture attached, a disguised program refused with
nothing stored, a deletion undone; and the pack download on the Letters page."""

import io

import pytest
from PIL import Image

from core.profiles.store import Store, default_db_path
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


def own_evidence(rows) -> int:
    import pandas as pd

    from core.profiles.profile import Profile, normalize_section

    store = Store(default_db_path())
    pid = store.create(
        Profile(name="我的家", sections={"evidence": normalize_section("evidence", pd.DataFrame(rows))[0]})
    )
    store.set_meta("active_profile", str(pid))
    return pid


def test_a_stored_row_whose_hash_is_not_a_sha256_is_named_and_can_be_removed(data_dir):
    from core.profiles.evidence import add_file

    good = add_file(data_dir / "evidence", png(), "收入证明.png")
    own_evidence([{"sha256": good.sha256, "name": good.name, "kind": "income_proof", "size": good.size,
                   "mime": good.mime, "added": good.added},
                  {"sha256": "../../etc/passwd", "name": "坏的.png", "kind": "contracts"}])  # fmt: skip
    at = open_page("app_pages/evidence.py", "en")  # no crash, no "unexpected" notice
    assert any("坏的\\.png" in w.value and "SHA-256" in w.value for w in at.warning)  # escaped: Markdown
    assert "收入证明\\.png" in [e.label for e in at.expander]  # the good file is shown as before
    at.button(key="ev.unusable_remove").click().run()
    assert not at.exception and not at.warning
    assert saved()["deleted"].tolist() == [False, True]  # marked, not erased: Undo brings it back


def test_opening_the_page_makes_an_evidence_folder_left_open_private(data_dir):
    import os
    import stat

    folder = data_dir / "evidence" / "ab"
    folder.mkdir(parents=True)
    (folder / ("ab" * 32)).write_bytes(b"x")
    os.chmod(folder.parent, 0o755)
    os.chmod(folder, 0o755)
    os.chmod(folder / ("ab" * 32), 0o644)
    open_page("app_pages/evidence.py", "en")
    assert stat.S_IMODE(os.stat(folder.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / ("ab" * 32)).st_mode) == 0o600


def test_a_pdf_bomb_is_refused_with_its_reason_and_nothing_is_stored(data_dir, monkeypatch):
    from core.imports import safety
    from tests.fixtures import pdf_bombs

    monkeypatch.setattr(
        safety, "MAX_PDF_INFLATED", 8 * 1024 * 1024, raising=False
    )  # a 40 MB bomb against an 8 MB limit
    at = open_page("app_pages/evidence.py", "zh")
    at.selectbox(key="ev.kind").set_value("bank_statements").run()
    at.file_uploader(key="ev.upload.bank_statements").upload(
        "流水.pdf", pdf_bombs.bomb_pdf(40 * 1024 * 1024), "application/pdf"
    ).run()
    assert not at.exception
    assert any("流水" in e.value and "异常大小" in e.value and "8 MB" in e.value for e in at.error)
    assert not [p for p in (data_dir / "evidence").rglob("*") if p.is_file()]  # no file kept
    assert Store(default_db_path()).list_profiles() == []  # and no record: the sample is still shown
