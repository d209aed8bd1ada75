"""The charts carry the simulated figures in yuan, one trace per scenario, labels in the
user's language; user text is data, never part of a template."""

from core.household.loader import load
from core.loans.values import Scenario, Term
from core.paperwork.charts import balances_figure, cashflow_figure, heatmap_figure, scenario_label
from core.simulation.negotiate import axis_values, heatmap_marks, sweep
from core.simulation.simulate import simulate
from tests.fixtures.workspace import make_profile

LOAN = {"name": "贷款", "lender_type": "bank_consumer", "principal": 12_000, "rate": 12, "months": 12,
        "first_month": "2027-01"}  # fmt: skip


def results():
    h, _ = load(make_profile(income=8_000, expenses=7_500, debts=[LOAN]))
    plans = [Scenario("status_quo"), Scenario("冻结 %{x} <b>", terms={"贷款": [Term("freeze", months=24)]})]
    return h, plans, [simulate(h, s) for s in plans]


def test_cash_and_balances_in_yuan_per_scenario():
    _, _, runs = results()
    fig = cashflow_figure(runs, "en")
    buffers = [tr for tr in fig.data if tr.name.endswith(" · cash")]
    assert [tr.name.split(" · ")[0] for tr in buffers] == ["Status quo", "冻结 %{x} <b>"]
    for trace, result in zip(buffers, runs, strict=True):
        assert list(trace.y) == [v / 100 for v in result.buffer.tolist()]
    owed = balances_figure(runs, "zh")
    assert owed.data[1].y[0] == runs[1].balances[:, 0].sum() / 100
    assert scenario_label(runs[0], "zh") != scenario_label(runs[0], "en")


def test_heatmap_marks_show_the_scenario_name_as_data():
    h, plans, _ = results()
    grid = sweep(h, ["贷款"], [12, 24], axis_values(h, ["贷款"], "rate"), "rate")
    marks = heatmap_marks(h, plans[1:], ["贷款"], "rate")
    assert marks == [("冻结 %{x} <b>", 0.0, 24)]
    star = heatmap_figure(grid, "en", marks).data[-1]
    assert list(star.text) == ["冻结 %{x} <b>"]
    assert "冻结" not in star.hovertemplate


def test_months_are_written_in_the_pages_language():
    _, _, runs = results()
    zh, en = cashflow_figure(runs, "zh"), balances_figure(runs, "en")
    assert zh.layout.xaxis.tickformat == "%Y年%-m月" and zh.layout.xaxis.type == "date"
    assert en.layout.xaxis.tickformat == "%b %Y"
    assert zh.layout.legend.y < 0  # below the panels, not on the first panel's title


def test_scenarios_ending_in_the_same_month_do_not_hide_each_other_on_the_payoff_timeline():
    from core.paperwork.charts import payoff_figure

    h, _ = load(make_profile(income=8_000, expenses=7_500, debts=[LOAN, {**LOAN, "name": "卡"}]))
    same = [simulate(h, Scenario("status_quo")), simulate(h, Scenario("a")), simulate(h, Scenario("b"))]
    fig = payoff_figure(same, "zh")
    assert [list(tr.x) for tr in fig.data][0] == [list(tr.x) for tr in fig.data][2]  # the same payoff months
    lanes = [tuple(tr.y) for tr in fig.data]
    assert len(set(lanes)) == 3  # but each scenario has its own lane
    assert all(abs(y - row) < 0.5 for lane in lanes for row, y in enumerate(lane))  # within the debt's row
    assert list(fig.layout.yaxis.ticktext) == ["贷款", "卡"]


def test_debt_payments_have_their_own_panel_and_scale_apart_from_income():
    _, _, runs = results()
    fig = cashflow_figure(runs, "en")
    axis = {trace.name: trace.yaxis for trace in fig.data}
    payments = {a for name, a in axis.items() if name.endswith("debt payments")}
    cash = {a for name, a in axis.items() if name.endswith(" · cash")}
    assert payments == {"y2"} and cash == {"y3"} and axis["Income"] == "y"
    assert fig.layout.yaxis2.matches is None  # scaled to the payments, not to the income


def test_amounts_in_the_hover_are_written_as_everywhere_else_minus_before_the_sign():
    _, _, runs = results()
    fig = cashflow_figure(runs, "en")
    cash = next(tr for tr in fig.data if tr.name.endswith(" · cash"))
    assert "%{customdata}" in cash.hovertemplate
    assert min(cash.y) < 0  # the status quo runs short: negative amounts are checked
    for amount, text in zip(cash.y, cash.customdata, strict=True):
        sign = "-" if amount < 0 else ""
        assert text == f"{sign}¥{abs(amount):,.2f}"


def test_a_broken_arrangement_is_drawn_solid_beside_the_agreement_kept_dashed():
    from core.paperwork.charts import broken_figure
    from core.tracking.progress import progress
    from core.tracking.recovery import broken_projection
    from tests.fixtures.keeping import AS_OF, kept_profile

    h, _ = load(kept_profile())
    lp = next(lp for lp in progress(h, AS_OF).lenders if lp.debt == "Card")
    bp = broken_projection(h, lp)
    # Owed under the agreement: 11,000 after the waiver, less 500 (Oct) and 120 (Nov) paid = 10,380; the
    # waiver 1,000 back; the frozen interest at 1.5 % a month on 11,000, 10,500 and 10,000 = 472.50.
    assert (bp.owed, bp.waived_back, bp.interest_back, bp.due_now) == (1_038_000, 100_000, 47_250, 1_185_250)
    assert bp.penalty_monthly == 17_779 and bp.short_by == 1_185_250 - 200_000  # 1.5 % of 11,852.50; cash 2,000
    fig = broken_figure(bp, "en")
    kept, broken = fig.data
    assert kept.line.dash == "dash" and broken.line.dash is None
    assert kept.name == "Kept: owed, paying as agreed" and broken.name == "Broken: all due, penalty added"
    assert list(broken.y)[:2] == [11_852.50, 11_852.50 + 177.79] and broken.y[-1] == 11_852.50 + 12 * 177.79
    assert kept.y[0] == 10_380.00 and kept.y[-1] == 3_500.00  # Dec 2027: 11,000 - 15 x 500
    assert len(kept.x) == len(broken.x) == 13 and kept.x[0] == "2026-12"
    assert broken_figure(bp, "zh").data[0].name != kept.name


def test_progress_lines_plan_dashed_and_what_was_paid_solid_to_the_cent():
    """A frozen agreement of 1,000.00 a month for 3 months on 3,000.00 owed, due on the 15th
    from 2027-01; 1,000.00 paid on 14 Jan and 400.00 on 20 Feb; seen on 10 Mar."""
    import datetime as dt

    from core.paperwork.charts import progress_figure, progress_lines
    from core.tracking.progress import progress

    loan = {"name": "贷款", "lender_type": "bank_consumer", "principal": 3_000, "rate": 0, "months": 3,
            "first_month": "2027-01", "due_day": 15}  # fmt: skip
    agreed = [{"debt": "贷款", "payment": 1_000, "months": 3, "first_month": "2027-01", "state": "agreed"}]
    payments = [{"debt": "贷款", "date": "2027-01-14", "amount": 1_000},
                {"debt": "贷款", "date": "2027-02-20", "amount": 400}]  # fmt: skip
    h, _ = load(make_profile(debts=[loan], agreed=agreed, payments=payments))
    (lp,) = progress(h, dt.date(2027, 3, 10)).lenders
    planned, paid = progress_lines(lp)
    jan = 2027 * 12
    # The plan: 3,000 before the first payment, 1,000 less each month.
    assert planned == [(jan - 1, 300_000), (jan, 200_000), (jan + 1, 100_000), (jan + 2, 0)]
    # Paid: January as agreed; February 600 short (2,000 due, 1,400 paid); on 10 March the
    # March payment is not due yet (the 15th), so still 1,000 expected + 600 short.
    assert paid == [(jan - 1, 300_000), (jan, 200_000), (jan + 1, 160_000), (jan + 2, 160_000)]
    fig = progress_figure([lp], "en")
    plan_trace, paid_trace = fig.data
    assert plan_trace.line.dash == "dash" and paid_trace.line.dash is None
    assert plan_trace.name == "贷款 · plan" and paid_trace.name == "贷款 · paid"
    assert list(paid_trace.y) == [3000.0, 2000.0, 1600.0, 1600.0]
    assert "贷款" not in paid_trace.hovertemplate  # the name is data, never part of a template
