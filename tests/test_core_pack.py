"""A lender's negotiation pack: the files it holds, the masking, the manifest's hashes,
and the same pack from the command line (with the attachments from the database)."""

import csv
import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd

from core.evidence import add_file, evidence_folder
from core.loader import load
from core.pack import mask, pack_files, write_pack
from core.profile import normalize_section
from core.store import Store
from core.workbook import profile_from_xlsx

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
    from core.pack import statement_text
    from core.plan import household_plan
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
