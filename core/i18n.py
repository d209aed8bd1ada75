"""Every user-facing string in Chinese (zh) and English (en), looked up by key.

Kept in core/ so the command line, the exports and the pages share one vocabulary.
"""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# key: (zh, en). Placeholders use str.format names.
TEXTS: dict[str, tuple[str, str]] = {
    # --- validation of a debt --------------------------------------------------------
    "err.not_number": ("{field}：请输入数字", "{field}: enter a number"),
    "err.negative": ("{field}：不能为负数", "{field}: cannot be negative"),
    "err.too_large": (
        "{field}：{value} 太大了（上限 {limit}），请检查是否多输了几个 0",
        "{field}: {value} is too large (limit {limit}); check for extra zeros",
    ),
    "err.zero_principal": ("{field}：必须大于 0", "{field}: must be more than 0"),
    "err.rate_too_high": (
        "{field}：年化 {value}% 超过 1000%，请检查利率的单位（年/月/日）",
        "{field}: {value}% a year is above 1,000%; check the rate's unit (year/month/day)",
    ),
    "err.months_range": (
        "{field}：期数必须在 1 到 600 个月之间",
        "{field}: the term must be between 1 and 600 months",
    ),
    "err.not_whole": ("{field}：请输入整数", "{field}: enter a whole number"),
    "err.bad_month": (
        "{field}：“{value}”不是有效月份（格式 YYYY-MM，如 2026-03）",
        "{field}: '{value}' is not a month (use YYYY-MM, e.g. 2026-03)",
    ),
    "err.bad_choice": ("{field}：“{value}”不是可选项", "{field}: '{value}' is not one of the choices"),
    "err.overdue_exceeds": (
        "{field}：逾期本金不能超过总欠款本金",
        "{field}: overdue principal cannot exceed the outstanding principal",
    ),
    "err.days_range": (
        "{field}：逾期天数应在 0 到 3650 天之间",
        "{field}: days overdue must be between 0 and 3,650",
    ),
    "err.fee_rate_high": (
        "{field}：每月手续费率 {value}% 过高（上限 10%）",
        "{field}: a monthly fee of {value}% is too high (limit 10%)",
    ),
    "err.min_pct_range": (
        "{field}：最低还款比例应在 0 到 100% 之间",
        "{field}: the minimum-payment share must be between 0 and 100%",
    ),
    # --- field names -------------------------------------------------------------------
    "field.name": ("名称", "Name"),
    "field.principal": ("剩余本金", "Outstanding principal"),
    "field.rate": ("利率", "Rate"),
    "field.rate_unit": ("利率单位", "Rate unit"),
    "field.method": ("还款方式", "Repayment method"),
    "field.months": ("剩余期数（月）", "Months left"),
    "field.first_month": ("首次还款月份", "First payment month"),
    "field.upfront_fee": ("一次性手续费", "Up-front fee"),
    "field.monthly_fee_rate": ("每月手续费率（%，按原始本金）", "Monthly fee (% of original principal)"),
    "field.original_principal": ("原始借款本金", "Original principal"),
    "field.min_payment_pct": ("最低还款比例（%）", "Minimum payment (% of balance)"),
    "field.min_payment_floor": ("最低还款下限", "Minimum payment floor"),
    "field.overdue_principal": ("逾期本金", "Overdue principal"),
    "field.overdue_interest": ("逾期利息", "Overdue interest"),
    "field.days_overdue": ("逾期天数", "Days overdue"),
    "field.penalty_rate": ("罚息年利率（%）", "Penalty rate (% a year)"),
    "field.fixed_payment": ("每月固定还款额", "Fixed monthly payment"),
    # --- methods and units ---------------------------------------------------------------
    "method.annuity": ("等额本息", "Equal installments (annuity)"),
    "method.equal_principal": ("等额本金", "Equal principal"),
    "method.interest_only": ("先息后本", "Interest only, principal at end"),
    "method.bullet": ("一次性还本付息", "Principal and interest at maturity"),
    "method.revolving": ("信用卡循环（最低还款）", "Credit card (minimum payment)"),
    "unit.annual": ("年利率 %", "Annual %"),
    "unit.monthly": ("月利率 %", "Monthly %"),
    "unit.daily": ("日利率 %", "Daily %"),
    # --- rate flags -------------------------------------------------------------------
    "flag.none": ("未超过参考线", "Below the reference lines"),
    "flag.above_lpr4": (
        "高于 4 倍 LPR（{line}%）— 值得询问",
        "Above 4 × LPR ({line}%) — worth asking about",
    ),
    "flag.above_24": ("高于 24% — 值得询问", "Above 24% — worth asking about"),
    "flag.above_36": ("高于 36% — 值得询问", "Above 36% — worth asking about"),
    "flag.note": (
        "参考线仅供协商时参考，不构成法律意见；持牌金融机构不受民间借贷利率上限约束。",
        "The lines are for negotiation only, not legal advice; licensed lenders are not bound"
        " by the private-lending cap.",
    ),
    "never_paid_off": ("按此还款额永远还不清", "Never paid off at this payment"),
}


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for key in lang, with params filled in; the key itself if unknown."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[0] if lang == "zh" else pair[1]
    return text.format(**params) if params else text


TEXTS.update(
    {
        "col.period": ("期数", "Period"),
        "col.month": ("月份", "Month"),
        "col.payment": ("还款额", "Payment"),
        "col.interest": ("利息", "Interest"),
        "col.principal": ("本金", "Principal"),
        "col.fees": ("手续费", "Fees"),
        "col.penalty": ("罚息", "Penalty"),
        "col.balance": ("剩余本金", "Balance"),
        "total.payment": ("还款总额", "Total paid"),
        "total.interest": ("利息总额", "Total interest"),
        "total.fees": ("手续费总额", "Total fees"),
        "total.penalty": ("罚息总额", "Total penalty"),
        "total.apr": ("真实年化利率（IRR，含费用）", "True APR (IRR, fees included)"),
        "total.payoff": ("还清月份", "Paid off in"),
        "total.calculator_interest": (
            "计算器口径利息总额（未取整月供 × 期数 − 本金）",
            "Calculator-convention interest (unrounded payment × months − principal)",
        ),
        "total.convention": (
            "本表每月金额按四舍五入到分，最后一期吸收尾差；合计为各行之和。",
            "Each month is rounded to the cent (half-up), the last payment absorbs the residue;"
            " totals are the sums of the rows.",
        ),
        "cli.rate_required": (
            "请给出 --annual-rate、--monthly-rate 或 --daily-rate 中的一个",
            "give one of --annual-rate, --monthly-rate or --daily-rate",
        ),
    }
)

TEXTS.update(
    {
        "app.title": ("还款规划", "Repay Planner"),
        "app.tagline": (
            "还不上贷款时，先看清自己的收支和欠款，再算出一个真正还得起的方案去和债权人协商。",
            "When loans have become too much: see your real budget and debts, then work out a"
            " plan you can actually keep before you talk to your lenders.",
        ),
        "app.language": ("语言 / Language", "Language / 语言"),
        "app.privacy": (
            "所有数据只保存在这台电脑上，不会上传。",
            "Everything stays on this computer; nothing is uploaded.",
        ),
        "app.settings": ("设置", "Settings"),
        "settings.lpr": ("一年期 LPR（签约时，%）", "One-year LPR at signing (%)"),
        "settings.lpr_help": (
            "用于“4 倍 LPR”参考线；2020 年 8 月为 3.85%。",
            "Used for the 4 × LPR line; it was 3.85% in August 2020.",
        ),
        "nav.calculator": ("贷款计算器", "Loan calculator"),
        "nav.section.tools": ("工具", "Tools"),
        "calc.title": ("贷款计算器", "Loan calculator"),
        "calc.intro": (
            "输入一笔贷款，看每月要还多少、利息多少、真实年化利率是多少。",
            "Enter one loan to see the monthly payment, the interest and the true annual rate.",
        ),
        "calc.amount": ("贷款金额 / 剩余本金（元）", "Amount / outstanding principal (¥)"),
        "calc.rate": ("利率（%）", "Rate (%)"),
        "calc.rate_unit": ("利率类型", "Rate is quoted"),
        "calc.rate_conversion": (
            "折合：年利率 {annual}% · 月利率 {monthly}% · 日利率 {daily}%（日利率 × 365 = 年利率，单利）",
            "Equivalent: {annual}% a year · {monthly}% a month · {daily}% a day (daily × 365 = annual, simple)",
        ),
        "calc.months": ("期数（月）", "Term (months)"),
        "calc.method": ("还款方式", "Repayment method"),
        "calc.start": ("首次还款月份", "First payment month"),
        "calc.start_help": ("只用到年和月。", "Only the year and month are used."),
        "calc.fees": ("手续费", "Fees"),
        "calc.upfront_fee": ("一次性手续费（元，放款时扣除）", "Up-front fee (¥, taken at the start)"),
        "calc.monthly_fee_rate": (
            "每月手续费率（%，按原始本金）",
            "Monthly fee (% of the original principal)",
        ),
        "calc.card": ("信用卡最低还款", "Credit-card minimum payment"),
        "calc.min_pct": ("最低还款比例（% 本金）", "Minimum payment (% of balance)"),
        "calc.min_floor": ("最低还款下限（元）", "Minimum payment floor (¥)"),
        "calc.overdue": ("逾期情况（如有）", "Overdue (if any)"),
        "calc.overdue_help": (
            "逾期本金、利息和已产生的罚息计入第一期还款。",
            "Overdue principal, interest and the penalty so far are added to the first payment.",
        ),
        "calc.overdue_principal": ("逾期本金（元）", "Overdue principal (¥)"),
        "calc.overdue_interest": ("逾期利息（元）", "Overdue interest (¥)"),
        "calc.days_overdue": ("逾期天数", "Days overdue"),
        "calc.penalty_rate": (
            "罚息年利率（%，0 = 合同利率上浮 50%）",
            "Penalty rate (% a year, 0 = contract rate +50%)",
        ),
        "calc.metric.payment": ("每月还款", "Monthly payment"),
        "calc.metric.first_payment": ("首期还款", "First payment"),
        "calc.metric.total_interest": ("利息总额", "Total interest"),
        "calc.metric.total_fees": ("手续费 + 罚息", "Fees + penalty"),
        "calc.metric.apr": ("真实年化利率", "True APR"),
        "calc.metric.payoff": ("还清月份", "Paid off in"),
        "calc.metric.apr_help": (
            "按内部收益率（IRR）计算，含全部手续费，是可以和其他贷款直接比较的利率。",
            "Internal rate of return of all payments, fees included: the rate to compare loans by.",
        ),
        "calc.never": (
            "按这个还款额，欠款永远还不清：每月还款连利息都不够。",
            "At this payment the debt is never paid off: it does not even cover the interest.",
        ),
        "calc.chart": ("每月还款构成与剩余本金", "What each payment is made of, and the balance left"),
        "calc.schedule": ("还款计划表", "Repayment schedule"),
        "calc.download_csv": ("下载还款计划（CSV）", "Download schedule (CSV)"),
        "calc.fix_inputs": ("请先修改以下输入：", "Please correct these inputs:"),
        "calc.calculator_note": (
            "注：其他计算器常用“未取整月供 × 期数 − 本金”计算利息总额，为 {amount}；"
            "本页逐月四舍五入到分，合计为各期之和，两者可能相差几元。",
            "Note: other calculators state total interest as unrounded payment × months − principal,"
            " {amount}; this page rounds every month to the cent and its totals add up its rows, so"
            " the two may differ by a few yuan.",
        ),
        "chart.balance": ("剩余本金", "Balance"),
        "chart.amount": ("金额（元）", "Amount (¥)"),
    }
)
