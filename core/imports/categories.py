"""Which transactions are neutral (not income or spending), and keyword rules for categories.

Rules are editable by the user (stored with the profile); the starting set, in both
languages, and every other word read here are in core/vocabulary.py, matched by its one
rule. A rule is (keyword, category); the first rule whose keyword the transaction's text
names decides its category.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.i18n import t
from core.vocabulary import (
    BANKS,
    BORROWED_KEYWORDS,
    CARD_WORDS,
    CLOSED_STATUS,
    CREDIT_KEYWORDS,
    DEFAULT_RULES,
    FROM_PEOPLE_KEYWORDS,
    LENDER_WORDS,
    NEUTRAL_KEYWORDS,
    REFUND_KEYWORDS,
    mentions,
    word_start,
)

# Preset categories: key -> direction. Labels live in core/i18n.py as "cat.<key>".
PRESET_CATEGORIES = {
    "salary": "income",
    "other_income": "income",
    "from_people": "income",  # transfers and red packets from people: irregular, the user confirms
    "rent": "expense",
    "utilities": "expense",
    "food": "expense",
    "transport": "expense",
    "shopping": "expense",
    "medical": "expense",
    "education": "expense",
    "childcare": "expense",
    "insurance": "expense",
    "entertainment": "expense",
    "family": "expense",
    "other": "expense",
}
FIXED_CATEGORIES = {"rent", "utilities", "insurance", "education", "childcare"}


def category_label(key: str, lang: str) -> str:
    return t(f"cat.{key}", lang)


def default_rules(lang: str) -> list[dict]:
    """The starting rules with category names in the user's language."""
    return [{"keyword": k, "category": category_label(c, lang)} for k, c in DEFAULT_RULES]


def category_choices(direction: str, rules: Iterable[dict], lang: str) -> list[str]:
    """The categories offered for a name no rule named ("income" or "expense"): the preset
    ones of that direction, then those of the user's own rules, each once; never "other"
    (naming it is what the question is for)."""
    presets = [category_label(k, lang) for k, d in PRESET_CATEGORIES.items() if d == direction]
    own = [str(r.get("category") or "").strip() for r in rules]
    others = {category_label("other", lang), category_label("other_income", lang)}
    return [c for c in dict.fromkeys([*presets, *own]) if c and c not in others]


def direction_of(category: str) -> str | None:
    """'income' or 'expense' for a preset category label in either language."""
    for key, direction in PRESET_CATEGORIES.items():
        if category in (category_label(key, "zh"), category_label(key, "en")):
            return direction
    return None


def is_fixed(category: str) -> bool:
    return any(category in (category_label(k, "zh"), category_label(k, "en")) for k in FIXED_CATEGORIES)


class Categorizer:
    """The rules prepared once: ``categorizer(text, fallback)`` is the category of the first
    rule whose keyword the text names (case-insensitive, core.vocabulary's rule), else the
    fallback."""

    def __init__(self, rules: list[dict]):
        self.rules = []
        for rule in rules:
            keyword = str(rule.get("keyword") or "").strip().lower()
            if keyword:
                self.rules.append((keyword, word_start(keyword), str(rule.get("category") or "").strip()))

    def __call__(self, text: str, fallback: str) -> str:
        lowered = text.lower()
        for keyword, pattern, category in self.rules:  # vocabulary.names, inline: once a rule a row
            if keyword in lowered and (pattern is None or pattern.search(lowered)):
                return category or fallback
        return fallback


def neutral_reason(text: str, status: str) -> str | None:
    """Why a transaction is neither income nor spending: "closed" (cancelled, refunded),
    "debt" (a repayment of credit, or money borrowed), "transfer" (one's own money moved),
    or None when it counts."""
    if mentions(status.lower(), CLOSED_STATUS):
        return "closed"
    lowered = text.lower()
    if mentions(lowered, CREDIT_KEYWORDS):
        return "debt"
    if mentions(lowered, NEUTRAL_KEYWORDS):
        return "transfer"
    return None


def is_refund(text: str) -> bool:
    """Money in that reads as a refund or a return of goods."""
    return mentions(text.lower(), REFUND_KEYWORDS)


def borrowed(text: str) -> bool:
    """Credit text that reads as money received from a lender rather than paid to one."""
    return mentions(text.lower(), BORROWED_KEYWORDS)


def from_people(text: str) -> bool:
    """Money in that reads as a transfer or red packet from a person."""
    return mentions(text.lower(), FROM_PEOPLE_KEYWORDS)


def credit_lender(text: str) -> str:
    """The lender a repayment went to, as the Debts page would name it ("借呗", "招行信用卡"),
    or "" when the text does not say."""
    lowered = text.lower()
    for word in LENDER_WORDS:
        if word in lowered:  # every one written in Chinese: found anywhere
            return word
    card = mentions(lowered, CARD_WORDS)
    for word, short in BANKS.items():
        if word in text:
            return short + ("信用卡" if card else "")
    return "信用卡" if card else ""


def lender_aliases(lender: str) -> set[str]:
    """The words that name this lender in a debt's name: 招行 also as 招商银行."""
    base = lender.removesuffix("信用卡") or lender
    return {base} | {long for long, short in BANKS.items() if short == base}


def missing_lenders(lenders: list[str], debt_texts: list[str]) -> list[str]:
    """The lenders repaid in a statement that no debt on the Debts page names (a debt named
    "招行信用卡" or with lender "招商银行" covers 招行 and 招行信用卡)."""
    missing = []
    for lender in lenders:
        if not lender or lender in missing:
            continue
        if not any(alias in text for alias in lender_aliases(lender) for text in debt_texts):
            missing.append(lender)
    return missing
