"""Hypothesis invariants of the engine, and its agreement with a plain Python loop."""

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.loop import annuity_loop, equal_principal_loop
from core import engine
from core.schedule import schedule, schedules
from tests.helpers import make_debt

principals = st.integers(min_value=1, max_value=10_000_000_000)  # cents, up to ¥100 million
rates = st.decimals(min_value=0, max_value=1000, places=2)  # annual %
terms = st.integers(min_value=1, max_value=600)
methods = st.sampled_from(["annuity", "equal_principal", "interest_only", "bullet"])


@settings(max_examples=150, deadline=None)
@given(principals, rates, terms, methods)
def test_balance_never_negative_and_principal_fully_repaid_within_term(cents, rate, months, method):
    s = schedule(make_debt(principal=f"{cents / 100:.2f}", rate=rate, months=months, method=method))
    assert all(r.balance >= 0 for r in s.rows)
    assert all(r.interest >= 0 and r.principal >= 0 for r in s.rows)
    assert s.total_principal == cents
    assert not s.never_paid_off
    assert s.months <= months
    assert s.total_payment == sum(r.payment for r in s.rows)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(principals, rates, terms, methods), min_size=1, max_size=12))
def test_vectorised_batch_equals_one_loan_at_a_time(loans):
    debts = [make_debt(principal=f"{c / 100:.2f}", rate=r, months=m, method=k) for c, r, m, k in loans]
    together = schedules(debts)
    for debt, batch_schedule in zip(debts, together, strict=True):
        alone = schedule(debt)
        assert alone.rows == batch_schedule.rows


@settings(max_examples=200, deadline=None)
@given(principals, rates, terms)
def test_engine_agrees_with_plain_loop_to_the_cent(cents, rate, months):
    monthly = Fraction(rate) / 1200
    for code, loop in ((engine.ANNUITY, None), (engine.EQUAL_PRINCIPAL, equal_principal_loop)):
        batch = engine.amortize([cents], [monthly.numerator], [monthly.denominator], [months], [code])
        if loop is None:
            expected = annuity_loop(
                cents, monthly.numerator, monthly.denominator, months, int(batch.scheduled_payment[0])
            )
        else:
            expected = loop(cents, monthly.numerator, monthly.denominator, months)
        n = len(expected)
        got = list(
            zip(
                batch.interest[0, :n].tolist(),
                batch.principal[0, :n].tolist(),
                batch.balance[0, :n].tolist(),
                strict=True,
            )
        )
        assert got == [tuple(row) for row in expected]
        assert int(batch.payoff_period[0]) == n


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=100, max_value=100_000_000),
    st.decimals(min_value=0, max_value=60, places=2),
    st.decimals(min_value=0, max_value=30, places=1),
    st.integers(min_value=0, max_value=20_000),
)
def test_credit_card_terminates_or_says_never(cents, rate, pct, floor_cents):
    s = schedule(
        make_debt(
            principal=f"{cents / 100:.2f}",
            rate=rate,
            method="revolving",
            min_payment_pct=pct,
            min_payment_floor=f"{floor_cents / 100:.2f}",
        )
    )
    assert len(s.rows) <= engine.HORIZON_MONTHS
    if s.never_paid_off:
        assert s.payoff_month is None
    else:
        assert s.rows[-1].balance == 0 and s.total_principal == cents


def test_batch_mixes_methods_and_lengths():
    debts = [
        make_debt(principal=5000, rate=18, months=6, method="annuity"),
        make_debt(principal=8000, rate=0.05, rate_unit="daily", method="revolving"),
        make_debt(principal=9000, rate=10, months=24, method="bullet"),
        make_debt(principal=100, rate=5, months=1, method="equal_principal"),
    ]
    together = schedules(debts)
    assert [len(s.rows) for s in together] == [len(schedule(d).rows) for d in debts]
    assert np.all([s.rows[-1].balance == 0 for s in together])
