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


def test_agreements_payments_and_plan_versions_round_trip_through_the_workbook():
    import datetime as dt

    from core.household.loader import load
    from core.simulation.plan import household_plan
    from core.tracking.review import version_rows
    from tests.fixtures.tracking import AGREED, DEBTS, PAYMENTS
    from tests.fixtures.workspace import make_profile

    agreed = [dict(AGREED[0], holder="某资产管理公司", holder_kind="amc", holder_contact="400-000-0000",
                   reference="JB-2026-001", confirmed_by="letter", still_charged=True), AGREED[1]]  # fmt: skip
    base = make_profile(income=12_000, expenses=7_000, debts=DEBTS, agreed=agreed, payments=PAYMENTS,
                        plan=[{"grace": 5, "review_on": "2027-09-01", "change_share": 15}])  # fmt: skip
    h, _ = load(base)
    versions = version_rows(h, household_plan(h, h.plan_settings), dt.datetime(2027, 2, 1, 9, 30), "chosen")
    profile = make_profile(income=12_000, expenses=7_000, debts=DEBTS, agreed=agreed, payments=PAYMENTS,
                           plan=[{"grace": 5, "review_on": "2027-09-01", "change_share": 15}], versions=versions)  # fmt: skip
    back, errors = profile_from_xlsx(profile_to_xlsx(profile))
    assert errors == []
    for section in ("agreed", "payments", "versions", "plan"):
        assert frames_equal(back.section(section), profile.section(section)), section
    h2, _ = load(back)
    assert h2.agreements == h.agreements and h2.payments == h.payments and len(h2.versions) == 1 + len(DEBTS)
    assert (h2.plan_settings.grace, h2.plan_settings.review_on) == (5, dt.date(2027, 9, 1))
