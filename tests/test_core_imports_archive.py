"""Statements in zip files: Alipay's and WeChat Pay's password-protected bills.

Traditional (ZipCrypto) archives are made by Info-ZIP's ``zip -P``, the tool many senders
use; AES archives by pyzipper (WinZip AES-256, as 7-Zip and WinRAR write them).
"""

import io
import shutil
import subprocess
import zipfile

import pytest
import pyzipper

from core.imports import RefusedFile, read_statement
from core.imports.archive import is_locked, unpack
from core.imports.safety import check_upload
from tests.fixtures import make

PASSWORD = "382910"  # Alipay and WeChat Pay show a six-digit password in their app


def zipcrypto(tmp_path, members: dict[str, bytes], password: str = PASSWORD) -> bytes:
    if shutil.which("zip") is None:
        pytest.skip("Info-ZIP's zip is not installed (scripts/install-chromium.sh installs it)")
    for name, data in members.items():
        (tmp_path / name).write_bytes(data)
    target = tmp_path / "bill.zip"
    subprocess.run(["zip", "-q", "-j", "-P", password, str(target), *members], cwd=tmp_path, check=True)
    return target.read_bytes()


def aes(members: dict[str, bytes], password: str = PASSWORD) -> bytes:
    out = io.BytesIO()
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode())
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def plain(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def refused(code: str, *args, **kwargs) -> RefusedFile:
    with pytest.raises(RefusedFile) as caught:
        read_statement(*args, **kwargs)
    assert caught.value.code == code, caught.value.code
    return caught.value


def test_a_zip_is_told_from_a_workbook():
    assert check_upload("bill.zip", plain({"alipay.csv": make.alipay_csv()})) == "zip"
    assert check_upload("book.xlsx", make.wechat_xlsx()) == "xlsx"  # also a zip, but a workbook


@pytest.mark.parametrize("kind", ["zipcrypto", "aes"])
def test_the_right_password_imports_the_bill_to_the_cent(tmp_path, kind):
    direct = read_statement("alipay.csv", make.alipay_csv())
    data = (
        zipcrypto(tmp_path, {"alipay.csv": make.alipay_csv()})
        if kind == "zipcrypto"
        else aes({"alipay.csv": make.alipay_csv()})
    )
    assert is_locked(data)
    result = read_statement("支付宝交易明细.zip", data, password=PASSWORD)
    assert result.source == direct.source == "alipay"
    assert (
        (result.total_income, result.total_expense)
        == (direct.total_income, direct.total_expense)
        == (
            800000,
            337650,
        )
    )


def test_a_wechat_workbook_inside_an_aes_zip():
    direct = read_statement("wechat.xlsx", make.wechat_xlsx())
    result = read_statement("微信支付账单.zip", aes({"微信支付账单(20260101-20260331).xlsx": make.wechat_xlsx()}),
                            password=PASSWORD)  # fmt: skip
    assert result.source == "wechat"
    assert result.total_expense == direct.total_expense


@pytest.mark.parametrize("kind", ["zipcrypto", "aes"])
def test_a_wrong_or_missing_password_is_said_plainly(tmp_path, kind):
    members = {"alipay.csv": make.alipay_csv()}
    data = zipcrypto(tmp_path, members) if kind == "zipcrypto" else aes(members)
    refused("refuse.zip_password_needed", "bill.zip", data)
    refused("refuse.zip_password_needed", "bill.zip", data, password="")
    for wrong in ("000000", "38291", "3829100", "密码"):
        refused("refuse.zip_password_wrong", "bill.zip", data, password=wrong)
    message = RefusedFile("refuse.zip_password_wrong").message("zh")
    assert "密码" in message and "refuse." not in message


def test_an_open_zip_needs_no_password_and_ignores_one():
    data = plain({"alipay.csv": make.alipay_csv(), "__MACOSX/._alipay.csv": b"\x00\x05", "说明.txt/": b""})
    assert not is_locked(data)
    assert read_statement("bill.zip", data).source == "alipay"
    assert read_statement("bill.zip", data, password="anything").source == "alipay"


def test_a_bomb_inside_a_locked_zip_is_refused_before_it_is_opened():
    bomb = aes({"alipay.csv": b"0" * 60_000_000})  # 60 MB of zeros in about 60 KB
    assert len(bomb) < 200_000
    refused("refuse.bomb", "bill.zip", bomb, password=PASSWORD)
    refused("refuse.bomb", "bill.zip", plain({"alipay.csv": b"0" * 60_000_000}))


def test_a_member_that_lies_about_its_size_is_stopped_at_the_cap():
    data = bytearray(plain({"alipay.csv": b"1" * 25_000_000}))
    # Rewrite the declared sizes (local header and central directory) to 1 KB.
    real = (25_000_000).to_bytes(4, "little")
    data = bytes(data).replace(real, (1000).to_bytes(4, "little"))
    with pytest.raises(RefusedFile) as caught:
        unpack("bill.zip", data)
    assert caught.value.code in {"refuse.bomb", "refuse.corrupt"}


def test_what_a_zip_must_hold():
    refused("refuse.zip_no_statement", "bill.zip", plain({"photo.jpg": b"\xff\xd8\xff" + b"1" * 100}))
    refused("refuse.zip_nested", "bill.zip", plain({"inner.zip": plain({"alipay.csv": make.alipay_csv()})}))
    many = refused("refuse.zip_many", "bill.zip", plain({"a.csv": make.alipay_csv(), "b.csv": make.alipay_csv()}))
    assert many.params["n"] == 2 and "a.csv" in many.params["names"]
    refused("refuse.corrupt", "bill.zip", plain({"alipay.csv": make.alipay_csv()})[:-30])  # cut short
    # The statement inside goes through every check an upload does: an XML bomb in a zip.
    refused("refuse.xml_bomb", "bill.zip", aes({"bill.xlsx": make.xml_bomb_xlsx()}), password=PASSWORD)
