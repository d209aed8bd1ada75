"""ui.common's small helpers that are not drawn: text made safe for a style sheet."""

import re

from ui.common import css_text


def test_plain_words_stay_as_they_are_in_one_css_string():
    assert css_text("上传文件") == '"上传文件"'
    assert css_text("Up to 20 MB per file") == '"Up to 20 MB per file"'


def test_nothing_in_the_text_can_end_the_string_or_the_style_element():
    hostile = 'a"} body{display:none} </style><script>x()</script>\\\n'
    quoted = css_text(hostile)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not re.search(r'["<>\n\r]', inner)  # no raw quote, angle bracket or line break inside
    assert "\\22 " in inner and "\\3c " in inner and "\\5c " in inner and "\\a " in inner
