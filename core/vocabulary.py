"""The words read from a row: what a worksheet row, a debt or a statement's row says it is.

The worksheet and the Debts page read a blank choice from a row's words (``infer`` below:
income or spending, fixed or variable, the kind of lender); a statement's rows are
categorised by keyword rules, the starting set here (``DEFAULT_RULES``; the user edits
them), and some are neither income nor spending (a repayment, a move of one's own money,
a refund, a cancelled trade: ``imports.categories``).

One matching rule for all of them, ``mentions``: a word written in Chinese (any word with a
character outside ASCII) is found anywhere in the text; a word written in ASCII only where a
word starts: not right after a Latin letter, a digit or "_" ("rent" is in "rent, flat" and
in "房租rent" but not in "parents" or "current"; "utilit" is in "utilities"). The text is
compared in lower case, and every word here is written in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=4096)
def word_start(word: str) -> re.Pattern[str] | None:
    """The pattern that finds an ASCII word where a word starts; None for a Chinese word
    (found anywhere)."""
    return re.compile(r"(?<![a-z0-9_])" + re.escape(word)) if word.isascii() else None


def names(text: str, word: str) -> bool:
    """Whether lower-case ``text`` names ``word`` (the rule above)."""
    if word not in text:  # the cheap test first: most words are in no text
        return False
    pattern = word_start(word)
    return pattern is None or pattern.search(text) is not None


def mentions(text: str, words: Iterable[str]) -> bool:
    """Whether lower-case ``text`` names one of ``words``."""
    return any(names(text, word) for word in words)


# --- words more than one reading shares -------------------------------------------------------
SALARY_WORDS = ("工资", "薪", "salary", "payroll")
CREDIT_PRODUCTS = ("花呗", "借呗", "白条", "金条", "微粒贷")  # the online lenders' products people name
CARD_WORDS = ("信用卡", "credit card")

# --- a worksheet row and a debt (infer, at the end) ------------------------------------------
# Choices read from the row's own words when the cell is left blank ("工资 8000" is income,
# "房租" spending and fixed, "招行信用卡" a credit card).
INCOME_WORDS = (*SALARY_WORDS, "奖金", "收入", "养老金", "退休金", "补贴", "分红", "津贴", "兼职", "低保", "wage",
                "income", "bonus", "pension", "allowance", "benefit")  # fmt: skip
FIXED_COST_WORDS = (
    "房租", "租金", "物业", "水电", "电费", "水费", "燃气", "煤气", "暖气", "取暖", "话费", "手机费", "宽带", "网费",
    "保险", "医保", "社保", "学费", "幼儿园", "托儿", "保姆", "赡养", "抚养", "车位", "月票", "房贷", "车贷",
    "rent", "utilit", "electricity", "water bill", "gas bill", "heating", "phone", "internet", "broadband",
    "insurance", "tuition", "school", "childcare", "nursery", "mortgage",
)  # fmt: skip
VARIABLE_COST_WORDS = (
    "吃", "饭", "餐", "伙食", "出租车", "网约车", "菜", "食", "外卖", "零食", "水果", "交通", "打车", "地铁", "公交", "油费", "加油", "停车",
    "日用", "购物", "衣", "鞋", "娱乐", "旅游", "医", "药", "看病", "宠物", "理发", "美容", "烟", "酒", "游戏", "网购",
    "food", "grocer", "meal", "eat", "transport", "taxi", "fuel", "petrol", "parking", "shopping", "cloth",
    "entertainment", "holiday", "medical", "doctor", "medicine", "pet", "haircut", "leisure",
)  # fmt: skip
LENDER_TYPE_WORDS = (  # the first kind of lender whose words a debt's name or lender names
    ("credit_card", (*CARD_WORDS, "card")),
    ("mortgage", ("房贷", "住房贷款", "按揭", "mortgage")),
    ("car_loan", ("车贷", "汽车贷款", "car loan", "auto loan")),
    ("private_loan", ("亲戚", "朋友", "同事", "私人", "个人借款", "friend", "family", "relative")),
    ("online_lending", (*CREDIT_PRODUCTS, "网贷", "分期", "借钱", "online", "app")),
    ("bank_consumer", ("消费贷", "信用贷", "银行", "bank")),
)

# --- a statement's row (core.imports.categories) ----------------------------------------------
# The starting keyword rules (keyword, preset category key): the first whose keyword the
# row's words name decides its category.
DEFAULT_RULES: tuple[tuple[str, str], ...] = (
    *((word, "salary") for word in SALARY_WORDS),
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
    *CREDIT_PRODUCTS,
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
LENDER_WORDS = (*CREDIT_PRODUCTS, "分期乐", "美团月付", "抖音月付", "安逸花", "招联", "网商贷",
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


def infer(section: str, column: str, record: dict) -> str | None:
    """A blank choice read from the row's words, or None when they say nothing clear
    (or say both: "房租补贴" names rent and an allowance, so the user is asked)."""
    if section == "worksheet" and column in ("direction", "kind"):
        words = f"{record.get('category') or ''} {record.get('note') or ''}".lower()
        income = mentions(words, INCOME_WORDS)
        fixed = mentions(words, FIXED_COST_WORDS)
        variable = mentions(words, VARIABLE_COST_WORDS)
        if column == "direction":
            if income != (fixed or variable):
                return "income" if income else "expense"
            return None
        return "fixed" if fixed and not variable else "variable" if variable and not fixed else None
    if (section, column) == ("debts", "lender_type"):
        words = f"{record.get('name') or ''} {record.get('lender') or ''}".lower()
        return next((kind for kind, found in LENDER_TYPE_WORDS if mentions(words, found)), None)
    return None
