"""The true yearly rate of a loan's cash flows, and the reference lines it is compared with."""

from decimal import Decimal

from core.loans.apr import apr_percent, rate_flags, rate_lines


def test_a_plain_annuity_at_one_percent_a_month_is_twelve_percent():
    # 10,000.00 repaid in 12 x 888.49 (the 1 %/month annuity rounded to the cent)
    flows = [1_000_000] + [-88_849] * 12
    assert apr_percent(flows) == Decimal("12.00")


def test_a_fee_taken_up_front_raises_the_rate():
    flows = [1_000_000 - 50_000] + [-88_849] * 12
    assert apr_percent(flows) > Decimal("21")


def test_no_rate_describes_flows_without_a_sign_change():
    assert apr_percent([100, 100]) is None
    assert apr_percent([100]) is None
    assert apr_percent([1_000, -1_000]) == Decimal("0.00")


def test_reference_lines_and_flags():
    assert rate_lines(Decimal("3.85")) == {"above_lpr4": Decimal("15.40"), "above_24": 24, "above_36": 36}
    assert rate_flags(Decimal("15.39")) == []
    assert rate_flags(Decimal("24.01")) == ["above_lpr4", "above_24"]
    assert rate_flags(Decimal("40"), Decimal("3")) == ["above_lpr4", "above_24", "above_36"]
    assert rate_flags(None) == []


def test_the_rate_note_fits_the_lender_and_the_contract_date():
    from datetime import date

    from core.loans.apr import applicable_line, rate_note

    assert rate_note(Decimal("15.41"), "private_loan").key == "note.private.above_lpr4"
    assert rate_note(Decimal("15.40"), "private_loan") is None
    assert rate_note(Decimal("23"), "private_loan", date(2020, 8, 19)).key == "note.private_old.above_lpr4"
    assert rate_note(Decimal("23"), "private_loan", date(2020, 8, 20)).key == "note.private.above_lpr4"
    assert rate_note(Decimal("24.5"), "private_loan", date(2019, 1, 1)).key == "note.private_old.above_24"
    assert rate_note(Decimal("36.01"), "private_loan", date(2019, 1, 1)).key == "note.private_old.above_36"
    assert rate_note(Decimal("23.99"), "online_lending") is None  # licensed: not the 4 x LPR cap
    assert rate_note(Decimal("24.01"), "online_lending").key == "note.licensed.above_24"
    assert rate_note(Decimal("30"), "credit_card").key == "note.card.above_24"
    assert rate_note(None, "credit_card") is None
    assert applicable_line("private_loan", Decimal("3")) == 12 and applicable_line("bank_consumer") == 24


def test_a_rate_flag_is_said_with_the_4_x_lpr_line_it_was_compared_with():
    from core.loans.apr import flag_message

    assert flag_message("above_lpr4", "en", Decimal("3.85")) == "Above 4 × LPR (15.40%) — worth asking about"
    assert flag_message("above_24", "en", Decimal("3.85")) == "Above 24% — worth asking about"
    assert "15.40" in flag_message("above_lpr4", "zh", Decimal("3.85"))
