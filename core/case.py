"""The borrower's own case: who they are, why they fell behind, which papers they hold."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.profile import DOCUMENTS


@dataclass(frozen=True)
class Case:
    """The borrower's answers (the profile's one-row "case" section)."""

    full_name: str = ""
    contact: str = ""
    reason: str | None = None
    story: str = ""
    since: str | None = None
    documents: frozenset[str] = frozenset()
    history: str | None = None
    household_size: int | None = None  # people living on the household's income
    area: str | None = None  # "urban" | "rural"


def text_or_blank(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def case_from_frame(frame: pd.DataFrame) -> Case:
    if frame.empty:
        return Case()
    row = frame.astype(object).where(frame.notna(), None).iloc[0].to_dict()
    return Case(
        full_name=text_or_blank(row.get("full_name")),
        contact=text_or_blank(row.get("contact")),
        reason=row.get("reason") or None,
        story=text_or_blank(row.get("story")),
        since=row.get("since") or None,
        documents=frozenset(d for d in DOCUMENTS if row.get(d) is True),
        history=row.get("history") or None,
        household_size=int(row["household_size"]) if row.get("household_size") is not None else None,
        area=row.get("area") or None,
    )
