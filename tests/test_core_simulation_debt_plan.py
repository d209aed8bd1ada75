"""One debt under its terms: hand-checked values per term kind (independent hand formulas),
the contract's own rows kept when nothing changes, and an invariant over random terms."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.loans.schedule import owed_now_cents
from core.loans.values import Scenario, Term
from core.profiles.workbook import profile_from_xlsx
from core.simulation.debt_plan import Opening, debt_track
from core.simulation.simulate import simulate
from tests.helpers import loaded
from tests.test_core_simulation_simulate import JAN, LOAN, ROOT, annuity, cents, make_profile, payments, run


def test_status_quo_is_the_plain_engine_schedule():
    data = (ROOT / "sample_data" / "sample_household.xlsx").read_bytes()
    profile, _ = profile_from_xlsx(data)
    h = loaded(profile)
    result = simulate(h, Scenario("status_quo"))
    for track, plain in zip(result.tracks, h.status, strict=True):
        rows = [r for r in plain.rows if r.period >= 1]
        assert track.payment == {r.month: r.payment for r in rows}
        # the overdue interest caught up in the first month counts as interest, as in the schedule
        assert track.interest == plain.total_interest and track.penalty == plain.total_penalty
    assert result.total_paid == sum(sum(r.payment for r in s.rows if r.period >= 1) for s in h.status)


def test_term_extension_re_amortises_the_balance():
    _, r = run([LOAN], {"贷款": [Term("extension", months=24)]})
    paid = payments(r)
    assert len(paid) == 24 and paid[0] == annuity("12000", "0.01", 24) == 56488
    assert r.tracks[0].payoff == JAN + 23


def test_rate_reduction_over_the_months_left():
    _, r = run([LOAN], {"贷款": [Term("rate_cut", rate=Decimal("6"))]})
    assert payments(r)[0] == annuity("12000", "0.005", 12) == 103280
    assert r.tracks[0].offer_apr() == Decimal("6.00")


def test_rate_reduction_from_a_later_month_replans_what_is_left():
    _, r = run([LOAN], {"贷款": [Term("rate_cut", rate=Decimal("0"), start=JAN + 6)]})
    paid = payments(r)
    assert paid[:6] == [annuity("12000", "0.01", 12)] * 6
    owed = r.tracks[0].balance[JAN + 5]
    assert paid[6] == round(owed / 6)  # the rest at 0 % over the 6 months left


def test_interest_freeze_with_overdue_amounts_and_penalty():
    overdue = {**LOAN, "overdue_principal": 2000, "overdue_interest": 300, "days_overdue": 30, "penalty_rate": 18}
    _, r = run([overdue], {"贷款": [Term("freeze", months=24)]})
    # owed: 12,000 + 300 + penalty 2,000 x 18 % / 365 x 30 = 29.59 -> 12,329.59 over 24 months
    paid = payments(r)
    assert paid[:23] == [51373] * 23 and paid[23] == cents("12329.59") - 23 * 51373 == 51380
    # frozen: no new interest; the 300 of overdue interest owed already is paid, and counts as interest
    assert r.tracks[0].interest == r.tracks[0].carried == 30_000 and r.tracks[0].penalty == 2959


def test_penalty_and_interest_waiver():
    overdue = {**LOAN, "overdue_principal": 2000, "overdue_interest": 300, "days_overdue": 30, "penalty_rate": 18}
    _, full = run([overdue], {"贷款": [Term("waiver"), Term("freeze", months=24)]})
    assert full.forgiven == 2959 + 30000 and sum(payments(full)) == 1_200_000
    _, half = run([overdue], {"贷款": [Term("waiver", percent=Decimal(50), mode="penalty"), Term("freeze", months=24)]})
    assert half.forgiven == 1480  # half of 29.59, half-up
    assert half.total_penalty == 2959 - 1480


def test_principal_reduction_by_percent_and_by_amount():
    _, pct = run([LOAN], {"贷款": [Term("reduction", percent=Decimal(10)), Term("freeze", months=12)]})
    assert payments(pct) == [90000] * 12 and pct.forgiven == 120000
    _, amount = run([LOAN], {"贷款": [Term("reduction", amount=Decimal(3000)), Term("freeze", months=12)]})
    assert payments(amount) == [75000] * 12 and amount.forgiven == 300000


def test_deferral_with_and_without_capitalisation():
    _, cap = run([LOAN], {"贷款": [Term("deferral", months=3, mode="capitalise")]})
    track = cap.tracks[0]
    assert [track.balance[JAN + k] for k in range(3)] == [1_212_000, 1_224_120, 1_236_361]
    assert payments(cap)[:3] == [0, 0, 0]
    assert payments(cap)[3] == annuity("12363.61", "0.01", 12)
    _, io = run([LOAN], {"贷款": [Term("deferral", months=3, mode="interest_only")]})
    assert payments(io)[:3] == [12000] * 3 and payments(io)[3] == annuity("12000", "0.01", 12)
    _, free = run([LOAN], {"贷款": [Term("deferral", months=3, mode="free")]})
    assert payments(free)[:4] == [0, 0, 0, annuity("12000", "0.01", 12)]
    assert free.total_interest < io.total_interest < cap.total_interest


def test_five_percent_fee_up_front_versus_added_to_the_balance():
    up_terms = [Term("fee", percent=Decimal(5), mode="upfront"), Term("extension", months=24)]
    _, up = run([LOAN], {"贷款": up_terms})
    _, added = run([LOAN], {"贷款": [Term("fee", percent=Decimal(5), mode="added"), Term("extension", months=24)]})
    assert payments(up)[0] == 60000 + annuity("12000", "0.01", 24)
    assert payments(up)[1] == annuity("12000", "0.01", 24)
    assert payments(added)[0] == annuity("12600", "0.01", 24)
    assert up.total_fees == added.total_fees == 60000
    assert up.tracks[0].offer_payment() == annuity("12000", "0.01", 24) and up.tracks[0].offer_months() == 24
    assert added.total_paid > up.total_paid  # interest on the fee too
    # The fee raises the true APR above the 12 % contract rate in both cases.
    assert up.tracks[0].offer_apr() > Decimal(12) and added.tracks[0].offer_apr() > Decimal(12)


def test_staged_repayment_with_a_balloon_after_the_last_stage():
    stages = [
        Term("freeze", months=24),
        Term("stage", months=6, amount=Decimal(500)),
        Term("stage", months=6, amount=Decimal(1000)),
    ]
    _, r = run([LOAN], {"贷款": stages})
    assert payments(r) == [50000] * 6 + [100000] * 6 + [300000]
    open_last = [
        Term("freeze", months=24),
        Term("stage", months=6, amount=Decimal(500)),
        Term("stage", amount=Decimal(2000)),
    ]
    _, r2 = run([LOAN], {"贷款": open_last})
    assert payments(r2) == [50000] * 6 + [200000] * 4 + [100000]


def test_lump_sum_settlement_funded_by_selling_an_asset():
    card = {
        "name": "信用卡",
        "lender_type": "credit_card",
        "principal": 48000,
        "rate": 18,
        "method": "revolving",
        "first_month": "2027-01",
    }
    car = {"name": "汽车", "type": "vehicle", "value": 45000, "liquidity": "3_months", "sale_discount": 25}
    h, r = run([card], {"信用卡": [Term("settlement", percent=Decimal(60), asset="汽车", start=JAN + 2)]}, assets=[car])
    track = r.tracks[0]
    owed = next(row.balance for row in h.status[0].rows if row.month == JAN + 1)  # after two card payments
    assert track.payment[JAN + 2] == (owed * 60 + 50) // 100
    assert track.forgiven == owed - track.payment[JAN + 2]
    assert track.payoff == JAN + 2
    k = r.months.index(JAN + 2)
    assert r.income[k] == 2_000_000 + 3_375_000  # the car sold at 25 % off lands that month
    assert r.income[k - 1] == 2_000_000


def test_higher_payment_shorter_term():
    _, base = run([LOAN])
    _, r = run([LOAN], {"贷款": [Term("higher_payment", amount=Decimal(2000))]})
    assert payments(r)[0] == 200000 and len(payments(r)) == 7
    assert r.total_interest < base.total_interest


owed_terms = st.lists(
    st.one_of(
        st.builds(Term, st.just("extension"), months=st.integers(1, 120)),
        st.builds(Term, st.just("rate_cut"), rate=st.decimals(0, 30, places=1)),
        st.builds(Term, st.just("freeze"), months=st.integers(1, 60)),
        st.builds(Term, st.just("waiver"), percent=st.decimals(0, 100, places=0)),
        st.builds(Term, st.just("reduction"), percent=st.decimals(0, 100, places=0)),
        st.builds(
            Term,
            st.just("deferral"),
            months=st.integers(1, 12),
            mode=st.sampled_from(["capitalise", "interest_only", "free"]),
        ),
        st.builds(
            Term, st.just("fee"), percent=st.decimals(0, 10, places=1), mode=st.sampled_from(["upfront", "added"])
        ),
        st.builds(Term, st.just("settlement"), percent=st.decimals(1, 100, places=0)),
        st.builds(Term, st.just("higher_payment"), amount=st.decimals(500, 5000, places=2)),
        st.builds(
            Term,
            st.just("token"),
            months=st.integers(1, 12),
            amount=st.decimals(1, 500, places=2),
            mode=st.sampled_from(["frozen", "accruing"]),
        ),
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda t: t.kind,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms=owed_terms, principal=st.integers(1000, 200000), rate=st.decimals(0, 36, places=2), overdue=st.booleans())
def test_no_scenario_pays_less_than_what_is_not_forgiven(terms, principal, rate, overdue):
    debt = {**LOAN, "principal": principal, "rate": float(rate), "months": 24}
    if overdue:
        debt.update(overdue_principal=principal // 5, overdue_interest=principal // 50, days_overdue=60)
    h, r = run([debt], {"贷款": terms})
    track = r.tracks[0]
    if track.never:  # a payment that never covers the interest: said so, never "debt-free"
        assert r.debt_free is None
        return
    opening = owed_now_cents(h.debts[0])  # balance + overdue interest + penalty so far
    assert track.total_paid >= opening - track.forgiven
    if not track.never:
        # Every cent is accounted for: paid + forgiven = owed + interest + fees charged (the
        # overdue interest owed at the start is in what is owed and, once paid, in the interest).
        assert track.total_paid + track.forgiven == opening + track.interest - track.carried + track.fees
        assert r.balances[0, -1] == 0


def test_a_debt_with_no_terms_keeps_its_contract_rows_cent_for_cent():
    h = loaded(make_profile([LOAN]))
    plain = h.status[0]
    track = debt_track("贷款", h.debts[0], h.lender_types[0], plain, [], {}, [])
    assert track.payment == {r.month: r.payment for r in plain.rows if r.period >= 1}
    assert track.balance == {r.month: r.balance for r in plain.rows if r.period >= 1}
    assert not track.negotiated and track.offer_start is None


def test_what_is_owed_when_terms_start_is_the_balance_and_every_overdue_part():
    opening = Opening(balance=100_000, overdue_principal=5_000, overdue_interest=300, penalty=29)
    assert opening.owed == 105_329
    assert Opening(balance=7).owed == 7 and Opening(balance=7).rows is None


def test_a_later_group_replans_from_the_balance_the_first_leaves():
    h = loaded(make_profile([LOAN]))
    terms = [Term("extension", months=24), Term("rate_cut", rate=Decimal(0), start=JAN + 6)]
    track = debt_track("贷款", h.debts[0], h.lender_types[0], h.status[0], terms, {}, [])
    assert [track.payment[m] for m in range(JAN, JAN + 6)] == [annuity("12000", "0.01", 24)] * 6
    left = track.balance[JAN + 5]
    later = [track.payment[m] for m in sorted(track.payment) if m >= JAN + 6]
    # at 0 % over the contract's 6 months left: what was left, nothing more, in 6 payments
    assert len(later) == 6 and sum(later) == left and track.interest_by_month.get(JAN + 6) == 0
