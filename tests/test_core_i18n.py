"""The string catalogues (core/locales/*.po): every key once in each file, the same keys in
both languages, the same placeholders, no key the code never asks for, plural forms."""

import ast
import re
from pathlib import Path

import pytest

from core.i18n import CATALOGUES, LANGS, LOCALES, t

ROOT = Path(__file__).resolve().parent.parent
CODE = [*ROOT.glob("app.py"), *ROOT.glob("core/**/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("app_pages/*.py")]


@pytest.mark.parametrize("lang", LANGS)
def test_no_key_is_defined_twice(lang):
    keys = re.findall(r'^msgid "(.+)"$', (LOCALES / f"{lang}.po").read_text(encoding="utf-8"), re.M)
    twice = sorted({k for k in keys if keys.count(k) > 1})
    assert twice == []


def test_both_languages_have_the_same_keys():
    zh, en = (set(CATALOGUES[lang].texts) for lang in LANGS)
    assert sorted(zh - en) == [] and sorted(en - zh) == []


def _placeholders(text) -> set[str]:
    forms = text if isinstance(text, tuple) else (text,)
    return {name for form in forms for name in re.findall(r"{(\w+)[^{}]*}", form)}


def test_every_string_is_there_with_the_same_placeholders_in_both():
    zh, en = (CATALOGUES[lang].texts for lang in LANGS)
    for key in zh:
        assert zh[key] and en[key], key
        if not (isinstance(en[key], tuple) and not isinstance(zh[key], tuple)):
            assert _placeholders(zh[key]) == _placeholders(en[key]), key


def _asked_for() -> tuple[set[str], list[str]]:
    """Keys the code names: string literals, and the fixed starts of f-strings (a key
    built as f"choice.{column}.{value}" counts every key that starts "choice.")."""
    literals, prefixes, suffixes = set(), [], []
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first, last = node.values[0], node.values[-1]
                if isinstance(first, ast.Constant):
                    prefixes.append(str(first.value))
                elif isinstance(last, ast.Constant) and str(last.value).startswith("."):
                    # f"{code}.what" with code a literal key such as "store.readonly"
                    suffixes.append(str(last.value))
    literals |= {f"{lit}{sfx}" for lit in literals for sfx in set(suffixes) if lit.count(".") >= 1}
    return literals, [p for p in prefixes if "." in p]


def test_no_key_goes_unused():
    literals, prefixes = _asked_for()
    unused = [
        key for key in CATALOGUES["en"].texts if key not in literals and not any(key.startswith(p) for p in prefixes)
    ]
    assert unused == []


def test_plural_forms_follow_each_language():
    assert t("rp.contains.contacts", "en", n=1) == "The contact log (1 entry)"
    assert t("rp.contains.contacts", "en", n=3) == "The contact log (3 entries)"
    assert t("rp.contains.contacts", "en", n=0) == "The contact log (0 entries)"
    assert t("rp.contains.contacts", "zh", n=1) == "沟通记录（1 条）" == t("rp.contains.contacts", "zh", n=1)
    assert t("ws.done", "en", n=1) == "1 row imported." and t("ws.done", "zh", n=2) == "已导入 2 行。"


def test_no_language_branches_in_code():
    for path in CODE:
        if path.name == "i18n.py":
            continue
        assert not re.search(r"""lang(uage)? == ["'](zh|en)["']""", path.read_text(encoding="utf-8")), path


def test_plural_forms_follow_cldr_for_decimals_too():
    from decimal import Decimal

    assert t("ov.months_unit", "en", n=1) == "1 month"
    assert t("ov.months_unit", "en", n=Decimal("1.7")) == "1.7 months"  # not "1.7 month"
    assert t("ov.months_unit", "en", n=Decimal("1.0")) == "1.0 months"
    assert t("ov.months_unit", "en", n=0) == "0 months"
    assert t("ov.months_unit", "zh", n=Decimal("1.7")) == "1.7 个月"


def test_a_column_shared_by_name_is_labelled_for_its_own_section():
    # The buffers' kind (family help, an unused credit line) is not the worksheet's
    # "fixed/variable", and an evidence file's contact is the contact-log entry it belongs to.
    from core.i18n import field_label

    for lang in ("zh", "en"):
        assert field_label("buffers", "kind", lang) != field_label("worksheet", "kind", lang)
        assert field_label("evidence", "contact", lang) != field_label("case", "contact", lang)
    assert field_label("buffers", "kind", "en") == "Kind of buffer"
