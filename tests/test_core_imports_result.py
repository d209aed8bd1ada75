"""What an import counts (core/imports/result.py): totals that are the sums of their
categories, payment-channel rows by their counterparty, one-offs and unnamed amounts to
ask about, months a statement covers, another currency, the worksheet rows it makes."""

from decimal import Decimal

from core.imports import read_statement
from tests.fixtures import banks, hard


def _sum_of_lines(rows: list[dict], direction: str) -> Decimal:
    return sum((Decimal(str(r["amount"])) for r in rows if r["direction"] == direction and r["frequency"] == "monthly"),
               Decimal(0))  # fmt: skip


def test_totals_are_the_sums_of_their_categories_even_below_nothing():
    r = read_statement("流水.csv", hard.refunds_exceed_csv())
    by = r.category_totals()
    assert by["其他"] == ("expense", -20_000)  # clothes returned exceed clothes bought
    assert r.total_expense == 50_000 - 20_000 == sum(v for d, v in by.values() if d == "expense")
    rows = r.worksheet_rows("zh")
    assert _sum_of_lines(rows, "expense") * 100 == r.total_expense  # the worksheet says the same figure


def test_payment_channel_rows_are_categorised_by_their_counterparty():
    r = read_statement("流水.csv", hard.channel_rows_csv(), lang="zh")
    by = {tx.row: tx.category for tx in r.transactions}
    assert by[4] == by[9] == by[11] == "餐饮/买菜"  # 快捷支付 to 北京三快在线 (美团)
    assert by[5] == by[10] == "交通"  # 网联协议支付 to 北京小桔科技 (滴滴)


def test_a_large_single_outflow_is_a_one_off_to_confirm_not_a_monthly_cost():
    r = read_statement("流水.csv", hard.channel_rows_csv(), lang="zh")
    assert r.months == 2  # the header's period, 2026-03-01 to 2026-04-30
    assert [(tx.row, tx.amount) for tx in r.one_off_candidates()] == [(6, -5_000_000)]
    rows = r.worksheet_rows("zh")
    one_off = [row for row in rows if row["frequency"] == "one_off"]
    assert one_off == [{"category": "其他", "direction": "expense", "kind": "variable", "amount": 50_000.0,
                        "frequency": "one_off", "month": "2026-03", "note": one_off[0]["note"]}]  # fmt: skip
    assert "某某装修公司" in one_off[0]["note"]
    monthly_other = next(row for row in rows if row["category"] == "其他" and row["frequency"] == "monthly")
    assert monthly_other["amount"] == 900.0  # 1,800.00 over two months; the 50,000.00 is not averaged in
    kept = r.worksheet_rows("zh", one_offs=frozenset())  # the user says it recurs
    assert next(row for row in kept if row["category"] == "其他")["amount"] == 25_900.0
    salaries = read_statement("流水.csv", hard.channel_rows_csv()).one_off_candidates()
    assert all(tx.category != "工资" for tx in salaries)  # a salary is never a one-off


def test_the_largest_amounts_no_rule_named_are_listed_to_ask_about():
    r = read_statement("流水.csv", hard.channel_rows_csv(), lang="zh")
    assert [(u.name, u.direction, u.total, u.count) for u in r.uncategorised()] == [
        ("某某装修公司", "expense", 5_000_000, 1), ("某某贸易有限公司", "expense", 180_000, 1)]  # fmt: skip


def test_months_follow_the_period_a_statement_says_it_covers():
    card = read_statement("建行.eml", banks.ccb_credit_eml())
    assert card.stated is not None and card.months == 1  # one cycle, 11-24 to 12-23, over two calendar months
    assert read_statement("流水.csv", hard.partial_month_csv()).months == 3  # no period said: calendar months
    partial = read_statement("流水.csv", hard.partial_month_csv())
    whole = partial.without_months({p.month for p in partial.partial})  # the months covered in part left out
    assert whole.months == 1 and whole.total_income == 500_000 and whole.total_expense == 20_000


def test_a_statement_in_another_currency_is_converted_only_at_the_users_rate():
    r = read_statement("statement.csv", hard.usd_statement_csv())
    assert (r.currency, r.currency_said) == ("USD", True)
    yuan = r.in_yuan(Decimal("7.1234"))
    assert yuan.currency == "CNY"
    assert (yuan.total_income, yuan.total_expense) == (2_991_828, 1_068_510)  # 4,200 × 7.1234; 1,500 × 7.1234
    unsaid = read_statement("statement.csv", hard.usd_statement_csv(say_currency=False))
    assert (unsaid.currency, unsaid.currency_said) == ("", False)  # not assumed to be yuan: asked


def test_a_budget_sheet_reads_kind_and_direction_from_its_words():
    r = read_statement("预算.xlsx", hard.budget_words_xlsx())
    kinds = {row["category"]: (row["direction"], row["kind"]) for row in r.budget_rows}
    assert kinds == {"工资": ("income", "fixed"), "房租": ("expense", "fixed"), "买菜吃饭": ("expense", "variable"),
                     "交通": ("expense", "variable"), "电费": ("expense", "fixed")}  # fmt: skip


def test_rows_read_against_lines_in_the_file():
    r = read_statement("流水.csv", hard.channel_rows_csv())
    assert (r.rows_read, r.lines) == (9, 11)  # nine rows under the period line and the header
