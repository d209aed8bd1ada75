"""A lender's negotiation pack: the files it holds, the masking, the manifest's hashes,
and the same pack from the command line (with the attachments from the database)."""

import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd

from core.household.loader import load
from core.paperwork.pack import mask, pack_files, write_pack
from core.profiles.evidence import add_file, evidence_folder
from core.profiles.profile import normalize_section
from core.profiles.store import Store
from core.profiles.workbook import profile_from_xlsx

ROOT = Path(__file__).resolve().parents[1]


def sample():
    profile, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    return profile


def test_masking_keeps_the_last_four_of_ids_and_cards_only():
    text = "身份证 11010119900307123X，卡号 6222 0200 1234 5678 901，电话 138 0000 0000，2026-11-24 14:05，¥35,000.00"
    assert mask(text) == "身份证 ****123X，卡号 ****8901，电话 138 0000 0000，2026-11-24 14:05，¥35,000.00"


def with_evidence(tmp_path):
    profile = sample()
    folder = tmp_path / "evidence"
    proof = add_file(folder, b"From: hr@example.com\nSubject: dismissal\n\nYou are dismissed.", "dismissal.eml")
    call = add_file(folder, "录音文字：对方同意考虑".encode(), "call.txt")
    other = add_file(folder, "与微粒贷的通话".encode(), "other.txt")
    contacts = normalize_section("contacts", pd.DataFrame([
        {"when": "2026-11-20 10:00", "lender": "蚂蚁借呗", "said": "我的身份证号 110101199003071234", "outcome": "considering"},
        {"when": "2026-11-21 10:00", "lender": "微众银行", "said": "x"},
    ]))[0]  # fmt: skip
    evidence = normalize_section("evidence", pd.DataFrame([
        {"sha256": proof.sha256, "name": proof.name, "kind": "hardship_proof", "size": proof.size, "mime": proof.mime,
         "added": proof.added},
        {"sha256": call.sha256, "name": call.name, "kind": "contact", "contact": "2026-11-20 10:00|蚂蚁借呗",
         "lender": "蚂蚁借呗", "size": call.size, "mime": call.mime, "added": call.added},
        {"sha256": other.sha256, "name": other.name, "kind": "contact", "contact": "2026-11-21 10:00|微众银行",
         "lender": "微众银行", "size": other.size, "mime": other.mime, "added": other.added},
    ]))[0]  # fmt: skip
    profile.sections["contacts"] = contacts
    profile.sections["evidence"] = evidence
    return profile, folder, (proof, call, other)


def test_the_pack_holds_letter_statement_log_evidence_and_a_manifest(tmp_path):
    profile, folder, (proof, call, other) = with_evidence(tmp_path)
    h, _ = load(profile)
    out = io.BytesIO()
    write_pack(out, pack_files(profile, h, "借呗", "zh", folder), "zh")
    z = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    names = set(z.namelist())
    assert {"letter-借呗-zh.docx", "letter-借呗-zh.txt", "statement-zh.docx", "statement-zh.txt",
            "contacts-借呗.csv", "manifest.csv", "manifest.json"} <= names  # fmt: skip
    assert "evidence/hardship_proof-dismissal.eml" in names and "evidence/contact-call.txt" in names
    assert not any("other" in n for n in names)  # another lender's attachment stays out
    statement = z.read("statement-zh.txt").decode("utf-8-sig")
    # what the worksheet leaves (11,500 - 7,580 - 5 % = 3,724), 借呗's share of it by balance
    # (35,000 / 203,825 of it), the same figures the plan and the letter quote
    assert "¥3,724.00" in statement and "¥639.47" in statement and "17.2%" in statement
    log = z.read("contacts-借呗.csv").decode("utf-8-sig")
    assert "****1234" in log and "110101199003071234" not in log and "微众银行" not in log
    manifest = {r["file"]: r for r in csv.DictReader(io.StringIO(z.read("manifest.csv").decode("utf-8-sig")))}
    for name in names - {"manifest.csv", "manifest.json"}:
        assert manifest[name]["sha256"] == hashlib.sha256(z.read(name)).hexdigest()
    assert manifest["evidence/contact-call.txt"]["sha256"] == call.sha256
    assert manifest["evidence/contact-call.txt"]["verified"] == "True"


def test_the_files_written_are_told_as_they_go_up_to_the_last(tmp_path):
    profile, folder, _ = with_evidence(tmp_path)
    h, _ = load(profile)
    files = pack_files(profile, h, "借呗", "zh", folder)
    told, quiet, out = [], io.BytesIO(), io.BytesIO()
    write_pack(out, files, "zh", on_progress=lambda done, total: told.append((done, total)))
    assert told == [(k, len(files)) for k in range(len(files) + 1)]  # 0 before the first, then after each
    write_pack(quiet, files, "zh")
    told_zip, quiet_zip = zipfile.ZipFile(out), zipfile.ZipFile(quiet)
    assert told_zip.namelist() == quiet_zip.namelist()
    assert all(told_zip.read(n) == quiet_zip.read(n) for n in told_zip.namelist() if not n.startswith("manifest"))


def test_the_pack_unmasked_when_asked(tmp_path):
    profile, folder, _ = with_evidence(tmp_path)
    h, _ = load(profile)
    out = io.BytesIO()
    write_pack(out, pack_files(profile, h, "借呗", "en", folder, masked=False), "en")
    log = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("contacts-借呗.csv").decode("utf-8-sig")
    assert "110101199003071234" in log


def test_pack_from_the_command_line_with_the_databases_attachments(tmp_path):
    db = tmp_path / "profiles.sqlite3"
    profile, _, (proof, _, _) = with_evidence(tmp_path)  # the evidence folder beside the database
    assert evidence_folder(db) == tmp_path / "evidence"
    Store(db, backups=False).create(profile)
    out = tmp_path / "pack.zip"
    run = subprocess.run([sys.executable, "-m", "core", "pack", str(db), "--debt", "借呗", "-o", str(out), "--lang", "en"],
                         cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0, run.stderr
    names = zipfile.ZipFile(out).namelist()
    assert "evidence/hardship_proof-dismissal.eml" in names and "letter-借呗-en.docx" in names
    bad = subprocess.run([sys.executable, "-m", "core", "pack", str(db), "--debt", "nobody", "-o", str(out)],
                         cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2 and "借呗" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    xlsx = subprocess.run([sys.executable, "-m", "core", "pack", str(ROOT / "sample_data" / "sample_household.xlsx"),
                           "--debt", "微粒贷", "-o", str(tmp_path / "p2.zip")], cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert xlsx.returncode == 0, xlsx.stderr
    assert not any(n.startswith("evidence/") for n in zipfile.ZipFile(tmp_path / "p2.zip").namelist())


def test_the_statement_names_a_cost_far_from_the_national_average():
    from core.paperwork.pack import statement_text
    from core.simulation.plan import household_plan
    from tests.fixtures.workspace import make_profile

    rows = [{"category": "工资", "direction": "income", "amount": 20_000},
            {"category": "房租", "direction": "expense", "amount": 4_000},
            {"category": "买菜", "direction": "expense", "amount": 2_500}]  # fmt: skip
    h, _ = load(make_profile(case={"household_size": 3, "area": "urban"}, worksheet=rows))
    plan = household_plan(h, h.plan_settings)
    en = statement_text(h, plan, "Card", "en").splitlines()
    line = "Housing (rent, utilities) ¥4,000.00 a month, above the national average for an urban household of 3 people"
    assert f"{line} (¥1,916.87), NBS 2024" in en
    assert not any(s.startswith("Food") for s in en)  # within range: not named
    source = "Source of the averages: National Bureau of Statistics of China"
    assert any(s.startswith(source) and "2024年" in s for s in en)
    assert en.index(f"{line} (¥1,916.87), NBS 2024") < next(i for i, s in enumerate(en) if s.startswith("Left each"))
    zh = statement_text(h, plan, "Card", "zh")
    assert "居住每月 ¥4,000.00，高于全国城镇 3 口之家的平均水平（¥1,916.87），国家统计局 2024" in zh
    assert "平均水平来源：国家统计局《2024年居民收入和消费支出情况》" in zh
    h, _ = load(make_profile(worksheet=rows))  # no household size: nothing compared, nothing said
    assert "National Bureau" not in statement_text(h, household_plan(h, h.plan_settings), "Card", "en")


ID = "110101199003071234"
CARD = "6222 0200 1234 5678 901"


def with_named_evidence(tmp_path, *names, lender="蚂蚁借呗"):
    """The sample with one text file attached to 借呗's contact per name given."""
    profile = sample()
    folder = tmp_path / "evidence"
    rows = []
    for i, name in enumerate(names):
        kept = add_file(folder, f"通话记录 {i}".encode(), name)
        rows.append({"sha256": kept.sha256, "name": kept.name, "kind": "contact", "contact": "2026-11-20 10:00|蚂蚁借呗",
                     "lender": lender, "size": kept.size, "mime": kept.mime, "added": kept.added})  # fmt: skip
    profile.sections["contacts"] = normalize_section(
        "contacts", pd.DataFrame([{"when": "2026-11-20 10:00", "lender": "蚂蚁借呗", "said": "x"}])
    )[0]
    profile.sections["evidence"] = normalize_section("evidence", pd.DataFrame(rows))[0]
    return profile, folder


def pack_of(profile, folder, masked=True, lang="zh") -> zipfile.ZipFile:
    h, _ = load(profile)
    out = io.BytesIO()
    write_pack(out, pack_files(profile, h, "借呗", lang, folder, masked=masked), lang)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def test_id_and_card_numbers_in_file_names_are_masked_in_member_names_and_both_manifests(tmp_path):
    profile, folder = with_named_evidence(tmp_path, f"身份证{ID}.txt", f"卡号 {CARD} 账单.txt")
    z = pack_of(profile, folder)
    manifest_csv = z.read("manifest.csv").decode("utf-8-sig")
    manifest_json = z.read("manifest.json").decode()
    for text in ["\n".join(z.namelist()), manifest_csv, manifest_json]:
        assert ID not in text and CARD not in text and "1234 5678" not in text, text
    # "*" cannot stand in a file name on Windows: the mask is "_" there
    assert "evidence/contact-身份证_1234.txt" in z.namelist()
    assert "evidence/contact-卡号 _8901 账单.txt" in z.namelist()
    assert "身份证****1234.txt" in manifest_csv and "卡号 ****8901 账单.txt" in manifest_json
    shown = pack_of(profile, folder, masked=False)  # --no-mask: the names as they are
    assert f"evidence/contact-身份证{ID}.txt" in shown.namelist()
    assert ID in shown.read("manifest.csv").decode("utf-8-sig")


def test_member_names_are_short_enough_for_every_unzip_tool_unique_and_keep_their_extension(tmp_path):
    long = "招商银行信用卡账单催收通话录音" * 14  # 210 CJK characters: add_file keeps 200 (600 bytes)
    profile, folder = with_named_evidence(tmp_path, long + ".txt", long + "二.txt", long + ".eml", "短.txt")
    z = pack_of(profile, folder)
    names = z.namelist()
    assert len(names) == len(set(names))
    assert max(len(n.encode()) for n in names) <= 150, max(names, key=lambda n: len(n.encode()))
    evidence = [n for n in names if n.startswith("evidence/")]
    assert len(evidence) == 4 and "evidence/contact-短.txt" in evidence
    assert sum(n.endswith(".txt") for n in evidence) == 3 and sum(n.endswith(".eml") for n in evidence) == 1
    assert all(n.startswith("evidence/contact-招商银行") for n in evidence if "短" not in n)
    manifest = {r["file"] for r in csv.DictReader(io.StringIO(z.read("manifest.csv").decode("utf-8-sig")))}
    assert manifest == set(names) - {"manifest.csv", "manifest.json"}
    for info in z.infolist():  # each one extracts under its name (no tool cuts it)
        assert len(info.filename.rsplit("/", 1)[-1].encode()) <= 150


def test_a_long_debt_name_gives_short_letter_names(tmp_path):
    from tests.fixtures.workspace import make_profile

    debt = "某某消费金融有限公司个人信用贷款" * 12
    profile = make_profile(worksheet=[{"category": "工资", "direction": "income", "amount": 9000}],
                           debts=[{"name": debt, "principal": 5000, "rate": 18, "months": 12}])  # fmt: skip
    h, _ = load(profile)
    out = io.BytesIO()
    write_pack(out, pack_files(profile, h, h.names[0], "zh", tmp_path), "zh")
    names = zipfile.ZipFile(io.BytesIO(out.getvalue())).namelist()
    assert max(len(n.encode()) for n in names) <= 150
    assert len(names) == len(set(names)) and sum(n.startswith("letter-") for n in names) == 2


def test_formula_like_text_in_the_manifest_stays_text(tmp_path):
    profile, folder = with_named_evidence(tmp_path, "=HYPERLINK(evil).txt", "+1-2.txt", "@SUM(A1).txt",
                                          lender="-2+3")  # fmt: skip
    z = pack_of(profile, folder)
    rows = list(csv.DictReader(io.StringIO(z.read("manifest.csv").decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row.values()]
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells), cells
    assert "'=HYPERLINK(evil).txt" in cells and "'-2+3" in cells
    # The JSON manifest is data, not a sheet: the names as they are.
    assert "=HYPERLINK(evil).txt" in {r["original_name"] for r in json.loads(z.read("manifest.json"))}


BAD_HASH = "not-a-hash"


def test_a_stored_row_whose_hash_is_not_a_sha256_is_left_out_of_the_pack(tmp_path):
    profile, folder = with_named_evidence(tmp_path, "call.txt")
    bad = profile.section("evidence").iloc[[0]].assign(sha256=BAD_HASH, name="bad.txt")
    upper = profile.section("evidence").iloc[[0]].assign(sha256="AB" * 32, name="upper.txt")
    profile.sections["evidence"] = pd.concat([profile.section("evidence"), bad, upper], ignore_index=True)
    names = pack_of(profile, folder).namelist()  # no crash
    assert "evidence/contact-call.txt" in names and not any("bad" in n or "upper" in n for n in names)
    chosen = pack_files(profile, load(profile)[0], "借呗", "zh", folder, chosen=[BAD_HASH])
    assert not any(f.name.startswith("evidence/") for f in chosen)


def test_pack_from_the_command_line_with_a_stored_row_whose_hash_is_not_a_sha256(tmp_path):
    db = tmp_path / "profiles.sqlite3"
    profile, _ = with_named_evidence(tmp_path, "call.txt")
    bad = profile.section("evidence").iloc[[0]].assign(sha256=BAD_HASH, name="bad.txt")
    profile.sections["evidence"] = pd.concat([profile.section("evidence"), bad], ignore_index=True)
    Store(db, backups=False).create(profile)
    out = tmp_path / "pack.zip"
    run = subprocess.run([sys.executable, "-m", "core", "pack", str(db), "--debt", "借呗", "-o", str(out)],
                         cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert "evidence/contact-call.txt" in zipfile.ZipFile(out).namelist()


def test_a_download_name_masks_numbers_and_stays_short():
    from core.paperwork.pack import download_stem

    assert download_stem("letter", "招行信用卡", "zh") == "letter-招行信用卡-zh"
    masked = download_stem("pack", "信用卡 6222 0212 3456 7890 123", "en")
    assert "6222" not in masked and "_0123" in masked
    long = download_stem("letter", "很长的名字" * 60 + ' a/b:c*?"<>|', "zh")
    assert len(long.encode()) <= len("letter--zh") + 100
    assert not any(c in long for c in '\\/:*?"<>|')


def kept_pack(debt, lang, masked=True):
    from tests.fixtures.kept import AS_OF, HOLDER, kept_profile

    profile = kept_profile(contacts=[
        {"when": "2027-03-25 10:00", "lender": HOLDER, "said": "asked for 6222 0200 1234 5678 901"},
        {"when": "2027-03-26 10:00", "lender": "Bank B", "said": "sold the debt"},
        {"when": "2027-03-27 10:00", "lender": "Bank A", "said": "x"},
    ])  # fmt: skip
    h, errors = load(profile)
    assert errors == []
    out = io.BytesIO()
    write_pack(out, pack_files(profile, h, debt, lang, masked=masked, today=AS_OF), lang)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def test_each_agreed_lenders_pack_holds_its_own_progress_statement_to_the_cent():
    z = kept_pack("B", "en")
    assert {"progress-en.docx", "progress-en.txt"} <= set(z.namelist())
    text = z.read("progress-en.txt").decode("utf-8-sig").replace("\r\n", "\n")
    # B: Feb and March due (2 x 500), March's missed; 6,000 - 1,000 expected; 5,500 reported after February's
    assert text == (
        "Repayment progress on B\nAs of 2027-04-01\n\n"
        "The agreement: ¥500.00 a month for 12 months, paid to Quick Collect Ltd. Agreed on 2027-01-15. Reference: BB-77.\n\n"
        "Due so far: ¥1,000.00\nPaid so far: ¥500.00\nBehind: ¥500.00\nBalance expected: ¥5,000.00\n"
        "Balance reported on 2027-02-20: ¥5,500.00\nPaid on time: 1 of 2 months due.\n\n"
        "¥500.00 has not been paid on time. I will make it up as soon as I can and get in touch to explain.\n"
        "The oldest payment not made yet: ¥500.00, due 2027-03-20.\n\n"
        "Prepared from my own payment records; I can show the transfer records to check it."
    )  # fmt: skip
    assert "Bank A" not in text and "¥1,000.00 a month" not in text  # only this lender's
    a = kept_pack("A", "zh").read("progress-zh.txt").decode("utf-8-sig")
    # A: Feb and March (2 x 1,000) paid by the 10th + 3 days' grace; 12,000 - 2,000 expected
    for line in ("到期应还（累计）：¥2,000.00", "已还（累计）：¥2,000.00", "逾期未还：¥0.00", "按协议应剩欠款：¥10,000.00",
                 "按时还上的月数：已到期 2 个月中的 2 个月。", "到期的款项都已还上", "下一期：2027-04-10 还 ¥1,000.00。",
                 "协议编号：BA-2027-001。"):  # fmt: skip
        assert line in a, line
    assert not any(n.startswith("progress-") for n in kept_pack("C", "en").namelist())  # no agreement, no statement


def test_a_pack_for_a_debt_passed_on_names_the_holder_and_keeps_its_contacts():
    z = kept_pack("B", "en")
    statement = z.read("statement-en.txt").decode("utf-8-sig")
    assert "This debt is now held or collected by Quick Collect Ltd (it was owed to Bank B)." in statement
    letter = z.read("letter-B-en.txt").decode("utf-8-sig")
    assert "To Quick Collect Ltd," in letter and "owed to Bank B" in letter
    log = z.read("contacts-B.csv").decode("utf-8-sig")
    assert "Quick Collect Ltd" in log and "sold the debt" in log and "****8901" in log  # the holder's and the lender's
    assert "2027-03-27" not in log  # another lender's
    assert "held or collected" not in kept_pack("A", "en").read("statement-en.txt").decode("utf-8-sig")


def test_the_statement_says_what_is_paid_as_agreed_beside_what_is_left_for_the_others():
    z = kept_pack("A", "en")
    statement = z.read("statement-en.txt").decode("utf-8-sig")
    # A 1,000 and B 500 a month as agreed; no lender left to split among (C keeps its contract).
    assert "Paid a month to lenders as agreed with them: ¥1,500.00" in statement.replace("\r\n", "\n")
