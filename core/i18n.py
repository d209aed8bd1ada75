"""Every user-facing string in Chinese (zh) and English (en), looked up by key.

The strings live in gettext catalogues a translator can work on with any PO editor:
``core/locales/zh.po`` and ``core/locales/en.po`` (msgid = the key the code asks for,
msgstr = the text; placeholders in {braces}). They are read with Babel when this module
is first imported; plural forms follow each catalogue's CLDR Plural-Forms header (a count
is always passed as ``n``), lists are joined by ``join`` with CLDR's list patterns, and a key
asked for but not in the catalogues is recorded in ``MISSING`` (the strict strings tests).
Kept in core/ so the command line, the exports and the pages share one vocabulary.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.lists import _style_fallbacks
from babel.messages.pofile import read_po

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
LOCALES = Path(__file__).resolve().parent / "locales"


_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


class Catalogue:
    """One language's strings: key -> text, or key -> (one, other...) for plural entries."""

    def __init__(self, path: Path):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        self.locale = str(catalog.locale)
        rule = Locale.parse(self.locale).plural_form
        forms = [tag for tag in _CLDR_ORDER if tag in rule.tags or tag == "other"]  # gettext's, CLDR order
        # The form's index for a count, by the CLDR rule: "1 month" but "1.7 months".
        self.plural = lambda n: forms.index(rule(n))
        self.texts: dict[str, str | tuple[str, ...]] = {}
        for message in catalog:
            if not message.id:
                continue  # the header
            if isinstance(message.id, tuple):  # msgid + msgid_plural: the key is the msgid
                self.texts[message.id[0]] = tuple(message.string)
            else:
                self.texts[message.id] = message.string


CATALOGUES = {lang: Catalogue(LOCALES / f"{lang}.po") for lang in LANGS}

# Every key t() was asked for and does not know, in any language: the page shows the key
# itself rather than failing, and the strict strings test fails on anything in here.
MISSING: set[str] = set()


def locale_of(lang: str) -> str:
    """The catalogue's locale code (zh_CN, en) for Babel's dates and numbers."""
    return _catalogue(lang).locale


def has(key: str) -> bool:
    return key in CATALOGUES[DEFAULT_LANG].texts


def field_label(section: str, column: str, lang: str = DEFAULT_LANG) -> str:
    """A column's label: the section's own wording if it has one, else the shared one."""
    key = f"field.{section}.{column}"
    return t(key if has(key) else f"field.{column}", lang)


def _catalogue(lang: str) -> Catalogue:
    return CATALOGUES.get(lang) or CATALOGUES[DEFAULT_LANG]


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for key in lang, with params filled in; the key itself if unknown.
    A plural entry given ``n`` takes the form the language's rule picks for n.
    An unknown key is recorded in MISSING."""
    catalogue = _catalogue(lang)
    text = catalogue.texts.get(key)
    if text is None:
        MISSING.add(key)
        return key
    if isinstance(text, tuple):
        if "n" not in params:  # a plural entry asked for without its count: a slip the strict tests catch
            MISSING.add(f"{key} (no n)")
        count = params.get("n")
        if count is None:  # a count not known (no months worked out): the general form, said as "—"
            params, count = {**params, "n": "—"}, 2
        if isinstance(count, str):  # a number already rendered as text (a readiness finding)
            try:
                count = Decimal(count.replace(",", ""))
            except ArithmeticError:
                count = 1
        text = text[min(catalogue.plural(count), len(text) - 1)]
    return text.format(**params) if params else text


def join(items, lang: str = DEFAULT_LANG, style: str = "standard-narrow") -> str:
    """Items as a list in lang, by CLDR's list patterns through Babel: "standard-narrow" (the
    default) is "A、B、C" in Chinese and "A, B, C" in English; "standard" is "A、B和C", "A, B, and C".
    A style a locale gives only in part (Babel's zh "standard-narrow" has no "start" nor
    "middle") takes each missing pattern from the style CLDR falls back to, as CLDR resolves it."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    known = Locale.parse(locale_of(lang)).list_patterns
    styles = [s for s in (style, *_style_fallbacks.get(style, ()), "standard") if s in known]

    def pattern(part: str) -> str:
        return next(known[s][part] for s in styles if part in known[s])

    if len(items) == 2:
        return pattern("2").format(*items)
    text = pattern("start").format(items[0], items[1])
    for item in items[2:-1]:
        text = pattern("middle").format(text, item)
    return pattern("end").format(text, items[-1])
