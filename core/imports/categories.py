"""Which transactions are neutral (not income or spending), and keyword rules for categories.

Rules are editable by the user (stored with the profile); these are the starting set,
in both languages. A rule is (keyword, category); the first rule whose keyword occurs in
a transaction's text decides its category.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.i18n import t

# Preset categories: key -> direction. Labels live in core/i18n.py as "cat.<key>".
PRESET_CATEGORIES = {
    "salary": "income",
    "other_income": "income",
    "from_people": "income",  # transfers and red packets from people: irregular, the user confirms
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
    ("自来水", "utilities"),
    ("水务", "utilities"),
    ("电力", "utilities"),
    ("中国联通", "utilities"),
    ("中国电信", "utilities"),
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
    ("便利店", "food"),
    ("罗森", "food"),
    ("盒马", "food"),
    ("叮咚", "food"),
    ("生鲜", "food"),
    ("水果", "food"),
    ("咖啡", "food"),
    ("奶茶", "food"),
    ("星巴克", "food"),
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
    ("石化", "transport"),
    ("石油", "transport"),
    ("停车", "transport"),
    ("高速", "transport"),
    ("携程", "transport"),
    ("飞猪", "transport"),
    ("火车票", "transport"),
    ("机票", "transport"),
    ("航空", "transport"),
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
    # Payment-channel rows (快捷支付, 网联协议支付, 银联快捷, 商户消费) name the merchant only
    # by its company: the companies behind the apps people pay most.
    ("三快", "food"),  # 北京三快在线科技有限公司: 美团
    ("拉扎斯", "food"),  # 拉扎斯网络科技: 饿了么
    ("钱大妈", "food"),
    ("永辉", "food"),
    ("沃尔玛", "food"),
    ("物美", "food"),
    ("华润万家", "food"),
    ("小象", "food"),
    ("朴朴", "food"),
    ("小桔", "transport"),  # 北京小桔科技: 滴滴
    ("嘀嗒", "transport"),
    ("哈啰", "transport"),
    ("高德", "transport"),
    ("曹操", "transport"),
    ("中铁", "transport"),
    ("寻梦", "shopping"),  # 上海寻梦信息技术: 拼多多
    ("三快科技", "food"),
    ("唯品会", "shopping"),
    ("抖音", "shopping"),
    ("快手", "shopping"),
    ("苏宁", "shopping"),
    ("网易云音乐", "entertainment"),
    ("网易严选", "shopping"),
    ("腾讯", "entertainment"),
    ("爱奇艺", "entertainment"),
    ("优酷", "entertainment"),
    ("哔哩哔哩", "entertainment"),
    ("供电", "utilities"),
    ("燃气", "utilities"),
    ("自来水", "utilities"),
    ("热力", "utilities"),
    ("移动通信", "utilities"),
    ("人寿", "insurance"),
    ("人保", "insurance"),
    ("太平洋保险", "insurance"),
    ("平安保险", "insurance"),
    ("社保", "insurance"),
    ("医保", "medical"),
    ("卫生院", "medical"),
    ("卫生服务", "medical"),
    ("诊所", "medical"),
    ("大药房", "medical"),
    ("学校", "education"),
)

# Text that marks a repayment of credit, or money borrowed: debt service, not a living cost
# or income. The debts themselves are on the Debts page, so counting their repayments as
# spending would count them twice. Alipay files them under 交易分类 "信用借还".
CREDIT_KEYWORDS = (
    "信用借还",
    "还款",
    "还本",
    "付息",
    "花呗",
    "借呗",
    "白条",
    "金条",
    "微粒贷",
    "放款",
    "借款到账",
    "贷款",
    "repayment",
    "credit card payment",
    "card payment",
    "loan payment",
    "loan disbursement",
    "mortgage payment",
)
BORROWED_KEYWORDS = ("放款", "借款到账", "loan disbursement")  # money in from a lender, not a repayment
# Who was repaid, as the Debts page would name it: the lender's product, else the bank.
LENDER_WORDS = ("花呗", "借呗", "白条", "金条", "微粒贷", "分期乐", "美团月付", "抖音月付", "安逸花", "招联", "网商贷",
                "度小满", "360借条")  # fmt: skip
BANKS = {  # what a statement says -> the short name people use (招行信用卡)
    "招商银行": "招行",
    "招行": "招行",
    "工商银行": "工行",
    "工行": "工行",
    "建设银行": "建行",
    "建行": "建行",
    "农业银行": "农行",
    "农行": "农行",
    "中国银行": "中行",
    "中行": "中行",
    "交通银行": "交行",
    "交行": "交行",
    "邮储": "邮储",
    "邮政储蓄": "邮储",
    "浦发": "浦发",
    "中信": "中信",
    "光大": "光大",
    "民生": "民生",
    "兴业": "兴业",
    "平安银行": "平安",
    "广发": "广发",
    "华夏": "华夏",
}
# Money received from people (not an employer): irregular income the user confirms.
FROM_PEOPLE_KEYWORDS = ("转账", "红包", "群收款", "收款码", "transfer from", "zelle", "venmo", "paypal")
# Text that marks a move of one's own money between accounts and wallets.
NEUTRAL_KEYWORDS = (
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
    "transfer to own",
    "own account",
    "internal transfer",
)
# Money back for something bought (a return, a refund): it lowers spending, never income.
# A reversal (冲账, 冲正) returns a debit the bank took back: money back, the same way.
REFUND_KEYWORDS = ("退款", "退货", "退费", "冲账", "冲正", "refund", "reversal")
CLOSED_STATUS = ("关闭", "失败", "已全额退款", "对方已退还", "已撤销", "closed", "failed", "cancel")


def category_label(key: str, lang: str) -> str:
    return t(f"cat.{key}", lang)


def default_rules(lang: str) -> list[dict]:
    """The starting rules with category names in the user's language."""
    return [{"keyword": k, "category": category_label(c, lang)} for k, c in DEFAULT_RULES]


def category_choices(direction: str, rules: Iterable[dict], lang: str) -> list[str]:
    """The categories offered for a name no rule named ("income" or "expense"): the preset
    ones of that direction, then those of the user's own rules, each once; never "other"
    (naming it is what the question is for)."""
    presets = [category_label(k, lang) for k, d in PRESET_CATEGORIES.items() if d == direction]
    own = [str(r.get("category") or "").strip() for r in rules]
    others = {category_label("other", lang), category_label("other_income", lang)}
    return [c for c in dict.fromkeys([*presets, *own]) if c and c not in others]


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
    """Why a transaction is neither income nor spending: "closed" (cancelled, refunded),
    "debt" (a repayment of credit, or money borrowed), "transfer" (one's own money moved),
    or None when it counts."""
    lowered_status = status.lower()
    if any(word in lowered_status for word in CLOSED_STATUS):
        return "closed"
    lowered = text.lower()
    if any(word in lowered for word in CREDIT_KEYWORDS):
        return "debt"
    if any(word in lowered for word in NEUTRAL_KEYWORDS):
        return "transfer"
    return None


def is_refund(text: str) -> bool:
    """Money in that reads as a refund or a return of goods."""
    lowered = text.lower()
    return any(word in lowered for word in REFUND_KEYWORDS)


def borrowed(text: str) -> bool:
    """Credit text that reads as money received from a lender rather than paid to one."""
    lowered = text.lower()
    return any(word in lowered for word in BORROWED_KEYWORDS)


def from_people(text: str) -> bool:
    """Money in that reads as a transfer or red packet from a person."""
    lowered = text.lower()
    return any(word in lowered for word in FROM_PEOPLE_KEYWORDS)


def credit_lender(text: str) -> str:
    """The lender a repayment went to, as the Debts page would name it ("借呗", "招行信用卡"),
    or "" when the text does not say."""
    for word in LENDER_WORDS:
        if word in text:
            return word
    card = "信用卡" in text or "credit card" in text.lower()
    for word, short in BANKS.items():
        if word in text:
            return short + ("信用卡" if card else "")
    return "信用卡" if card else ""


def _aliases(lender: str) -> set[str]:
    """The words that name this lender in a debt's name: 招行 also as 招商银行."""
    base = lender.removesuffix("信用卡") or lender
    return {base} | {long for long, short in BANKS.items() if short == base}


def missing_lenders(lenders: list[str], debt_texts: list[str]) -> list[str]:
    """The lenders repaid in a statement that no debt on the Debts page names (a debt named
    "招行信用卡" or with lender "招商银行" covers 招行 and 招行信用卡)."""
    missing = []
    for lender in lenders:
        if not lender or lender in missing:
            continue
        if not any(alias in text for alias in _aliases(lender) for text in debt_texts):
            missing.append(lender)
    return missing
