"""What can I ask for: where each scenario sits on the heat-map, the debts it starts with."""

from decimal import Decimal

from core.negotiate import DEFAULT_TARGETS, default_targets, heatmap_marks, what_to_ask
from core.scenarios import Scenario, Term
from tests.helpers import loaded
from tests.test_core_scenarios import LOAN, make_profile


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
    from core.scenarios import simulate

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
