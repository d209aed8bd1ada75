"""An import between reading and applying (core/imports/review.py): the questions that
block it, the same transactions never counted twice (in one go or across imports), and
the user's answers applied to the figures."""

from decimal import Decimal

from core.imports import read_statement
from core.imports.result import Choices
from core.imports.review import Answers, applied_imports, marks_in, review
from tests.fixtures import hard, make
from tests.test_core_imports_archive import aes
from tests.test_core_imports_counting import alipay

# An Alipay bill of January to March, and the next export of the same account (February to
# April): the same order numbers where they overlap.
JAN_MAR = "支付宝账户：138****0000\r\n".encode("gbk") + alipay([
    ["2026-01-05 12:00:00", "餐饮美食", "美团", "外卖", "支出", "60.00"],
    ["2026-02-05 12:00:00", "餐饮美食", "美团", "外卖", "支出", "90.00"],
    ["2026-03-05 12:00:00", "餐饮美食", "美团", "外卖", "支出", "30.00"],
])  # fmt: skip


def _notes(rows: list[dict]) -> list[str]:
    return [row["note"] for row in rows]


def test_the_same_bill_as_a_csv_and_inside_its_zip_counts_once():
    csv = make.alipay_csv()
    zipped = aes({"支付宝交易明细.csv": csv}, "123456")
    one = read_statement("alipay.csv", csv)
    both = [one, read_statement("bill.zip", zipped, password="123456")]
    assert both[0].digest == both[1].digest  # the statement inside the zip is the same file
    r = review(both)
    assert r.combined.duplicates == len(one.transactions)  # every row of the second is a repeat: said
    assert (r.result.total_income, r.result.total_expense, r.result.months) == (
        one.total_income, one.total_expense, one.months)  # fmt: skip


def test_a_file_already_in_the_worksheet_is_left_out_and_its_account_replaced_not_added_twice():
    first = review([read_statement("jan-mar.csv", JAN_MAR)])
    assert first.ready and all("#" in note for note in _notes(first.rows))
    earlier = applied_imports(_notes(first.rows))
    assert len(earlier) == 1 and earlier[0].source == "alipay" and earlier[0].account == "138****0000"
    again = review([read_statement("jan-mar.csv", JAN_MAR)], applied=earlier)
    assert again.result is None and not again.ready  # the append button has nothing to apply
    assert [index for index, _ in again.already] == [0]
    # The next export of the same account, overlapping by two months: it replaces the rows of
    # the first (a monthly budget would count the account twice), and says the repeats.
    later = JAN_MAR.replace(b"2026-01-05", b"2026-04-05")
    nxt = review([read_statement("feb-apr.csv", later)], applied=earlier)
    assert nxt.ready and [a.digest for a in nxt.replaces] == [earlier[0].digest]
    assert nxt.repeats == 2  # February and March were in the first import's dates
    assert not nxt.keep_row(first.rows[0]["note"]) and nxt.keep_row("工资 (typed by hand)")
    assert marks_in(first.rows[0]["note"]) == {earlier[0].digest}


def test_a_statement_in_another_currency_is_left_out_until_its_rate_is_given():
    usd = read_statement("us.csv", hard.usd_statement_csv())
    r = review([usd])
    assert [(q.kind, q.currency) for q in r.questions] == [("rate", "USD")] and not r.ready
    r = review([usd], Answers(rates={"USD": Decimal("7.1")}))
    assert r.ready and (r.result.total_income, r.result.total_expense) == (2_982_000, 1_065_000)
    unsaid = read_statement("us.csv", hard.usd_statement_csv(say_currency=False))
    assert [q.kind for q in review([unsaid]).questions] == ["currency"]
    assert review([unsaid], Answers(currencies={0: "CNY"})).ready  # the user says it is in yuan
    together = review([usd, read_statement("cny.csv", hard.partial_month_csv())])
    assert together.files == [1] and not together.ready  # never added to yuan unasked


def test_which_way_round_and_the_date_order_block_applying_until_answered():
    r = review([read_statement("x.csv", hard.unsure_direction_csv())])
    assert [q.kind for q in r.questions] == ["direction"] and not r.ready
    answered = read_statement("x.csv", hard.unsure_direction_csv(), choices=Choices(money_out="positive"))
    assert review([answered]).ready


def test_the_users_answers():
    own = read_statement("明细.csv", hard.own_moves_csv())
    assert review([own], Answers(count_own=True)).result.total_expense == 290_000 + 530_000
    channels = read_statement("流水.csv", hard.channel_rows_csv())
    named = review([channels], Answers(categories={"某某贸易有限公司": "购物"}))
    assert named.result.monthly_by_category()["购物"] == ("expense", 90_000)
    assert [tx.key for tx in named.one_off_candidates] == [(0, 6)]
    kept = review([channels], Answers(one_offs=frozenset()))  # the user says the 50,000.00 recurs
    assert all(row["frequency"] == "monthly" for row in kept.rows)
    partial = read_statement("流水.csv", hard.partial_month_csv())
    left = review([partial], Answers(leave_partial=True))
    assert left.partial_left_out and left.result.months == 1
    assert (left.result.total_income, left.result.total_expense) == (500_000, 20_000)


def test_a_budget_sheet_is_applied_once():
    sheet = read_statement("预算.xlsx", hard.budget_words_xlsx())
    first = review([sheet])
    assert first.ready and len(first.rows) == 5
    again = review([read_statement("预算.xlsx", hard.budget_words_xlsx())], applied=applied_imports(_notes(first.rows)))
    assert not again.ready and [i for i, _ in again.already] == [0]


# --- found walking the app and in review -----------------------------------------------------
def _alipay_account(account: str, rows: list[list[str]]) -> bytes:
    return f"支付宝账户：{account}\r\n".encode("gbk") + alipay(rows)


def test_replacing_one_account_of_an_import_read_together_keeps_the_others_rows():
    a = _alipay_account("138****0001", [["2026-01-05 12:00:00", "餐饮美食", "美团", "外卖", "支出", "300.00"]])
    b = _alipay_account("139****0002", [["2026-01-06 12:00:00", "日用百货", "某店", "日用", "支出", "1000.00"]])
    first = review([read_statement("a.csv", a), read_statement("b.csv", b)])
    assert {row["note"].split("#")[1][:8] for row in first.rows} == {m.digest for m in first.marks}  # a mark each
    newer = _alipay_account("138****0001", [["2026-02-05 12:00:00", "餐饮美食", "美团", "外卖", "支出", "500.00"]])
    nxt = review([read_statement("a2.csv", newer)], applied=applied_imports(_notes(first.rows)))
    kept = [row for row in first.rows if nxt.keep_row(row)]
    assert [row["amount"] for row in kept] == [1000.0]  # account B's line stays; A's earlier line is replaced


def test_a_one_off_of_the_earlier_statement_outside_the_new_ones_months_stays():
    earlier = review([read_statement("feb-mar.csv", "账号：6222****0001\n交易日期,摘要,交易金额,对方户名\n"
                     "2026-02-01,代发工资,9000.00,某公司\n2026-02-12,转账汇款,-30000.00,某装修公司\n"
                     "2026-03-01,代发工资,9000.00,某公司\n".encode())])  # fmt: skip
    one_off = next(row for row in earlier.rows if row["frequency"] == "one_off")
    later = review([read_statement("mar-apr.csv", "账号：6222****0001\n交易日期,摘要,交易金额,对方户名\n"
                   "2026-03-01,代发工资,9000.00,某公司\n2026-04-01,代发工资,9000.00,某公司\n".encode())],
                   applied=applied_imports(_notes(earlier.rows)))  # fmt: skip
    assert later.replaces and later.keep_row(one_off)  # February's 30,000.00 is not in March to April
    assert not later.keep_row(next(row for row in earlier.rows if row["frequency"] == "monthly"))


def test_a_file_already_applied_comes_back_when_uploaded_with_another_of_its_account():
    first = review([read_statement("jan-mar.csv", JAN_MAR)])
    later = JAN_MAR.replace(b"2026-01-05", b"2026-04-05")
    both = review([read_statement("jan-mar.csv", JAN_MAR), read_statement("feb-apr.csv", later)],
                  applied=applied_imports(_notes(first.rows)))  # fmt: skip
    assert both.already == [] and both.files == [0, 1] and both.replaces  # read together, the earlier rows replaced


def test_the_user_can_import_a_file_again_to_answer_anew():
    first = review([read_statement("jan-mar.csv", JAN_MAR)])
    earlier = applied_imports(_notes(first.rows))
    again = review([read_statement("jan-mar.csv", JAN_MAR)], Answers(reimport=frozenset({earlier[0].digest})), earlier)
    assert again.ready and [a.digest for a in again.replaces] == [earlier[0].digest]


def test_the_same_card_bill_with_or_without_its_title_lines_is_the_same_import():
    titled = hard.card_titled_csv()
    bare = titled.decode("gbk").split("\n", 3)[3].encode("gbk")  # the header and rows alone
    first = review([read_statement("账单.csv", titled)])
    assert first.ready
    again = review([read_statement("明细.csv", bare, choices=Choices(money_out="positive"))],
                   applied=applied_imports(_notes(first.rows)))  # fmt: skip
    assert again.result is None and [i for i, _ in again.already] == [0]


def test_a_file_with_an_open_question_is_left_out_until_answered():
    r = review([read_statement("x.csv", hard.unsure_direction_csv()), read_statement("own.csv", hard.own_moves_csv())])
    assert [q.kind for q in r.questions] == ["direction"] and r.files == [1] and not r.ready


def test_statements_whose_every_row_repays_credit_do_not_divide_by_zero():
    a = "交易日期,摘要,交易金额\n2026-01-05,信用卡还款,-1200.00\n".encode()
    b = "交易日期,摘要,交易金额\n2026-01-08,花呗还款,-300.00\n".encode()
    r = review([read_statement("a.csv", a), read_statement("b.csv", b)])
    assert r.result.debt_service() == [("信用卡", 120_000, 1), ("花呗", 30_000, 1)]


# --- what the import panel decides (the page only reads its widgets and draws) ---------------
def _tx(row: int, amount: int, neutral: str | None = None):
    import datetime as dt

    from core.imports.result import Transaction

    return Transaction(row, dt.date(2026, 1, row), amount, f"行{row}", "其他", neutral=neutral)


def test_several_files_are_imported_together_only_as_statements():
    from core.imports.result import ImportResult
    from core.imports.review import together

    bank, budget, alipay = (ImportResult("statement", "bank"), ImportResult("budget", "budget"),
                            ImportResult("statement", "alipay"))  # fmt: skip
    assert together([bank, budget, alipay]) == ([0, 2], [1])  # a budget sheet beside statements stands alone
    assert together([budget]) == ([0], [])  # on its own it is imported
    assert together([ImportResult("needs_mapping", ""), bank]) == ([1], [0])
    assert together([]) == ([], [])


def test_a_rate_is_asked_once_a_currency_naming_each_statement_in_it():
    from core.imports.review import foreign_currencies

    said = [("a.csv", "USD"), ("b.csv", "CNY"), ("c.csv", None), ("d.csv", "USD"), ("e.csv", "EUR")]
    assert foreign_currencies(said) == {"USD": ["a.csv", "d.csv"], "EUR": ["e.csv"]}
    assert list(foreign_currencies(said)) == ["USD", "EUR"]  # in the order the files came


def test_moves_to_the_holders_own_name_are_listed_with_their_totals_each_way():
    from core.imports.result import ImportResult
    from core.imports.review import own_moves

    result = ImportResult("statement", "bank", [_tx(1, -5_000, "holder"), _tx(2, -700), _tx(3, 2_000, "holder"),
                                                _tx(4, -1_000, "holder")])  # fmt: skip
    moves = own_moves(result)
    assert [tx.row for tx in moves.rows] == [1, 3, 4]
    assert (moves.out_total, moves.in_total) == (6_000, 2_000)
    assert own_moves(ImportResult("statement", "bank", [_tx(1, -700)])).rows == []


def test_names_given_come_first_among_the_rules_and_blank_answers_are_no_rule():
    from core.imports.review import rules_with_names

    rules = [{"keyword": "美团", "category": "餐饮"}]
    assert rules_with_names({"张三": "房租", "李四": None, "王五": ""}, rules) == [
        {"keyword": "张三", "category": "房租"},
        {"keyword": "美团", "category": "餐饮"},
    ]
    assert rules_with_names({}, rules) == rules


def test_the_names_asked_about_stay_and_grow_to_twelve_at_most():
    from core.imports.result import Uncategorised
    from core.imports.review import NAMES_ASKED, names_to_ask

    first = names_to_ask({}, [Uncategorised("张三", "expense", 300_000, 3), Uncategorised("李四", "income", 1_000, 1)])
    assert first == {"张三": {"direction": "expense", "total": 300_000, "count": 3},
                     "李四": {"direction": "income", "total": 1_000, "count": 1}}  # fmt: skip
    # named since (no longer uncategorised), 张三 is still asked; a name asked is never changed
    again = names_to_ask(first, [Uncategorised("李四", "income", 9, 9), Uncategorised("王五", "expense", 500, 2)])
    assert list(again) == ["张三", "李四", "王五"] and again["李四"]["total"] == 1_000
    many = names_to_ask({}, [Uncategorised(f"n{i}", "expense", 100, 1) for i in range(20)])
    assert len(many) == NAMES_ASKED == 12
    assert list(first) == ["张三", "李四"]  # the dict given is not changed in place


def test_answers_start_afresh_only_for_files_none_of_which_were_there_before():
    from core.imports.review import start_afresh

    assert start_afresh(("a",), ()) and start_afresh(("b", "c"), ("a",))
    assert not start_afresh(("a", "b"), ("a",))  # a file added: what was said about the first stays
    assert not start_afresh(("b",), ("a", "b"))  # a file taken away
    assert not start_afresh(("a",), ("a",)) and not start_afresh((), ())
