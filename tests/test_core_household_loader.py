"""The one loader: a profile's tables in, the household in cents out, every problem listed."""

import ast
import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from core.household.loader import load, sale_value_cents
from core.loans.money import MAX_CENTS
from core.profiles.profile import Profile, normalize_section
from core.profiles.store import Store
from core.profiles.workbook import profile_from_xlsx
from core.simulation.simulate import simulate
from tests.fixtures.workspace import section
from tests.test_core_simulation_simulate import LOAN, make_profile

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
@given(st.integers(min_value=0, max_value=MAX_CENTS))
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
# Turning a profile's tables into figures happens in core.household.loader only; every other module
# takes the loaded household. A table may still be read elsewhere for what is not a figure:
# to edit it, to store it, to print it as typed, to name a new row. Each such read is listed
# here, by module and table ("*": any table), with why; any other read fails the test.
NOT_FIGURES = {
    ("core/profiles/profile.py", "*"): "the profile itself",
    ("core/profiles/store.py", "*"): "storage",
    ("core/profiles/workbook.py", "*"): "the workbook: every table as typed",
    ("core/paperwork/report.py", "*"): "the report's appendix: every table as typed",
    ("core/paperwork/report.py", "contacts"): "the report prints the contact log",
    ("core/paperwork/pack.py", "contacts"): "the pack holds the contact log as typed",
    ("core/paperwork/pack.py", "letters"): "the letters the user kept, as written",
    ("core/paperwork/pack.py", "evidence"): "the files in the locker",
    ("core/cli.py", "worksheet"): "which statements were imported (their notes), to skip them again",
    ("ui/state.py", "*"): "saving an edited table",
    ("ui/editor.py", "*"): "the table in its editor",
    ("ui/importing.py", "worksheet"): "the import's rows beside the worksheet's, before they are added",
    ("ui/importing.py", "rules"): "the keyword rules, edited",
    ("ui/importing.py", "debts"): "the names and lenders typed, to say which lenders paid have no debt row",
    ("ui/guide.py", "scenarios"): "a new scenario's name, unlike those taken",
    ("app_pages/scenarios.py", "scenarios"): "the scenarios' names, to choose from",
    ("app_pages/evidence.py", "*"): "the evidence locker and the log it attaches to, edited",
    ("app_pages/contacts.py", "*"): "the contact log, edited, and the debts' names to log a call for",
    ("app_pages/letters.py", "letters"): "the letters kept, edited",
    ("app_pages/debts.py", "debts"): "whether the table is empty (the add form opens)",
    ("app_pages/worksheet.py", "worksheet"): "whether the table is empty (the add form opens)",
    ("app_pages/plan.py", "plan"): "the plan's settings, edited",
    ("app_pages/plan.py", "contacts"): "a counter-offer logged as a contact",
    ("app_pages/plan.py", "agreed"): "an accepted offer written to its table",
    ("app_pages/readiness.py", "case"): "the borrower's answers, edited",
    ("ui/negotiation.py", "versions"): "a plan kept: its rows appended to the versions table",
    ("app_pages/progress.py", "agreed"): "an agreement's row, edited",
    ("app_pages/progress.py", "payments"): "a payment appended to the table",
    ("app_pages/progress.py", "plan"): "the grace days, edited (the plan's other settings kept)",
    ("app_pages/progress.py", "evidence"): "the locker's files, to pick the written confirmation from",
    ("app_pages/recovery.py", "contacts"): "a letter logged as a contact",
    ("app_pages/recovery.py", "plan"): "the review's settings, edited (the plan's other settings kept)",
}


def table_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, table) of every read of a profile's table: ``x.section(name)``, ``x.sections[name]``,
    ``x.sections.get(name)`` ("*" when the name is not written out)."""

    def name_of(node) -> str:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else "*"

    out = []
    for node in ast.walk(tree):
        call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args
        if (
            call
            and node.func.attr == "section"
            or call
            and node.func.attr == "get"
            and getattr(node.func.value, "attr", None) == "sections"
        ):
            out.append((node.lineno, name_of(node.args[0])))
        elif isinstance(node, ast.Subscript) and getattr(node.value, "attr", None) == "sections":
            out.append((node.lineno, name_of(node.slice)))
    return out


def test_only_the_loader_reads_a_profiles_tables_for_figures():
    offenders = []
    for folder in CONSUMERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel == "core/household/loader.py":
                continue
            for line, table in table_reads(ast.parse(path.read_text(encoding="utf-8"))):
                if (rel, table) not in NOT_FIGURES and (rel, "*") not in NOT_FIGURES:
                    offenders.append(f"{rel}:{line} reads the {table} table")
    assert offenders == []


def test_the_guard_sees_every_way_a_table_is_read():
    tree = ast.parse('p.section("debts")\nq.sections["plan"]\nr.sections.get(name)\nd.get("x")\n')
    assert table_reads(tree) == [(1, "debts"), (2, "plan"), (3, "*")]


# The one blank rule (core.blank); modules still to follow it, and why.
OWN_BLANK_TEST = {
    "core/blank.py": "the rule",
}


def own_blank_tests(tree: ast.AST) -> list[int]:
    """Lines that test a cell for blank their own way: ``x != x``, ``pd.isna(x)``, ``math.isnan(x)``."""
    out = []
    for node in ast.walk(tree):
        same = isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq | ast.NotEq)
        if (
            same
            and ast.dump(node.left) == ast.dump(node.comparators[0])
            or (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("isna", "isnull", "isnan")
                and getattr(node.func.value, "id", None) in ("pd", "math", "np")
            )
        ):
            out.append(node.lineno)
    return out


def test_every_cell_is_tested_for_blank_by_one_rule():
    offenders = []
    for folder in CONSUMERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in OWN_BLANK_TEST or rel.startswith("core/imports/"):  # statement files are no profile tables
                continue
            offenders += [f"{rel}:{line}" for line in own_blank_tests(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == []
    assert own_blank_tests(ast.parse("a != a\npd.isna(b)\nmath.isnan(c)\nframe.isna()\n")) == [1, 2, 3]


def test_a_debt_with_only_a_name_is_a_draft_naming_what_it_needs():

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


def test_the_contact_log_is_read_once_with_times_and_dates_it_cannot_read_left_blank():
    frame = normalize_section("contacts", pd.DataFrame([
        {"when": "2026-11-20 10:00", "lender": "Bank A", "said": "will call back", "follow_up": "2026-11-27"},
        {"when": "2026-11-21 09:00", "lender": "Bank B", "outcome": "refused"},
    ]))[0]  # fmt: skip
    h, _ = load(Profile("x", {"contacts": frame}))
    first, second = h.log
    assert first.when == dt.datetime(2026, 11, 20, 10, 0) and first.follow_up == dt.date(2026, 11, 27)
    assert (first.lender, first.said) == ("Bank A", "will call back")
    assert second.follow_up is None and second.outcome == "refused" and second.said == ""
    raw = pd.DataFrame([{"when": "soon", "lender": " C ", "follow_up": "someday"}])  # as a table not checked
    (loose,) = load(Profile("x", {"contacts": raw}))[0].log
    assert loose.when is None and loose.follow_up is None and loose.lender == "C"
