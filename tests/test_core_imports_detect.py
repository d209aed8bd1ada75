"""Which kind of file a statement is, and where its header is."""

from core.imports import read_statement
from core.imports.detect import HEADER_SCAN, detect, guess_header


def test_another_bank_with_cebs_columns_is_read_as_a_bank_statement_with_its_memo():
    data = (
        "浙江某某商业银行 账户明细\n交易日期,交易时间,支出金额,存入金额,账户余额,对方账号,对方户名,摘要,附言\n"
        "2026-03-05,10:00:00,,6600.00,6700.00,1,某某有限公司,代发,工资\n"
        "2026-03-06,10:00:00,2400.00,,4300.00,2,陈建国,转账,3月房租\n"
    ).encode()
    r = read_statement("明细.csv", data)
    assert r.source == "bank"  # not 光大银行: its columns are not CEB's alone
    assert r.monthly_by_category()["房租/物业"] == ("expense", 240_000)  # 附言 "3月房租" read


def test_each_kind_of_file_by_its_header_and_where_the_header_is():
    title = [["微信支付账单明细"], ["微信昵称：[张三]"], []]
    wechat = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态"]
    alipay = ["交易时间", "交易分类", "交易对方", "商品说明", "收/支", "金额", "收/付款方式", "交易状态"]
    assert detect([*title, wechat]) == ("wechat", 3)
    assert detect([alipay]) == ("alipay", 0)
    assert detect([["Date", "Description", "Amount"]]) == ("bank", 0)
    assert detect([["日期", "摘要", "支出", "收入"]]) == ("bank", 0)  # money out and in: a bank's pair
    assert detect([["类别", "金额", "频率"]]) == ("budget", 0)  # no date column: a budget sheet
    assert detect([["When", "What", "How much"]]) is None  # asked for a mapping


def test_a_header_past_the_scanned_rows_is_not_found():
    header = ["Date", "Description", "Amount"]
    assert detect([*([["preamble", "line"]] * (HEADER_SCAN - 1)), header]) == ("bank", HEADER_SCAN - 1)
    assert detect([*([["preamble", "line"]] * HEADER_SCAN), header]) is None


def test_the_header_offered_for_a_mapping_is_the_first_row_of_words():
    rows = [["Statement"], ["2026-03-01", "12.50"], ["When", "What", "How much"], ["2026-03-01", "Pay", "100"]]
    assert guess_header(rows) == 2
    assert guess_header([["1", "2"], ["3", "4"]]) == 0  # no row of words: the first
