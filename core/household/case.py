"""The borrower's own case: who they are, why they fell behind, which papers they hold
(core.household.loader reads it from the profile's one-row "case" table)."""

from __future__ import annotations

from dataclasses import dataclass


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
