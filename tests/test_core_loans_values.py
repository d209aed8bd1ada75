"""The value types a household carries: what the user asked for, nothing computed."""

from core.loans.values import DEFAULT_TOKEN, Offer, PlanSettings, Scenario, Term


def test_only_a_scenario_that_changes_nothing_is_the_status_quo():
    assert Scenario("x").is_status_quo
    assert not Scenario("x", terms={"A": [Term("freeze", months=12)]}).is_status_quo
    assert Scenario("x", terms={"A": []}).is_status_quo  # a debt named with no terms changes nothing
    assert not Scenario("x", strategy="avalanche").is_status_quo
    assert not Scenario("x", draws=((3, "mum"),)).is_status_quo


def test_defaults_an_offer_and_the_plan_settings_start_from():
    assert Offer("A", 10_000, 12) == Offer("A", 10_000, 12, fee=0, waived=0, frozen=True)
    assert PlanSettings() == PlanSettings(None, "balance", DEFAULT_TOKEN, 0) and DEFAULT_TOKEN == 5_000
