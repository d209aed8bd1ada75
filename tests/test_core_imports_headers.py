"""A statement header's words: a column found by any of its names, written in either
bracket width, with spaces, in any case, with its unit in brackets or without."""

from core.imports.headers import AMOUNT_HEADERS, DATE_HEADERS, find, find_named, header_of, norm


def test_norm_writes_a_header_cell_one_way():
    assert norm(" 金额（元） ") == "金额(元)"
    assert norm("Transaction Date") == "transactiondate"
    assert norm(None) == ""


def test_a_column_found_by_its_name_with_or_without_its_unit():
    assert find(["交易日期", "摘要", "金额（人民币）"], AMOUNT_HEADERS) == 2
    assert find(["Posting Date", "Amount (USD)"], DATE_HEADERS) == 0
    assert find(["Posting Date", "Amount (USD)"], AMOUNT_HEADERS) == 1
    assert find(["Date", "Amount (XYZ)"], AMOUNT_HEADERS) is None  # not a unit: another name
    assert find(["Date"], AMOUNT_HEADERS) is None


def test_the_first_name_in_the_list_wins_over_the_first_column():
    assert find(["日期", "交易时间"], DATE_HEADERS) == 1  # 交易时间 comes before 日期 in the list


def test_a_layouts_column_is_either_of_its_names():
    assert find_named(["交易日", "存入金额"], "存入|存入金额") == 1
    assert find_named(["交易日"], None) is None


def test_a_header_row_as_the_user_sees_it():
    assert header_of([" Date ", None, 12, ""]) == ["Date", "", "12", ""]
