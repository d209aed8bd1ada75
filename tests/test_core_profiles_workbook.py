"""The profile workbook (XLSX): a lossless round trip, and text that looks like a formula stays text."""

import io

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings

from core.profiles.profile import SCHEMAS, Profile, clean_name, normalize_section
from core.profiles.workbook import profile_from_xlsx, profile_to_xlsx
from tests.fixtures.spreadsheet_text import spreadsheet_text, stored_profiles
from tests.helpers import frames_equal


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored_profiles)
def test_profile_xlsx_round_trip_is_lossless(profile):
    back, errors = profile_from_xlsx(profile_to_xlsx(profile))
    assert errors == []
    assert back.name == profile.name
    for section in SCHEMAS:
        assert frames_equal(profile.section(section), back.section(section)), section


def test_formula_like_text_is_written_as_text():
    frame, _ = normalize_section("worksheet", pd.DataFrame([{"category": "=1+1", "amount": 5, "note": "@SUM(A1)"}]))
    data = profile_to_xlsx(Profile("x", {"worksheet": frame}))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["worksheet"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=1+1"
    assert sheet["G2"].data_type == "s"
    assert isinstance(sheet["D2"].value, (int, float))


def test_an_evidence_row_whose_hash_is_not_a_sha256_is_refused_on_import_with_its_row():
    good = "ab" * 32
    rows = [{"sha256": good, "name": "a.png", "kind": "hardship_proof"},
            {"sha256": "../../etc/passwd", "name": "b.png", "kind": "hardship_proof"},
            {"sha256": "CD" * 32, "name": "c.png", "kind": "income_proof"},  # capitals: the same hash
            {"sha256": "ab" * 31, "name": "d.png", "kind": "contracts"}]  # fmt: skip
    frame, _ = normalize_section("evidence", pd.DataFrame(rows))
    back, errors = profile_from_xlsx(profile_to_xlsx(Profile("x", {"evidence": frame})))
    assert back.section("evidence")["sha256"].tolist() == [good, "cd" * 32]
    assert [(e.sheet, e.row, e.field) for e in errors] == [("evidence", 2, "sha256"), ("evidence", 4, "sha256")]
    assert "SHA-256" in errors[0].message("en") and "../../etc/passwd" in errors[0].message("en")
    assert "第 2 行" in errors[0].message("zh") or "第2行" in errors[0].message("zh")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spreadsheet_text, spreadsheet_text, spreadsheet_text)
def test_any_text_as_stored_comes_back_exactly_through_the_workbook(note, category, name):
    """Text that spells one of Excel's escapes (_x0041_ is "A" to a reader, _x000D_ a
    carriage return) is written escaped (_x005F_x0041_), as the format requires; whatever
    the app stores comes back as it was."""
    # The direction and kind given (left blank, they are read from the words and the row is
    # marked with what was assumed): only a category of spaces alone is left to be refused.
    row = {"category": category, "note": note, "amount": 1, "direction": "expense", "kind": "fixed"}
    frame, stored = normalize_section("worksheet", pd.DataFrame([row]))
    assume(not stored)
    profile = Profile(clean_name(name) or "x", {"worksheet": frame})
    back, errors = profile_from_xlsx(profile_to_xlsx(profile))
    assert errors == []
    assert back.name == profile.name
    assert frames_equal(profile.section("worksheet"), back.section("worksheet")), (
        profile.section("worksheet")[["category", "note"]].to_dict("records"),
        back.section("worksheet")[["category", "note"]].to_dict("records"),
    )


def test_excel_escapes_typed_as_text_come_back_as_typed():
    texts = ["_x0041_", "_x000D_", "a_x005F_b", "_x005F_x0041_", "_x000d_ 房租", "a\t=1"]
    frame, _ = normalize_section("worksheet", pd.DataFrame([{"category": v, "note": v, "amount": 1} for v in texts]))
    back, _ = profile_from_xlsx(profile_to_xlsx(Profile("_x0041_", {"worksheet": frame})))
    assert back.section("worksheet")["note"].tolist() == texts and back.name == "_x0041_"
