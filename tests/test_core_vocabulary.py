"""The words read from a row, and the one rule they are matched by."""

import pytest

from core import vocabulary
from core.vocabulary import DEFAULT_RULES, INCOME_WORDS, LENDER_TYPE_WORDS, SALARY_WORDS, mentions, names


@pytest.mark.parametrize(
    ("text", "word", "named"),
    [
        ("rent, flat 3", "rent", True),
        ("help from parents", "rent", False),  # inside another word: not named
        ("current account", "rent", False),
        ("房租rent", "rent", True),  # after a Chinese character a word starts
        ("monthly_rent", "rent", False),  # "_" joins a word, as a digit does
        ("utilities", "utilit", True),  # a stem: where a word starts, not only a whole word
        ("cancelled by payee", "cancel", True),
        ("三月房租", "房租", True),  # Chinese: anywhere
        ("中国铁路12306", "12306", True),
        ("g12306", "12306", False),
        ("", "rent", False),
    ],
)
def test_one_rule_chinese_anywhere_english_where_a_word_starts(text, word, named):
    assert names(text, word) is named
    assert mentions(text, (word,)) is named


def test_mentions_any_of_the_words():
    assert mentions("salary from acme", ("rent", "salary"))
    assert not mentions("salary from acme", ())


def test_words_shared_by_the_worksheet_and_the_statement_rules_are_one_list():
    assert set(SALARY_WORDS) <= set(INCOME_WORDS)
    assert [word for word, category in DEFAULT_RULES if category == "salary"] == list(SALARY_WORDS)
    assert [kind for kind, _ in LENDER_TYPE_WORDS][0] == "credit_card"  # a card first: "信用卡" names a bank too


def test_every_word_is_written_in_lower_case_and_trimmed():
    lists = [value for name, value in vars(vocabulary).items() if name.isupper() and isinstance(value, tuple)]
    words = [w for found in lists for w in found if isinstance(w, str)]
    words += [w for _, found in LENDER_TYPE_WORDS for w in found] + [w for w, _ in DEFAULT_RULES]
    words += list(vocabulary.BANKS)
    assert words and all(w == w.lower().strip() and w for w in words)
