"""Recording payments: "paid as agreed" records what is still due for the month open and
nothing once this month is paid; the same payment on the same day is found; a statement
row already in the table is never added again; a typed payment takes the statement's reference."""

import datetime as dt
from decimal import Decimal

import pandas as pd

from core.profiles.profile import normalize_section
from core.tracking.payments import as_agreed, duplicate_of, payment_row, with_link, with_rows
from core.tracking.progress import progress
from tests.fixtures.tracking import PAYMENTS, household


def lender(h, debt, day):
    return next(lp for lp in progress(h, day).lenders if lp.debt == debt)


def test_paid_as_agreed_records_what_is_still_due_and_nothing_twice():
    h = household()
    row = as_agreed(lender(h, "借呗", dt.date(2027, 4, 20)), dt.date(2027, 4, 20))
    assert row == {
        "debt": "借呗",
        "date": "2027-04-20",
        "amount": Decimal("500.00"),
        "source": "as_agreed",
        "ref": None,
        "balance": None,
        "note": None,
    }  # fmt: skip  (April was short by 500)
    # The card's April is paid: May is not due yet this month.
    assert as_agreed(lender(h, "招行信用卡", dt.date(2027, 4, 25)), dt.date(2027, 4, 25)) is None
    assert as_agreed(lender(h, "招行信用卡", dt.date(2027, 5, 2)), dt.date(2027, 5, 2))["amount"] == Decimal("500.00")


def test_the_same_amount_to_the_same_lender_on_the_same_day_is_already_recorded():
    h = household()
    assert duplicate_of(h.payments, "借呗", dt.date(2027, 4, 10), 150_000).row == 3
    assert duplicate_of(h.payments, "借呗", dt.date(2027, 4, 10), 100_000) is None
    assert duplicate_of(h.payments, "招行信用卡", dt.date(2027, 4, 10), 150_000) is None


def test_statement_rows_are_added_once_and_a_typed_payment_takes_the_reference():
    frame = normalize_section("payments", pd.DataFrame(PAYMENTS))[0]
    rows = [payment_row("借呗", dt.date(2027, 5, 9), 100_000, "statement", "st:a"),
            payment_row("借呗", dt.date(2027, 5, 9), 100_000, "statement", "st:card-jan")]  # fmt: skip
    out = with_rows(frame, rows)
    assert len(out) == len(PAYMENTS) + 1 and out["ref"].iloc[-1] == "st:a"  # st:card-jan is in already
    assert with_rows(out, rows) is out
    linked = with_link(frame, 2, "st:b")
    assert linked["ref"].iloc[1] == "st:b" and pd.isna(frame["ref"].iloc[1])  # the table given is not changed
    assert normalize_section("payments", out)[1] == []
