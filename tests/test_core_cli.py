"""The command line: worked values through --json, the readable table, bad arguments."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def run(*args):
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True)


def test_schedule_json_worked_values():
    result = run(
        "schedule",
        "--principal",
        "1000000",
        "--annual-rate",
        "4.9",
        "--months",
        "360",
        "--method",
        "annuity",
        "--start",
        "2026-01",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    first = data["payments"][0]
    assert first == {
        "period": 1,
        "month": "2026-01",
        "payment": 5307.27,
        "interest": 4083.33,
        "principal": 1223.94,
        "fees": 0.0,
        "penalty": 0.0,
        "balance": 998776.06,
    }
    assert len(data["payments"]) == 360 and data["payments"][-1]["month"] == "2055-12"
    assert data["calculator_total_interest"] == 910616.19
    assert round(sum(p["interest"] for p in data["payments"]), 2) == data["total_interest"]
    assert data["apr"] == 4.9 and data["total_fees"] == 0.0


@pytest.mark.parametrize(
    "args,payment",
    [
        (["--principal", "300000", "--annual-rate", "4.9", "--months", "360"], 1592.18),
        (["--principal", "20000", "--annual-rate", "6", "--months", "60"], 386.66),
        (["--principal", "1000000", "--annual-rate", "4.9", "--months", "360", "--method", "equal-principal"], 6861.11),
        (["--principal", "10000", "--monthly-rate", "1", "--months", "12"], 888.49),
        (["--principal", "10000", "--daily-rate", "0.05", "--months", "12", "--method", "interest-only"], 152.08),
    ],
)
def test_schedule_json_first_payment(args, payment):
    result = run("schedule", *args, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["payments"][0]["payment"] == payment


def test_fees_in_json_and_true_apr():
    result = run(
        "schedule",
        "--principal",
        "12000",
        "--annual-rate",
        "0",
        "--months",
        "12",
        "--method",
        "equal-principal",
        "--monthly-fee-rate",
        "0.6",
        "--upfront-fee",
        "100",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["payments"][0]["period"] == 0 and data["payments"][0]["fees"] == 100.0
    assert data["total_fees"] == 964.0
    assert data["apr"] > 14


def test_readable_table_in_both_languages():
    en = run("schedule", "--principal", "20000", "--annual-rate", "6", "--months", "60")
    assert en.returncode == 0 and "386.66" in en.stdout and "True APR" in en.stdout
    zh = run("schedule", "--principal", "20000", "--annual-rate", "6", "--months", "60", "--lang", "zh")
    assert "真实年化利率" in zh.stdout


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["schedule", "--principal", "-5", "--annual-rate", "5", "--months", "12"], "negative"),
        (["schedule", "--principal", "1000", "--annual-rate", "2000", "--months", "12"], "1,000%"),
        (["schedule", "--principal", "1000", "--annual-rate", "5", "--months", "0"], "600 months"),
        (["schedule", "--principal", "1000", "--annual-rate", "5", "--months", "601"], "600 months"),
        (["schedule", "--principal", "1000", "--annual-rate", "5", "--months", "12", "--start", "2026-13"], "YYYY-MM"),
        (["schedule", "--principal", "abc", "--annual-rate", "5", "--months", "12"], "number"),
        (["schedule", "--principal", "1000", "--months", "12"], "--annual-rate"),
        (["schedule", "--principal", "1000", "--annual-rate", "5", "--daily-rate", "0.1"], "not allowed"),
        (["schedule", "--principal", "1000", "--annual-rate", "5", "--months", "12", "--method", "magic"], "invalid"),
        (["frobnicate"], "invalid choice"),
        ([], "usage"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args, fragment):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    if args:
        assert len(result.stderr.strip().splitlines()) == 1
        assert fragment in result.stderr
    else:
        assert fragment in (result.stdout + result.stderr).lower()


SCHEDULE_NUMERIC = [
    "--principal", "--annual-rate", "--monthly-rate", "--daily-rate", "--months", "--upfront-fee",
    "--monthly-fee-rate", "--min-payment-pct", "--min-payment-floor", "--overdue-principal",
    "--overdue-interest", "--days-overdue", "--penalty-rate", "--lpr",
]  # fmt: skip


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999999999", "-1e999999999", "abc"])
@pytest.mark.parametrize("option", SCHEDULE_NUMERIC)
def test_every_numeric_option_refuses_nonsense_with_one_line(option, value):
    from core.cli import main

    args = {"--principal": "1000", "--months": "12"}
    if option not in ("--monthly-rate", "--daily-rate"):
        args["--annual-rate"] = "5"
    args[option] = value
    argv = ["schedule", *[x for pair in args.items() for x in pair]]
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    assert code == 2, (argv, err.getvalue())
    assert len(err.getvalue().strip().splitlines()) == 1 and "Traceback" not in err.getvalue()


@pytest.mark.parametrize("command", ["simulate", "report"])
@pytest.mark.parametrize("option,value", [("--margin", "nan"), ("--margin", "1e999999999"), ("--lpr", "inf")])
def test_profile_commands_refuse_nonsense_numbers(tmp_path, command, option, value):
    if command == "simulate" and option == "--lpr":
        return
    extra = ["-o", str(tmp_path / "r.xlsx")] if command == "report" else []
    result = subprocess.run(
        [sys.executable, "-m", "core", command, str(ROOT / "sample_data" / "sample_household.xlsx"), *extra,
         option, value],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_simulate_includes_the_household_plan_and_doing_nothing():
    sample = str(ROOT / "sample_data" / "sample_household.xlsx")
    data = json.loads(run("simulate", sample, "--json").stdout)
    names = [d["name"] for d in data]
    assert names == ["status_quo", "plan", "do_nothing"]
    status, plan, nothing = data
    assert status["shortfall_months"] > 0 and plan["shortfall_months"] == 0
    # every debt repaid, nothing forgiven: what is owed (203,825, the 600 of overdue interest
    # included, which is also counted as interest once paid) plus the interest of the one lender
    # asked for a longer term at its contract rate (工行消费贷, 7.2 %)
    assert plan["total_paid"] == round(203_825.0 - 600 + plan["total_interest"], 2) and plan["total_interest"] > 600
    asked = {d["name"]: d["request"] for d in plan["debts"]}
    assert asked["工行消费贷"] == "extension" and asked["借呗"] == "freeze"
    assert plan["start"] == "2027-01" and plan["review"] == "2028-01"
    first = {d["name"]: d["monthly"] for d in plan["debts"]}
    assert round(sum(first.values()), 2) == plan["phases"][0]["monthly"] == 3_724.0  # the shares add up
    assert nothing["overdue_after_12"] > 0 and nothing["owed_after_24"] > nothing["overdue_after_24"] > 0
    late = {d["name"]: d["past_90_days"] for d in nothing["debts"]}
    assert late["借呗"] is None  # first in the list: the cash there is keeps it current
    assert sum(1 for v in late.values() if v) == 5  # every other lender ends up past 90 days
    text = run("simulate", sample, "--lang", "en").stdout
    assert "Household plan" in text and "Doing nothing" in text and "owed after 12 months" in text


def test_simulate_do_nothing_row_has_every_key_a_scenario_row_has():
    import re

    sample = str(ROOT / "sample_data" / "sample_household.xlsx")
    data = json.loads(run("simulate", sample, "--json").stdout)
    *scenarios, nothing = data
    assert nothing["name"] == "do_nothing"
    common = set.intersection(*(set(row) for row in scenarios))
    assert common <= set(nothing), common - set(nothing)
    debt_keys = set.intersection(*(set(d) for row in scenarios for d in row["debts"]))
    assert all(debt_keys <= set(d) for d in nothing["debts"])
    assert nothing["total_paid"] == nothing["paid"] > 0 and nothing["forgiven"] == 0.0
    assert nothing["total_interest"] > 0 and nothing["total_penalty"] > 0 and nothing["total_fees"] >= 0
    assert nothing["shortfall_months"] == 36 and nothing["debt_free"] is None  # behind to the end
    for value in [nothing["debt_free"]] + [d["payoff"] for d in nothing["debts"]]:
        assert value is None or re.fullmatch(r"\d{4}-\d{2}", value)
    text = run("simulate", sample, "--lang", "en").stdout
    assert "from Never" not in text and "借呗: not more than 90 days overdue within 36 months" in text
    assert "Debt-free: not within 36 months" in text


def _absurd_profile(tmp_path):
    """A 100,000 loan at 365 % a year; one scenario lets its interest pile up for 130 months."""
    from core.profiles.workbook import profile_to_xlsx
    from tests.fixtures.workspace import make_profile

    debts = [
        {"name": "Card", "lender_type": "credit_card", "principal": 12_000, "rate": 12, "months": 24,
         "first_month": "2027-01"},
        {"name": "App", "lender_type": "online_lending", "principal": 100_000, "rate": 365, "months": 12,
         "first_month": "2027-01"},
    ]  # fmt: skip
    profile = make_profile(
        income=100_000,
        debts=debts,
        scenarios=[{"name": "pile up"}, {"name": "longer"}],
        terms=[
            {"scenario": "pile up", "debt": "App", "term": "deferral", "months": 130, "mode": "capitalise"},
            {"scenario": "longer", "debt": "Card", "term": "extension", "months": 36},
        ],
    )
    path = tmp_path / "absurd.xlsx"
    path.write_bytes(profile_to_xlsx(profile))
    return str(path)


def test_simulate_says_which_scenario_cannot_be_worked_out_and_prints_the_rest(tmp_path):
    path = _absurd_profile(tmp_path)
    out = run("simulate", path, "--lang", "en")  # printed a traceback (OverflowError)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert line.startswith("error: ") and "pile up" in line and "App" in line and "¥100,000,000" in line
    blocks = out.stdout.split("Scenario: ")
    piled = next(b for b in blocks if b.startswith("pile up"))
    assert "¥100,000,000" in piled and "Total paid" not in piled  # the reason, not the status quo's figures
    longer = next(b for b in blocks if b.startswith("longer"))
    assert "Total paid" in longer and "Card: 2029-12" in longer  # the rest as ever
    data = json.loads(run("simulate", path, "--json").stdout)
    by_name = {d["name"]: d for d in data}
    assert len(by_name["pile up"]["errors"]) == 1 and "¥100,000,000" in by_name["pile up"]["errors"][0]
    assert not by_name["longer"]["errors"] and by_name["longer"]["debt_free"] == "2029-12"


def _tracked_profile():
    from tests.fixtures.tracking import AGREED, DEBTS, PAYMENTS
    from tests.fixtures.workspace import make_profile

    return make_profile(income=12_000, expenses=7_000, debts=DEBTS, agreed=AGREED, payments=PAYMENTS)


def test_progress_from_a_workbook_and_from_the_database(tmp_path, capsys):
    from core.cli import main
    from core.profiles.store import Store
    from core.profiles.workbook import profile_to_xlsx

    book = tmp_path / "household.xlsx"
    book.write_bytes(profile_to_xlsx(_tracked_profile()))
    assert main(["progress", str(book), "--as-of", "2027-04", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # As of 2027-04-30: 借呗 due 1,000 on the 10th of January to April, 3,500 paid (March missed, April short).
    lender = {x["debt"]: x for x in out["lenders"]}
    assert (out["as_of"], out["grace_days"]) == ("2027-04-30", 3)
    assert {k: lender["借呗"][k] for k in ("scheduled", "paid", "behind", "status", "state", "debt_free")} == {
        "scheduled": 4000.0, "paid": 3500.0, "behind": 500.0, "status": "behind", "state": "active",
        "debt_free": "2028-06"}  # fmt: skip
    assert lender["借呗"]["next_due"] == {"date": "2027-04-10", "amount": 500.0, "late": True}
    assert [m["kind"] for m in lender["借呗"]["misses"]] == ["missed", "short"]
    assert (lender["招行信用卡"]["paid"], lender["招行信用卡"]["behind"], lender["招行信用卡"]["months_on_track"]) == (
        2000.0,
        0.0,
        4,
    )
    assert out["household"]["behind"] == 500.0 and out["review"] == {"on": "2027-12-15", "due": False, "reasons": []}
    db = tmp_path / "profiles.sqlite3"
    Store(db, backups=False).create(_tracked_profile())
    assert main(["progress", str(db), "--name", "test", "--as-of", "2027-04", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == out
    assert main(["progress", str(book), "--as-of", "2027-04", "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert "借呗：执行中，有欠缴" in text and "¥500.00" in text and "下次复核：2027-12-15" in text


def test_progress_refuses_a_bad_month_and_an_unknown_profile(tmp_path, capsys):
    from core.cli import main
    from core.profiles.workbook import profile_to_xlsx

    book = tmp_path / "household.xlsx"
    book.write_bytes(profile_to_xlsx(_tracked_profile()))
    assert main(["progress", str(book), "--as-of", "April"]) == 2
    assert "not a month" in capsys.readouterr().err
    assert main(["progress", str(tmp_path / "none.sqlite3")]) == 2
