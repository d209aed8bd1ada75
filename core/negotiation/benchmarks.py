"""Costs a lender will question: the worksheet's costs by group against the National Bureau
of Statistics' per-person consumption spending, scaled to the household's size and area.

The figures are data (core/data/nbs_consumption.csv, the newest year in it is used), not
constants: a newer year is added there. Lenders and debt advisers query costs far from such
averages (the UK's Standard Financial Statement uses published "trigger figures" the same
way); this module says which categories are far off, with the figures it used.

The benchmark for a category, cents a month (rounded once, core.loans.money.div_round)::

    per-person yuan a year × 100 × household size × area factor / 12

where the area factor is 1 for a category figure published for the area itself, else the
area's total over all residents' total (NBS publishes the categories for all residents
only: urban 34,557 / 28,227, rural 19,280 / 28,227 in 2024), and 1 when the area is not
given (all residents).

Thresholds, and why: the averages hide a wide spread (a province's spending is up to about
twice the national one, big-city rent more; per-person spending does not grow in step with
household size; NBS housing counts the imputed rent of owner-occupiers), so only large
departures are flagged:

- far above: more than ``FAR_ABOVE`` (2×) the benchmark, in any category — a typing slip
  (a year's amount entered as a month's, an extra zero) or a cost a lender will ask about;
- far below: less than ``FAR_BELOW`` (40 %) of it, for the essentials only (food and
  housing; nothing listed counts as 0 when the household lists other costs): a budget that
  leaves too little to eat or live on is one the household cannot keep, and a lender
  doubts it. Spending far less than average on clothing, recreation or transport is what a
  household cutting back is expected to do, and is not flagged. Housing is not flagged as
  too low when a mortgage is among the debts (the mortgage payment is the housing cost).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

from core.household.model import Household
from core.loans.money import div_round, to_cents, to_decimal
from core.profiles.profile import AREAS, MAX_HOUSEHOLD_SIZE
from core.vocabulary import mentions

DATA = Path(__file__).resolve().parents[1] / "data" / "nbs_consumption.csv"
CATEGORIES = ("food", "clothing", "housing", "household", "transport_comms", "education_recreation", "medical_other")
ESSENTIALS = ("food", "housing")  # checked for too low as well as too high
FAR_ABOVE = Fraction(2)
FAR_BELOW = Fraction(2, 5)

# Worksheet words that are not consumption spending in NBS's sense (debt payments, insurance
# premiums, money given to others): such a row is not compared, whatever else it names.
_NOT_SPENDING = (
    "贷", "还款", "信用卡", "花呗", "借呗", "白条", "保险", "医保", "社保", "车险", "赡养", "抚养费", "父母", "孝敬",
    "红包", "礼金", "人情", "捐",
    "repay", "loan", "mortgage", "debt", "credit card", "insurance", "parents", "support", "alimony", "remittance",
    "gift", "donat",
)  # fmt: skip
# A row naming two groups counts in the first of this order ("水电燃气/通讯": housing).
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("housing", (
        "房租", "租房", "租金", "物业", "住房", "宿舍", "水电", "水费", "电费", "燃气", "煤气", "天然气", "暖气", "取暖",
        "供暖",
        "rent", "housing", "utilit", "electric", "water", "gas bill", "heating", "property", "service charge",
    )),
    ("food", (
        "餐", "饭", "吃", "食", "菜", "外卖", "零食", "水果", "粮", "肉", "牛奶", "奶粉", "饮", "烟", "酒水", "啤酒", "白酒",
        "food", "grocer", "meal", "eat", "dining", "restaurant", "takeaway", "snack", "lunch", "dinner", "breakfast",
        "coffee", "tobacco", "cigarette", "alcohol", "drink", "beer", "wine", "supermarket",
    )),
    ("clothing", ("衣", "服装", "服饰", "鞋", "裤", "clothing", "clothes", "shoe", "apparel", "garment")),
    ("household", (
        "日用", "家居", "家具", "家电", "生活用品", "洗护", "保姆", "家政", "保洁",
        "household goods", "household items", "furniture", "appliance", "toiletr", "cleaning", "housekeep",
    )),
    ("transport_comms", (
        "交通", "车", "地铁", "公交", "油费", "加油", "路费", "机票", "通讯", "通信", "话费", "手机", "电话", "宽带", "网费",
        "流量", "快递",
        "transport", "commut", "bus fare", "metro", "subway", "railway", "train fare", "taxi", "fuel", "petrol", "parking", "toll",
        "vehicle", "phone", "mobile", "internet", "broadband", "telecom", "communicat", "postage",
    )),
    ("education_recreation", (
        "教育", "学", "培训", "补习", "课", "书", "幼儿园", "娱乐", "旅游", "旅行", "电影", "游戏", "健身", "兴趣", "文化",
        "educat", "school", "tuition", "tutor", "course", "class", "book", "kindergarten", "entertain", "recreation",
        "leisure", "holiday", "travel", "hobby", "gym", "sport", "cinema", "movie", "game", "streaming",
    )),
    ("medical_other", (
        "医", "药", "看病", "诊", "体检", "牙", "理发", "美容", "美发", "化妆",
        "medic", "doctor", "health", "hospital", "dental", "dentist", "pharma", "drug", "clinic", "haircut",
        "hairdress", "beauty", "cosmetic", "personal care",
    )),
)  # fmt: skip


@dataclass(frozen=True)
class Benchmarks:
    """One year's figures: (area, category) -> cents per person a year."""

    year: int
    title: str  # the NBS release, as published
    figures: dict[tuple[str, str], int]


def read_benchmarks(text: str) -> Benchmarks:
    """The CSV's newest year (lines starting with "#" are comments). Raises ValueError
    naming the line of a row that cannot be read, or a year without its three totals."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    rows = []
    for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
        try:
            year, area, category = int(row["year"]), row["area"].strip(), row["category"].strip()
            cents = to_cents(to_decimal(row["yuan_per_person_year"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"benchmark row {number}: {exc}") from None
        if area not in ("all", *AREAS) or category not in ("total", *CATEGORIES) or cents <= 0:
            raise ValueError(f"benchmark row {number}: {area}/{category}")
        rows.append((year, area, category, cents, (row.get("source") or "").strip()))
    if not rows:
        raise ValueError("no benchmark rows")
    newest = max(r[0] for r in rows)
    chosen = [r for r in rows if r[0] == newest]
    figures = {(area, category): cents for _, area, category, cents, _ in chosen}
    missing = [area for area in ("all", *AREAS) if (area, "total") not in figures]
    if missing:
        raise ValueError(f"benchmark year {newest}: no total for {', '.join(missing)}")
    title = next((source for *_, source in chosen if source), f"{newest}")
    return Benchmarks(newest, title, figures)


@cache
def benchmarks(path: Path = DATA) -> Benchmarks:
    """The figures, read once."""
    return read_benchmarks(path.read_text(encoding="utf-8"))


def nbs_category(text: str) -> str | None:
    """The NBS group a worksheet category's words name ("餐饮/买菜" -> "food"), or None for
    a row that is not compared (debt payments, insurance, support for others, or no match)."""
    words = str(text or "").lower()
    if mentions(words, _NOT_SPENDING):
        return None
    return next((category for category, found in _WORDS if mentions(words, found)), None)


@dataclass(frozen=True)
class CostCheck:
    category: str
    cents: int  # the household's, a month
    benchmark: int  # cents a month for this household
    verdict: str | None  # "above" | "below" | None (within range)
    ratio: Fraction  # cents / benchmark

    @property
    def percent(self) -> int:
        return div_round(self.cents * 100, self.benchmark)


@dataclass(frozen=True)
class CostReport:
    size: int
    area: str  # "all" (not given) | "urban" | "rural"
    year: int
    title: str
    scaled: bool  # an all-residents category figure scaled by the area's total
    factor: Fraction  # the area's total over all residents'
    checks: list[CostCheck]

    @property
    def flagged(self) -> list[CostCheck]:
        return [c for c in self.checks if c.verdict is not None]

    def household_phrase(self) -> tuple[str, dict]:
        """("bm.household.<area>", params): "an urban household of 3"."""
        return f"bm.household.{self.area}", {"n": self.size}

    def basis_phrase(self) -> tuple[str, dict]:
        """How the benchmark was made, said with the cited figures."""
        if not self.scaled:
            return "bm.basis.plain", {"n": self.size}
        percent = (Decimal(self.factor.numerator) * 100 / self.factor.denominator).quantize(Decimal("0.1"))
        return f"bm.basis.{self.area}", {"n": self.size, "percent": f"{percent}"}


def household_size(h: Household) -> int | None:
    """The household's size when given and sensible (1 to MAX_HOUSEHOLD_SIZE), else None."""
    size = h.case.household_size
    return size if isinstance(size, int) and 1 <= size <= MAX_HOUSEHOLD_SIZE else None


def compare_costs(h: Household, data: Benchmarks | None = None) -> CostReport | None:
    """Every NBS group the worksheet names (and the essentials, even when not listed), with
    the benchmark for this household; None without a household size."""
    size = household_size(h)
    if size is None:
        return None
    data = data or benchmarks()
    area = h.case.area if h.case.area in AREAS else "all"
    factor = Fraction(data.figures[(area, "total")], data.figures[("all", "total")])
    spent: dict[str, int] = {}
    for text, cents in h.budget.by_category.items():
        category = nbs_category(text)
        if category is not None:
            spent[category] = spent.get(category, 0) + cents
    lists_costs = any(cents > 0 for cents in h.budget.by_category.values())
    mortgage = any(line.lender_type == "mortgage" for line in h.lines)
    checks, scaled = [], False
    for category in CATEGORIES:
        if category not in spent and not (lists_costs and category in ESSENTIALS):
            continue
        if (area, category) in data.figures:
            per_person, ratio_of_area = data.figures[(area, category)], Fraction(1)
        elif ("all", category) in data.figures:
            per_person, ratio_of_area = data.figures[("all", category)], factor
            scaled = scaled or area != "all"
        else:
            continue  # not published for this year
        whole = per_person * size * ratio_of_area
        benchmark = div_round(whole.numerator, whole.denominator * 12)
        if benchmark <= 0:
            continue
        cents = spent.get(category, 0)
        ratio = Fraction(cents, benchmark)
        verdict = None
        if ratio > FAR_ABOVE:
            verdict = "above"
        elif ratio < FAR_BELOW and category in ESSENTIALS and not (category == "housing" and mortgage):
            verdict = "below"
        checks.append(CostCheck(category, cents, benchmark, verdict, ratio))
    return CostReport(size, area, data.year, data.title, scaled, factor, checks)
