"""Hypothesis invariants of the engine, and its agreement with a plain Python loop."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.loop import annuity_loop, equal_principal_loop
from core.errors import AmountLimitError
from core.loans import engine
from core.loans.money import HALF_EVEN, HALF_UP, MAX_CENTS, div_round
from core.loans.schedule import schedule, schedules
from tests.helpers import make_debt

principals = st.integers(min_value=1, max_value=MAX_CENTS)  # up to the app's amount limit
rates = st.decimals(min_value=0, max_value=1000, places=2)  # annual %
terms = st.integers(min_value=1, max_value=engine.LONGEST_LOAN_MONTHS)
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
    assert len(s.rows) <= engine.LONGEST_LOAN_MONTHS
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


# --- the engine's bounds (issue 24: numbers that cannot be computed) ------------------------------
@pytest.mark.parametrize(
    "principal,rate_num,rate_den,method,extra",
    [
        (10**20, 1, 100, engine.ANNUITY, {}),  # more cents than 64 bits hold: raised OverflowError
        (10**17, 99_912_345, 120_000_000, engine.ANNUITY, {}),  # 600 months of interest past 64 bits:
        (10**17, 99_912_345, 120_000_000, engine.BULLET, {}),  # these three wrapped round silently
        (2 * 10**16, 5, 6, engine.INTEREST_ONLY, {}),
        (10**9, 2**40, 2**41, engine.ANNUITY, {}),  # a rate whose own terms are too large to multiply
        (10**6, 1, 100, engine.FIXED, {"fixed_payment_cents": 10**20}),
        (10**6, 1, 100, engine.REVOLVING, {"min_pct_num": 1, "min_pct_den": 10, "min_floor_cents": 10**19}),
    ],
)
def test_inputs_past_the_engine_bounds_are_refused_never_wrapped_round(principal, rate_num, rate_den, method, extra):
    with pytest.raises(AmountLimitError):
        engine.amortize([principal], [rate_num], [rate_den], [600], [method], **extra)


def test_at_the_app_caps_the_engine_is_exact():
    # the amount limit at 999.99999 % a year (the numerator near 1e8) for the longest loan, beside a small one
    monthly, n = Fraction(Decimal("999.99999")) / 1200, engine.LONGEST_LOAN_MONTHS
    batch = engine.amortize([MAX_CENTS, 100], [monthly.numerator] * 2, [monthly.denominator] * 2, [n, 1],
                            [engine.INTEREST_ONLY, engine.ANNUITY])  # fmt: skip
    interest = (MAX_CENTS * monthly.numerator * 2 + monthly.denominator) // (2 * monthly.denominator)
    assert int(batch.total_interest[0]) == n * interest and int(batch.total_principal[0]) == MAX_CENTS
    assert batch.balance.dtype == np.int64 and int(batch.payoff_period[1]) == 1


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(10**10, 10**15), min_size=1, max_size=4),  # what is owed with years of penalty
    st.decimals(min_value=Decimal("0.00001"), max_value=1000, places=5),
    st.integers(1, 600),
    st.sampled_from([engine.ANNUITY, engine.EQUAL_PRINCIPAL, engine.INTEREST_ONLY, engine.REVOLVING]),
    st.decimals(min_value=Decimal("0.00001"), max_value=100, places=5),
    st.sampled_from([HALF_UP, HALF_EVEN]),
)
def test_a_balance_whose_product_with_the_rate_passes_64_bits_is_still_exact(owed, rate, months, method, pct, mode):
    """balance x rate numerator past int64: worked out without forming it, to the cent as
    a plain Python-int loop over the engine's own rows would."""
    monthly, share = Fraction(rate) / 1200, Fraction(pct) / 100
    try:
        batch = engine.amortize(owed, monthly.numerator, monthly.denominator, months, method, mode=mode,
                                min_pct_num=share.numerator, min_pct_den=share.denominator, min_floor_cents=10_000)  # fmt: skip
    except AmountLimitError:  # only where the totals themselves could pass 64 bits
        limit = engine.LONGEST_LOAN_MONTHS if method == engine.REVOLVING else months
        assert max(owed) * (1 + float(monthly) * limit) >= engine.ROOM * 0.99
        return
    for i, start in enumerate(owed):
        balance = start
        for t in range(int(np.count_nonzero(batch.interest[i] + batch.principal[i]))):
            interest = div_round(balance * monthly.numerator, monthly.denominator, mode)
            assert int(batch.interest[i, t]) == interest
            if method == engine.REVOLVING and t < engine.LONGEST_LOAN_MONTHS - 1:
                minimum = max(10_000 - interest, div_round(balance * share.numerator, share.denominator, mode))
                assert int(batch.principal[i, t]) == min(max(minimum, 0), balance)
            balance -= int(batch.principal[i, t])
            assert int(batch.balance[i, t]) == balance >= 0
        if method != engine.REVOLVING:
            assert balance == 0 and int(batch.total_principal[i]) == start
