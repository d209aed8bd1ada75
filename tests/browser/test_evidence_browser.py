"""The evidence locker in a real browser: attach a file to a contact-log entry, reload,
download the lender's pack and check what the zip holds."""

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import by_key, rerun, wait_for_app

pytestmark = pytest.mark.browser


def test_attach_to_a_contact_then_download_the_pack(server, page, tmp_path):
    picture = tmp_path / "通话截图.png"
    Image.new("RGB", (120, 80), (30, 160, 90)).save(picture, format="PNG")
    expected = hashlib.sha256(picture.read_bytes()).hexdigest()

    # A contact with 借呗 (the first debt, the form's default lender).
    page.goto(server.url + "/contacts?lang=en")
    page.get_by_text("Add a contact").first.wait_for(timeout=30_000)
    wait_for_app(page)
    by_key(page, "ct.said", "textarea").fill("Asked for a freeze; they will consider it.")
    page.get_by_role("button", name="Save the contact").click()
    page.get_by_text("Contact saved.").wait_for(timeout=30_000)
    wait_for_app(page)

    page.goto(server.url + "/evidence?lang=en")
    page.get_by_text("Add files").first.wait_for(timeout=30_000)
    wait_for_app(page)
    by_key(page, "ev.kind").click()
    with rerun(page):
        page.get_by_role("option", name="Attached to a contact").click()
    page.get_by_test_id("stMainBlockContainer").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        str(picture)
    )
    page.get_by_text("1 file stored").first.wait_for(timeout=30_000)

    page.reload()
    wait_for_app(page)
    page.get_by_text("通话截图.png").first.wait_for(timeout=30_000)

    page.goto(server.url + "/letters?lang=en")
    page.get_by_text("Proposal letters").first.wait_for(timeout=30_000)
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the pack (zip)").click()
    data = Path(download.value.path()).read_bytes()
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    assert "letter-借呗-en.docx" in names and "statement-en.docx" in names and "contacts-借呗.csv" in names
    assert "evidence/contact-通话截图.png" in names
    assert "Asked for a freeze" in z.read("contacts-借呗.csv").decode("utf-8-sig")
    manifest = {r["file"]: r for r in csv.DictReader(io.StringIO(z.read("manifest.csv").decode("utf-8-sig")))}
    assert manifest["evidence/contact-通话截图.png"]["sha256"] == expected
    assert manifest["evidence/contact-通话截图.png"]["verified"] == "True"
