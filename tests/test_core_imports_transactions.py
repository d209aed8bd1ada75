"""A statement's transactions: every format the app reads (docs/formats.md), malformed rows collected by
their line number, what a file leaves open (a direction column, decimal commas, the order
of its dates) read or asked."""

import pytest

from core.imports import read_statement
from core.imports.result import Choices
from tests.fixtures import hard, make


def test_alipay_gbk_csv_with_metadata_and_padding():
    r = read_statement("alipay.csv", make.alipay_csv())
    assert (r.kind, r.source) == ("statement", "alipay")
    assert len(r.transactions) == 6 and r.neutral_count == 2  # 不计收支 + 交易关闭
    assert r.total_income == 800_000 and r.total_expense == 337_650  # matches the export's own summary
    assert r.months == 3
    by_cat = r.monthly_by_category()
    assert by_cat["工资"] == ("income", 266_667)  # 8,000 / 3 months
    closed = next(t for t in r.transactions if t.neutral == "closed")
    assert closed.amount == -34_000


def test_wechat_xlsx_with_yen_signs_and_neutral_slash():
    r = read_statement("wechat.xlsx", make.wechat_xlsx())
    assert r.source == "wechat"
    assert r.neutral_count == 1  # credit-card repayment, 收/支 "/"
    assert r.total_expense == 15_816 and r.total_income == 20_000
    assert r.months == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_bank_signed_amounts_thousands_and_compact_dates(encoding):
    r = read_statement("bank.csv", make.bank_signed_csv(encoding))
    assert r.source == "bank"
    assert r.total_income == 2_400_000
    assert r.total_expense == 416_700  # the 信用卡还款 row is neutral
    assert r.neutral_count == 1 and r.months == 2


def test_bank_xls_legacy_format_with_excel_dates():
    data = make.bank_xls()
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # a real BIFF/OLE file, not a renamed CSV
    r = read_statement("明细.xls", data)
    assert (r.kind, r.source) == ("statement", "bank")
    assert r.total_income == 1_900_000
    assert r.total_expense == 403_450  # the transfer between own accounts is neutral
    assert r.neutral_count == 1 and r.months == 2
    assert [(e.row, e.field) for e in r.errors] == [(10, "date")]  # 2026-06-31, row 10 of the sheet


def test_bank_debit_credit_columns_and_us_dates():
    r = read_statement("statement.csv", make.bank_debit_credit_csv())
    assert r.source == "bank"
    assert r.total_income == 840_000 and r.total_expense == 158_520
    assert r.transactions[0].date.isoformat() == "2026-03-01"


def test_bad_rows_are_collected_by_row_number():
    data = (
        "交易日期,摘要,交易金额\n20260301,ok,-10.00\n2026-13-45,bad date,-5\n20260302,bad amount,abc\n"
        "20260303,nan,nan\n20260304,inf,inf\n20260305,huge,1e308\n20260306,fine,-1,234.00\n"
    ).encode()
    r = read_statement("bank.csv", data)
    rows = sorted(e.row for e in r.errors)
    assert rows == [3, 4, 5, 6, 7]
    assert all(e.message("zh") and e.message("en") for e in r.errors)
    assert len(r.transactions) == 2


def test_a_file_with_decimal_commas_an_af_bij_column_and_a_long_preamble():
    from core.imports import Mapping

    data = hard.decimal_comma_csv()
    r = read_statement("ing.csv", data)  # recognised by its header, 30 lines down
    assert (r.header_row, r.currency, r.errors) == (30, "EUR", [])
    assert [tx.amount for tx in r.transactions] == [235_075, -110_000, -4_525]
    assert [tx.date.isoformat() for tx in r.transactions] == ["2026-03-25", "2026-04-01", "2026-04-13"]
    mapped = read_statement("ing.csv", data, header_row=30, mapping=Mapping(
        date="Datum", amount="Bedrag (EUR)", direction="Af Bij", description="Naam / Omschrijving"))  # fmt: skip
    assert [tx.amount for tx in mapped.transactions] == [235_075, -110_000, -4_525]
    as_points = read_statement("ing.csv", data, choices=Choices(decimal_comma=False))  # the user said otherwise
    assert as_points.errors or [tx.amount for tx in as_points.transactions] != [235_075, -110_000, -4_525]


@pytest.mark.parametrize(("word_out", "word_in"), [("D", "C"), ("借", "贷"), ("支", "收"), ("Debit", "Credit"),
                                                   ("Af", "Bij"), ("支出", "收入")])  # fmt: skip
def test_a_mapped_direction_column(word_out, word_in):
    from core.imports import Mapping

    data = f"When,What,Sum,Way\n2026-03-01,Pay,100.00,{word_in}\n2026-03-02,Coffee,3.50,{word_out}\n".encode()
    r = read_statement("x.csv", data, mapping=Mapping(date="When", amount="Sum", direction="Way", description="What"))
    assert [tx.amount for tx in r.transactions] == [10_000, -350]


def test_dates_that_read_both_ways_are_asked_and_read_as_answered():
    from core.imports import Mapping

    mapping = Mapping(date="When", amount="How much", description="What")
    r = read_statement("x.csv", hard.ambiguous_dates_csv(), mapping=mapping)
    assert r.date_order_unsure
    assert [tx.date.isoformat() for tx in r.transactions] == ["2026-05-03", "2026-06-03"]  # shown as read, asked
    r = read_statement("x.csv", hard.ambiguous_dates_csv(), mapping=mapping, choices=Choices(date_order="dmy"))
    assert not r.date_order_unsure
    assert [tx.date.isoformat() for tx in r.transactions] == ["2026-03-05", "2026-03-06"]
    settled = b"When,What,How much\n05/03/2026,Coffee,-3.50\n25/03/2026,Pay,100.00\n"
    r = read_statement("x.csv", settled, mapping=mapping)  # a day above 12 settles it: not asked
    assert not r.date_order_unsure and r.transactions[0].date.isoformat() == "2026-03-05"


def test_an_absurd_exponent_or_year_is_a_row_error_not_a_crash():
    data = "交易日期,摘要,交易金额\n2026-03-01,工资,5000.00\n2026-03-02,超市,1e999999999\n2062-02-07,超市,-20.00\n" \
           "0001-01-01,退款,20.00\n2026-03-03,超市,-30.00\n"  # fmt: skip
    r = read_statement("x.csv", data.encode())
    assert [(e.row, e.code) for e in r.errors] == [(3, "err.bad_amount"), (4, "err.date_range"), (5, "err.date_range")]
    assert (r.total_income, r.total_expense, r.months) == (500_000, 3_000, 1)  # a typed 2062 spreads nothing


def test_a_uk_statement_with_paid_out_and_paid_in():
    data = b"Date,Description,Paid out,Paid in,Balance\n2026-03-01,SALARY,,2500.00,2600.00\n2026-03-02,RENT,900.00,,1700.00\n"
    r = read_statement("uk.csv", data)
    assert r.kind == "statement" and (r.total_income, r.total_expense) == (250_000, 90_000)
