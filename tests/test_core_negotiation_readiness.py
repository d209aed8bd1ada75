"""The readiness rules (core.negotiation.readiness): each finding, with the numbers it used."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from core.loans.values import Scenario, Term
from core.negotiation.benchmarks import compare_costs
from core.negotiation.readiness import check, cost_findings
from core.simulation.plan import household_plan
from core.simulation.simulate import simulate
from tests.fixtures.workspace import FULL_CASE, finding, make_profile
from tests.helpers import loaded
from tests.test_core_negotiation_benchmarks import household


def test_reason_rule():
    assert finding(check(loaded(make_profile(case={"reason": "illness"}))), "reason").status == "object"  # no story
    assert finding(check(loaded(make_profile(case={"story": "x"}))), "reason").status == "object"  # no reason
    ok = finding(check(loaded(make_profile(case=FULL_CASE))), "reason")
    assert ok.status == "ok" and "Lost my job" in ok.message("en")


def test_income_proof_rule_names_what_is_missing():
    f = finding(check(loaded(make_profile(case={"income_proof": True}))), "income_proof")
    assert f.status == "object"
    assert "bank statements" in f.message("en") and "payslips" not in f.message("en").split("Still missing:")[1][:40]
    assert finding(check(loaded(make_profile(case=FULL_CASE))), "income_proof").status == "ok"


def test_hardship_proof_rule_lists_the_papers_for_the_reason():
    f = finding(check(loaded(make_profile(case={"reason": "illness"}))), "hardship_proof")
    assert f.status == "object" and "diagnosis" in f.message("en")
    f = finding(check(loaded(make_profile(case={"reason": "job_loss"}))), "hardship_proof")
    assert "termination letter" in f.message("en")
    assert finding(check(loaded(make_profile(case=FULL_CASE))), "hardship_proof").status == "ok"


def test_records_rule():
    assert finding(check(loaded(make_profile(case={"contracts": True}))), "records").status == "object"
    assert finding(check(loaded(make_profile(case=FULL_CASE))), "records").status == "ok"


def test_history_rule():
    assert (
        finding(check(loaded(make_profile(case={**FULL_CASE, "history": "often_late"}))), "history").status == "object"
    )
    assert finding(check(loaded(make_profile(case={**FULL_CASE, "history": "some_late"}))), "history").status == "ok"
    assert finding(check(loaded(make_profile())), "history").status == "skip"  # not answered: not guessed


def test_no_surplus_rule():
    f = finding(check(loaded(make_profile(income=5_000, expenses=6_000))), "no_surplus")
    assert f.status == "object" and "¥5,000.00" in f.message("en") and "¥6,000.00" in f.message("en")
    assert finding(check(loaded(make_profile())), "no_surplus").status == "ok"


def test_large_debt_rule_uses_the_household_plans_amount_and_months():
    # 4,000 a month spare, one debt: no plan is needed; 12,000 takes 3 months -> fine.
    f = finding(check(loaded(make_profile())), "large_debt", "Card")
    assert f.status == "ok" and "¥4,000.00" in f.message("en")
    # 300 a month spare: the plan keeps 5 % back (15) and asks the card for a longer term at its
    # 12 %: 285 a month covers the 120 of interest and repays 12,000 in n = -ln(1 - 120/285) /
    # ln(1.01) = 54.9 -> 55 months (> 36): propose a staged plan; the same figures as the plan's.
    h = loaded(make_profile(income=6_300))
    plan = household_plan(h, h.plan_settings)
    card = plan.share_of("Card")
    assert (card.request, card.share, card.months) == ("extension", 28_500, 55)
    f = finding(check(h), "large_debt", "Card")
    assert f.status == "object"
    assert "¥285.00" in f.message("en") and "55 months" in f.message("en") and "staged" in f.message("en")


def test_long_overdue_rule():
    overdue = [{"name": "App", "principal": 5_000, "rate": 20, "months": 12, "overdue_principal": 500,
                "days_overdue": 120, "first_month": "2027-01"}]  # fmt: skip
    assert finding(check(loaded(make_profile(debts=overdue))), "long_overdue", "App").status == "object"
    overdue[0]["days_overdue"] = 30
    assert finding(check(loaded(make_profile(debts=overdue))), "long_overdue", "App").status == "ok"


def test_asks_too_much_rule_compares_the_ask_with_the_budget():
    profile = make_profile()
    h = loaded(profile)
    # 4,000 a month is spare, but the scenario asks to pay 250 a month for 48 months.
    greedy = simulate(h, Scenario("greedy", terms={"Card": [Term("freeze", months=48)]}))
    f = finding(check(h, result=greedy), "asks_too_much", "Card")
    assert f.status == "object" and "¥4,000.00" in f.message("en")
    modest = simulate(h, Scenario("modest", terms={"Card": [Term("freeze", months=4)]}))
    assert finding(check(h, result=modest), "asks_too_much", "Card").status == "ok"
    assert finding(check(loaded(profile)), "asks_too_much", "Card").status == "skip"  # no scenario chosen


def test_promises_too_much_rule_catches_an_ask_above_the_share_that_runs_short():
    h = loaded(make_profile(income=6_500, expenses=6_000))  # 500 a month spare, the card's contract ~565
    cut = simulate(h, Scenario("cut", terms={"Card": [Term("rate_cut", rate=Decimal("10"))]}))
    assert cut.shortfall_months > 0
    f = finding(check(h, result=cut), "promises_too_much", "Card")
    payment = cut.tracks[0].offer_payment()
    assert f.status == "object" and payment > 500_00
    # the household plan keeps 5 % back: 475 a month for the card, the figure the plan quotes
    assert "¥475.00" in f.message("en") and f"{cut.shortfall_months} months" in f.message("en")
    assert "统一方案" in f.message("zh")
    # Spread over 36 months the same card fits: the ask is in line again.
    longer = simulate(h, Scenario("longer", terms={"Card": [Term("freeze", months=36)]}))
    assert longer.shortfall_months == 0
    assert finding(check(h, result=longer), "asks_too_much", "Card").status == "ok"


def test_not_affordable_rule_says_what_the_numbers_support():
    tight = make_profile(income=6_500, expenses=6_000)  # 500 spare; the card's plan costs ~599 a month
    h = loaded(tight)
    status = simulate(h, Scenario("status_quo"))
    assert status.shortfall_months > 0
    f = finding(check(h, result=status), "not_affordable")
    assert f.status == "object" and "at least" in f.message("en")  # the smallest extension that fits
    roomy = make_profile()
    h = loaded(roomy)
    assert finding(check(h, result=simulate(h, Scenario("status_quo"))), "not_affordable").status == "ok"


def test_rate_rule_flags_above_the_lines_with_a_not_legal_advice_note():
    high = [{"name": "App", "principal": 5_000, "rate": 0.1, "rate_unit": "daily", "months": 12,
             "first_month": "2027-01", "lender_type": "online_lending"}]  # fmt: skip
    f = finding(check(loaded(make_profile(debts=high))), "rate", "App")
    assert f.status == "flag" and "not legal advice" in f.message("en") and "不是法律意见" in f.message("zh")
    assert "above 24%" in f.message("en") and "does not bind licensed lenders" in f.message("en")
    assert finding(check(loaded(make_profile())), "rate", "Card").status == "ok"  # 12% is below 24%


def test_rate_rule_depends_on_the_lender_and_the_contract_date():
    def rate(annual, kind, signed=None, lpr="3.85"):
        debt = {"name": "D", "principal": 5_000, "rate": annual, "months": 12, "first_month": "2027-01",
                "lender_type": kind, "contract_date": signed}  # fmt: skip
        return finding(check(loaded(make_profile(debts=[debt])), lpr=Decimal(lpr)), "rate", "D")

    # 18 %: above 4 x 3.85 % = 15.4 % for a private loan, below the 24 % line for a bank.
    assert rate(18, "private_loan").status == "flag" and "15.4%" in rate(18, "private_loan").message("en")
    assert rate(18, "bank_consumer").status == "ok" and "24%" in rate(18, "bank_consumer").message("en")
    # A private loan made before 2020-08-20: the older 24 % / 36 % lines for interest up to then.
    old = rate(30, "private_loan", "2019-05-01").message("en")
    assert "above 24%" in old and "before 2020-08-20" in old
    assert "above 36%" in rate(40, "private_loan", "2019-05-01").message("en")
    assert "4 × LPR" in rate(18, "private_loan", "2019-05-01").message("en")
    assert "no ceiling" in rate(30, "credit_card").message("en")


# --- the letter -------------------------------------------------------------------------------


def test_attached_files_count_as_papers_held():
    import pandas as pd

    from core.profiles.profile import normalize_section

    profile = make_profile(case={"reason": "illness", "story": "In hospital."})
    assert finding(check(loaded(profile)), "hardship_proof").status == "object"
    profile.sections["evidence"] = normalize_section("evidence", pd.DataFrame([
        {"sha256": "ab" * 32, "name": "病历.pdf", "kind": "hardship_proof"},
        {"sha256": "cd" * 32, "name": "old.pdf", "kind": "income_proof", "deleted": True},
    ]))[0]  # fmt: skip
    h = loaded(profile)
    assert h.attached == {"hardship_proof": 1}  # a deleted file does not count
    assert finding(check(h), "hardship_proof").status == "ok"
    assert finding(check(h), "income_proof").status == "object"


def test_costs_rule_compares_with_the_national_averages():
    # Rent ¥6,000 a month for an urban household of 3 is over twice NBS's ¥1,916.87, and no food is listed.
    f = finding(check(loaded(make_profile(case={**FULL_CASE, "household_size": 3, "area": "urban"}))), "costs")
    assert f.status == "object"
    assert "¥6,000.00" in f.message("en") and "¥1,916.87" in f.message("en") and "Food" in f.message("en")
    assert "National Bureau of Statistics, 2024" in f.message("en") and "国家统计局 2024" in f.message("zh")
    assert finding(check(loaded(make_profile(case=FULL_CASE))), "costs").status == "skip"  # no household size


def test_a_finding_is_one_of_the_rules_statuses():
    # Each (rule, status) in RULES has its text rd.<rule>.<status>; any other is a slip.
    from core.negotiation.readiness import RULES, Finding

    assert Finding("large_debt", "skip").status in RULES["large_debt"]
    with pytest.raises(ValueError, match="large_debt"):
        Finding("large_debt", "flag")


def test_names_in_a_finding_are_listed_as_its_language_writes_them():
    from core.negotiation.readiness import Key, Names, _render

    cut = Key("sc.ask.name.extension", {"n": 2, "debts": Names(("借呗", "招行信用卡"))})
    assert _render(Names(("借呗", "招行信用卡")), "zh") == "借呗、招行信用卡"
    assert _render(Names(("A", "B")), "en") == "A, B" and _render(cut, "en") == "Ask: 2 months"


def test_the_finding_names_the_categories_the_amounts_and_the_source():
    (found,) = cost_findings(household([("房租", 4_000), ("买菜", 2_500)]))
    assert found.rule == "costs" and found.status == "object"
    en = found.message("en")
    assert "Housing (rent, utilities): ¥4,000.00 a month, far above the average of ¥1,916.87 (209% of it)" in en
    assert "National Bureau of Statistics, 2024" in en and "urban household of 3 people" in en
    assert "scaled to urban households" in en and "122.4%" in en
    zh = found.message("zh")
    assert "居住每月 ¥4,000.00，远高于平均水平 ¥1,916.87" in zh and "国家统计局 2024" in zh
    (missing,) = cost_findings(household([("房租", 2_000)]))
    assert "Food, tobacco and drink: none listed, against an average of ¥2,574.30" in missing.message("en")
    (ok,) = cost_findings(household([("房租", 2_000), ("买菜", 2_500)]))
    assert ok.status == "ok" and "more than 2 times" in ok.message("en") and "40%" in ok.message("en")


def test_several_gaps_are_listed_in_order():
    (found,) = cost_findings(household([("房租", 4_000), ("买菜", 500), ("衣服", 5_000)]))
    en = found.message("en")
    assert en.index("Food") < en.index("Clothing") < en.index("Housing")
    assert en.count("; ") >= 2


def test_no_household_size_is_not_checked():
    h = household([("房租", 9_000)], size=None)
    assert compare_costs(h) is None
    (found,) = cost_findings(h)
    assert found.status == "skip" and "number of people" in found.message("en")
    # An absurd size (from a table not checked) is ignored the same way.
    assert compare_costs(replace(h, case=replace(h.case, household_size=500))) is None
    nothing = loaded(make_profile(case={**FULL_CASE, "household_size": 2}, worksheet=[
        {"category": "工资", "direction": "income", "amount": 5_000}]))  # fmt: skip
    assert cost_findings(nothing)[0].status == "skip" and "no living costs" in cost_findings(nothing)[0].message("en")


def test_what_is_left_to_do_is_counted_as_objections_and_points_to_check():
    from core.negotiation.readiness import RULES, Finding, tally

    flag = next(rule for rule, statuses in RULES.items() if "flag" in statuses)
    findings = [Finding("reason", "object"), Finding(flag, "flag"), Finding("records", "ok"),
                Finding("income_proof", "object"), Finding("history", "skip")]  # fmt: skip
    assert tally(findings) == (2, 1)
    assert tally([]) == (0, 0)
