"""A scenario run for the household: strategies for spare money, warnings, the amount limit,
the solver checked against it, the command line. (What terms do to one debt: test_core_debt_plan.)"""

import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.loans.dates import parse_month
from core.loans.money import MAX_AMOUNT, MAX_CENTS
from core.loans.schedule import owed_now_cents
from core.loans.values import Scenario, Term
from core.profiles.profile import Profile, normalize_section
from core.profiles.workbook import profile_from_xlsx, profile_to_xlsx
from core.simulation.negotiate import sweep, what_to_ask
from core.simulation.simulate import simulate
from tests.helpers import loaded

ROOT = Path(__file__).resolve().parent.parent
JAN = parse_month("2027-01")


def cents(yuan: str) -> int:
    return int(Decimal(yuan) * 100)


def annuity(principal: str, monthly_rate: str, months: int) -> int:
    """M = P r (1+r)^n / ((1+r)^n - 1), to the cent (an independent hand formula)."""
    p, r = Decimal(principal), Decimal(monthly_rate)
    growth = (1 + r) ** months
    return int((p * r * growth / (growth - 1)).quantize(Decimal("0.01"), ROUND_HALF_UP) * 100)


def make_profile(debts, income=20_000, expenses=5_000, cash=0, assets=()):
    worksheet = pd.DataFrame(
        [
            {"category": "工资", "direction": "income", "kind": "fixed", "amount": income, "frequency": "monthly"},
            {"category": "生活", "direction": "expense", "kind": "fixed", "amount": expenses, "frequency": "monthly"},
        ]
    )
    asset_rows = [{"name": "现金", "type": "cash", "value": cash, "liquidity": "now"}] if cash else []
    asset_rows += list(assets)
    sections = {"worksheet": worksheet, "debts": pd.DataFrame(debts)}
    if asset_rows:
        sections["assets"] = pd.DataFrame(asset_rows)
    clean = {}
    for name, frame in sections.items():
        clean[name], errors = normalize_section(name, frame)
        assert not errors, errors
    return Profile("测试", clean)


LOAN = {
    "name": "贷款",
    "lender_type": "bank_consumer",
    "principal": 12000,
    "rate": 12,
    "months": 12,
    "first_month": "2027-01",
}


def run(debts, terms=None, **kwargs):
    h = loaded(make_profile(debts, **{k: v for k, v in kwargs.items() if k != "strategy"}))
    scenario = Scenario("s", strategy=kwargs.get("strategy", "savings"), terms=terms or {})
    return h, simulate(h, scenario)


def payments(result, j=0):
    track = result.tracks[j]
    return [track.payment[m] for m in sorted(track.payment)]


def test_a_rate_reduction_above_the_current_rate_is_refused():
    _, r = run([LOAN], {"贷款": [Term("rate_cut", rate=Decimal("19.4"))]})
    assert [e.code for e in r.errors] == ["err.sc_rate_not_lower"]
    assert "12%" in r.errors[0].message("en")


@pytest.mark.parametrize(
    "terms,code",
    [
        ([Term("extension", months=99999)], "err.sc_months_range"),
        ([Term("deferral", months=5000)], "err.sc_months_range"),
        ([Term("reduction", percent=Decimal(1000)), Term("freeze", months=12)], "err.sc_percent_range"),
        ([Term("fee", percent=Decimal(500))], "err.sc_percent_range"),
        ([Term("settlement", percent=Decimal(300))], "err.sc_percent_range"),
    ],
)
def test_absurd_terms_are_refused_with_a_reason(terms, code):
    _, r = run([LOAN], {"贷款": terms})
    assert code in [e.code for e in r.errors]
    _, sq = run([LOAN])
    assert r.total_paid == sq.total_paid and r.forgiven == 0  # run as the status quo, nothing half-applied


def test_credit_card_freeze_over_60_months_runs_and_says_it_is_longer_than_issuers_grant():
    card = {
        "name": "信用卡",
        "lender_type": "credit_card",
        "principal": 30000,
        "rate": 18,
        "method": "revolving",
        "first_month": "2027-01",
    }
    _, r = run([card], {"信用卡": [Term("freeze", months=72)]})
    assert r.errors == [] and [e.code for e in r.warnings] == ["err.sc_card_freeze"]
    track = r.tracks[0]
    assert track.offer_months() == 72 and track.interest == 0  # simulated as asked: 72 interest-free instalments
    _, within = run([card], {"信用卡": [Term("freeze", months=60)]})
    assert within.warnings == []


def test_a_priority_debt_asked_to_change_runs_with_a_warning():
    home = {"name": "房贷", "lender_type": "mortgage", "principal": 300_000, "rate": 4.9, "months": 240,
            "first_month": "2027-01"}  # fmt: skip
    _, r = run([home], {"房贷": [Term("freeze", months=240)]})
    assert r.errors == [] and [e.code for e in r.warnings] == ["warn.sc_priority"]
    assert r.tracks[0].interest == 0


def test_avalanche_prepays_the_dearest_debt_and_saves_interest():
    debts = [
        {**LOAN, "name": "便宜", "rate": 6, "months": 36},
        {**LOAN, "name": "贵", "rate": 24, "months": 36},
    ]
    _, keep = run(debts, income=12_000, expenses=8_000)
    _, av = run(debts, income=12_000, expenses=8_000, strategy="avalanche")
    assert av.extra.sum() > 0 and av.total_interest < keep.total_interest
    dear = av.tracks[1]
    assert dear.payoff < av.tracks[0].payoff and dear.payoff < keep.tracks[1].payoff
    assert (av.balances >= 0).all()


def test_what_to_ask_really_never_runs_short():
    data = (ROOT / "sample_data" / "sample_household.xlsx").read_bytes()
    profile, _ = profile_from_xlsx(data)
    h = loaded(profile)
    asks = what_to_ask(h, h.names)
    assert {a.kind for a in asks} >= {"extension"}
    for ask in asks:
        result = simulate(h, ask.scenario())
        assert result.shortfall_months == 0, ask
        shorter = Term("extension", months=ask.months - 1) if ask.kind == "extension" else None
        if shorter:  # and it is the smallest: one month less runs short
            assert simulate(h, Scenario("less", terms={n: [shorter] for n in h.names})).shortfall_months > 0


def test_sweep_matches_simulation_cell_by_cell():
    debts = [
        {
            **LOAN,
            "principal": 60000,
            "months": 12,
            "overdue_principal": 5000,
            "overdue_interest": 200,
            "days_overdue": 40,
        }
    ]
    h = loaded(make_profile(debts, income=9000, expenses=6000, cash=2000))
    grid = sweep(h, ["贷款"], [12, 24, 36], [0, 6, 12], "rate")
    for i, months in enumerate([12, 24, 36]):
        for j, rate in enumerate([0, 6, 12]):
            terms = [Term("extension", months=months), Term("rate_cut", rate=Decimal(rate))]
            r = simulate(h, Scenario("x", terms={"贷款": terms}))
            assert grid.cost[i, j] == r.total_paid
            assert bool(grid.feasible[i, j]) == (r.shortfall_months == 0)


def test_cli_simulate_json(tmp_path):
    profile = make_profile([LOAN, {**LOAN, "name": "网贷", "lender_type": "online_lending", "rate": 24}])
    profile.sections["scenarios"] = normalize_section("scenarios", pd.DataFrame([{"name": "延期"}]))[0]
    profile.sections["terms"] = normalize_section(
        "terms", pd.DataFrame([{"scenario": "延期", "debt": "网贷", "term": "extension", "months": 24}])
    )[0]
    path = tmp_path / "p.xlsx"
    path.write_bytes(profile_to_xlsx(profile))
    out = subprocess.run(
        [sys.executable, "-m", "core", "simulate", str(path), "--json"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    # the contracts are affordable: no household plan; the cash-limited view comes last
    assert [d["name"] for d in data] == ["status_quo", "延期", "do_nothing"]
    nothing = data[-1]
    assert nothing["overdue_after_12"] == 0 and nothing["owed_after_24"] == 0
    assert {d["name"]: d["past_90_days"] for d in nothing["debts"]} == {"贷款": None, "网贷": None}
    keys = {
        "name",
        "total_paid",
        "total_interest",
        "total_fees",
        "total_penalty",
        "forgiven",
        "debt_free",
        "shortfall_months",
        "debts",
    }
    assert keys <= set(data[0])
    assert data[1]["debts"] == [{"name": "贷款", "payoff": "2027-12"}, {"name": "网贷", "payoff": "2028-12"}]
    assert data[0]["debt_free"] == "2027-12" and data[1]["debt_free"] == "2028-12"
    assert data[1]["total_paid"] == round(data[1]["total_paid"], 2)
    bad = subprocess.run(
        [sys.executable, "-m", "core", "simulate", str(tmp_path / "none.xlsx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


# --- numbers that cannot be computed (issue 24) -------------------------------------------------
# A 100,000 loan at 365 % a year: terms that let its balance grow (interest added month after
# month) reach the app's amount limit (¥100,000,000) within a few years.
ABSURD_LOAN = {**LOAN, "name": "网贷", "lender_type": "online_lending", "principal": 100_000, "rate": 365}
GROWING = {
    "token": [Term("token", months=240, amount=Decimal("1"), mode="accruing")],
    "deferral": [Term("deferral", months=130, mode="capitalise")],
    "stage": [Term("stage", months=121, amount=Decimal("1")), Term("stage", amount=Decimal("500"))],
}


def month_past_the_limit(kind: str) -> int:
    """The first month the balance is past ¥100,000,000, by a plain Decimal loop."""
    owed, rate, month = Decimal(10_000_000), Decimal(365) / 1200, JAN
    while True:
        owed += (owed * rate).quantize(Decimal(1), ROUND_HALF_UP) - (100 if kind == "token" else 0)
        if owed > MAX_CENTS:
            return month
        month += 1


@pytest.mark.parametrize("kind", GROWING)
def test_a_balance_growing_past_the_amount_limit_stops_its_scenario_with_a_reason(kind):
    h = loaded(make_profile([LOAN, ABSURD_LOAN]))
    status = simulate(h, Scenario("status_quo"))
    absurd = simulate(h, Scenario("absurd", terms={"网贷": GROWING[kind]}))  # raised OverflowError
    assert [e.code for e in absurd.errors] == ["err.sc_beyond_limit"]
    when = month_past_the_limit(kind)
    assert absurd.errors[0].params["month"] == f"{2027 + (when - JAN) // 12}-{(when - JAN) % 12 + 1:02d}"
    english, chinese = absurd.errors[0].message("en"), absurd.errors[0].message("zh")
    assert "网贷" in english and "¥100,000,000" in english and absurd.errors[0].params["month"] in english
    assert "网贷" in chinese and "¥100,000,000" in chinese and "无法还清" in chinese
    # shown as the status quo, nothing half-applied, and every amount still whole cents
    assert absurd.total_paid == status.total_paid and absurd.forgiven == 0 and not absurd.warnings
    assert all(not t.negotiated for t in absurd.tracks)
    # the other scenarios are worked out as ever
    fine = simulate(h, Scenario("fine", terms={"贷款": [Term("extension", months=24)]}))
    assert not fine.errors and fine.tracks[0].payoff == JAN + 23


def test_ten_years_of_penalty_on_the_largest_debt_is_worked_out_exactly_not_wrapped_round():
    # Penalty interest at 1,000 % for ten years on ¥100,000,000 overdue: ¥10 billion owed. A rate
    # with five decimals has a numerator near 1e8: balance x numerator no longer fits 64 bits
    # (it wrapped round: negative interest).
    debt = {**LOAN, "principal": int(MAX_AMOUNT), "overdue_principal": int(MAX_AMOUNT), "days_overdue": 3650,
            "penalty_rate": 1000, "rate": "999.12345", "months": 600}  # fmt: skip
    h = loaded(make_profile([debt]))
    r = simulate(h, Scenario("extension", terms={"贷款": [Term("extension", months=120)]}))
    assert not r.errors
    track, owed = r.tracks[0], owed_now_cents(h.debts[0])
    rate = Fraction(Decimal("999.12345")) / 1200
    assert track.interest_by_month[JAN] == (2 * owed * rate.numerator + rate.denominator) // (2 * rate.denominator)
    assert track.total_paid == owed + track.interest - track.carried and r.balances[0, -1] == 0


def test_a_fee_added_again_and_again_stops_at_the_amount_limit():
    # a fee of the whole balance added every month doubles what is owed: 2**10 > 1,000
    terms = [Term("fee", start=JAN + k, percent=Decimal(100), mode="added") for k in range(12)]
    _, r = run([{**LOAN, "principal": 10_000_000}], {"贷款": terms + [Term("extension", months=12)]})
    assert [e.code for e in r.errors] == ["err.sc_beyond_limit"]


# amounts from a cent to the cap, spread over every order of magnitude (a token of ¥1 and
# a stage of ¥10 million both come up)
amounts = st.integers(0, 10).flatmap(lambda e: st.integers(1, 10**e)).map(lambda c: Decimal(c) / 100)
capped_terms = st.lists(
    st.one_of(
        st.builds(Term, st.just("extension"), months=st.integers(1, 600) | st.just(600)),
        st.builds(Term, st.just("rate_cut"), rate=st.decimals(0, 1000, places=5)),
        st.builds(Term, st.just("freeze"), months=st.integers(1, 600)),
        st.builds(Term, st.just("waiver"), percent=st.decimals(0, 100, places=2)),
        st.builds(Term, st.just("reduction"), amount=amounts),
        st.builds(
            Term,
            st.just("deferral"),
            months=st.integers(1, 600) | st.just(600),
            mode=st.sampled_from(["capitalise", "interest_only", "free"]),
        ),  # fmt: skip
        st.builds(
            Term,
            st.just("fee"),
            percent=st.decimals(0, 100, places=2),
            amount=amounts,
            mode=st.sampled_from(["upfront", "added"]),
        ),  # fmt: skip
        st.builds(Term, st.just("stage"), months=st.none() | st.integers(1, 600) | st.just(600), amount=amounts),
        st.builds(Term, st.just("settlement"), percent=st.decimals(0, 100, places=2)),
        st.builds(Term, st.just("higher_payment"), amount=amounts),
        st.builds(
            Term,
            st.just("token"),
            months=st.integers(1, 600) | st.just(600),
            amount=amounts,
            mode=st.sampled_from(["frozen", "accruing"]),
        ),  # fmt: skip
    ).flatmap(
        lambda term: st.builds(
            lambda k: Term(**{**term.__dict__, "start": None if k is None else JAN + k}),
            st.none() | st.integers(0, 36) | st.integers(0, 600),
        )
    ),  # fmt: skip
    min_size=1,
    max_size=4,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    terms=capped_terms,
    principal=amounts | st.sampled_from([Decimal(100_000), MAX_AMOUNT]),
    rate=st.decimals(0, 1000, places=5) | st.sampled_from([Decimal(365), Decimal("999.99999")]),
    months=st.integers(1, 600) | st.just(600),
    method=st.sampled_from(["annuity", "equal_principal", "interest_only", "bullet", "revolving"]),
    overdue=st.booleans(),
)
def test_any_terms_at_the_caps_give_figures_or_the_reason_never_an_overflow(
    terms, principal, rate, months, method, overdue
):
    debt = {**LOAN, "principal": str(principal), "rate": str(rate), "months": months, "method": method}
    if overdue:
        debt.update(overdue_principal=str(principal), overdue_interest="100000000", days_overdue=3650,
                    penalty_rate="1000")  # fmt: skip
    h = loaded(make_profile([debt], income=int(MAX_AMOUNT), expenses=0))
    r = simulate(h, Scenario("s", strategy="avalanche", terms={"贷款": terms}))  # only the domain error, said
    assert {e.code for e in r.errors} <= {
        "err.sc_beyond_limit", "err.sc_months_range", "err.sc_percent_range", "err.sc_rate_not_lower",
        "err.sc_amount_needed", "err.sc_months_needed", "err.sc_rate_needed",
    }  # fmt: skip
    for track in r.tracks:  # money stays whole cents
        for book in (track.payment, track.balance, track.interest_by_month):
            assert all(type(v) is int for v in book.values())
        assert all(type(v) is int for v in (track.fees, track.penalty, track.forgiven, track.carried))
    for series in (r.payments, r.buffer, r.balances, r.extra, r.income, r.expenses):
        assert series.dtype == np.int64
    if not r.errors:
        assert int(r.balances.max(initial=0)) <= MAX_CENTS + owed_now_cents(h.debts[0])


def test_the_report_works_out_the_other_scenarios_beside_one_that_cannot_be():
    from core.paperwork.report import build, report_bytes

    profile = make_profile([LOAN, ABSURD_LOAN])
    profile.sections["scenarios"] = normalize_section("scenarios", pd.DataFrame([{"name": "太久"}, {"name": "延期"}]))[
        0
    ]
    profile.sections["terms"] = normalize_section("terms", pd.DataFrame([
        {"scenario": "太久", "debt": "网贷", "term": "deferral", "months": 130, "mode": "capitalise"},
        {"scenario": "延期", "debt": "贷款", "term": "extension", "months": 24},
    ]))[0]  # fmt: skip
    data = build(profile, "zh", 0, Decimal("3.85"))  # raised OverflowError
    by_name = {r.scenario.name: r for r in data.results}
    assert [e.code for e in by_name["太久"].errors] == ["err.sc_beyond_limit"]
    assert not by_name["延期"].errors and by_name["延期"].tracks[0].payoff == JAN + 23
    assert "err.sc_beyond_limit" in [e.code for e in data.errors]  # the report says it, too
    html = report_bytes(data, "html").decode("utf-8")
    assert by_name["太久"].errors[0].message("zh") in html or "100,000,000" in html
    assert report_bytes(data, "xlsx")


def test_the_household_plan_keeps_working_beside_an_agreed_offer_that_cannot_be_paid_off():
    from core.simulation.plan import household_plan

    profile = make_profile([LOAN, ABSURD_LOAN], income=8_000, expenses=6_000)
    profile.sections["agreed"] = normalize_section(  # ¥1 a month for 130 months, interest still running
        "agreed", pd.DataFrame([{"debt": "网贷", "payment": 1, "months": 130, "frozen": False}])
    )[0]
    h = loaded(profile)
    plan = household_plan(h, h.plan_settings)  # raised OverflowError
    assert [e.code for e in plan.result.errors] == ["err.sc_beyond_limit"]
    assert "网贷" in plan.result.errors[0].message("zh")
