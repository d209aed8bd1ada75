"""The one loader: a profile's tables in, the household in cents out, every problem listed."""

import ast
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from core.loader import load, sale_value_cents
from core.profile import Profile, normalize_section
from core.simulate import simulate
from core.store import Store
from core.workbook import profile_from_xlsx
from tests.fixtures.workspace import section
from tests.test_core_simulate import LOAN, make_profile

ROOT = Path(__file__).resolve().parents[1]


def test_the_sample_household_loads_in_cents_with_no_errors():
    profile, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    h, errors = load(profile)
    assert errors == []
    assert h.budget.income == 1_150_000  # ¥11,500.00, the sample's monthly income
    assert len(h.names) == len(profile.section("debts")) == 6
    assert h.scenarios[0].name == "status_quo"
    assert all(isinstance(line.total_owed, int) for line in h.lines)
    assert h.start == min(d.first_month for d in h.debts)


def test_every_amount_becomes_cents_once_half_up():
    profile = Profile(
        "x",
        {
            "worksheet": section(
                "worksheet",
                [
                    {"category": "pay", "direction": "income", "amount": "1234.565"},  # stored 1234.57
                    {"category": "food", "amount": 100, "frequency": "weekly"},  # 100 x 52 / 12 = 433.33…
                    {
                        "category": "fee",
                        "direction": "expense",
                        "amount": 0.1,
                        "frequency": "quarterly",
                    },  # 0.1 / 3 = 0.0333…
                ],
            ),
            "assets": section(
                "assets",
                [
                    {
                        "name": "car",
                        "type": "vehicle",
                        "value": "10000.01",
                        "liquidity": "illiquid",
                        "sale_discount": 12.5,
                    },
                    {"name": "cash", "value": 0.3, "liquidity": "now"},
                ],
            ),
            "buffers": section("buffers", [{"name": "mum", "amount": 0.1}, {"name": "aunt", "amount": 0.2}]),
        },
    )
    h, errors = load(profile)
    assert errors == []
    assert h.income == 123_457
    assert h.expenses == 43_333 + 3  # 43,333.33 cents and 3.33 cents, each rounded half-up
    # 1,000,001 cents x 0.875 = 875,000.875 -> 875,001
    assert [a.sale_value for a in h.assets] == [875_001, 30]
    assert h.quick_sale_value == 875_031 and h.liquid_now == 30
    assert h.buffers_total == 30  # 0.1 + 0.2 in cents, not 0.30000000000000004 yuan


def test_sale_value_rounds_the_exact_fraction_half_up():
    assert sale_value_cents(101, 50) == 51  # 50.5 -> 51
    assert sale_value_cents(100, None) == 100
    assert sale_value_cents(100, float("nan")) == 100
    assert sale_value_cents(3, 33.3333) == 2  # 3 x 0.666667 = 2.000001


def test_rows_that_cannot_be_used_are_reported_not_raised():
    debts, _ = normalize_section(
        "debts",
        pd.DataFrame(
            [
                {"name": "ok", "principal": 1000, "rate": 12, "months": 12, "first_month": "2027-01"},
                {"name": "no rate", "principal": 1000, "months": 12},
            ]
        ),
    )
    scenarios = section("scenarios", [{"name": "A"}])
    terms, _ = normalize_section(
        "terms", pd.DataFrame([{"scenario": "Z", "debt": "ok", "term": "freeze", "months": 6}])
    )
    h, errors = load(Profile("x", {"debts": debts, "scenarios": scenarios, "terms": terms}))
    assert h.names == ["ok"]
    assert [e.code for e in h.debt_errors] == ["err.not_number"]
    assert [e.code for e in h.scenario_errors] == ["err.sc_unknown_scenario"]
    assert errors == h.debt_errors + h.scenario_errors
    assert [s.name for s in h.scenarios] == ["status_quo", "A"]


def test_an_empty_profile_loads_as_an_empty_household():
    h, errors = load(Profile("empty"))
    assert errors == [] and h.names == [] and h.total_debt == 0 and h.income == 0 and h.start == 0


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000_000_000))
def test_amounts_are_stored_as_exact_decimal_text_and_load_back_to_the_cent(tmp_path_factory, cents):
    yuan = f"{cents // 100}.{cents % 100:02d}"
    assets = section("assets", [{"name": "a", "value": yuan, "liquidity": "now"}])
    path = tmp_path_factory.mktemp("db") / "p.sqlite3"
    store = Store(path)
    pid = store.create(Profile("p", {"assets": assets}))
    with closing(sqlite3.connect(path)) as db:
        (records,) = db.execute(
            "SELECT records FROM sections WHERE profile_id = ? AND section = 'assets'", (pid,)
        ).fetchone()
    stored = json.loads(records)[0]["value"]
    assert stored == yuan  # text, exactly as typed: no binary float in storage
    h, _ = load(store.load(pid))
    assert h.assets_total == cents


def test_a_profile_stored_by_an_older_version_with_json_numbers_reads_the_same(tmp_path):
    path = tmp_path / "p.sqlite3"
    store = Store(path)
    assets = section("assets", [{"name": "a", "value": "1234.56", "liquidity": "now", "sale_discount": 2.5}])
    pid = store.create(Profile("p", {"assets": assets}))
    old = json.dumps([{"name": "a", "type": "cash", "value": 1234.56, "liquidity": "now", "sale_discount": 2.5}])
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE sections SET records = ? WHERE profile_id = ? AND section = 'assets'", (old, pid))
        db.commit()
    h, _ = load(Store(path).load(pid))
    assert h.assets_total == 123_456 and h.quick_sale_value == 120_370  # 123,456 x 0.975 = 120,369.6


CONSUMERS = ["core", "ui", "app_pages"]
# Turning a profile's tables into figures happens in core.loader only (and in the modules
# it calls to do so); every other module takes the loaded household.
LOADING_CALLS = {"summarize", "case_from_frame", "scenarios_from_profile", "debts", "standing", "household"}
ALLOWED = {"core/loader.py", "core/budget.py", "core/case.py", "core/scenarios.py", "core/profile.py"}


def test_only_the_loader_builds_a_household_from_a_profile():
    offenders = []
    for folder in CONSUMERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in ALLOWED:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                    if name in LOADING_CALLS and not (name == "debts" and not isinstance(func, ast.Attribute)):
                        offenders.append(f"{rel}:{node.lineno} {name}()")
    assert offenders == []


def test_a_debt_with_only_a_name_is_a_draft_naming_what_it_needs():
    from core.profile import Profile, normalize_section

    rows = pd.DataFrame(
        [{"name": "招行信用卡"}, {"name": "借呗", "principal": 5000, "rate": 18, "months": 12}, {"principal": 300}]
    )
    clean, _ = normalize_section("debts", rows)
    h, _ = load(Profile("x", {"debts": clean}))
    assert h.names == ["借呗"]
    assert [(d.row, d.name, d.missing) for d in h.drafts] == [
        (1, "招行信用卡", ("principal", "rate", "months")),
        (3, "#3", ("name", "rate", "months")),
    ]


def test_terms_on_every_online_lending_debt_from_the_profile_tables():
    debts = [
        {**LOAN, "name": "A", "lender_type": "online_lending"},
        {**LOAN, "name": "B", "lender_type": "online_lending"},
        {**LOAN, "name": "C"},
    ]
    profile = make_profile(debts)
    profile.sections["scenarios"] = normalize_section("scenarios", pd.DataFrame([{"name": "停息"}]))[0]
    profile.sections["terms"] = normalize_section(
        "terms", pd.DataFrame([{"scenario": "停息", "debt": "type:online_lending", "term": "freeze", "months": 36}])
    )[0]
    h, errors = load(profile)
    scenarios = h.scenarios
    assert not errors and [s.name for s in scenarios] == ["status_quo", "停息"]
    assert set(scenarios[1].terms) == {"A", "B"}
    result = simulate(h, scenarios[1])
    assert [len(t.payment) for t in result.tracks] == [36, 36, 12]
