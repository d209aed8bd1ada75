"""The borrower's own case from the profile's one-row table."""

import pandas as pd

from core.case import Case, case_from_frame, text_or_blank
from core.profile import empty_section, normalize_section


def test_no_answers_is_an_empty_case():
    assert case_from_frame(empty_section("case")) == Case()


def test_answers_are_trimmed_and_only_papers_ticked_yes_count():
    frame, errors = normalize_section(
        "case",
        pd.DataFrame([{"full_name": "  李华 ", "reason": "illness", "story": "住院三个月。", "income_proof": "是",
                       "contracts": "否", "since": "2026/3", "history": "on_time"}]),
    )  # fmt: skip
    assert errors == []
    case = case_from_frame(frame)
    assert case.full_name == "李华" and case.contact == ""
    assert case.reason == "illness" and case.since == "2026-03" and case.history == "on_time"
    assert case.documents == frozenset({"income_proof"})


def test_text_or_blank():
    assert text_or_blank(None) == "" and text_or_blank(float("nan")) == "" and text_or_blank(pd.NA) == ""
    assert text_or_blank(" a ") == "a" and text_or_blank(12) == "12"
