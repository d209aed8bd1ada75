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
