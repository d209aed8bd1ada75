"""The string catalogue: every key once (a second definition would silently win), both
languages present, and placeholders that match between them."""

import ast
import re
from pathlib import Path

from core.i18n import TEXTS

SOURCE = Path(__file__).resolve().parent.parent / "core" / "i18n.py"


def _literal_keys() -> list[tuple[str, int]]:
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    keys = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys += [(k.value, k.lineno) for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return keys


def test_no_key_is_defined_twice():
    seen: dict[str, int] = {}
    twice = []
    for key, line in _literal_keys():
        if key in seen:
            twice.append(f"{key} (lines {seen[key]} and {line})")
        seen[key] = line
    assert twice == []


def test_every_string_has_both_languages_and_the_same_placeholders():
    for key, (zh, en) in TEXTS.items():
        assert zh.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key
