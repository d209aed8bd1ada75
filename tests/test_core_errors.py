"""Input errors say which sheet, row and field, in the user's language."""

import pytest

from core.errors import InputError, ValidationError


def test_message_names_sheet_row_and_field_in_both_languages():
    error = InputError("principal", "err.negative", row=3, sheet="debts")
    en, zh = error.message("en"), error.message("zh")
    assert "3" in en and "3" in zh
    assert en != zh
    assert "err." not in en and "field." not in en and "sheet." not in zh


def test_a_field_without_a_label_is_named_as_it_is():
    assert "交易金额" in InputError("交易金额", "err.not_number").message("zh")


def test_validation_error_carries_every_error():
    errors = [InputError("rate", "err.not_number"), InputError("months", "err.months_range")]
    with pytest.raises(ValidationError) as caught:
        raise ValidationError(errors)
    assert caught.value.errors == errors and ";" in str(caught.value)


def test_errors_of_one_cause_are_one_line_with_a_count_the_largest_first():
    from core.errors import grouped

    errors = [InputError("date", "err.bad_date", {"value": f"31/02/{n}"}, row=n + 2) for n in range(120)]
    errors.insert(5, InputError("amount", "err.bad_amount", {"value": "abc"}, row=9))
    groups = grouped(errors)
    assert [(g.example.field, g.count) for g in groups] == [("date", 120), ("amount", 1)]
    assert groups[0].rows == (2, 3, 4, 5, 6)
    line = groups[0].message("en")
    assert "120 rows" in line and "rows 2, 3, 4, 5, 6 …" in line and "31/02/0" in line
    assert "共 120 行（第 2、3、4、5、6 … 行）" in groups[0].message("zh")  # listed as Chinese lists them
    assert groups[1].message("en") == errors[5].message("en")  # a single error reads as before
