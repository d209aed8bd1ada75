"""Which transactions are neutral (not income or spending), and keyword rules for categories.

Rules are editable by the user (stored with the profile); these are the starting set,
in both languages. A rule is (keyword, category); the first rule whose keyword occurs in
a transaction's text decides its category.
"""

from __future__ import annotations

from core.i18n import t

# Preset categories: key -> direction. Labels live in core/i18n.py as "cat.<key>".
PRESET_CATEGORIES = {
    "salary": "income",
    "other_income": "income",
    "rent": "expense",
    "utilities": "expense",
    "food": "expense",
    "transport": "expense",
    "shopping": "expense",
    "medical": "expense",
    "education": "expense",
    "childcare": "expense",
    "insurance": "expense",
    "entertainment": "expense",
    "family": "expense",
    "other": "expense",
}
FIXED_CATEGORIES = {"rent", "utilities", "insurance", "education", "childcare"}

DEFAULT_RULES: tuple[tuple[str, str], ...] = (
    ("工资", "salary"),
    ("薪", "salary"),
    ("salary", "salary"),
    ("payroll", "salary"),
    ("房租", "rent"),
    ("租金", "rent"),
    ("物业", "rent"),
    ("rent", "rent"),
    ("电费", "utilities"),
    ("水费", "utilities"),
    ("燃气", "utilities"),
    ("国家电网", "utilities"),
    ("话费", "utilities"),
    ("宽带", "utilities"),
    ("中国移动", "utilities"),
    ("utility", "utilities"),
    ("美团", "food"),
    ("饿了么", "food"),
    ("餐", "food"),
    ("外卖", "food"),
    ("肯德基", "food"),
    ("麦当劳", "food"),
    ("瑞幸", "food"),
    ("超市", "food"),
    ("菜", "food"),
    ("restaurant", "food"),
    ("grocery", "food"),
    ("food", "food"),
    ("滴滴", "transport"),
    ("地铁", "transport"),
    ("公交", "transport"),
    ("加油", "transport"),
    ("12306", "transport"),
    ("铁路", "transport"),
    ("出行", "transport"),
    ("taxi", "transport"),
    ("uber", "transport"),
    ("fuel", "transport"),
    ("淘宝", "shopping"),
    ("天猫", "shopping"),
    ("京东", "shopping"),
    ("拼多多", "shopping"),
    ("amazon", "shopping"),
    ("医院", "medical"),
    ("药", "medical"),
    ("诊所", "medical"),
    ("hospital", "medical"),
    ("pharmacy", "medical"),
    ("学费", "education"),
    ("培训", "education"),
    ("tuition", "education"),
    ("幼儿园", "childcare"),
    ("托管", "childcare"),
    ("保险", "insurance"),
    ("insurance", "insurance"),
    ("电影", "entertainment"),
    ("游戏", "entertainment"),
    ("会员", "entertainment"),
    ("cinema", "entertainment"),
    ("netflix", "entertainment"),
)

# Text that marks a move of one's own money or a debt repayment (the debts themselves are
# in the debt list, so counting their repayments as spending would count them twice).
NEUTRAL_KEYWORDS = (
    "信用卡还款",
    "还款",
    "转账到本人",
    "本人账户",
    "余额宝",
    "零钱通",
    "理财",
    "基金申购",
    "基金赎回",
    "提现",
    "零钱充值",
    "余额充值",
    "转入零钱",
    "余额转",
    "credit card payment",
    "card payment",
    "repayment",
    "transfer to own",
    "own account",
    "internal transfer",
)
CLOSED_STATUS = ("关闭", "失败", "已全额退款", "对方已退还", "已撤销", "closed", "failed", "cancel")


def category_label(key: str, lang: str) -> str:
    return t(f"cat.{key}", lang)


def default_rules(lang: str) -> list[dict]:
    """The starting rules with category names in the user's language."""
    return [{"keyword": k, "category": category_label(c, lang)} for k, c in DEFAULT_RULES]


def direction_of(category: str) -> str | None:
    """'income' or 'expense' for a preset category label in either language."""
    for key, direction in PRESET_CATEGORIES.items():
        if category in (category_label(key, "zh"), category_label(key, "en")):
            return direction
    return None


def is_fixed(category: str) -> bool:
    return any(category in (category_label(k, "zh"), category_label(k, "en")) for k in FIXED_CATEGORIES)


class Categorizer:
    """The rules prepared once: ``categorizer(text, fallback)`` is the category of the first
    rule whose keyword occurs in the text (case-insensitive), else the fallback."""

    def __init__(self, rules: list[dict]):
        self.rules = []
        for rule in rules:
            keyword = str(rule.get("keyword") or "").strip().lower()
            if keyword:
                self.rules.append((keyword, str(rule.get("category") or "").strip()))

    def __call__(self, text: str, fallback: str) -> str:
        lowered = text.lower()
        for keyword, category in self.rules:
            if keyword in lowered:
                return category or fallback
        return fallback


def neutral_reason(text: str, status: str) -> str | None:
    lowered_status = status.lower()
    if any(word in lowered_status for word in CLOSED_STATUS):
        return "closed"
    lowered = text.lower()
    if any(word in lowered for word in NEUTRAL_KEYWORDS):
        return "transfer"
    return None
