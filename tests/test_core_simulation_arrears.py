"""Doing nothing with the cash a household really has: arrears, penalty and overdue age,
month by month, against figures worked by hand (core/simulation/arrears.py's docstring states the rules)."""

from dataclasses import replace

import pytest

from core.household.loader import load
from core.loans.dates import parse_month
from core.profiles.profile import Profile
from core.simulation.arrears import do_nothing
from tests.fixtures.workspace import make_profile, section

START = parse_month("2027-01")
# ¥6,000 at 0 % over 6 months: ¥1,000 due a month, all principal; penalty 18 % a year
# (1.5 % a month on overdue principal); the household has ¥600 a month for it.
LOAN = {"name": "Loan", "lender_type": "online_lending", "principal": 6_000, "rate": 0, "months": 6,
        "first_month": "2027-01", "penalty_rate": 18}  # fmt: skip
# A revolving card: ¥2,000 at 18 % a year (1.5 % a month), minimum 10 % of the balance, at least ¥100.
CARD = {"name": "Card", "lender_type": "credit_card", "principal": 2_000, "rate": 18, "method": "revolving",
        "min_payment_pct": 10, "min_payment_floor": 100, "first_month": "2027-01"}  # fmt: skip


def run(debts, income=600, expenses=0, **extra):
    h, errors = load(make_profile(income=income, expenses=expenses, debts=debts, **extra))
    assert errors == []
    return h, do_nothing(h)


def run_months(debts, incomes, months=None):
    """The household's income month by month from January 2027 (one-off rows on top of none)."""
    worksheet = [{"category": "rent", "direction": "expense", "amount": 0}]
    worksheet += [
        {"category": "pay", "direction": "income", "amount": cents, "frequency": "one_off", "month": f"2027-{m:02d}"}
        for m, cents in enumerate(incomes, start=1)
        if cents
    ]
    h, errors = load(Profile("t", {"worksheet": section("worksheet", worksheet), "debts": section("debts", debts)}))
    assert errors == [] and h.start == START
    return h, do_nothing(h, months or len(incomes))


def test_a_golden_household_worked_by_hand():
    """Two debts, a loan listed first and a card already 45 days behind; ¥900 a month, ¥900 more
    in March; followed four months. Every figure below is worked by hand, in yuan."""
    loan = {"name": "Loan", "lender_type": "online_lending", "principal": 3_000, "rate": 12,
            "method": "equal_principal", "months": 3, "monthly_fee_rate": 0.5, "penalty_rate": 18,
            "first_month": "2027-01"}  # fmt: skip
    card = {**CARD, "overdue_principal": 100, "overdue_interest": 5, "days_overdue": 45}
    _, view = run_months([loan, card], [900, 900, 1_800, 900])
    debt, crd = view.debts
    # Loan: 1,000 principal a month, interest 1 % of the balance (30, 20, 10), fee 0.5 % x 3,000 = 15.
    # Card at the start: 100 principal and 5 interest overdue, penalty so far 100 x 27 % (18 % +50 %)
    #   x 45 / 365 = 3.3288 -> 3.33; 1,900 not yet due.
    # m1: loan due 15 + 30 + 1,000 = 1,045; 900 pays fee, interest, 855 principal -> 145 overdue, 30 days.
    #     card: nothing left. Minimum on 1,900: interest 28.50, principal max(100 - 28.50, 190) = 190
    #     -> 218.50 unpaid, 违约金 5 % = 10.925 -> 10.93; overdue 108.33 + 229.43 = 337.76; 45 + 30 = 75 days.
    # m2: loan penalty 145 x 1.5 % = 2.175 -> 2.18; due 147.18 + (15 + 20 + 1,000); 900 pays 2.18, 145,
    #     15, 20, 717.82 -> 282.18 overdue (February's), 30 days.
    #     card: balance 1,710 + unpaid principal and interest 105 + 218.50 = 2,033.50 (fees not counted):
    #     interest 30.5025 -> 30.50, principal 203.35 -> minimum 233.85 unpaid, 违约金 11.6925 -> 11.69;
    #     overdue 337.76 + 245.54 = 583.30; 105 days: past 90 in February.
    # m3: 1,800. Loan penalty 282.18 x 1.5 % = 4.2327 -> 4.23; pays 286.41 + 1,025 = 1,311.41: clear.
    #     card: balance 1,506.65 + 105 + 218.50 + 233.85 = 2,064.00: interest 30.96, principal 206.40,
    #     minimum 237.36. 488.59 left pays old arrears part by part: fees 10.93 + 11.69, penalty 3.33,
    #     interest 5 + 28.50 + 30.50, principal 100, 190 and 108.64 of February's 203.35 -> 94.71 left;
    #     the minimum unpaid: 违约金 11.868 -> 11.87; overdue 94.71 + 249.23 = 343.94; oldest February's:
    #     60 days.
    # m4: card balance 1,300.25 + 94.71 + 30.96 + 206.40 = 1,632.32: interest 24.4848 -> 24.48,
    #     principal max(75.52, 163.232 -> 163.23) -> minimum 187.71; 343.94 + 187.71 = 531.65 paid: caught up.
    assert debt.paid == [90_000, 90_000, 131_141, 0]
    assert debt.overdue == [14_500, 28_218, 0, 0]
    assert debt.owed == [214_500, 128_218, 0, 0]
    assert debt.days == [30, 30, 0, 0] and debt.past_90 is None and debt.payoff == START + 2
    assert (debt.interest, debt.fees, debt.penalty) == (6_000, 4_500, 641)
    assert crd.paid == [0, 0, 48_859, 53_165]
    assert crd.overdue == [33_776, 58_330, 34_394, 0]
    assert crd.owed == [204_776, 208_995, 164_419, 113_702]
    assert crd.days == [75, 105, 60, 0] and crd.past_90 == START + 1 and crd.payoff is None
    assert (crd.interest, crd.fees, crd.penalty) == (11_944, 0, 3_782)  # 5 + 28.50 + ...; 3.33 + 违约金
    assert crd.parts[2] == (1_187, 0, 3_096, 9_471 + 20_640)  # after March: 违约金, interest, principal
    assert list(view.cash) == [0, 0, 0, 36_835]
    assert (view.total_paid, view.total_interest, view.total_fees, view.total_penalty) == (
        413_165, 17_944, 4_500, 4_423)  # fmt: skip
    assert view.shortfall_months == 3 and view.debt_free is None
    # paid + still owed = principal at the start + interest + fees + penalty, to the cent
    assert view.total_paid + view.owed_after(4) == 500_000 + 17_944 + 4_500 + 4_423


# ¥3,500 at 12 % in equal principal over 3 months, of which 500 overdue with 40 interest, 30 days
# behind: penalty so far 500 x 18 % x 30 / 365 = 7.397 -> 7.40; a fee of 0.5 % x 3,500 = 17.50 a month.
BEHIND = {"name": "Loan", "lender_type": "online_lending", "principal": 3_500, "rate": 12,
          "method": "equal_principal", "months": 3, "monthly_fee_rate": 0.5, "penalty_rate": 18,
          "overdue_principal": 500, "overdue_interest": 40, "days_overdue": 30, "first_month": "2027-01"}  # fmt: skip


@pytest.mark.parametrize(
    "cash,left",
    [
        # old arrears first: penalty 7.40, then 22.60 of their 40 interest; this month's untouched
        (30, (1_750, 0, 1_740 + 3_000, 50_000 + 100_000)),
        # the old 547.40 in full, then 12.60 of this month's 17.50 fee
        (560, (490, 0, 3_000, 100_000)),
        # the old 547.40, this month's fee 17.50 and interest 30, then 5.10 of its principal
        (600, (0, 0, 0, 99_490)),
    ],
)
def test_a_part_payment_settles_costs_then_penalty_then_interest_then_principal(cash, left):
    _, view = run_months([BEHIND], [cash])
    debt = view.debts[0]
    assert debt.parts[0] == left  # (fees, penalty, interest, principal) still owed
    assert debt.overdue[0] == sum(left) == 54_740 + 104_750 - 100 * cash


def test_old_arrears_are_paid_part_by_part_across_months_before_this_month():
    _, view = run_months([BEHIND], [30, 50])
    # after m1 (30): the start's 17.40 interest and 500 principal; January's 17.50 fee, 30, 1,000.
    # m2: penalty 500 x 1.5 % = 7.50 and 1,000 x 1.5 % = 15.00. 50 pays January's fee 17.50, both
    # penalties 22.50, then 10.00 of the oldest interest (17.40 -> 7.40); February's 17.50 + 20 + 1,000
    # is untouched. (Oldest instalment first in full would have paid the start's principal instead.)
    assert view.debts[0].parts[1] == (1_750, 0, 740 + 3_000 + 2_000, 250_000)
    assert view.debts[0].penalty == 740 + 2_250  # the penalty owed at the start counts


def test_the_first_row_catch_up_is_old_arrears_not_this_month():
    # 547.40 in January pays exactly what was overdue at the start; January's own 1,047.50 is unpaid,
    # aged from January: 30 days at its end, not the 60 the start's arrears would have.
    _, view = run_months([BEHIND], [547.40])
    assert view.debts[0].parts[0] == (1_750, 0, 3_000, 100_000)
    assert view.debts[0].days == [30]


def test_a_card_minimum_follows_its_real_balance():
    _, view = run_months([CARD], [0, 0, 0])
    card = view.debts[0]
    # m1: interest 30.00, principal 200 -> 230 unpaid, 违约金 11.50 -> 241.50.
    # m2: balance 1,800 + 230 unpaid = 2,030: interest 30.45, principal 203.00 -> 233.45, 违约金 11.67.
    #     (The plain schedule's second row, on 1,800 as if paid, would ask 27.00 + 180.)
    # m3: balance 1,597 + 230 + 233.45 = 2,060.45 (the 23.17 违约金 earns nothing): interest 30.905 ->
    #     30.91, principal 206.045 -> 206.05 -> 236.96, 违约金 11.848 -> 11.85.
    assert card.overdue == [24_150, 48_662, 73_543]
    assert card.interest == 3_000 + 3_045 + 3_091 and card.penalty == 1_150 + 1_167 + 1_185
    assert card.parts[2] == (1_150 + 1_167 + 1_185, 0, 3_000 + 3_045 + 3_091, 20_000 + 20_300 + 20_605)
    assert card.owed[2] == 200_000 - 20_000 - 20_300 - 20_605 + 73_543


def test_a_card_always_paid_follows_its_plain_schedule():
    h, view = run([CARD], income=5_000)
    rows = [r for r in h.status[0].rows if r.period >= 1][:36]
    assert view.debts[0].paid[: len(rows)] == [r.payment for r in rows]
    assert view.debts[0].owed[: len(rows)] == [r.balance for r in rows]
    assert view.total_interest == sum(r.interest for r in rows) and view.shortfall_months == 0


def test_a_card_on_instalments_keeps_its_rows_and_charges_its_rate_on_unpaid_principal():
    card = {"name": "Card", "lender_type": "credit_card", "principal": 3_000, "rate": 12,
            "method": "equal_principal", "months": 3, "first_month": "2027-01"}  # fmt: skip
    _, view = run_months([card], [0, 0])
    debt = view.debts[0]
    # m1: 1,000 + 30 unpaid, 违约金 51.50. m2: card rate on January's principal 1,000 x 1 % = 10.00
    # (interest), February's row 1,000 + 20 unpaid, 违约金 51.00.
    assert debt.overdue == [108_150, 216_250]
    assert [debt.overdue_after(k) for k in (1, 2, 12)] == [108_150, 216_250, 216_250]  # past the view: its last month
    assert replace(debt, overdue=[]).overdue_after(12) == 0
    assert debt.interest == 3_000 + 2_000 + 1_000 and debt.penalty == 5_150 + 5_100
    assert debt.parts[1] == (10_250, 0, 6_000, 200_000)


def test_an_unpaid_amount_ages_as_lenders_count_months():
    _, view = run([LOAN], income=0)
    debt = view.debts[0]
    # missed in January: 30 days at its end (M1), then 60 (M2), 90 (M3), 120 (M3+): past 90 in April
    assert debt.days[:4] == [30, 60, 90, 120]
    assert [debt.stage_after(k) for k in (1, 2, 3, 4)] == ["M1", "M2", "M3", "M3+"]
    assert debt.past_90 == START + 3


def test_a_known_shortfall_month_by_month():
    h, view = run([LOAN])
    debt = view.debts[0]
    # Worked by hand (cents), each month's unpaid amount kept with the month it fell due:
    # m1: pays 600 of 1,000 -> 400 overdue (January's), 30 days.
    # m2: penalty 400 x 1.5 % = 6.00; 600 pays 6.00 + 400 + 194 of February's -> 806 (February's), 30 days.
    # m3: penalty 806 x 1.5 % = 12.09; 600 pays 12.09 + 587.91 -> 218.09 of February's + March's 1,000;
    #     the oldest is February's: 60 days.
    # m4: penalty 218.09 x 1.5 % = 3.27 and 15.00; 600 pays both, February's 218.09 and 363.64 of
    #     March's -> 636.36 + 1,000 = 1,636.36; the oldest is now March's: 60 days, not 90.
    # m5: penalty 9.55 + 15.00; pays them and 575.45 of March's -> 60.91 + 1,000 + 1,000: 90 days.
    # m6: penalty 0.91 + 15.00 + 15.00; March's is paid, 508.18 of April's -> 491.82: 90 days.
    # m7: no instalment; penalty 7.38 + 15.00 + 15.00; April's paid, 70.80 of May's: 90 days.
    # m8: penalty 929.20 x 1.5 % = 13.94 and 15.00; 571.06 of May's -> 358.14 left: 120 days.
    assert debt.overdue[:7] == [40_000, 80_600, 121_809, 163_636, 206_091, 249_182, 192_920]
    assert debt.paid[:7] == [60_000] * 7
    assert debt.owed[:7] == [540_000, 480_600, 421_809, 363_636, 306_091, 249_182, 192_920]
    assert debt.days[:8] == [30, 30, 60, 60, 90, 90, 90, 120]
    assert [debt.stage_after(k) for k in (1, 2, 3, 4, 5, 8)] == ["M1", "M1", "M2", "M2", "M3", "M3+"]
    assert debt.past_90 == h.start + 7
    assert list(view.cash[:7]) == [0] * 7  # never below zero: only what the cash allows is paid


def test_arrears_are_cleared_when_cash_allows_and_the_age_starts_again():
    _, view = run([LOAN], income=600)
    debt = view.debts[0]
    assert debt.overdue[-1] == 0 and debt.days[-1] == 0  # paid off in the end: no arrears remain
    cleared = debt.overdue.index(0)
    assert debt.owed[cleared] == 0 and debt.payoff == view.months[cleared] == view.debt_free
    assert view.shortfall_months == cleared  # every month before it ended with something unpaid


def test_a_debt_already_overdue_counts_its_days_from_the_first_due_date():
    late = {**LOAN, "overdue_principal": 500, "days_overdue": 70}
    _, view = run([late], income=100)
    # 70 days at the start; 100 pays the penalty so far (500 x 18 % x 70 / 365 = 17.26) and 82.74:
    # the rest is 100 days overdue at the end of January, past 90 already.
    assert view.debts[0].days[:2] == [100, 130]
    assert view.debts[0].past_90 == view.start


@pytest.mark.parametrize("days,ages,past", [(60, [90, 120], 1), (61, [91, 121], 0)])
def test_past_90_means_more_than_90_days(days, ages, past):
    late = {**LOAN, "overdue_principal": 500, "days_overdue": days}
    _, view = run([late], income=0)
    debt = view.debts[0]
    assert debt.days[:2] == ages and debt.past_90 == view.start + past
    assert debt.stage_after(1) == ("M3" if days == 60 else "M3+")


def test_priority_debts_are_paid_first():
    mortgage = {**LOAN, "name": "Home", "lender_type": "mortgage", "penalty_rate": None}
    _, view = run([LOAN, mortgage], income=1_000)
    home, loan = view.debts[1], view.debts[0]
    assert home.paid[0] == 100_000 and home.overdue[0] == 0
    assert loan.paid[0] == 0 and loan.overdue[0] == 100_000


def test_a_card_keeps_its_rate_and_charges_a_late_fee_without_interest_on_it():
    card = {**LOAN, "name": "Card", "lender_type": "credit_card", "penalty_rate": None}
    _, view = run([card])
    debt = view.debts[0]
    # m1: 400 unpaid -> late fee 5 % = 20.00; m2: pays the fee, the 400, 180 of 1,000:
    # 820 unpaid -> fee 41.00 (its rate is 0 %: the overdue principal grows by nothing).
    assert debt.overdue[:2] == [42_000, 86_100]


def test_totals_add_up_and_count_the_overdue_interest_owed_at_the_start():
    late = {**LOAN, "overdue_principal": 500, "overdue_interest": 80, "days_overdue": 40}
    h, view = run([late, CARD], income=700)
    # a 0 % loan: its only interest is the 80 overdue at the start; its penalty counts the 9.86
    # accrued before the start (500 x 18 % x 40 / 365 = 9.863)
    assert view.debts[0].interest == 8_000 and h.lines[0].total_owed == 608_000 + 986
    assert view.debts[0].penalty > 986 and view.debts[1].interest > 0
    totals = view.total_interest + view.total_fees + view.total_penalty
    assert view.total_paid + view.owed_after(36) == 600_000 + 200_000 + totals  # principal + charges
    assert view.total_paid == view.paid == sum(sum(d.paid) for d in view.debts)
    assert view.shortfall_months == sum(1 for k in range(36) if view.overdue[k])


def test_quotes_after_12_and_24_months():
    h, view = run([LOAN], income=200)
    assert view.owed_after(12) == sum(d.owed[11] for d in view.debts)
    assert view.overdue_after(24) == view.debts[0].overdue[23] > 0
    assert len(view.months) == 36 and view.months[0] == h.start
    assert view.debt_free is None and view.debts[0].payoff is None


def test_overdue_stages_as_lenders_count_them():
    _, paid = run([LOAN], income=1_000)
    assert paid.debts[0].stage_after(3) is None
    assert paid.debt_free == START + 5 and paid.shortfall_months == 0 and paid.total_paid == 600_000


def test_the_debts_past_90_days_and_the_first_month_one_is():
    _, view = run([LOAN, CARD], income=0)
    assert [d.name for d in view.serious] == ["Loan", "Card"]
    assert view.first_past_90 == min(d.past_90 for d in view.debts) == START + 3  # nothing paid: April
    _, paid = run([LOAN], income=1_000)
    assert paid.serious == [] and paid.first_past_90 is None
