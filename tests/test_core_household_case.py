"""The borrower's case (core.household.case.Case), as the loader reads it from the
profile's one-row "case" table: answers trimmed, papers counted only when ticked yes."""

import pandas as pd

from core.household.case import Case
from core.household.loader import load
from core.profiles.profile import Profile, empty_section, normalize_section


def test_no_answers_is_an_empty_case():
    assert load(Profile("x", {"case": empty_section("case")}))[0].case == Case()


def test_answers_are_trimmed_and_only_papers_ticked_yes_count():
    frame, errors = normalize_section(
        "case",
        pd.DataFrame([{"full_name": "  李华 ", "reason": "illness", "story": "住院三个月。", "income_proof": "是",
                       "contracts": "否", "since": "2026/3", "history": "on_time"}]),
    )  # fmt: skip
    assert errors == []
    case = load(Profile("x", {"case": frame}))[0].case
    assert case.full_name == "李华" and case.contact == ""
    assert case.reason == "illness" and case.since == "2026-03" and case.history == "on_time"
    assert case.documents == frozenset({"income_proof"})
