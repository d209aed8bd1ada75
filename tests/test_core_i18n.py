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
    """Keys the code names: string literals, and the fixed starts of f-strings that are more
    than a namespace (f"ws.map.{field}" counts the keys that start "ws.map."; f"choice.{c}.{v}"
    counts none: its keys are listed from the data that builds them, _built_from_data)."""
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
    return literals, [p for p in prefixes if "." in p and not re.fullmatch(r"\w+\.", p)]


def _built_from_data() -> set[str]:
    """The keys built from data, listed from that data: choices and labels from the profile's
    sections, term kinds, categories, currencies, methods and rate units, rate flags and notes,
    readiness rules, the start-here steps, a schedule's columns."""
    from dataclasses import fields

    from core.household.progress import STEPS
    from core.imports.categories import PRESET_CATEGORIES
    from core.imports.cells import CURRENCY_NAMES
    from core.loans.apr import rate_lines
    from core.loans.debts import METHODS, RATE_UNITS, Debt
    from core.loans.schedule import COLUMNS
    from core.loans.terms import KINDS
    from core.negotiation.readiness import RULES
    from core.profiles.profile import SCHEMAS

    keys = {f"sheet.{section}" for section in SCHEMAS}
    for section, columns in SCHEMAS.items():
        for column in columns:
            keys |= {f"field.{column.name}", f"field.{section}.{column.name}"}
            keys |= {f"choice.{column.name}.{choice}" for choice in column.choices}
    keys |= {f"field.{f.name}" for f in fields(Debt)}  # parse_debt's errors name the field
    keys |= {f"choice.term.{kind}" for kind in KINDS}
    keys |= {f"cat.{key}" for key in PRESET_CATEGORIES}
    keys |= {f"currency.{code}" for code in CURRENCY_NAMES}
    keys |= {f"method.{m}" for m in METHODS} | {f"unit.{u}" for u in RATE_UNITS}
    keys |= {f"flag.{name}" for name in rate_lines()}
    keys |= {f"note.{kind}.above_24{long}" for kind in ("card", "licensed") for long in ("", ".long")}
    keys |= {f"rd.{rule}.{status}" for rule, statuses in RULES.items() for status in statuses}
    keys |= {f"steps.{step}{help}" for step in STEPS for help in ("", ".help")}
    keys |= {f"col.{column}" for column in COLUMNS}
    return keys


def test_no_key_goes_unused():
    literals, prefixes = _asked_for()
    asked = literals | _built_from_data()
    unused = [
        key for key in CATALOGUES["en"].texts if key not in asked and not any(key.startswith(p) for p in prefixes)
    ]
    assert unused == []


def test_every_key_built_from_data_is_there():
    """All but a section's own label for a column (field.<section>.<column>), which is optional."""
    missing = _built_from_data() - set(CATALOGUES["en"].texts)
    assert sorted(key for key in missing if not re.fullmatch(r"field\.\w+\.\w+", key)) == []


def test_plural_forms_follow_each_language():
    assert t("rp.contains.contacts", "en", n=1) == "The contact log (1 entry)"
    assert t("rp.contains.contacts", "en", n=3) == "The contact log (3 entries)"
    assert t("rp.contains.contacts", "en", n=0) == "The contact log (0 entries)"
    assert t("rp.contains.contacts", "zh", n=1) == "沟通记录（1 条）" == t("rp.contains.contacts", "zh", n=1)
    assert t("ws.done", "en", n=1) == "1 row imported." and t("ws.done", "zh", n=2) == "已导入 2 行。"


def _language_branches(source: str) -> list[str]:
    """Code that does one thing in one language and another elsewhere: a comparison with a
    language code (lang == "zh", lang in ("zh", "zh_CN"), "en" != lang), a test of how a
    language or locale is spelt (lang.startswith("zh")), a dict keyed by language codes."""

    def is_code(node) -> bool:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value in LANGS or node.value.split("_")[0] in LANGS
        return isinstance(node, (ast.Tuple, ast.List, ast.Set)) and any(is_code(e) for e in node.elts)

    def branches(node) -> bool:
        if isinstance(node, ast.Compare):  # lang == "zh", lang in ("zh", "zh_CN")
            return any(is_code(side) for side in (node.left, *node.comparators))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # lang.startswith("zh")
            return node.func.attr in ("startswith", "endswith") and any(is_code(a) for a in node.args)
        if isinstance(node, ast.Dict):  # {"zh": ..., "en": ...}[lang]
            return any(key is not None and is_code(key) for key in node.keys)
        if isinstance(node, ast.match_case):  # case "en":
            return is_code(getattr(node.pattern, "value", None))
        return False

    found = [ast.unparse(getattr(node, "pattern", node)) for node in ast.walk(ast.parse(source)) if branches(node)]
    return found


@pytest.mark.parametrize(
    "source",
    [
        'if lang == "zh": x = 1',
        'x = "、" if language != "en" else ", "',
        'x = lang() in ("zh", "zh_CN")',
        'x = locale.startswith("zh")',
        'x = {"zh": "中文", "en": "English"}[code]',
        'match lang:\n    case "en":\n        pass',
    ],
)
def test_the_language_branch_check_sees_each_form(source):
    assert _language_branches(source)


def test_no_language_branches_in_code():
    """A difference between languages lives in the catalogues, never in an if."""
    found = {str(path): _language_branches(path.read_text(encoding="utf-8")) for path in CODE if path.name != "i18n.py"}
    assert {path: hits for path, hits in found.items() if hits} == {}


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


def test_lists_are_joined_as_each_language_writes_them():
    from core.i18n import join

    assert join(["A", "B", "C"], "zh") == "A、B、C" and join(["A", "B"], "zh") == "A、B"
    assert join(["A", "B", "C"], "en") == "A, B, C" and join(["A"], "en") == "A" and join([], "en") == ""
    assert join(["A", "B", "C"], "zh", style="standard") == "A、B和C"
    assert join(["A", "B", "C"], "en", style="standard") == "A, B, and C"
    assert join(["A", "B", "C", "D"], "en", style="or") == "A, B, C, or D"


def test_an_unknown_key_is_shown_as_itself_and_recorded():
    from core.i18n import MISSING

    assert t("no.such.key", "en") == "no.such.key" and "no.such.key" in MISSING
    MISSING.discard("no.such.key")


def test_every_kind_mode_choice_and_label_is_in_both_languages():
    """Strict: every term kind (its name, modes, fields and letter clauses, read from
    core.loans.terms.KINDS so a new kind is covered), every choice of every choice column and every
    column's label, rendered in both languages; no key may be missing."""
    from types import SimpleNamespace

    from core.i18n import MISSING, field_label
    from core.loans.terms import KINDS
    from core.profiles.profile import SCHEMAS

    MISSING.clear()
    for lang in LANGS:
        for kind in KINDS.values():
            t(f"choice.term.{kind.name}", lang)
            for name in kind.fields:
                field_label("terms", name, lang)
            for mode in kind.modes:
                t(f"choice.mode.{mode}", lang)
            for mode in kind.modes or (None,):  # the letter's clause: each mode, by amount or by percent
                for amount, percent in ((1, None), (None, 1)):
                    term = SimpleNamespace(kind=kind.name, mode=mode, amount=amount, percent=percent, months=2)
                    t(kind.clause_key(term), lang, n=2, start="", amount="", percent="", rate="", asset="")
        for section, columns in SCHEMAS.items():
            t(f"sheet.{section}", lang)
            for column in columns:
                field_label(section, column.name, lang)
                for choice in column.choices:
                    t(f"choice.{column.name}.{choice}", lang)
    assert sorted(MISSING) == []


# Counts whose number is a fixed setting, never 1: (key, placeholder).
FIXED_COUNTS = {
    ("refuse.pdf_pages", "limit"),
    ("refuse.too_many_rows", "limit"),
    ("refuse.too_many_columns", "limit"),
    ("refuse.sheet_extent", "rows"),  # a sheet refused for being larger than the limits
    ("refuse.sheet_extent", "columns"),
    ("refuse.sheet_extent", "max_rows"),
    ("refuse.sheet_extent", "max_columns"),
    ("err.section_full", "limit"),
    ("err.text_too_long", "limit"),
    ("hist.policy", "recent"),
    ("hist.policy", "days"),
    ("hist.policy", "keep"),
    ("pl.note.limit", "limit"),
    ("pl.note.over_limit", "limit"),
    ("pl.token_plan", "bound"),
    ("rd.costs.ok", "high"),
    ("refuse.pdf_picture", "pixels"),
    ("lt.plan.ask.extension", "limit"),
    ("lt.plan.why.freeze.long", "limit"),
    ("lt.plan.why.freeze_waiver.interest", "limit"),
    ("lt.plan.why.freeze_waiver.long", "limit"),
    ("lt.plan.over_limit", "limit"),
}
# "{x} months", "{n} rows", "{x} monthly instalments": a number followed by a plural noun.
COUNTED = re.compile(
    r"{(\w+)}(?: monthly)? (rows?|months?|days?|lenders?|lines?|instalments?|transactions?|"
    r"statements?|transfers?|debts?|files?|entries|entry|bytes?|times?|refunds?|moves?|"
    r"points?|profiles?|scenarios?|accounts?|payments?|characters?|pages?|columns?|saves?)\b"
)


def test_every_count_is_a_plural_entry():
    """A count said with a noun is a plural entry, called with n: never "1 days" nor "1 rows"."""
    en = CATALOGUES["en"].texts
    single = sorted(
        (key, m.group(1))
        for key, text in en.items()
        if isinstance(text, str)
        for m in COUNTED.finditer(text)
        if (key, m.group(1)) not in FIXED_COUNTS and m.group(1) != "kind"  # "a {kind} file" counts nothing
    )
    assert single == []


@pytest.mark.parametrize("key", sorted(k for k, v in CATALOGUES["en"].texts.items() if isinstance(v, tuple)))
def test_a_count_of_one_is_singular_and_of_two_plural(key):
    text = CATALOGUES["en"].texts[key]
    params = {name: "X" for name in _placeholders(text)}
    one, two = t(key, "en", **{**params, "n": 1}), t(key, "en", **{**params, "n": 2})
    assert one != two or "{n}" not in text[1], key
    assert not re.search(
        r"\b1 (\w+ )?(rows|months|days|lenders|lines|instalments|transactions|statements|transfers|"
        r"debts|files|entries|bytes|times|refunds|moves|points|profiles|scenarios|accounts|"
        r"payments)\b",
        one,
    ), one
    assert t(key, "zh", **{**params, "n": 1}).replace("1", "2") == t(key, "zh", **{**params, "n": 2}).replace("1", "2")


def test_the_counts_the_issue_names_read_well_with_one():
    assert t("ct.due.soon", "en", lender="A", date="d", when="w", n=1) == "A: follow up in 1 day, on d (contact of w)"
    assert t("cli.budget_summary", "en", n=1) == "Budget sheet: 1 row"
    assert t("lt.term.extension", "en", n=1) == "spread the remaining balance over 1 month;"
    assert t("lt.term.extension", "en", n=24) == "spread the remaining balance over 24 months;"
    assert t("lt.term.extension", "zh", n=1) == "剩余欠款分 1 期偿还；"
    two = {"neutral": 0, "months": t("count.months", "en", n=1)}
    assert t("cli.import_summary", "en", n=1, **two) == "1 transaction counted, 0 neutral, 1 month covered"
    assert t("cli.import_summary", "zh", n=3, neutral=0, months=t("count.months", "zh", n=2)) == (
        "计入 3 笔，不计收支 0 笔，覆盖 2 个月"
    )


def test_a_plural_entry_without_its_count_is_caught_and_an_unknown_count_said_as_a_dash():
    from core import i18n

    i18n.MISSING.discard("count.months (no n)")
    assert i18n.t("count.months", "en", n=None) == "— months"  # no count worked out: not "None months"
    assert "count.months (no n)" not in i18n.MISSING
    i18n.t("count.months", "en")  # asked for without its count: recorded for the strict tests
    assert "count.months (no n)" in i18n.MISSING
    i18n.MISSING.discard("count.months (no n)")
