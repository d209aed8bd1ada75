"""Ready-made scenarios: rows for the profile's scenarios and terms tables."""

from __future__ import annotations

from core.household.model import Household
from core.i18n import t
from core.loans.values import ALL_DEBTS

PRESETS = ("freeze36", "fee24", "settle60", "avalanche")


def preset_rows(key: str, h: Household, lang: str) -> tuple[dict, list[dict]] | None:
    """A ready-made scenario as rows for the profile's scenarios and terms tables
    (None when the household has nothing it applies to)."""
    name = t(f"sc.preset.{key}", lang)
    scenario = {"name": name, "strategy": "savings", "custom_order": None, "note": None}
    if key == "freeze36":
        terms = [{"scenario": name, "debt": "type:online_lending", "term": "freeze", "months": 36}]
    elif key == "fee24":
        terms = [
            {"scenario": name, "debt": ALL_DEBTS, "term": "fee", "percent": 5.0, "mode": "upfront"},
            {"scenario": name, "debt": ALL_DEBTS, "term": "freeze", "months": 24},
        ]
    elif key == "settle60":
        cards = [
            (line.debt.principal, n)
            for n, line in zip(h.names, h.lines, strict=True)
            if line.lender_type == "credit_card"
        ]
        if not cards:
            return None
        largest = max(cards, key=lambda c: c[0])[1]  # the first of equals, as the table lists them
        terms = [{"scenario": name, "debt": largest, "term": "settlement", "percent": 60.0}]
    elif key == "avalanche":
        scenario["strategy"] = "avalanche"
        terms = []
    else:
        raise ValueError(key)
    return scenario, terms
