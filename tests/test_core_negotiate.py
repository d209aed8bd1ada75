"""What can I ask for: where each scenario sits on the heat-map, the debts it starts with."""

from core.negotiate import DEFAULT_TARGETS, default_targets, heatmap_marks
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
