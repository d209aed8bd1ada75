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


def field_label(section: str, column: str, lang: str = DEFAULT_LANG) -> str:
    """A column's label: the section's own wording if it has one, else the shared one."""
    key = f"field.{section}.{column}"
    return t(key if key in TEXTS else f"field.{column}", lang)


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
        "cli.needs_mapping": (
            "未能识别此表格的列，请用 --date-col 和 --amount-col（或 --debit-col/--credit-col）指明；表头有：{columns}",
            "could not recognise this sheet's columns; name them with --date-col and --amount-col"
            " (or --debit-col/--credit-col); the header has: {columns}",
        ),
        "cli.import_summary": (
            "计入 {transactions} 笔，不计收支 {neutral} 笔，覆盖 {months} 个月",
            "{transactions} transactions counted, {neutral} neutral, {months} months covered",
        ),
        "cli.budget_summary": ("预算表：{rows} 行", "Budget sheet: {rows} rows"),
        "cli.income_total": ("收入合计", "Total income"),
        "cli.expense_total": ("支出合计", "Total spending"),
        "cli.monthly_by_category": ("按类别的月平均：", "Monthly average by category:"),
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

TEXTS.update({"err.required": ("{field}：必填", "{field}: required")})

TEXTS.update(
    {
        "cat.salary": ("工资", "Salary"),
        "cat.other_income": ("其他收入", "Other income"),
        "cat.rent": ("房租/物业", "Rent & service charge"),
        "cat.utilities": ("水电燃气/通讯", "Utilities & phone"),
        "cat.food": ("餐饮/买菜", "Food & groceries"),
        "cat.transport": ("交通", "Transport"),
        "cat.shopping": ("购物", "Shopping"),
        "cat.medical": ("医疗", "Medical"),
        "cat.education": ("教育", "Education"),
        "cat.childcare": ("育儿", "Childcare"),
        "cat.insurance": ("保险", "Insurance"),
        "cat.entertainment": ("娱乐", "Entertainment"),
        "cat.family": ("赡养/家庭", "Family support"),
        "cat.other": ("其他", "Other"),
        "refuse.empty": ("文件是空的，没有可读的内容。", "The file is empty: there is nothing to read."),
        "refuse.too_large": (
            "文件超过 {limit} MB，无法导入。",
            "The file is larger than {limit} MB and cannot be imported.",
        ),
        "refuse.type": (
            "无法识别的文件类型：请上传 CSV、XLSX 或 XLS。",
            "This is not a spreadsheet: upload a CSV, XLSX or XLS file.",
        ),
        "refuse.corrupt": (
            "文件已损坏或不是有效的表格，无法读取。",
            "The file is damaged or not a valid spreadsheet and cannot be read.",
        ),
        "refuse.encrypted": (
            "文件有密码保护：请在 Excel/WPS 中取消密码后另存再导入。",
            "The file is password-protected: remove the password in Excel/WPS, save, and import again.",
        ),
        "refuse.bomb": (
            "文件解压后异常巨大（可能是恶意压缩文件），已拒绝。",
            "The file expands to an abnormal size (possibly a malicious archive) and was refused.",
        ),
        "refuse.xml_bomb": (
            "文件包含不安全的 XML 定义（可能是恶意文件），已拒绝。",
            "The file contains unsafe XML definitions (possibly malicious) and was refused.",
        ),
        "refuse.encoding": (
            "无法识别文件的文字编码（支持 UTF-8 和 GBK/GB18030）。",
            "The text encoding is not recognised (UTF-8 and GBK/GB18030 are supported).",
        ),
        "refuse.too_many_rows": ("文件超过 {limit} 行，无法导入。", "The file has more than {limit} rows."),
        "refuse.no_rows": (
            "没有找到可以导入的数据行。",
            "No rows that could be imported were found.",
        ),
        "err.bad_date": ("日期“{value}”无法识别", "the date '{value}' is not recognised"),
        "err.bad_amount": ("金额“{value}”不是有效数字", "the amount '{value}' is not a valid number"),
        "err.absurd_amount": (
            "金额 {value} 超出合理范围（上限 1 亿元）",
            "the amount {value} is out of range (limit ¥100,000,000)",
        ),
        "err.bad_frequency": ("频率“{value}”无法识别", "the frequency '{value}' is not recognised"),
        "field.date": ("日期", "Date"),
        "field.amount": ("金额", "Amount"),
        "field.category": ("类别", "Category"),
        "field.frequency": ("频率", "Frequency"),
        "field.direction": ("收/支", "In/out"),
        "field.kind": ("固定/浮动", "Fixed/variable"),
        "field.month": ("月份", "Month"),
        "field.note": ("备注", "Note"),
        "field.keyword": ("关键词", "Keyword"),
        "field.value": ("价值", "Value"),
        "field.type": ("类型", "Type"),
        "field.liquidity": ("变现能力", "Liquidity"),
        "field.sale_discount": ("出售折价（%）", "Sale discount (%)"),
        "field.pledged_for": ("抵押给哪笔债务", "Pledged for debt"),
        "field.lender_type": ("债权人类型", "Lender type"),
        "sheet.worksheet": ("收支表", "Income & expenses"),
        "sheet.assets": ("资产", "Assets"),
        "sheet.buffers": ("临时周转", "Buffers"),
        "sheet.debts": ("债务", "Debts"),
        "sheet.rules": ("分类规则", "Category rules"),
    }
)

TEXTS.update(
    {
        # choices shown in tables
        "choice.direction.income": ("收入", "Income"),
        "choice.direction.expense": ("支出", "Expense"),
        "choice.kind.fixed": ("固定", "Fixed"),
        "choice.kind.variable": ("浮动", "Variable"),
        "choice.frequency.weekly": ("每周", "Weekly"),
        "choice.frequency.monthly": ("每月", "Monthly"),
        "choice.frequency.quarterly": ("每季度", "Quarterly"),
        "choice.frequency.yearly": ("每年", "Yearly"),
        "choice.frequency.one_off": ("一次性", "One-off"),
        "choice.type.cash": ("现金/存款", "Cash / deposit"),
        "choice.type.investment": ("投资理财", "Investment"),
        "choice.type.property": ("房产", "Property"),
        "choice.type.vehicle": ("车辆", "Vehicle"),
        "choice.type.valuables": ("贵重物品", "Valuables"),
        "choice.type.other": ("其他", "Other"),
        "choice.liquidity.now": ("随时可用", "Available now"),
        "choice.liquidity.3_months": ("3 个月内可变现", "Within 3 months"),
        "choice.liquidity.illiquid": ("难以变现", "Hard to sell"),
        "choice.kind.credit_line": ("未用信用额度", "Unused credit line"),
        "choice.kind.family_help": ("亲友支援", "Family help"),
        "choice.kind.other": ("其他", "Other"),
        "choice.lender_type.online_lending": ("网贷平台", "Online lending app"),
        "choice.lender_type.credit_card": ("信用卡", "Credit card"),
        "choice.lender_type.bank_consumer": ("银行消费贷", "Bank consumer loan"),
        "choice.lender_type.mortgage": ("房贷", "Mortgage"),
        "choice.lender_type.car_loan": ("车贷", "Car loan"),
        "choice.lender_type.private_loan": ("民间借贷", "Private loan"),
        "choice.rate_unit.annual": ("年利率 %", "Annual %"),
        "choice.rate_unit.monthly": ("月利率 %", "Monthly %"),
        "choice.rate_unit.daily": ("日利率 %", "Daily %"),
        "choice.method.annuity": ("等额本息", "Equal installments"),
        "choice.method.equal_principal": ("等额本金", "Equal principal"),
        "choice.method.interest_only": ("先息后本", "Interest only"),
        "choice.method.bullet": ("一次性还本付息", "At maturity"),
        "choice.method.revolving": ("信用卡循环", "Card (minimum)"),
        "editor.fix": (
            "以下单元格需要修改（其余内容已保存）：",
            "These cells need attention (everything else is saved):",
        ),
        # profiles
        "profile.label": ("当前档案", "Profile"),
        "profile.sample": ("示例家庭（示例数据）", "Sample household (sample data)"),
        "profile.own_name": ("我的家庭", "My household"),
        "profile.new": ("新建空白档案", "New empty profile"),
        "profile.created_from_sample": (
            "已把示例复制为“我的家庭”并保存了你的修改。",
            "Your change was saved in a copy of the sample named “My household”.",
        ),
        "profile.sample_banner": (
            "你正在查看**示例家庭**（虚构数据）。直接修改任何表格，就会自动保存为你自己的档案；也可以在左侧新建空白档案。",
            "You are looking at the **sample household** (invented data). Change any table and it is saved as"
            " your own profile; or start an empty one in the sidebar.",
        ),
        "profile.export": ("导出档案（XLSX）", "Export profile (XLSX)"),
        "profile.template": ("下载空白模板", "Download empty template"),
        "profile.import": ("导入档案工作簿", "Import a profile workbook"),
        "profile.imported": ("已导入为新档案：{name}", "Imported as a new profile: {name}"),
        "profile.delete": ("删除此档案", "Delete this profile"),
        "profile.delete_confirm": ("确认删除（不可恢复）", "Confirm delete (cannot be undone)"),
        "profile.rename": ("档案名称", "Profile name"),
        "profile.manage": ("档案管理", "Manage profiles"),
        # navigation
        "nav.section.household": ("我的情况", "My situation"),
        "nav.overview": ("总览", "Overview"),
        "nav.worksheet": ("收入与支出", "Income & expenses"),
        "nav.assets": ("资产", "Assets"),
        "nav.debts": ("债务", "Debts"),
        # overview
        "ov.title": ("我现在的情况", "Where I stand"),
        "ov.income": ("每月收入", "Monthly income"),
        "ov.fixed": ("固定支出", "Fixed expenses"),
        "ov.variable": ("浮动支出", "Variable expenses"),
        "ov.surplus": ("可用于还债", "Left for debts"),
        "ov.total_debt": ("欠款总额", "Total owed"),
        "ov.due_month": ("下月应还", "Due next month"),
        "ov.dsr": ("还款收入比", "Debt-service ratio"),
        "ov.dsr_help": (
            "每月应还款 ÷ 每月收入。超过 50% 通常已很吃力。",
            "Monthly debt payments ÷ monthly income. Above 50% is usually a strain.",
        ),
        "ov.net_worth": ("净资产", "Net worth"),
        "ov.liquid": ("随时可用的钱", "Money available now"),
        "ov.runway": ("能撑几个月", "Months of runway"),
        "ov.runway_help": (
            "按目前的收支和还款，随时可用的钱能填补几个月的缺口。",
            "How many months the money available now covers the monthly gap at current payments.",
        ),
        "ov.no_gap": ("无缺口", "No gap"),
        "ov.gap_warning": (
            "按现在的合同，每月还款比收入减支出多出 {gap}。这就是需要和债权人协商的部分。",
            "Under the current contracts, debt payments exceed what is left after expenses by {gap} a month."
            " That gap is what the negotiation has to close.",
        ),
        "ov.ok": (
            "按现在的合同，每月收支可以覆盖还款。",
            "Under the current contracts, the budget covers the payments.",
        ),
        "ov.where_money_goes": ("钱都花在哪里（每月）", "Where the money goes (a month)"),
        "ov.who_i_owe": ("欠谁多少", "What I owe to whom"),
        "ov.upcoming": ("即将到来的一次性支出", "Upcoming one-off costs"),
        "ov.debt_payments": ("还款", "Debt payments"),
        "ov.months_unit": ("{n} 个月", "{n} months"),
        # worksheet
        "ws.title": ("收入与支出", "Income & expenses"),
        "ws.intro": (
            "把每一项收入和支出写下来：固定的（房租、水电、交通）和浮动的（吃饭、娱乐）。"
            "每周、每季、每年的金额会自动折算成每月；一次性支出（如医药费、修车）填上月份，模拟时会放进那个月。",
            "List every income and cost: fixed (rent, utilities, transport) and variable (food, fun)."
            " Weekly, quarterly and yearly amounts are turned into monthly figures; one-off costs (a medical"
            " bill, a repair) keep their month for the simulator.",
        ),
        "ws.monthly": ("折合每月", "Per month"),
        "ws.import": ("从账单或表格导入", "Import from a statement or spreadsheet"),
        "ws.import_help": (
            "支持支付宝、微信账单，银行流水（CSV/XLSX/XLS），以及自己的预算表（类别/金额/频率）。文件只在本机读取。",
            "Alipay and WeChat Pay bills, bank statements (CSV/XLSX/XLS) and your own budget sheet"
            " (category / amount / frequency). Files are read on this computer only.",
        ),
        "ws.upload": ("选择文件", "Choose a file"),
        "ws.refused": ("无法导入：{reason}", "Not imported: {reason}"),
        "ws.detected": ("识别为：{source}", "Recognised as: {source}"),
        "ws.source.alipay": ("支付宝账单", "Alipay bill"),
        "ws.source.wechat": ("微信支付账单", "WeChat Pay bill"),
        "ws.source.bank": ("银行流水", "Bank statement"),
        "ws.source.mapped": ("按你指定的列读取", "Read with your column mapping"),
        "ws.source.budget": ("预算表", "Budget sheet"),
        "ws.import_note": ("来自{source}，{months} 个月平均", "From {source}, average of {months} months"),
        "ws.row_errors": ("{n} 行有问题，未导入：", "{n} rows have problems and were skipped:"),
        "ws.stats": (
            "计入收支 {counted} 笔，不计收支 {neutral} 笔（转账、还款、理财、已关闭交易）；覆盖 {months} 个月；"
            "收入 {income}，支出 {expense}。",
            "{counted} transactions counted, {neutral} neutral (transfers, repayments, savings moves, closed"
            " trades); {months} months covered; income {income}, spending {expense}.",
        ),
        "ws.preview": ("导入预览（每月平均）", "Preview (monthly averages)"),
        "ws.transactions": ("交易明细", "Transactions"),
        "ws.neutral_col": ("不计收支", "Neutral"),
        "ws.replace": ("替换现有收支表", "Replace my worksheet"),
        "ws.append": ("追加到收支表", "Add to my worksheet"),
        "ws.done": ("已导入 {n} 行。", "{n} rows imported."),
        "ws.mapping": (
            "没有认出这个文件的格式，请告诉我们哪一列是什么：",
            "The format was not recognised: tell us which column is which:",
        ),
        "ws.map.date": ("日期列", "Date column"),
        "ws.map.amount": ("金额列（正数收入、负数支出）", "Amount column (+ in, − out)"),
        "ws.map.debit": ("或：支出列", "Or: money-out column"),
        "ws.map.credit": ("和：收入列", "And: money-in column"),
        "ws.map.description": ("说明列", "Description column"),
        "ws.map.category": ("类别列", "Category column"),
        "ws.map.none": ("（无）", "(none)"),
        "ws.map.apply": ("按此读取", "Read with this mapping"),
        "ws.rules": ("分类规则（关键词 → 类别）", "Category rules (keyword → category)"),
        "ws.rules_help": (
            "交易说明里包含关键词，就归入对应类别；从上到下第一条匹配的规则生效。",
            "A transaction whose text contains the keyword goes to that category; the first match wins.",
        ),
        # assets
        "as.title": ("资产与临时周转", "Assets and buffers"),
        "as.intro": (
            "列出存款、理财、房产、车辆和贵重物品。卖掉资产是最后的办法，但可以用来一次性结清一笔债。"
            "“出售折价”是急卖时大概要打的折扣。",
            "List savings, investments, property, vehicles and valuables. Selling is a last resort but can"
            " fund a settlement. 'Sale discount' is roughly what a quick sale would lose.",
        ),
        "as.buffers": ("临时周转（不是收入）", "Buffers (not income)"),
        "as.buffers_intro": (
            "未用的信用额度、亲友能借的钱只能临时周转，不能当作收入来还债。",
            "Unused credit lines and help from family are temporary buffers, not income to repay debts with.",
        ),
        "as.total": ("资产合计", "Total assets"),
        "as.after_discount": ("急卖可得（扣除折价）", "Quick-sale value (after discount)"),
        # debts
        "db.title": ("我的债务", "My debts"),
        "db.intro": (
            "每一笔欠款都列上：剩余本金、利率（按合同写的年/月/日利率）、还款方式、剩余期数、逾期情况。",
            "List every debt: outstanding principal, the rate as the contract states it (year/month/day),"
            " repayment method, months left, overdue amounts.",
        ),
        "db.computed": ("自动计算", "Worked out for you"),
        "db.col.name": ("名称", "Name"),
        "db.col.payment": ("每月应还", "Payment due"),
        "db.col.apr": ("真实年化", "True APR"),
        "db.col.months_left": ("剩余月数", "Months left"),
        "db.col.overdue_total": ("逾期合计（含罚息）", "Overdue total (with penalty)"),
        "db.col.flag": ("利率提示", "Rate note"),
        "db.col.payoff": ("还清月份", "Paid off in"),
        "db.never": ("还不清", "Never"),
    }
)

# --- negotiation scenarios ------------------------------------------------------------------
TEXTS.update(
    {
        "nav.section.negotiate": ("协商", "Negotiate"),
        "nav.scenarios": ("协商方案对比", "Scenarios"),
        "sheet.scenarios": ("协商方案", "Scenarios"),
        "sheet.terms": ("方案条款", "Scenario terms"),
        "field.strategy": ("多余的钱怎么用", "Spare money goes to"),
        "field.custom_order": ("自定顺序（债务名，用 ; 分隔）", "Custom order (debt names, separated by ;)"),
        "field.scenario": ("方案", "Scenario"),
        "field.debt": ("债务", "Debt"),
        "field.term": ("条款", "Term"),
        "field.start": ("从哪个月起", "From month"),
        "field.percent": ("百分比（%）", "Percent (%)"),
        "field.mode": ("方式", "How"),
        "field.asset": ("卖掉哪项资产", "Asset sold"),
        "choice.strategy.savings": ("存起来", "Kept as savings"),
        "choice.strategy.avalanche": ("先还利率最高的（雪崩法）", "Highest rate first (avalanche)"),
        "choice.strategy.snowball": ("先还余额最小的（雪球法）", "Smallest balance first (snowball)"),
        "choice.strategy.custom": ("按自定顺序", "Custom order"),
        "choice.term.extension": ("延长期限（重新分期）", "Term extension"),
        "choice.term.rate_cut": ("降低利率", "Rate reduction"),
        "choice.term.freeze": ("停息挂账（0 利息分期）", "Interest freeze + installments"),
        "choice.term.waiver": ("减免罚息 / 利息", "Penalty / interest waiver"),
        "choice.term.reduction": ("减免本金", "Principal reduction"),
        "choice.term.deferral": ("延期还款 / 宽限期", "Deferral / grace period"),
        "choice.term.fee": ("一次性手续费", "One-off fee"),
        "choice.term.stage": ("分阶段还款（一个阶段）", "Staged repayment (one stage)"),
        "choice.term.settlement": ("一次性结清", "Lump-sum settlement"),
        "choice.term.higher_payment": ("多还一点、早点还完", "Higher payment, shorter term"),
        "choice.mode.penalty": ("只减罚息", "Penalty only"),
        "choice.mode.interest": ("只减利息", "Interest only"),
        "choice.mode.both": ("罚息和利息", "Penalty and interest"),
        "choice.mode.capitalise": ("不还款，利息计入本金", "No payment, interest added"),
        "choice.mode.interest_only": ("只还利息", "Interest only"),
        "choice.mode.free": ("不还款也不计息", "No payment, no interest"),
        "choice.mode.upfront": ("当月付清", "Paid up front"),
        "choice.mode.added": ("计入欠款", "Added to the balance"),
        "sc.title": ("协商方案对比", "Compare negotiated terms"),
        "sc.intro": (
            "“维持原状”永远在第一行：逾期的债继续算罚息。添加方案，给一笔或几笔债设定条款，"
            "看每个月的钱够不够、哪天还清、一共要付多少。",
            "“Status quo” is always the first row: overdue debts keep accruing penalty interest."
            " Add scenarios that apply terms to one debt or several, and see whether the money lasts"
            " each month, when each debt is paid off and what it all costs.",
        ),
        "sc.status_quo": ("维持原状", "Status quo"),
        "sc.margin": ("安全垫（现金最少留多少）", "Safety margin (cash to keep at least)"),
        "sc.margin_help": (
            "现金余额低于这个数的月份算作“钱不够”。",
            "A month ends short when the cash left falls below this amount.",
        ),
        "sc.presets": ("从现成方案开始", "Start from a ready-made scenario"),
        "sc.preset.freeze36": ("所有网贷停息挂账 36 期", "Interest freeze, 36 months, on every online-lending debt"),
        "sc.preset.fee24": ("5% 手续费 + 24 期分期（全部债务）", "5% fee and 24 installments (every debt)"),
        "sc.preset.settle60": ("最大一张信用卡按 60% 一次结清", "Settle the largest card at 60%"),
        "sc.preset.avalanche": (
            "不谈条款，多余的钱先还利率最高的",
            "No new terms; spare money to the highest rate first",
        ),
        "sc.preset.add": ("添加这个方案", "Add this scenario"),
        "sc.preset.added": ("已添加方案“{name}”。", "Scenario “{name}” added."),
        "sc.preset.no_card": ("没有信用卡债务，无法使用这个方案。", "There is no credit-card debt for this scenario."),
        "sc.edit": ("编辑方案和条款", "Edit scenarios and terms"),
        "sc.edit_help": (
            "先在上表给方案起名，再在下表为它添加条款。债务一栏可选某笔债、“全部债务”或某一类债权人。"
            "分阶段还款：每个阶段一行（金额 = 每月还款，期数 = 这个阶段几个月，最后一个阶段可不填期数）。",
            "Name a scenario in the first table, then add its terms in the second. The debt column takes"
            " one debt, “every debt” or a kind of lender. Staged repayment: one row a stage (amount ="
            " monthly payment, months = length of the stage; the last stage may leave months blank).",
        ),
        "sc.all_debts": ("全部债务", "Every debt"),
        "sc.type_target": ("所有{kind}", "Every {kind}"),
        "sc.compare": ("对比", "Comparison"),
        "sc.col.scenario": ("方案", "Scenario"),
        "sc.col.short": ("钱不够的月数", "Months short"),
        "sc.col.first_short": ("第一次不够", "First short month"),
        "sc.col.lowest": ("现金最低点", "Lowest cash"),
        "sc.col.debt_free": ("全部还清", "Debt-free"),
        "sc.col.paid": ("一共要付", "Total paid"),
        "sc.col.saving": ("比维持原状省", "Saving vs status quo"),
        "sc.forgiven": ("减免", "Forgiven"),
        "sc.never": ("还不清", "Never"),
        "sc.tab.cash": ("每月现金流", "Cash flow"),
        "sc.tab.balance": ("欠款余额", "Balances"),
        "sc.tab.payoff": ("各笔还清时间", "Payoff timeline"),
        "sc.tab.cost": ("总成本", "Total cost"),
        "sc.offers": ("协商后的条件（含手续费的真实年化利率）", "The negotiated offers (true APR, fees included)"),
        "sc.col.debt": ("债务", "Debt"),
        "sc.col.new_payment": ("新的月供", "New monthly payment"),
        "sc.col.months": ("期数", "Months"),
        "sc.col.apr": ("真实年化利率", "True APR"),
        "sc.no_offers": ("还没有方案给债务设定条款。", "No scenario applies terms to a debt yet."),
        "sc.invalid": (
            "方案“{name}”有问题，暂按维持原状计算：",
            "Scenario “{name}” has problems and is shown as the status quo:",
        ),
        "sc.ask": ("我可以提出什么？", "What can I ask for?"),
        "sc.ask_help": (
            "在不让任何一个月的现金低于安全垫的前提下，最少需要争取到什么。每一项单独就够。",
            "The least you need, so that no month's cash falls below the safety margin. Any one of these is enough on its own.",
        ),
        "sc.ask_targets": ("为哪些债务协商", "Negotiate for which debts"),
        "sc.ask.none_needed": (
            "按现在的合同，现金每个月都够，不需要额外的让步。",
            "On the current contracts the cash lasts every month: no concession is needed.",
        ),
        "sc.ask.not_enough": (
            "单靠这几笔债的让步还不够：即使延长到 120 期、降到 0 利率或只还很小的比例，现金仍会不够。"
            "可以加上其他债务一起谈，或先减少支出、增加收入。",
            "Concessions on these debts alone are not enough: even 120 months, a 0% rate or a small settlement"
            " leaves months short. Add other debts to the talks, or cut costs / raise income first.",
        ),
        "sc.ask.extension": (
            "请求把 {owed} 分成至少 {months} 期，按现在的利率每月约 {payment}（一共约 {cost}）。",
            "Ask to spread the {owed} over at least {months} months at the current rate: about {payment} a month"
            " ({cost} in all).",
        ),
        "sc.ask.rate_cut": (
            "或者：在 {months} 期内还清，把年利率降到 {rate}% 以下，每月约 {payment}（一共约 {cost}）。",
            "Or: repay within {months} months with the annual rate cut to {rate}% or less: about {payment} a month"
            " ({cost} in all).",
        ),
        "sc.ask.settlement": (
            "或者：一次性结清，最多能付欠款的 {percent}%（{payment}），其余请求减免。",
            "Or: a one-off settlement of up to {percent}% of what is owed ({payment}), the rest forgiven.",
        ),
        "sc.ask.add": ("把这个请求作为方案加入对比", "Add this ask as a scenario"),
        "sc.ask.name.extension": ("请求：分 {months} 期", "Ask: {months} months"),
        "sc.ask.name.rate_cut": ("请求：利率降到 {rate}%", "Ask: rate cut to {rate}%"),
        "sc.ask.name.settlement": ("请求：按 {percent}% 结清", "Ask: settle at {percent}%"),
        "sc.heatmap": ("协商空间", "Negotiation space"),
        "sc.heatmap_axis": ("横轴", "Across"),
        "sc.axis.rate": ("年利率", "Annual rate"),
        "sc.axis.settlement": ("分期结清的比例", "Share paid in a settlement"),
        "sc.heatmap_help": (
            "每一格是一种条件：彩色 = 现金够用（颜色越浅付得越多），灰色 = 会有月份不够。星号是你的方案。",
            "Each cell is one set of terms: coloured = the cash lasts (lighter = more paid in all), grey = some"
            " month runs short. Stars mark your scenarios.",
        ),
        "sc.not_advice": (
            "这些是按你填的数字算出来的，供协商参考，不是法律或财务建议。",
            "These figures come from the numbers you entered, to help you negotiate; they are not legal or financial advice.",
        ),
        "sc.no_debts": ("还没有债务。先在“债务”页填写。", "No debts yet. Fill in the Debts page first."),
        "chart.monthly_flows": ("每月收入、支出和还款", "Monthly income, spending and debt payments"),
        "chart.buffer": ("月底手里的现金", "Cash at the end of each month"),
        "chart.buffer_short": ("现金", "cash"),
        "chart.income": ("收入", "Income"),
        "chart.expenses": ("支出", "Spending"),
        "chart.debt_payments": ("还款", "debt payments"),
        "chart.payoff_month": ("还清月份", "Paid off in"),
        "chart.rate_axis": ("年利率（%）", "Annual rate (%)"),
        "chart.settlement_axis": ("结清比例（欠款的 %）", "Settlement (% of what is owed)"),
        "chart.term_axis": ("期数（月）", "Term (months)"),
        "chart.total_paid": ("一共要付", "Total paid"),
        "chart.overdue_total": ("已逾期（本金、利息和罚息）", "Overdue (principal, interest and penalty)"),
        "chart.runs_short": ("会有月份钱不够", "Some month runs short"),
        "err.sc_unknown_debt": ("没有名为“{value}”的债务", "There is no debt named “{value}”"),
        "err.sc_unknown_asset": ("没有名为“{value}”的资产", "There is no asset named “{value}”"),
        "err.sc_unknown_scenario": ("没有名为“{value}”的方案", "There is no scenario named “{value}”"),
        "err.sc_months_needed": ("“{value}”：请填写期数", "“{value}”: enter the number of months"),
        "err.sc_amount_needed": ("“{value}”：请填写金额或百分比", "“{value}”: enter an amount or a percent"),
        "err.sc_months_range": (
            "“{value}”：期数必须在 1 到 600 个月之间",
            "“{value}”: the number of months must be between 1 and 600",
        ),
        "err.sc_percent_range": (
            "“{value}”：百分比必须在 0 到 100 之间",
            "“{value}”: a percent must be between 0 and 100",
        ),
        "err.sc_rate_not_lower": (
            "“{value}”：降息后的年利率应低于现在的 {rate}%",
            "“{value}”: a rate reduction must be below the current {rate}% a year",
        ),
        "err.sc_rate_needed": ("“{value}”：请填写新的年利率", "“{value}”: enter the new annual rate"),
        "err.sc_card_freeze": (
            "“{value}”：信用卡停息分期（个性化分期）最长 60 期",
            "“{value}”: a credit card's interest-free installment plan is at most 60 months",
        ),
        "err.sc_bad_term": ("无法识别的条款：{value}", "Unknown term: {value}"),
        "cli.sim_header": ("方案", "Scenario"),
        "sc.summary": (
            "**{name}**：{short}；{free}；一共付 {paid}（比维持原状{saving}）",
            "**{name}**: {short}; {free}; {paid} paid in all ({saving} against the status quo)",
        ),
        "sc.summary.never_short": ("每个月的钱都够", "the money lasts every month"),
        "sc.summary.short": ("有 {n} 个月钱不够（从 {first} 起）", "{n} months short (from {first})"),
        "sc.summary.free": ("{month} 还清全部债务", "debt-free in {month}"),
        "sc.summary.not_free": ("30 年内还不清", "not debt-free within 30 years"),
        "sc.summary.saves": ("省 {amount}", "saves {amount}"),
        "sc.summary.costs": ("多付 {amount}", "costs {amount} more"),
        "field.terms.months": ("期数（月）", "Months"),
        "field.terms.rate": ("新的年利率（%）", "New annual rate (%)"),
        "field.terms.amount": ("金额（元）", "Amount (¥)"),
        "field.scenarios.name": ("方案名称", "Scenario name"),
    }
)

# --- the negotiation workspace: the borrower's case, readiness, contacts, letters ------------
TEXTS.update(
    {
        "err.not_yes_no": ("{field}：“{value}”应为 是/否", "{field}: '{value}' should be yes or no"),
        "err.bad_day": (
            "{field}：“{value}”不是有效日期（格式 YYYY-MM-DD，如 2026-11-23）",
            "{field}: '{value}' is not a date (use YYYY-MM-DD, e.g. 2026-11-23)",
        ),
        "err.bad_datetime": (
            "{field}：“{value}”不是有效的日期时间（格式 YYYY-MM-DD HH:MM）",
            "{field}: '{value}' is not a date and time (use YYYY-MM-DD HH:MM)",
        ),
        "sheet.case": ("我的情况说明", "My case"),
        "sheet.contacts": ("沟通记录", "Contact log"),
        "sheet.letters": ("协商信", "Letters"),
        "field.full_name": ("姓名", "Full name"),
        "field.contact": ("联系方式", "Contact details"),
        "field.reason": ("困难原因", "Reason for the hardship"),
        "field.story": ("情况说明", "What happened"),
        "field.since": ("从哪个月开始", "Since (month)"),
        "field.income_proof": ("收入证明", "Income proof"),
        "field.bank_statements": ("银行流水", "Bank statements"),
        "field.hardship_proof": ("困难证明", "Hardship proof"),
        "field.contracts": ("借款合同", "Loan contracts"),
        "field.repayment_records": ("还款记录", "Repayment records"),
        "field.history": ("以往还款情况", "Repayment history"),
        "field.when": ("时间", "Date and time"),
        "field.lender": ("机构", "Lender"),
        "field.contacts.lender": ("机构 / 债务", "Lender / debt"),
        "field.channel": ("方式", "Channel"),
        "field.staff": ("对方姓名/工号", "Staff name or ID"),
        "field.said": ("沟通内容", "What was said"),
        "field.outcome": ("结果", "Outcome"),
        "field.follow_up": ("约定跟进日期", "Follow-up date"),
        "field.evidence": ("留存证据", "Evidence kept"),
        "field.lang": ("语言", "Language"),
        "field.text": ("正文", "Text"),
        "choice.reason.job_loss": ("失业", "Lost my job"),
        "choice.reason.income_cut": ("收入减少（降薪/停发）", "Income cut (pay cut, unpaid wages)"),
        "choice.reason.illness": ("生病或受伤", "Illness or injury"),
        "choice.reason.business": ("生意失败", "Business failure"),
        "choice.reason.family": ("家庭变故", "Family emergency"),
        "choice.reason.other": ("其他", "Other"),
        "choice.history.on_time": ("一直按时还，最近才逾期", "Always on time until recently"),
        "choice.history.some_late": ("偶尔逾期过一两次", "Late once or twice before"),
        "choice.history.often_late": ("多次逾期", "Often late"),
        "choice.document.income_proof": ("收入证明（工资条、单位证明）", "income proof (payslips, employer letter)"),
        "choice.document.bank_statements": ("近 6 个月银行流水", "bank statements for the last 6 months"),
        "choice.document.hardship_proof": ("困难证明", "proof of the hardship"),
        "choice.document.contracts": ("借款合同", "the loan contracts"),
        "choice.document.repayment_records": ("还款记录", "the repayment records"),
        "choice.channel.phone": ("电话", "Phone"),
        "choice.channel.app_chat": ("App 在线客服", "App chat"),
        "choice.channel.email": ("电子邮件", "E-mail"),
        "choice.channel.in_person": ("当面", "In person"),
        "choice.channel.letter": ("信件", "Letter"),
        "choice.outcome.no_answer": ("没有接通/没回复", "No answer"),
        "choice.outcome.refused": ("拒绝", "Refused"),
        "choice.outcome.considering": ("对方考虑中", "They will consider it"),
        "choice.outcome.counter_offer": ("对方给出新方案", "Counter-offer"),
        "choice.outcome.agreed": ("已达成一致", "Agreed"),
        "choice.outcome.other": ("其他", "Other"),
        "choice.lang.zh": ("中文", "Chinese"),
        "choice.lang.en": ("英文", "English"),
        # --- readiness rules: <rule>.object = likely objection + what to do; .ok; .flag; .skip
        "rd.missing.reason": ("还没有选择困难原因", "no reason for the hardship is chosen yet"),
        "rd.missing.story": ("还没有写情况说明", "the short statement of what happened is not written yet"),
        "rd.reason.object": (
            "对方可能会问：“为什么要给你调整？”——{missing}。请在上面选出原因，并用两三句话写清楚发生了什么、从什么时候开始、现在怎样。",
            "The lender may ask: “why should we change your terms?” — {missing}. Choose the reason above and write two or"
            " three sentences: what happened, since when, and where things stand now.",
        ),
        "rd.reason.ok": (
            "你已经说明了原因（{reason}）和经过。",
            "You have given the reason ({reason}) and what happened.",
        ),
        "rd.income_proof.object": (
            "对方可能会说：“无法核实你能还多少。”还缺：{missing}。工资条可向单位人事索取，流水可在手机银行导出或到柜台打印。",
            "The lender may say: “we cannot check what you can pay.” Still missing: {missing}. Ask your employer's HR for"
            " payslips; export statements from your banking app or print them at a branch.",
        ),
        "rd.income_proof.ok": ("收入证明和银行流水都已备好。", "Income proof and bank statements are ready."),
        "rd.hardship_proof.object": (
            "对方可能会说：“没有证据证明你有困难。”请准备：{papers}。",
            "The lender may say: “there is no proof of hardship.” Gather: {papers}.",
        ),
        "rd.hardship_proof.ok": ("困难证明已备好。", "Proof of the hardship is ready."),
        "rd.papers.job_loss": (
            "解除劳动合同通知书或离职证明、失业登记证明",
            "the termination letter or leaving certificate, and your unemployment registration",
        ),
        "rd.papers.income_cut": (
            "降薪前后的工资条或单位出具的说明",
            "payslips from before and after the cut, or a letter from your employer",
        ),
        "rd.papers.illness": (
            "诊断证明、住院记录和医疗费用单据",
            "the diagnosis, hospital records and medical bills",
        ),
        "rd.papers.business": (
            "营业执照注销/停业证明、亏损的账目或银行流水",
            "the business closure papers and the accounts or statements that show the losses",
        ),
        "rd.papers.family": (
            "能说明家庭变故的材料（如医疗、死亡或离婚证明）",
            "papers that show the family emergency (medical, death or divorce certificates)",
        ),
        "rd.papers.other": ("能说明收入下降或支出增加原因的材料", "papers that show why income fell or costs rose"),
        "rd.papers.unknown": (
            "能说明困难原因的材料（先在上面选出困难原因，这里会列出具体要哪些）",
            "papers that show the cause (choose the reason above to see which ones)",
        ),
        "rd.records.object": (
            "对方会以合同和还款记录为准，谈判时你需要准确的数字。还缺：{missing}。可在借款 App 的“借款记录/合同”里下载，信用卡可在账单里查看。",
            "The lender works from the contract and the repayment record, and you need the exact figures. Still missing:"
            " {missing}. Download them in the lending app (loan records / contract); card statements show the rest.",
        ),
        "rd.records.ok": ("合同和还款记录都已备好。", "Contracts and repayment records are ready."),
        "rd.history.object": (
            "多次逾期会让对方怀疑新的承诺。请在信里说明每次逾期都和困难有关，并尽快先还一笔小额，证明诚意。",
            "Repeated late payments make a lender doubt new promises. Explain in the letter how each lapse came from"
            " the hardship, and pay a small amount right away to show good faith.",
        ),
        "rd.history.ok": (
            "以往还款情况：{history}。在信里提到它，这对你有利。",
            "Repayment history: {history}. Mention it in the letter: it helps you.",
        ),
        "rd.history.skip": (
            "还没回答以往的还款情况。请在上面选择。",
            "Your repayment history is not answered yet. Choose it above.",
        ),
        "rd.no_surplus.object": (
            "收入（每月 {income}）不够日常开支（每月 {expenses}），对方会问：“你拿什么还？”请先在收支表里找出能减少的开支或能增加的收入；"
            "在此之前可以先请求几个月的延期（宽限期）。",
            "Income ({income} a month) does not cover living costs ({expenses} a month), so the lender will ask “what"
            " will you pay with?” Find costs to cut or income to add in the worksheet first; until then, ask for a few"
            " months' deferral.",
        ),
        "rd.no_surplus.ok": (
            "收入减去日常开支，每月还能拿出 {affordable} 用于还债。",
            "After living costs, {affordable} a month is left for debts.",
        ),
        "rd.not_affordable.object": (
            "这个方案下仍有 {n} 个月现金不够（从 {first} 开始）。对方看到做不到的方案会拒绝或之后再违约。数字能支持的是：{support}",
            "This scenario still leaves {n} months short (from {first}). A lender turns down a plan that cannot be kept,"
            " or it fails later. What the numbers support: {support}",
        ),
        "rd.not_affordable.ok": (
            "这个方案下每个月现金都够：这是一个做得到的方案。",
            "Under this scenario the cash lasts every month: a plan you can keep.",
        ),
        "rd.not_affordable.skip": (
            "选择一个你打算提出的方案后，这里会检查它是否每个月都付得起。",
            "Choose the scenario you plan to propose to check that you can afford it every month.",
        ),
        "rd.large_debt.object": (
            "相对收入，这笔债偏大：收支表能付得起各笔合同月供的 {pct}%，分给这笔债每月约 {share}，还清 {owed} 需要约 {months} 个月（超过 {limit} 个月）。"
            "对方可能不接受简单的分期。建议提出分阶段还款：前几个月少还，收入恢复后多还；或者用资产一次性结清一部分。",
            "This debt is large against the income: the worksheet covers {pct}% of the contract payments, so this debt's"
            " share is about {share} a month and {owed}"
            " takes about {months} months (more than {limit}). A plain instalment plan may be refused. Propose staged"
            " repayment (less at first, more once income recovers), or settle part of it from an asset.",
        ),
        "rd.large_debt.ok": (
            "收支表能付得起各笔合同月供的 {pct}%，分给这笔债每月约 {share}，约 {months} 个月可以还清，对方容易接受。",
            "The worksheet covers {pct}% of the contract payments: this debt's share is about {share} a month, repaid in"
            " about {months} months — a plan a lender can accept.",
        ),
        "rd.large_debt.skip": (
            "收入扣除开支后没有余额，无法估算这笔债需要多久。",
            "Nothing is left after living costs, so how long this debt takes cannot be estimated.",
        ),
        "rd.long_overdue.object": (
            "已逾期 {days} 天，可能已转到催收部门或外包催收。请直接要求与贷款机构本身的协商部门沟通，并要求对方书面确认任何约定。",
            "{days} days overdue: it may have gone to collections or an outside agency. Ask for the lender's own"
            " negotiation department, and for any agreement in writing.",
        ),
        "rd.long_overdue.ok": (
            "逾期不超过 90 天（现在 {days} 天），越早协商越容易。",
            "Not more than 90 days overdue (now {days}): the sooner you talk, the easier it is.",
        ),
        "rd.ask.low_payment": ("每月只还 {payment}", "paying only {payment} a month"),
        "rd.ask.forgiveness": ("减免 {forgiven}", "having {forgiven} forgiven"),
        "rd.asks_too_much.object": (
            "方案里请求{what}，但你的收支表显示每月能为这笔债拿出约 {share}。对方看到收支表后可能认为要求过高。数字支持的是：每月约 {share}，约 {months} 个月还清。",
            "The scenario asks for {what}, but your worksheet shows about {share} a month is available for this debt. A"
            " lender who sees the worksheet may find the ask too much. What the numbers support: about {share} a"
            " month, repaid in about {months} months.",
        ),
        "rd.asks_too_much.ok": (
            "方案里每月还 {payment}，与收支表显示的能力（约 {share}）相符。",
            "The scenario pays {payment} a month, in line with what the worksheet shows you can pay (about {share}).",
        ),
        "rd.asks_too_much.skip": (
            "所选方案没有改变这笔债的条件（或没有可用余额），不检查。",
            "The chosen scenario does not change this debt (or nothing is left to pay with): not checked.",
        ),
        "rd.rate.contract": ("合同", "The contract"),
        "rd.rate.offer": ("新方案", "The offer"),
        "rd.rate.flag": (
            "{which}的真实年化利率 {apr}% 高于 {line}% 这条参考线，值得向对方询问费用构成，或咨询专业人士。这不是法律意见：持牌金融机构不受民间借贷利率上限约束。",
            "{which}'s true annual rate, {apr}%, is above the {line}% reference line: worth asking the lender how it is"
            " made up, or asking a professional. This is not legal advice: licensed financial institutions are not bound"
            " by the private-lending cap.",
        ),
        "rd.rate.ok": (
            "真实年化利率未超过参考线（4 × LPR = {line}%、24%、36%）。",
            "The true annual rate is below the reference lines (4 × LPR = {line}%, 24%, 36%).",
        ),
        "rd.rate.skip": ("这笔债的真实年化利率无法计算。", "This debt's true annual rate cannot be computed."),
    }
)

# --- the proposal letter ---------------------------------------------------------------------
TEXTS.update(
    {
        "lt.title": ("关于“{debt}”的协商还款申请", "Request to renegotiate the repayment of {debt}"),
        "lt.to": ("{lender}：", "To {lender},"),
        "lt.who.name": ("我叫{name}，", "My name is {name}."),
        "lt.who.account": ("我是贵司“{debt}”这笔借款的借款人。", "I am the borrower of the account “{debt}” with you."),
        "lt.who.account_named": (
            "是贵司“{debt}”这笔借款的借款人。",
            "I am the borrower of the account “{debt}” with you.",
        ),
        "lt.who.contact": ("联系方式：{contact}。", "You can reach me at {contact}."),
        "lt.owe.total": (
            "截至今天，我在这笔借款下共欠 {owed}，其中剩余本金 {principal}。",
            "As of today I owe {owed} on this account, of which {principal} is outstanding principal.",
        ),
        "lt.owe.overdue": (
            "已逾期 {days} 天，逾期的本金、利息和罚息共 {overdue}。",
            "It is {days} days overdue; the overdue principal, interest and penalty come to {overdue}.",
        ),
        "lt.why.reason": ("我逾期的原因是{reason}。", "I fell behind because of {reason}."),
        "lt.why.since": ("这种情况从 {since} 开始。", "This began in {since}."),
        "lt.why.on_time": (
            "在此之前，我一直按时还款。",
            "Until then I always paid on time.",
        ),
        "lt.reason.job_loss": ("失业，收入中断", "losing my job and with it my income"),
        "lt.reason.income_cut": ("收入大幅减少", "a sharp cut in my income"),
        "lt.reason.illness": (
            "生病（受伤）带来的医疗支出和收入损失",
            "illness or injury, with its medical costs and lost income",
        ),
        "lt.reason.business": ("生意失败", "the failure of my business"),
        "lt.reason.family": ("家庭变故", "a family emergency"),
        "lt.reason.other": ("收入减少、支出增加", "lower income and higher costs"),
        "lt.afford": (
            "我家现在每月收入 {income}，必要的生活开支 {expenses}，扣除后每月最多能拿出 {left} 还债；我一共欠 {lenders} 家机构 {total}。",
            "My household's income is {income} a month and our essential living costs are {expenses}, which leaves at"
            " most {left} a month for all debts; I owe {total} to {lenders} lenders in all.",
        ),
        "lt.afford.share": (
            "按各笔借款的月供比例分配，我每月能用于这笔借款的约为 {share}。",
            "Shared across my debts in proportion to their payments, about {share} a month can go to this account.",
        ),
        "lt.propose.intro": (
            "为了能够持续还款，我恳请贵司同意以下方案：",
            "So that I can keep repaying, I ask you to agree to the following plan:",
        ),
        "lt.propose.payment": (
            "按此方案，我从 {start} 起每月还 {payment}，共 {months} 期。",
            "Under this plan I would pay {payment} a month for {months} months, starting in {start}.",
        ),
        "lt.propose.total": ("合计还款 {total}。", "In all I would pay {total}."),
        "lt.propose.forgiven": ("请求减免 {forgiven}。", "I ask you to waive {forgiven}."),
        "lt.propose.fees": ("其中包含手续费 {fees}。", "This includes fees of {fees}."),
        "lt.term.extension": ("剩余欠款分 {months} 期偿还；", "spread the remaining balance over {months} months;"),
        "lt.term.rate_cut": ("年利率调整为 {rate}%；", "reduce the annual rate to {rate}%;"),
        "lt.term.freeze": (
            "停息挂账：停止计收利息和罚息，本金分 {months} 期偿还；",
            "freeze interest and penalty charges and let me repay the principal over {months} months;",
        ),
        "lt.term.waiver.penalty": ("减免全部罚息；", "waive the penalty interest;"),
        "lt.term.waiver.interest": ("减免逾期利息；", "waive the overdue interest;"),
        "lt.term.waiver.both": ("减免罚息和逾期利息；", "waive the penalty and overdue interest;"),
        "lt.term.waiver.penalty.part": ("减免 {percent}% 的罚息；", "waive {percent}% of the penalty interest;"),
        "lt.term.waiver.interest.part": ("减免 {percent}% 的逾期利息；", "waive {percent}% of the overdue interest;"),
        "lt.term.waiver.both.part": (
            "减免 {percent}% 的罚息和逾期利息；",
            "waive {percent}% of the penalty and overdue interest;",
        ),
        "lt.term.reduction.amount": ("减免本金 {amount}；", "reduce the principal by {amount};"),
        "lt.term.reduction.percent": ("减免 {percent}% 的欠款；", "reduce what I owe by {percent}%;"),
        "lt.term.deferral.capitalise": (
            "从 {start} 起暂停还款 {months} 个月（期间利息计入本金）；",
            "pause payments for {months} months from {start} (interest added to the balance);",
        ),
        "lt.term.deferral.interest_only": (
            "从 {start} 起 {months} 个月只还利息；",
            "let me pay interest only for {months} months from {start};",
        ),
        "lt.term.deferral.free": (
            "从 {start} 起暂停还款 {months} 个月，期间不计利息；",
            "pause payments for {months} months from {start}, interest-free;",
        ),
        "lt.term.fee.upfront.percent": (
            "我接受一次性手续费（欠款的 {percent}%），在 {start} 支付；",
            "I accept a one-off fee of {percent}% of the balance, paid in {start};",
        ),
        "lt.term.fee.added.percent": (
            "我接受一次性手续费（欠款的 {percent}%），计入分期本金；",
            "I accept a one-off fee of {percent}% of the balance, added to the instalments;",
        ),
        "lt.term.fee.upfront.amount": (
            "我接受一次性手续费 {amount}，在 {start} 支付；",
            "I accept a one-off fee of {amount}, paid in {start};",
        ),
        "lt.term.fee.added.amount": (
            "我接受一次性手续费 {amount}，计入分期本金；",
            "I accept a one-off fee of {amount}, added to the instalments;",
        ),
        "lt.term.stage": (
            "分阶段还款：从 {start} 起 {months} 个月，每月还 {amount}；",
            "staged repayment: {amount} a month for {months} months from {start};",
        ),
        "lt.term.settlement.amount": (
            "在 {start} 一次性还 {amount} 结清，其余部分减免；",
            "a one-off settlement of {amount} in {start}, with the rest waived;",
        ),
        "lt.term.settlement.percent": (
            "在 {start} 一次性还清欠款的 {percent}%，其余部分减免；",
            "a one-off settlement of {percent}% of the balance in {start}, with the rest waived;",
        ),
        "lt.term.higher_payment": ("每月还 {amount}；", "a payment of {amount} a month;"),
        "lt.docs.intro": ("随信附上：", "I enclose:"),
        "lt.docs.later": (
            "如需证明材料，我会尽快补充提供。",
            "I will send supporting documents as soon as you need them.",
        ),
        "lt.reply": (
            "恳请贵司在收到本信后 15 日内书面答复（信件、电子邮件或 App 消息均可）是否同意上述方案。"
            "如同意，请以书面形式确认具体的还款金额和日期，我会按约定按时还款。",
            "Please reply in writing (letter, e-mail or in-app message) within 15 days of receiving this letter, saying"
            " whether you accept this plan. If you do, please confirm the amounts and dates in writing, and I will pay"
            " on time as agreed.",
        ),
        "lt.sign": ("此致\n敬礼", "Yours faithfully,"),
    }
)

# --- the report ---------------------------------------------------------------------------------
TEXTS.update(
    {
        "rp.title": ("还款规划报告", "Repayment planning report"),
        "rp.profile": ("家庭", "Household"),
        "rp.created": ("生成时间", "Created"),
        "rp.item": ("项目", "Item"),
        "rp.value": ("数值", "Value"),
        "rp.regular_payments": ("合同每月应还", "Contract payments a month"),
        "rp.sheet.summary": ("摘要", "Summary"),
        "rp.sheet.comparison": ("方案对比", "Comparison"),
        "rp.sheet.chart_data": ("图表数据", "Chart data"),
        "rp.chart.cash": ("每月月末现金（按方案）", "Cash at the end of each month, by scenario"),
        "rp.chart.balances": ("每月月末仍欠的总额（按方案）", "Total still owed at the end of each month, by scenario"),
        "rp.prepaid": ("提前还款", "Prepaid"),
        "rp.payments": ("本月还款合计", "Debt payments"),
        "rp.owed": ("仍欠总额", "Still owed"),
        "rp.yes": ("有", "Yes"),
        "rp.no": ("无", "No"),
        "rp.note": (
            "本报告由“还款规划”在本机生成，金额精确到分（四舍五入），仅供协商参考，不构成法律或财务意见。",
            "Made on this computer by Repay Planner. Amounts are exact to the cent (rounded half-up). For negotiation"
            " only; not legal or financial advice.",
        ),
        "cli.report_written": ("报告已写入 {path}", "Report written to {path}"),
        "cli.report_ext": (
            "-o 的文件名必须以 .xlsx 或 .html 结尾",
            "the -o file name must end in .xlsx or .html",
        ),
    }
)

# --- the negotiation workspace pages ---------------------------------------------------------------
TEXTS.update(
    {
        "nav.readiness": ("准备情况检查", "Readiness check"),
        "nav.letters": ("协商信", "Proposal letters"),
        "nav.contacts": ("沟通记录", "Contact log"),
        "nav.report": ("报告与导出", "Report"),
        "rd.title": ("准备情况检查", "Readiness check"),
        "rd.intro": (
            "贷款机构拒绝协商，常见的原因是：欠款相对收入太大、逾期记录多、没有困难证明、提出的要求超出实际能力。"
            "这里按你的数字和回答，逐家列出对方可能提出的异议和应对办法。这些是简单的规则，不是预测。",
            "Lenders commonly refuse because the debt is too large for the income, the record shows repeated late"
            " payments, there is no proof of hardship, or the ask goes beyond what the numbers show. From your numbers"
            " and answers, this lists lender by lender what they may object to and what to do. These are plain rules,"
            " not a prediction.",
        ),
        "rd.answers": ("我的情况（用于检查和协商信）", "About me (used by the check and the letters)"),
        "rd.name_help": ("写在协商信里；只保存在本机。", "Goes into the letters; kept only on this computer."),
        "rd.contact_help": ("电话或邮箱，写在协商信里。", "Phone or e-mail, for the letters."),
        "rd.choose": ("请选择", "Choose one"),
        "rd.story_help": (
            "两三句话：发生了什么、从什么时候开始、现在怎样。会原样写进协商信。",
            "Two or three sentences: what happened, since when, where things stand. It goes into the letters as written.",
        ),
        "rd.documents": ("我手上已有的材料", "Papers I already have"),
        "rd.scenario": ("我打算提出的方案", "The scenario I plan to propose"),
        "rd.no_scenario": ("还没有方案——先到“协商方案对比”添加", "No scenario yet — add one on the Scenarios page"),
        "rd.scenario_help": (
            "用来检查这个方案是否付得起、要求是否超出数字支持的范围。",
            "Used to check the scenario is affordable and does not ask for more than the numbers support.",
        ),
        "rd.todo": ("还有 {n} 项需要准备", "{n} points to prepare"),
        "rd.all_ready": ("能检查的各项都已准备好", "Everything that can be checked is ready"),
        "rd.household": ("整体情况", "Your situation as a whole"),
        "rd.checked_against": ("按方案“{name}”检查", "Checked against the scenario “{name}”"),
        "rd.by_lender": ("逐家检查", "Lender by lender"),
        "rd.lender_title": ("{name}：{n} 项待准备", "{name}: {n} to prepare"),
        "rd.flags": ("{n} 项值得询问", "{n} worth asking about"),
        "rd.not_advice": (
            "这些检查基于简单规则和你填写的数字，帮助你准备协商，不构成法律意见；利率参考线是否适用于某家机构，请咨询专业人士。",
            "These checks use plain rules and your own figures to help you prepare. They are not legal advice; whether"
            " a rate line applies to a lender is a question for a professional.",
        ),
        "lt.page_title": ("协商信", "Proposal letters"),
        "lt.intro": (
            "为每家机构写一封协商信：我是谁、欠多少、为什么逾期、每月能还多少、提出什么方案、附上哪些材料，并请对方书面答复。"
            "信由你的数据生成，可以直接修改，改动会自动保存。",
            "A letter for each lender: who you are, what you owe, why you fell behind, what you can pay each month, what"
            " you propose, the papers enclosed, and a request for a written reply. It is written from your data; edit"
            " it freely — changes are saved as you go.",
        ),
        "lt.debt": ("写给哪笔债务的机构", "Letter about which debt"),
        "lt.scenario": ("按哪个方案提出", "Propose which scenario"),
        "lt.scenario_help": (
            "你在“协商方案对比”里建的、改变了这笔债的方案，以及按数字算出的最低请求。",
            "Your scenarios that change this debt, and the least the numbers say you need to ask for.",
        ),
        "lt.no_scenario": (
            "这笔债还没有协商方案，按现在的数字也不需要额外让步。可以先在“协商方案对比”里建一个方案。",
            "There is no scenario for this debt, and on the current numbers no concession is needed. Build a scenario"
            " on the Scenarios page first.",
        ),
        "lt.suggest.freeze": ("按能力：停息挂账 {months} 期", "What I can pay: interest freeze over {months} months"),
        "lt.metric.payment": ("方案每月还款", "Monthly payment in the plan"),
        "lt.metric.months": ("期数", "Months"),
        "lt.metric.forgiven": ("请求减免", "Asked to waive"),
        "lt.short_warning": (
            "注意：这个方案下仍有 {n} 个月现金不够。提出做不到的方案容易被拒或之后违约，请先看“准备情况检查”。",
            "Note: under this scenario {n} months still run short. A plan you cannot keep is easily refused or fails"
            " later; see the readiness check first.",
        ),
        "lt.edit": ("信的内容（可修改）", "The letter (edit as you like)"),
        "lt.edit_help": ("修改后点击框外或按 Ctrl+Enter 保存。", "Click outside the box or press Ctrl+Enter to save."),
        "lt.kept": (
            "这是你保存过的版本；如果数字有变化，点“按最新数据重新生成”。",
            "This is the version you saved; if your figures have changed, press “Write again from my data”.",
        ),
        "lt.saved": ("协商信已保存", "Letter saved"),
        "lt.download_docx": ("下载 Word 文档", "Download as Word"),
        "lt.download_txt": ("下载纯文本", "Download as text"),
        "lt.regenerate": ("按最新数据重新生成", "Write again from my data"),
        "lt.regenerate_help": (
            "丢弃对这封信的修改，按现在的数据和方案重新写。",
            "Drop your edits to this letter and write it again from the current data and scenario.",
        ),
        "lt.check": ("寄出前请核对每个数字。", "Check every figure before you send it."),
        "ct.title": ("沟通记录", "Contact log"),
        "ct.intro": (
            "每次和机构联系都记下来：时间、方式、对方姓名或工号、谈了什么、结果、约定的跟进日期，以及留存的截图或录音。"
            "协商出现争议时，这些记录就是你的证据。",
            "Record every contact with a lender: when, how, the staff name or ID, what was said, the result, the"
            " follow-up date, and the screenshot or recording you kept. If there is a dispute, this is your evidence.",
        ),
        "ct.add": ("新增一条记录", "Add a contact"),
        "ct.date": ("日期", "Date"),
        "ct.time": ("时间", "Time"),
        "ct.lender_placeholder": ("选择或输入机构", "Choose or type a lender"),
        "ct.said_help": ("对方说了什么、你说了什么、有没有承诺。", "What they said, what you said, any promise made."),
        "ct.follow_help": (
            "对方约定回复或你要再联系的日期。",
            "When they promised to reply, or when you will call again.",
        ),
        "ct.evidence_help": (
            "截图、录音或邮件的文件名或保存位置。",
            "The file name or place of the screenshot, recording or e-mail.",
        ),
        "ct.save": ("保存记录", "Save the contact"),
        "ct.need_lender": ("请选择或填写机构。", "Choose or type the lender."),
        "ct.added": ("已保存这条沟通记录。", "Contact saved."),
        "ct.due": ("需要跟进", "Follow-ups due"),
        "ct.none_due": ("没有到期或 7 天内要跟进的事项。", "Nothing due now or in the next 7 days."),
        "ct.due.late": (
            "{lender}：约定 {date} 跟进，已过 {days} 天（{when} 的沟通）",
            "{lender}: follow-up was due on {date}, {days} days ago (contact of {when})",
        ),
        "ct.due.today": (
            "{lender}：今天（{date}）跟进（{when} 的沟通）",
            "{lender}: follow up today, {date} (contact of {when})",
        ),
        "ct.due.soon": (
            "{lender}：{days} 天后（{date}）跟进（{when} 的沟通）",
            "{lender}: follow up in {days} days, on {date} (contact of {when})",
        ),
        "ct.open_log": ("打开沟通记录", "Open the contact log"),
        "ct.log": ("全部记录", "All contacts"),
        "ct.log_help": (
            "可以直接在表格里修改或删除；时间格式 YYYY-MM-DD HH:MM。",
            "Edit or delete right in the table; times as YYYY-MM-DD HH:MM.",
        ),
        "rp.page_title": ("报告与导出", "Report"),
        "rp.intro": (
            "把全部情况整理成一份报告，带去协商、交给家人或咨询人员。所有内容都在本机生成。",
            "Everything in one report, to take to the talks or show a relative or counsellor. Made on this computer.",
        ),
        "rp.contains.summary": (
            "摘要：收入、支出、欠款、资产和关键比例",
            "Summary: income, costs, debts, assets, key ratios",
        ),
        "rp.contains.sections": ("收支表、资产和债务清单", "The worksheet, assets and debts"),
        "rp.contains.scenarios": (
            "{n} 个方案（含维持原状）的逐月明细和对比，以及现金流和欠款余额图",
            "{n} scenarios (the status quo included): month-by-month detail, the comparison, cash-flow and balance charts",
        ),
        "rp.contains.contacts": ("沟通记录（{n} 条）", "The contact log ({n} entries)"),
        "rp.download_xlsx": ("下载 Excel 报告", "Download the Excel report"),
        "rp.download_html": ("下载网页报告", "Download the web-page report"),
        "rp.xlsx_help": (
            "Excel 报告：每个方案一张表，金额为数字格式，表头冻结，图表为 Excel 原生图表。",
            "Excel: a sheet per scenario, amounts as numbers, frozen headers, native Excel charts.",
        ),
        "rp.html_help": (
            "网页报告：一个文件，断网也能用浏览器打开，图表可以缩放和悬停查看金额。",
            "Web page: one file that opens in a browser without internet, with charts you can zoom and hover.",
        ),
        "rp.cli_help": (
            "命令行：python -m core report 家庭.xlsx -o 报告.xlsx（或 .html）",
            "Command line: python -m core report household.xlsx -o report.xlsx (or .html)",
        ),
    }
)

# --- trust: refused files, caps, saving and history ------------------------------------------
TEXTS.update(
    {
        "refuse.sheet_extent": (
            "表格范围异常：{rows} 行 × {columns} 列（上限 {max_rows} 行、{max_columns} 列），可能是损坏或恶意的文件，已拒绝。",
            "The sheet spans {rows} rows × {columns} columns (limit {max_rows} rows, {max_columns} columns): "
            "a damaged or malicious file, refused.",
        ),
        "refuse.profile_limit": (
            "这个档案超出了本应用的容量上限，未导入：",
            "This profile is larger than the app's limits and was not imported:",
        ),
        "err.section_full": (
            "最多 {limit} 行，超出的部分没有保存",
            "at most {limit} rows; the rows beyond that were not saved",
        ),
        "err.text_too_long": (
            "{field}：文字太长（上限 {limit} 字），已截断",
            "{field}: the text is too long (limit {limit} characters) and was cut",
        ),
        "sc.ask_largest": (
            "债务较多：先选了欠款最多的 {n} 笔，可以在上面加上其他的。",
            "You have many debts: the {n} largest are chosen to start with; add others above.",
        ),
        # saving
        "save.failed": ("“{where}”的修改没有保存。", "Your change to “{where}” was NOT saved."),
        "save.refused": ("“{where}”的修改没有保存：", "Your change to “{where}” was not saved:"),
        "save.merged": (
            "另一个标签页也改了“{where}”：两边的修改已合并保存。",
            "“{where}” was also changed in another tab: both changes were combined and saved.",
        ),
        "save.conflict": (
            "“{where}”在另一个标签页或窗口里被改过。你的修改已和它合并，但有 {n} 处与较新的内容冲突，"
            "这些地方保留了较新的内容；你这一版完整保存在“修改记录”里，需要时可以恢复。",
            "“{where}” was changed in another tab or window since you opened it. Your changes were combined "
            "with it, but {n} of them clashed with the newer ones, which were kept there; your whole version "
            "is kept in “History”, where you can restore it.",
        ),
        "save.conflict_cell": (
            "第 {row} 行“{column}”：你的是 {mine}，已保存的是 {theirs}",
            "row {row}, “{column}”: yours {mine}, saved {theirs}",
        ),
        "save.conflict_row": (
            "第 {row} 行：一边删除了、另一边修改了这一行，两边都已保留",
            "row {row}: deleted on one side and changed on the other; both kept",
        ),
        # the database: what happened, and what to do
        "store.readonly.what": (
            "数据文件是只读的，不能写入。",
            "The data file is read-only, so nothing can be written to it.",
        ),
        "store.readonly.do": (
            "请检查文件和文件夹的权限，或者在下面选择一个可以写入的文件夹（会把现有数据复制过去）。",
            "Check the permissions of the file and its folder, or choose a folder you can write to below "
            "(your data is copied there).",
        ),
        "store.corrupt.what": (
            "数据文件已损坏，无法读取。",
            "The data file is damaged and cannot be read.",
        ),
        "store.corrupt.do": (
            "可以从下面的自动备份恢复，或者新建一个空的数据文件。损坏的文件会被改名保留，不会删除。",
            "Restore it from one of the automatic backups below, or start a new, empty data file. "
            "The damaged file is renamed and kept, never deleted.",
        ),
        "store.empty_file.what": (
            "数据文件是空的（0 字节），可能在复制或保存时被截断了。",
            "The data file is empty (0 bytes): it may have been cut short while being copied or saved.",
        ),
        "store.empty_file.do": (
            "可以从下面的自动备份恢复，或者从空白开始。这个空文件会被改名保留。",
            "Restore one of the automatic backups below, or start afresh. The empty file is renamed and kept.",
        ),
        "store.newer.what": (
            "这个数据文件来自更新版本的还款规划，这个版本不能安全地修改它。",
            "This data file was written by a newer version of Repay Planner; this version cannot change it safely.",
        ),
        "store.newer.do": (
            "请使用更新的版本打开，或者在下面选择另一个数据文件夹。",
            "Open it with the newer version, or choose another data folder below.",
        ),
        "store.full.what": ("磁盘已满，无法保存。", "The disk is full, so nothing could be saved."),
        "store.full.do": (
            "请清理一些磁盘空间后再试一次；已经保存的内容不受影响。",
            "Free some disk space and try again; what was saved before is safe.",
        ),
        "store.locked.what": (
            "数据文件正被另一个程序占用。",
            "The data file is in use by another program.",
        ),
        "store.locked.do": (
            "请稍等几秒后再试一次；如果一直这样，请关闭其他正在使用它的程序。",
            "Wait a few seconds and try again; if it goes on, close the other program using it.",
        ),
        "store.unavailable.what": (
            "无法打开或写入数据文件。",
            "The data file could not be opened or written.",
        ),
        "store.unavailable.do": (
            "请检查磁盘和文件夹是否可用，或者在下面选择另一个数据文件夹。",
            "Check that the disk and folder are available, or choose another data folder below.",
        ),
        # the recovery page
        "rec.title": ("数据文件出了问题", "There is a problem with your data file"),
        "rec.file": ("数据文件：{path}", "Data file: {path}"),
        "rec.backups": ("自动备份", "Automatic backups"),
        "rec.backup_item": ("{when}（{size}）", "{when} ({size})"),
        "rec.restore": ("用这个备份恢复", "Restore this backup"),
        "rec.no_backups": ("还没有自动备份。", "There are no automatic backups yet."),
        "rec.fresh": ("从空白开始（损坏的文件改名保留）", "Start afresh (the damaged file is renamed and kept)"),
        "rec.folder": ("换一个数据文件夹", "Use another data folder"),
        "rec.folder_help": (
            "填写一个你有写入权限的文件夹的完整路径。仅对本次使用有效；要长期使用，请在启动前设置环境变量 "
            "REPAY_PLANNER_DATA。",
            "The full path of a folder you can write to. It applies to this session; to keep it, set the "
            "REPAY_PLANNER_DATA environment variable before starting the app.",
        ),
        "rec.use_folder": ("使用这个文件夹", "Use this folder"),
        "rec.folder_bad": ("无法使用这个文件夹：{reason}", "This folder cannot be used: {reason}"),
        "rec.done": ("原来的文件保存在：{path}", "The old file is kept at: {path}"),
        "rec.done_backup": (
            "已恢复到 {when} 的备份：那之后的修改不在这个备份里。",
            "Restored the backup of {when}: changes made after it are not in it.",
        ),
        "rec.done_fresh": ("已新建一个空的数据文件。", "A new, empty data file was started."),
        # undo and history
        "hist.undo": ("撤销上一步修改", "Undo last change"),
        "hist.undo_what": ("将撤销：{where}（{when}）", "Will undo: {where} ({when})"),
        "hist.undone": ("已撤销对“{where}”的修改。", "Your change to “{where}” was undone."),
        "hist.nothing": ("没有可以撤销的修改。", "There is nothing to undo."),
        "hist.title": ("修改记录", "History"),
        "hist.intro": (
            "每次保存都会留下一条记录。可以把某一张表恢复到某次保存时的样子，也可以把整个档案恢复到某个时间点。"
            "恢复本身也是一次新的保存，随时可以再撤销。",
            "Every save is kept. Put one table back as it was at a save, or the whole profile back as it was at "
            "a moment. A restore is itself a new save, so it can be undone too.",
        ),
        "hist.sample": (
            "你现在看的是示例家庭：做出第一次修改后，这里会记录你的每一次保存。",
            "You are viewing the sample household: once you make your first change, every save is recorded here.",
        ),
        "hist.col.when": ("时间", "When"),
        "hist.col.table": ("表格", "Table"),
        "hist.col.kind": ("操作", "What"),
        "hist.col.rows": ("行数", "Rows"),
        "hist.kind.edit": ("修改", "Edit"),
        "hist.kind.undo": ("撤销", "Undo"),
        "hist.kind.restore": ("恢复", "Restore"),
        "hist.kind.conflict": ("冲突时保留的版本（未生效）", "Version kept in a clash (not applied)"),
        "hist.pick": ("选择一条记录", "Choose a save"),
        "hist.restore_one": ("把这张表恢复成这个版本", "Restore this table to this version"),
        "hist.restored_one": ("“{where}”已恢复到 {when} 的版本。", "“{where}” is back as it was at {when}."),
        "hist.at": ("恢复整个档案到这个时间点", "Restore the whole profile as it was at"),
        "hist.day": ("日期", "Date"),
        "hist.time": ("时间", "Time"),
        "hist.restore_all": ("恢复整个档案", "Restore the whole profile"),
        "hist.restored_all": (
            "档案已恢复到 {when}：{tables}。",
            "The profile is back as it was at {when}: {tables}.",
        ),
        "hist.same": ("那时的内容和现在一样，没有需要恢复的。", "Nothing differs from then; nothing to restore."),
        "hist.none": ("还没有修改记录。", "No saves yet."),
        "hist.policy": (
            "保留规则：每张表最近 {recent} 次保存和最近 {days} 天内的所有保存都会保留；更早的每天保留最后一次，"
            "{keep} 天以前的删除。整个数据库每天自动备份一次，保留最近 {backups} 份，位置：{folder}",
            "What is kept: the newest {recent} saves of each table and every save of the last {days} days; older "
            "ones are thinned to the last of each day, and those older than {keep} days go. The whole database "
            "is backed up once a day, the newest {backups} kept, in: {folder}",
        ),
        "nav.history": ("修改记录", "History"),
        "profile.name_taken": (
            "已经有叫“{name}”的档案了，请换一个名字。",
            "A profile named “{name}” already exists; choose another name.",
        ),
        "profile.not_saved": ("档案没有保存：{reason}", "The profile was not saved: {reason}"),
        "app.crashed": (
            "这个页面出了意外的问题，已经停止显示。你的数据没有受影响：已经保存的内容都在。请刷新页面再试；"
            "如果还是这样，可以换一个页面或撤销上一步修改。",
            "Something unexpected went wrong on this page, so it stopped. Your data is safe: everything saved is "
            "still there. Reload the page and try again; if it happens again, open another page or undo your "
            "last change.",
        ),
    }
)
