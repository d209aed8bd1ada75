"""Keyword rules for imported transactions, and what counts as neither income nor spending."""

from core.imports.categories import Categorizer, default_rules, direction_of, is_fixed, neutral_reason


def test_first_matching_rule_wins_case_insensitively():
    cat = Categorizer([{"keyword": "KFC", "category": "快餐"}, {"keyword": "kf", "category": "别的"}, {"keyword": " "}])
    assert cat("kfc 上海店", "其他") == "快餐"
    assert cat("滴滴出行", "其他") == "其他"


def test_a_rule_with_no_category_falls_back():
    assert Categorizer([{"keyword": "x", "category": ""}])("x", "其他") == "其他"


def test_default_rules_in_both_languages():
    zh, en = Categorizer(default_rules("zh")), Categorizer(default_rules("en"))
    assert direction_of(zh("XX公司 工资", "?")) == "income"
    assert direction_of(en("Payroll ACME", "?")) == "income"
    assert direction_of(en("美团外卖", "?")) == "expense"
    assert is_fixed(zh("房租 11月", "?")) and not is_fixed(zh("美团外卖", "?"))
    assert direction_of("not a preset") is None


def test_neutral_transactions():
    assert neutral_reason("信用卡还款", "交易成功") == "debt"  # debt service, matched with the Debts page
    assert neutral_reason("信用借还 蚂蚁借呗 借呗-还本付息", "交易成功") == "debt"
    assert neutral_reason("借呗 放款", "交易成功") == "debt"  # money borrowed is not income either
    assert neutral_reason("信用卡还款", "交易关闭") == "closed"
    assert neutral_reason("Internal transfer to savings", "") == "transfer"
    assert neutral_reason("淘宝购物", "交易关闭") == "closed"
    assert neutral_reason("淘宝购物", "交易成功") is None


def test_a_keyword_inside_another_english_word_is_not_named():
    """The statement rules read words as the worksheet does (core.vocabulary): "rent" is not
    inside "parents", "repayment" not inside "prepayment"."""
    en = Categorizer(default_rules("en"))
    assert en("Help from parents", "?") == "?" and en("Rent March", "?") == "Rent & service charge"
    assert en("Seafood market", "?") == "?" and en("food hall", "?") == "Food & groceries"
    assert neutral_reason("prepayment of invoice", "") is None and neutral_reason("Loan repayment", "") == "debt"
    assert neutral_reason("x", "Cancelled") == "closed"  # a stem: where a word starts


def test_the_categories_offered_for_a_name_are_the_presets_then_the_users_own_never_other():
    from core.imports.categories import category_choices, category_label

    rent = category_label("rent", "zh")
    rules = [{"keyword": "张三", "category": f" {rent} "}, {"keyword": "x", "category": "家教"}, {"keyword": "y"},
             {"keyword": "z", "category": category_label("other", "zh")}]  # fmt: skip
    offered = category_choices("expense", rules, "zh")
    assert offered[-1] == "家教" and rent in offered and offered.count(rent) == 1  # a preset named again: once
    assert category_label("other", "zh") not in offered and "" not in offered
    assert category_label("salary", "zh") not in offered  # income categories are not offered for spending
    assert category_label("salary", "en") in category_choices("income", [], "en")
    assert category_label("other_income", "en") not in category_choices("income", [], "en")
