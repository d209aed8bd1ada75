"""The profile workbook (XLSX): a lossless round trip, and text that looks like a formula stays text."""

import io

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings

from core.profile import SCHEMAS, Profile, normalize_section
from core.workbook import profile_from_xlsx, profile_to_xlsx
from tests.fixtures.profiles import profiles
from tests.helpers import frames_equal


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
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
