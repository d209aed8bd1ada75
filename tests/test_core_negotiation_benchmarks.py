"""Costs against the National Bureau of Statistics' averages (core.negotiation.benchmarks): the figures
worked by hand, the worksheet's words, far above / far below / missing, and the data file."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd
import pytest

from core.household.loader import load
from core.negotiation.benchmarks import DATA, benchmarks, compare_costs, nbs_category, read_benchmarks
from core.profiles.profile import Profile, normalize_section
from tests.fixtures.workspace import FULL_CASE, make_profile
from tests.helpers import loaded


def by_hand(per_person_yuan: int, size: int, area_total: int = 28_227, all_total: int = 28_227) -> int:
    """yuan a year per person × size × (area total / all total) / 12, in cents, half up."""
    cents = Fraction(per_person_yuan * 100 * size * area_total, all_total * 12)
    return int((Decimal(cents.numerator) / Decimal(cents.denominator)).quantize(Decimal(1), ROUND_HALF_UP))


def household(rows, size=3, area="urban", debts=None):
    case = {**FULL_CASE, "household_size": size, "area": area}
    if size is None:
        case.pop("household_size")
    if area is None:
        case.pop("area")
    worksheet = [{"category": "工资", "direction": "income", "amount": 20_000}]
    worksheet += [{"category": c, "direction": "expense", "amount": a} for c, a in rows]
    return loaded(make_profile(case=case, worksheet=worksheet, debts=debts))


def check_of(report, category):
    return next(c for c in report.checks if c.category == category)


def test_the_shipped_figures_are_nbs_2024():
    data = benchmarks()
    assert data.year == 2024 and "2024年居民收入和消费支出情况" in data.title
    assert data.figures[("all", "total")] == 2_822_700 and data.figures[("urban", "total")] == 3_455_700
    assert data.figures[("rural", "total")] == 1_928_000 and data.figures[("all", "food")] == 841_100
    parts = ("food", "clothing", "housing", "household", "transport_comms", "education_recreation", "medical_other")
    assert sum(data.figures[("all", p)] for p in parts) == data.figures[("all", "total")]  # the groups add up


def test_an_urban_household_of_three_by_hand():
    report = compare_costs(household([("餐饮/买菜", 2_200), ("房租/物业", 2_800)]))
    food = check_of(report, "food")
    # 8,411 × 34,557 / 28,227 × 3 / 12 = 2,574.2988 yuan a month
    assert food.benchmark == by_hand(8_411, 3, 34_557) == 257_430
    assert check_of(report, "housing").benchmark == by_hand(6_263, 3, 34_557) == 191_687
    assert food.cents == 220_000 and food.verdict is None and food.ratio == Fraction(220_000, 257_430)
    assert report.scaled and report.area == "urban" and report.year == 2024


def test_rural_and_unknown_area():
    rural = compare_costs(household([("买菜", 1_000)], size=2, area="rural"))
    assert check_of(rural, "food").benchmark == by_hand(8_411, 2, 19_280) == 95_750  # 957.4998 yuan
    anywhere = compare_costs(household([("买菜", 1_000)], size=2, area=None))
    assert anywhere.area == "all" and not anywhere.scaled
    assert check_of(anywhere, "food").benchmark == by_hand(8_411, 2) == 140_183


@pytest.mark.parametrize(
    "words, group",
    [
        ("餐饮/买菜", "food"), ("外卖", "food"), ("Food & groceries", "food"), ("food", "food"),
        ("房租/物业", "housing"), ("水电燃气/通讯", "housing"), ("rent", "housing"), ("Utilities & phone", "housing"),
        ("交通", "transport_comms"), ("手机话费", "transport_comms"), ("Transport", "transport_comms"),
        ("教育", "education_recreation"), ("孩子学费", "education_recreation"), ("Entertainment", "education_recreation"),
        ("医疗", "medical_other"), ("看病买药", "medical_other"), ("Medical", "medical_other"),
        ("衣服鞋子", "clothing"), ("日用品", "household"),
        # not consumption spending, or no group: not compared
        ("赡养/家庭", None), ("保险", None), ("医保", None), ("房贷", None), ("车贷", None), ("信用卡还款", None),
        ("support for parents", None), ("Insurance", None), ("Other", None), ("business costs", None),
    ],
)  # fmt: skip
def test_worksheet_words_map_to_nbs_groups(words, group):
    assert nbs_category(words) == group


def test_rows_of_one_group_add_up():
    report = compare_costs(household([("房租", 2_000), ("水电燃气/通讯", 480), ("买菜", 2_000)]))
    assert check_of(report, "housing").cents == 248_000


def test_far_above_far_below_and_missing():
    # Housing ¥4,000 > 2 × ¥1,916.87: above; food ¥1,000 < 40 % of ¥2,574.30: below.
    report = compare_costs(household([("房租", 4_000), ("买菜", 1_000), ("交通", 100)]))
    assert [(c.category, c.verdict) for c in report.flagged] == [("food", "below"), ("housing", "above")]
    assert check_of(report, "transport_comms").verdict is None  # far below, but not an essential
    # Just inside both lines: not flagged.
    inside = compare_costs(household([("房租", 3_833), ("买菜", 1_030)]))
    assert inside.flagged == []
    # No food listed while other costs are: food counts as 0, far below.
    missing = compare_costs(household([("房租", 2_000)]))
    food = check_of(missing, "food")
    assert food.cents == 0 and food.verdict == "below" and food.benchmark == 257_430


def test_housing_is_not_too_low_with_a_mortgage():
    mortgage = [{"name": "House", "lender_type": "mortgage", "principal": 500_000, "rate": 4, "months": 240,
                 "first_month": "2027-01"}]  # fmt: skip
    report = compare_costs(household([("买菜", 2_500)], debts=mortgage))
    assert check_of(report, "housing").verdict is None
    assert check_of(compare_costs(household([("买菜", 2_500)])), "housing").verdict == "below"


def test_household_size_and_area_are_read_and_checked():
    frame, errors = normalize_section("case", pd.DataFrame([{"household_size": "3", "area": "rural"}]))
    assert errors == []
    case = load(Profile("x", {"case": frame}))[0].case
    assert case.household_size == 3 and case.area == "rural"
    for bad in (0, 21, 2.5):
        frame, errors = normalize_section("case", pd.DataFrame([{"household_size": bad, "full_name": "x"}]))
        assert [e.field for e in errors] == ["household_size"]
        assert load(Profile("x", {"case": frame}))[0].case.household_size is None
    _, errors = normalize_section("case", pd.DataFrame([{"household_size": 21}]))
    assert errors[0].message("en").endswith("enter a whole number from 1 to 20")
    _, errors = normalize_section("case", pd.DataFrame([{"area": "suburb"}]))
    assert errors[0].code == "err.bad_choice"


def test_the_newest_year_in_the_data_is_used():
    text = DATA.read_text(encoding="utf-8")
    newer = "\n".join(
        [
            text.rstrip(),
            "2025,all,total,30000,2025年居民收入和消费支出情况",
            "2025,urban,total,36000,2025年居民收入和消费支出情况",
            "2025,rural,total,20000,2025年居民收入和消费支出情况",
            "2025,all,food,9000,2025年居民收入和消费支出情况",
            "2025,urban,housing,9600,2025年居民收入和消费支出情况",  # an area's own figure: used as it is
        ]
    )
    data = read_benchmarks(newer)
    assert data.year == 2025 and data.title.startswith("2025年") and data.figures[("all", "food")] == 900_000
    assert ("all", "clothing") not in data.figures  # 2024's rows are not mixed in
    report = compare_costs(household([("买菜", 2_000), ("房租", 2_000)], size=1), data)
    assert check_of(report, "food").benchmark == by_hand(9_000, 1, 36_000, 30_000) == 90_000
    assert check_of(report, "housing").benchmark == 80_000  # 9,600 / 12, not scaled
    with pytest.raises(ValueError, match="row 2"):
        read_benchmarks("year,area,category,yuan_per_person_year,source\n2024,all,total,lots,x")
    with pytest.raises(ValueError, match="no total"):
        read_benchmarks("year,area,category,yuan_per_person_year,source\n2024,all,total,100,x")
