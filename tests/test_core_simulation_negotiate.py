"""What can I ask for: where each scenario sits on the heat-map, the debts it starts with."""

from decimal import Decimal

from core.loans.values import Scenario, Term
from core.simulation.negotiate import DEFAULT_TARGETS, default_targets, heatmap_marks, what_to_ask
from tests.helpers import loaded
from tests.test_core_simulation_simulate import LOAN, make_profile


def test_heatmap_marks_place_each_scenario_on_its_axis():
    h = loaded(make_profile([LOAN, {**LOAN, "name": "卡", "rate": 18}]))
    scenarios = [
        Scenario("冻结", terms={"贷款": [Term("freeze", months=36)]}),
        Scenario("延期降息", terms={"贷款": [Term("extension", months=24), Term("rate_cut", rate=6)]}),
        Scenario("只延期", terms={"卡": [Term("extension", months=48)]}),
        Scenario("和解", terms={"贷款": [Term("settlement", percent=60)]}),
    ]
    assert heatmap_marks(h, scenarios, ["贷款"], "rate") == [("冻结", 0.0, 36), ("延期降息", 6.0, 24)]
    assert heatmap_marks(h, scenarios, ["卡"], "rate") == [("只延期", 18.0, 48)]  # no cut: its current rate
    assert heatmap_marks(h, scenarios, ["贷款"], "settlement") == [("和解", 60.0, 1)]


def test_the_ask_starts_with_every_debt_or_the_largest_ones():
    few = loaded(make_profile([LOAN, {**LOAN, "name": "卡"}]))
    assert default_targets(few) == ["贷款", "卡"]
    many = [{**LOAN, "name": f"d{i:02d}", "principal": 1000 + 100 * i} for i in range(DEFAULT_TARGETS + 3)]
    chosen = default_targets(loaded(make_profile(many)))
    assert chosen == [f"d{i:02d}" for i in range(3, DEFAULT_TARGETS + 3)]  # the largest, in their order


def test_a_rate_cut_is_only_asked_where_it_is_a_cut():
    from core.simulation.simulate import simulate

    cheap = {**LOAN, "name": "房贷", "rate": 4.35, "months": 12}
    dear = {**LOAN, "name": "卡", "rate": 24, "principal": 30_000, "months": 24}
    h = loaded(make_profile([cheap, dear], income=8_000, expenses=6_000))
    cut = next((a for a in what_to_ask(h, ["房贷", "卡"]) if a.kind == "rate_cut"), None)
    assert cut is not None and Decimal("4.35") < cut.rate < 24
    assert cut.above == ("卡",) and cut.key == "sc.ask.rate_cut_some"
    scenario = cut.scenario("x")
    assert [t.kind for t in scenario.terms["房贷"]] == ["extension"]  # no "cut" that would raise 4.35 %
    assert simulate(h, scenario).errors == []


def test_when_the_margin_is_what_fails_it_says_so():
    h = loaded(make_profile([{**LOAN, "principal": 30_000}], income=9_000, expenses=6_000))
    assert what_to_ask(h, ["贷款"], margin=0)[0].kind != "not_enough"
    assert [a.kind for a in what_to_ask(h, ["贷款"], margin=100_000_000)] == ["margin_blocks"]


OVERDUE_36 = {**LOAN, "principal": 36_000, "months": 36, "overdue_principal": 6_000, "overdue_interest": 300,
              "days_overdue": 60}  # fmt: skip


def test_an_extension_is_never_shorter_than_the_months_left():
    # Spare cash of 2,000 a month cannot pay the 6,000 overdue at once; re-amortising over
    # 21 months "worked" (the old answer) only because it spread that catch-up.
    for income in (6_500, 7_000, 8_000):
        h = loaded(make_profile([OVERDUE_36], income=income, expenses=5_000))
        ext = next(a for a in what_to_ask(h, ["贷款"]) if a.kind == "extension")
        assert ext.months >= 36


def test_when_the_months_left_are_enough_it_asks_to_spread_the_overdue_amount():
    from core.simulation.simulate import simulate

    h = loaded(make_profile([OVERDUE_36], income=7_000, expenses=5_000))
    ext = next(a for a in what_to_ask(h, ["贷款"]) if a.kind == "extension")
    assert ext.months == 36 and ext.spread and ext.key == "sc.ask.spread"
    assert ext.terms() == [Term("extension", months=36)]  # still a term a scenario can simulate
    assert simulate(h, ext.scenario("x")).shortfall_months == 0
    longer = loaded(make_profile([{**LOAN, "principal": 36_000, "months": 36}], income=5_800, expenses=5_000))
    ext = next(a for a in what_to_ask(longer, ["贷款"]) if a.kind == "extension")
    assert ext.months > 36 and not ext.spread and ext.key == "sc.ask.extension"


def test_an_extension_that_costs_more_says_by_how_much():
    from core.i18n import t

    # At 0 % any term costs what is owed: no extra cost. At 12 % a month of 1 %, the contract pays
    # the 12,000 overdue at once and its 24,000 regular part as an annuity over 36 months; the ask
    # spreads all 36,000 over the same 36 months, and pays interest on the overdue part too.
    zero = {**LOAN, "principal": 36_000, "months": 36, "rate": 0, "overdue_principal": 12_000, "penalty_rate": 0,
            "days_overdue": 0}  # fmt: skip
    h = loaded(make_profile([zero], income=6_500, expenses=5_000))
    ext = next(a for a in what_to_ask(h, ["贷款"]) if a.kind == "extension")
    assert ext.months == 36 and ext.cost == 3_600_000 and ext.extra_cost == 0 and not ext.costs_more
    dear = {**zero, "rate": 12}
    h = loaded(make_profile([dear], income=6_500, expenses=5_000))
    ext = next(a for a in what_to_ask(h, ["贷款"]) if a.kind == "extension")
    growth = Decimal("1.01") ** 36
    monthly = Decimal("0.01") * growth / (growth - 1)  # the annuity payment per yuan over 36 months
    contract = (24_000 * monthly).quantize(Decimal("0.01")) * 36 + 12_000
    asked = (36_000 * monthly).quantize(Decimal("0.01")) * 36
    assert ext.months == 36 and ext.costs_more
    assert abs(ext.extra_cost - int((asked - contract) * 100)) <= 100  # the engine's last-month rounding
    for lang, words in (("zh", "多付约"), ("en", "more in total than the contract")):
        assert words in t("sc.ask.extra_cost", lang, extra="¥6,000")


def test_a_settlement_or_a_rate_cut_that_costs_less_does_not_say_it_costs_more():
    cheap = {**LOAN, "name": "房贷", "rate": 4.35, "months": 12}
    dear = {**LOAN, "name": "卡", "rate": 24, "principal": 30_000, "months": 24}
    h = loaded(make_profile([cheap, dear], income=8_000, expenses=6_000))
    asks = {a.kind: a for a in what_to_ask(h, ["房贷", "卡"])}
    contract = sum(h.status[j].total_payment for j in range(2))
    for kind in ("rate_cut", "settlement"):
        assert asks[kind].extra_cost == asks[kind].cost - contract < 0 and not asks[kind].costs_more
