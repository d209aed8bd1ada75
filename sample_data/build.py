"""Writes the bundled sample household and sample statements into sample_data/.

Run: .venv/bin/python sample_data/build.py   (the outputs are committed)
The household is invented: a salaried couple renting in a second-tier city with six debts
across online lending apps, two credit cards and a bank consumer loan, one of them overdue.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from core.profiles.profile import Profile, normalize_section  # noqa: E402
from core.profiles.workbook import profile_to_xlsx  # noqa: E402
from tests.fixtures import make  # noqa: E402

WORKSHEET = [
    ("工资", "income", "fixed", 9500, "monthly", None, "税后"),
    ("配偶兼职", "income", "variable", 2000, "monthly", None, ""),
    ("房租/物业", "expense", "fixed", 2800, "monthly", None, ""),
    ("水电燃气/通讯", "expense", "fixed", 480, "monthly", None, ""),
    ("餐饮/买菜", "expense", "variable", 2200, "monthly", None, ""),
    ("交通", "expense", "variable", 400, "monthly", None, ""),
    ("教育", "expense", "fixed", 800, "monthly", None, "孩子兴趣班"),
    ("医疗", "expense", "variable", 200, "monthly", None, ""),
    ("赡养/家庭", "expense", "fixed", 500, "monthly", None, "给父母"),
    ("保险", "expense", "fixed", 2400, "yearly", None, "车险"),
    ("医疗", "expense", "variable", 3000, "one_off", "2027-02", "补牙"),
    ("交通", "expense", "variable", 1500, "one_off", "2027-04", "修车"),
]
ASSETS = [
    ("活期存款", "cash", 6000, "now", 0, None, ""),
    ("余额宝", "cash", 1500, "now", 0, None, ""),
    ("家用汽车", "vehicle", 45000, "3_months", 25, None, "2019 年款"),
    ("金饰", "valuables", 8000, "3_months", 20, None, ""),
]
BUFFERS = [("信用卡未用额度", "credit_line", 5000, "应急用，不是收入"), ("父母支援", "family_help", 10000, "只能一次")]
DEBTS = [
    dict(
        name="借呗",
        lender="蚂蚁借呗",
        lender_type="online_lending",
        principal=35000,
        rate=0.045,
        rate_unit="daily",
        method="annuity",
        months=12,
    ),
    dict(
        name="微粒贷",
        lender="微众银行",
        lender_type="online_lending",
        principal=20000,
        rate=0.05,
        rate_unit="daily",
        method="annuity",
        months=10,
        overdue_principal=4000,
        overdue_interest=600,
        days_overdue=75,
        note="已逾期两期",
    ),
    dict(
        name="招行信用卡",
        lender="招商银行",
        lender_type="credit_card",
        principal=48000,
        rate=0.05,
        rate_unit="daily",
        method="revolving",
        min_payment_pct=10,
        min_payment_floor=100,
    ),
    dict(
        name="建行信用卡分期",
        lender="建设银行",
        lender_type="credit_card",
        principal=12000,
        rate=0,
        method="equal_principal",
        months=24,
        monthly_fee_rate=0.6,
        note="账单分期，每月手续费 0.6%",
    ),
    dict(
        name="工行消费贷",
        lender="工商银行",
        lender_type="bank_consumer",
        principal=80000,
        rate=7.2,
        method="annuity",
        months=36,
    ),
    dict(
        name="某分期平台",
        lender="某消费金融",
        lender_type="online_lending",
        principal=8000,
        rate=35.9,
        method="annuity",
        months=12,
        upfront_fee=0,
    ),
]


def sample_profile() -> Profile:
    def frame(section, rows, columns):
        clean, errors = normalize_section(section, pd.DataFrame(rows, columns=columns))
        assert not errors, errors
        return clean

    return Profile(
        name="示例家庭 Sample household",
        sections={
            "worksheet": frame(
                "worksheet", WORKSHEET, ["category", "direction", "kind", "amount", "frequency", "month", "note"]
            ),
            "assets": frame(
                "assets", ASSETS, ["name", "type", "value", "liquidity", "sale_discount", "pledged_for", "note"]
            ),
            "buffers": frame("buffers", BUFFERS, ["name", "kind", "amount", "note"]),
            "debts": frame("debts", DEBTS, None),
        },
    )


def main() -> None:
    (HERE / "sample_household.xlsx").write_bytes(profile_to_xlsx(sample_profile()))
    (HERE / "alipay_statement_sample.csv").write_bytes(make.alipay_csv())
    (HERE / "wechat_statement_sample.xlsx").write_bytes(make.wechat_xlsx())
    (HERE / "bank_statement_sample.csv").write_bytes(make.bank_signed_csv())
    (HERE / "budget_sheet_sample.xlsx").write_bytes(make.budget_xlsx())
    print("written:", ", ".join(sorted(p.name for p in HERE.iterdir() if p.suffix in (".csv", ".xlsx"))))


if __name__ == "__main__":
    main()
