"""The household plan: the amount available, the split (by balance, by payment), the
contingency line, the token floor, priority debts first and the card limit — each against
figures worked by hand — and that the plan it builds never runs short."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.household.loader import load
from core.simulation.plan import PLAN, allocate, comparison, household_plan, split
from tests.fixtures.workspace import make_profile, section

JAN = "2027-01"


def debt(name, owed, months=12, kind="online_lending", **extra):
    return {"name": name, "lender_type": kind, "principal": owed, "rate": 0, "months": months, "first_month": JAN,
            **extra}  # fmt: skip


# Contracts ask 1,666.67 + 833.33 + 2,500 = 5,000 a month; the household has 3,000.
THREE = [debt("A", 20_000), debt("B", 10_000), debt("C", 30_000)]


def plan_of(debts=THREE, income=10_000, expenses=7_000, plan=None, **extra):
    sections = {"plan": [plan]} if plan else {}
    h, errors = load(make_profile(income=income, expenses=expenses, debts=debts, **sections, **extra))
    assert errors == []
    return h, household_plan(h, h.plan_settings)


def shares(p):
    return {s.name: s.share for s in p.shares}


def test_split_to_the_cent_by_largest_remainder():
    assert split(100, [1, 1, 1]) == [34, 33, 33]
    assert split(285_000, [166_667, 83_333, 125_000]) == [126_667, 63_333, 95_000]
    assert split(0, [1, 2]) == [0, 0] and split(5, [0, 0]) == [0, 0]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.lists(st.integers(0, 10**9), min_size=1, max_size=30))
def test_split_always_adds_up_and_stays_within_a_cent_of_the_exact_share(total, weights):
    parts = split(total, weights)
    whole = sum(weights)
    if whole and total:
        assert sum(parts) == total
        assert all(abs(p * whole - total * w) < whole for p, w in zip(parts, weights, strict=True))


def test_pro_rata_by_balance_with_the_default_contingency():
    h, p = plan_of()
    # surplus 3,000; contingency 5 % = 150; 2,850 a month split 2 : 1 : 3.
    assert (p.surplus, p.contingency, p.total) == (300_000, 15_000, 285_000)
    assert shares(p) == {"A": 95_000, "B": 47_500, "C": 142_500}
    assert {s.name: s.months for s in p.shares} == {"A": 22, "B": 22, "C": 22}  # 20,000 / 950 = 21.05…
    assert p.result.shortfall_months == 0 and p.short_months == []
    assert p.scenario.name == PLAN and p.scenario.terms["A"][0].kind == "freeze"
    assert [s.name for s in comparison(h, p)] == ["status_quo", PLAN]


def test_pro_rata_by_contract_payment():
    debts = [debt("A", 20_000), debt("B", 10_000), debt("C", 30_000, months=24)]  # 1,666.67 / 833.33 / 1,250
    _, p = plan_of(debts, plan={"split": "payment"})
    # 285,000 x 166,667 / 375,000 = 126,666.92; x 83,333 / 375,000 = 63,333.08; 95,000: one cent to A.
    assert shares(p) == {"A": 126_667, "B": 63_333, "C": 95_000}
    # A and B are paid off in 16 months; their 1,900 then goes to C (redistribution): C has
    # 30,000 - 16 x 950 = 14,800 left, at 2,850 a month 6 more months: 22, not 32.
    assert {s.name: s.months for s in p.shares} == {"A": 16, "B": 16, "C": 22}
    c = p.share_of("C")
    assert [(ph.start - p.start, ph.monthly) for ph in c.phases] == [(0, 95_000), (16, 285_000)]
    assert c.last == 14_800_00 - 5 * 285_000
    assert p.result.shortfall_months == 0


def test_a_contingency_line_the_user_sets():
    _, p = plan_of(plan={"contingency": 500})
    assert (p.contingency, p.total) == (50_000, 250_000)
    assert shares(p) == {"A": 83_333, "B": 41_667, "C": 125_000}  # 833.33…, 416.66…, 1,250


def test_priority_debts_keep_their_payment_and_come_off_first():
    home = debt("Home", 12_000, kind="mortgage")  # 1,000 a month
    _, p = plan_of(THREE + [home])
    assert p.priority == ["Home"] and p.priority_payments == 100_000
    # 3,000 - 1,000 = 2,000; contingency 100; 1,900 split 2 : 1 : 3 = 633.33…, 316.66…, 950.
    assert (p.contingency, p.total) == (10_000, 190_000)
    assert shares(p) == {"A": 63_333, "B": 31_667, "C": 95_000}
    assert "Home" not in p.scenario.terms
    home_track = next(t for t in p.result.tracks if t.name == "Home")
    assert not home_track.negotiated and p.result.shortfall_months == 0


def test_the_user_can_mark_a_debt_priority_or_not():
    marked = [debt("A", 20_000, priority="priority"), debt("B", 10_000), debt("C", 30_000)]
    _, p = plan_of(marked)
    assert p.priority == ["A"] and set(shares(p)) == {"B", "C"}
    car = debt("Car", 12_000, kind="car_loan", priority="unsecured")
    _, p = plan_of(THREE + [car])
    assert p.priority == [] and "Car" in shares(p)


def test_a_tiny_share_is_raised_to_the_token_and_taken_from_the_others():
    debts = [debt("Big", 20_000), debt("Tiny", 200, months=1)]  # Tiny's contract asks 200 at once
    _, p = plan_of(debts, income=1_000, expenses=0, plan={"contingency": 0})
    # 1,000 a month: Tiny's pro-rata 9.90 is below the ¥50 token (and below its contract: asked).
    assert shares(p) == {"Big": 95_000, "Tiny": 5_000}
    assert p.share_of("Tiny").raised_to_token and p.share_of("Tiny").months == 4
    _, p = plan_of(debts, income=1_000, expenses=0, plan={"contingency": 0, "token": 20})
    assert shares(p) == {"Big": 98_000, "Tiny": 2_000}


def test_a_lender_whose_contract_fits_its_share_keeps_it_and_the_rest_goes_to_the_others():
    debts = [debt("Big", 20_000), debt("Tiny", 200)]  # Tiny's contract: 16.67 a month for 12 months
    _, p = plan_of(debts, income=1_000, expenses=0, plan={"contingency": 0})
    # Tiny's share would be the ¥50 token, more than its contract: it keeps it; Big gets the
    # 1,000 less Tiny's largest contract payment (16.63 x 11 + 17.07: the residue last) = 982.93.
    tiny = p.share_of("Tiny")
    assert tiny.request == "keep" and tiny.share == 1_667 and not p.asks("Tiny")
    assert "Tiny" not in p.scenario.terms
    assert p.share_of("Big").share == 100_000 - 1_667 - 0  # the first month: what Tiny does not take
    assert p.result.shortfall_months == 0


def test_a_card_is_given_enough_to_finish_within_60_instalments():
    debts = [debt("Card", 20_000, kind="credit_card"), debt("Loan", 60_000, months=24)]
    _, p = plan_of(debts, income=1_200, expenses=0, plan={"contingency": 0})
    # pro rata the card would get 300 (67 instalments); it needs 20,000 / 60 = 333.34.
    assert shares(p) == {"Card": 33_334, "Loan": 86_666}
    card = p.share_of("Card")
    assert card.raised_to_limit and card.months == 60 and not card.over_limit
    assert p.result.shortfall_months == 0


def test_a_card_that_cannot_be_fitted_is_asked_its_share_never_more():
    # 774 a month for three lenders: A and B get their ¥50 tokens, the card the other 674; its
    # 60-instalment need (42,000 / 60 = 700) plus the tokens (800) does not fit in 774, so it
    # is asked for its share (never 700 on top of the others) and told what it would take.
    debts = [debt("Card", 42_000, kind="credit_card"), debt("A", 3_000, months=24), debt("B", 2_000)]
    _, p = plan_of(debts, income=1_774, expenses=1_000, plan={"contingency": 0})
    card = p.share_of("Card")
    assert card.share == 67_400 and not card.raised_to_limit
    assert card.over_limit and card.fit == 70_000 and card.months > 60
    track = next(t for t in p.result.tracks if t.name == "Card")
    assert max(track.payment.values()) <= max(ph.monthly for ph in card.phases)
    assert p.result.shortfall_months == 0


def test_when_even_tokens_do_not_fit_the_short_months_are_listed():
    _, p = plan_of(income=7_000, expenses=7_000, plan={"contingency": 0})
    assert p.total == 3 * 5_000 and all(s.share == 5_000 for s in p.shares)
    assert p.short_months and p.short_months[0] == (p.start, 15_000)


def test_no_plan_when_the_contracts_are_affordable():
    _, p = plan_of(income=20_000)
    assert not p.needed and p.shares == [] and p.scenario.terms == {}


def test_the_cash_held_now_bridges_a_one_off_cost_and_only_its_month_pays_less():
    worksheet = [{"category": "pay", "direction": "income", "amount": 3_000},
                 {"category": "school", "amount": 1_500, "frequency": "one_off", "month": "2027-03"}]  # fmt: skip
    profile = make_profile(debts=THREE, plan=[{"contingency": 0}], assets=[{"name": "cash", "value": 1_000}])
    profile.sections["worksheet"] = section("worksheet", worksheet)
    h, _ = load(profile)
    p = household_plan(h, h.plan_settings)
    # 3,000 a month; the ¥1,000 held covers two thirds of the ¥1,500 bill, so March alone pays
    # 500 less (2,500), and the plan goes back to 3,000 from April: one bill does not set it all.
    assert [(ph.start - p.start, ph.monthly) for ph in p.phases] == [(0, 300_000), (2, 250_000), (3, 300_000)]
    assert p.total == 300_000
    assert p.result.shortfall_months == 0 and min(p.result.buffer) == 0


@pytest.mark.parametrize("rule", ["balance", "payment"])
@settings(max_examples=25, deadline=None)
@given(owed=st.lists(st.integers(100, 100_000), min_size=1, max_size=8), income=st.integers(0, 20_000))
def test_every_plan_pays_each_lender_its_stream_and_never_runs_short_unless_tokens_do_not_fit(rule, owed, income):
    debts = [debt(f"D{i}", o, months=12 + 6 * (i % 4), kind="credit_card" if i % 3 == 0 else "online_lending")
             for i, o in enumerate(owed)]  # fmt: skip
    h, p = plan_of(debts, income=income, expenses=0, plan={"split": rule})
    if not p.needed:
        return
    tracks = {t.name: t for t in p.result.tracks}
    for s in p.asked:  # what each lender is told is what it receives, and it is repaid
        track = tracks[s.name]
        assert track.payment.get(p.start, 0) == s.share
        if s.ends is None or s.ends >= p.start + 300:  # not repaid within the 30 years followed
            continue
        assert track.offer_months() == s.months and not track.never and track.balance[max(track.balance)] == 0
        told = {ph.start: ph.monthly for ph in s.phases}
        amount = s.share
        for month in sorted(track.payment):
            amount = told.get(month, amount)
            assert track.payment[month] in (amount, s.last)
    if p.asked and not p.is_token:
        assert sum(s.share for s in p.asked) == p.phases[0].monthly  # the shares add up to the total
    floor = sum(min(5_000, s.owed) for s in p.asked)
    kept = sum(max(tracks[s.name].payment.values()) for s in p.shares if s.request == "keep")
    if income * 100 - p.contingency >= floor + kept:
        assert p.result.shortfall_months == 0


def test_allocate_keeps_every_lender_at_least_its_token_or_what_it_owes():
    parts = allocate(10_000, [100, 1_000_000, 3_000], [100, 1_000_000, 3_000], ["x", "x", "x"], 5_000)
    # 100 and 3,000 are owed in all (below the token): each pays off at once; the rest to the big one.
    assert [p["share"] for p in parts] == [100, 6_900, 3_000]
    assert [p["months"] for p in parts] == [1, 145, 1]


# --- the households this app is for (issue: the plan holds for them, every paper says one thing)
def _letter(h, p, name, lang="en"):
    import datetime as dt

    from core.loans.schedule import owed_now_cents
    from core.paperwork.letter import compose, proposal
    from core.simulation.arrears import do_nothing

    track = next(t for t in p.result.tracks if t.name == name)
    offer = proposal(track, p.scenario, owed_now_cents(track.debt))
    return compose(h, name, lang, offer, dt.date(2026, 12, 4), p, do_nothing(h))


def _money(cents):
    from core.loans.money import format_money, from_cents

    return format_money(from_cents(cents))


def test_golden_split_of_a_thin_household_worked_by_hand():
    # Income 3,000, rent 2,000: 1,000 left; 5 % kept back = 50; 950 for three 0 % debts owing
    # 6,000, 3,000 and 1,000 (contracts 500 + 250 + 83.33 = 833.33 a month... but 12-month
    # contracts of 500, 250 and 83.33 fit within 1,000? no: their shares are 570, 285 and 95).
    debts = [debt("A", 6_000), debt("B", 3_000), debt("C", 1_000, months=1)]
    # Contracts: A 500 a month, B 250 a month, C 1,000 at once (1 month).
    h, p = plan_of(debts, income=3_000, expenses=2_000)
    # Keep: A's 500 fits within its share 950 x 6/10 = 570; B's 250 within 285; C's 1,000 does
    # not fit within 95. A and B keep their contracts; C alone gets 950 - 500 - 250 = 200.
    assert {s.name: s.request for s in p.shares} == {"A": "keep", "B": "keep", "C": "freeze"}
    assert p.share_of("C").share == 20_000 and p.share_of("C").months == 5  # 1,000 / 200
    assert p.scenario.terms.keys() == {"C"} and p.result.shortfall_months == 0
    assert p.total == 95_000 and p.review == p.start + 12


def test_thin_margin_three_lenders_no_short_month_and_nothing_above_a_share():
    # ¥774 a month for three lenders (the card's 60-month need does not fit): 0 short months,
    # every lender paid at most what it is told, the shares adding up to the total to the cent.
    debts = [debt("Card", 42_000, rate=18, kind="credit_card", method="revolving"),
             debt("A", 3_000, rate=24, months=24), debt("B", 2_000, rate=18)]  # fmt: skip
    h, p = plan_of(debts, income=1_774, expenses=1_000, plan={"contingency": 0})
    assert p.result.shortfall_months == 0
    assert sum(s.share for s in p.shares) == p.total == 77_400
    for s in p.shares:
        track = next(t for t in p.result.tracks if t.name == s.name)
        assert max(track.payment.values()) <= max(ph.monthly for ph in s.phases)


def test_a_medical_bill_in_month_3_is_paid_from_family_help_and_does_not_set_the_plan():
    worksheet = [{"category": "工资", "direction": "income", "amount": 6_000},
                 {"category": "房租", "amount": 4_059},
                 {"category": "医疗", "amount": 6_000, "frequency": "one_off", "month": "2027-03"}]  # fmt: skip
    debts = [debt("A", 50_000, rate=18, months=24), debt("B", 40_000, rate=24, months=24),
             debt("C", 30_000, rate=18)]  # fmt: skip
    profile = make_profile(debts=debts, buffers=[{"name": "父母支援", "kind": "family_help", "amount": 8_000}],
                           assets=[{"name": "活期", "value": 500}])  # fmt: skip
    profile.sections["worksheet"] = section("worksheet", worksheet)
    h, _ = load(profile)
    p = household_plan(h, h.plan_settings)
    # 1,941 left, 97.05 kept back: 1,843.95 a month from the first month; the bill is paid from
    # the 500 held and the parents' help (drawn in March), not by a 13-year plan of tokens.
    assert p.total == 184_395 and [ph.monthly for ph in p.phases] == [184_395]
    assert p.draws == ((p.start + 2, "父母支援"),)
    assert p.result.shortfall_months == 0
    assert p.months < 72 and not p.is_token


def test_a_bill_the_cash_cannot_carry_pays_tokens_only_around_it():
    worksheet = [{"category": "工资", "direction": "income", "amount": 6_000},
                 {"category": "房租", "amount": 4_059},
                 {"category": "医疗", "amount": 3_000, "frequency": "one_off", "month": "2027-04"}]  # fmt: skip
    debts = [debt("A", 50_000, rate=18, months=24), debt("B", 40_000, rate=24, months=24)]
    profile = make_profile(debts=debts)
    profile.sections["worksheet"] = section("worksheet", worksheet)
    h, _ = load(profile)
    p = household_plan(h, h.plan_settings)
    # No cash, no help: the 3,000 is found by paying less in the shortest run of months before
    # April: two months at 1,843.95 - 1,500 = 343.95, the months before and after at the full amount.
    assert [(ph.start - p.start, ph.monthly) for ph in p.phases] == [(0, 184_395), (2, 34_395), (4, 184_395)]
    assert p.result.shortfall_months == 0
    a = p.share_of("A")
    assert [ph.monthly for ph in a.phases][:3] == [102_442, 19_108, 102_442]  # 5/9 of each total
    text = _letter(h, p, "A")
    assert _money(19_108) in text and "2027-03" in text and "2027-05" in text  # told its amount per phase


def test_a_mortgage_kept_in_the_plan_is_never_asked_in_any_paper():
    from core.paperwork.letter import least_needed
    from core.paperwork.pack import statement_text

    debts = [
        debt("Home", 300_000, rate=4.9, months=240, kind="mortgage", lender="建设银行"),
        debt("Card", 40_000, rate=18, kind="credit_card", method="revolving"),
        debt("Loan", 30_000, rate=20),
    ]
    h, p = plan_of(debts, income=12_000, expenses=7_000)
    assert p.priority == ["Home"] and "Home" not in p.scenario.terms and not p.asks("Home")
    assert least_needed(h, "Home", "zh") is None  # no "254 interest-free instalments"
    for lang in ("zh", "en"):
        text = _letter(h, p, "Home", lang)
        assert "停息" not in text and "freeze" not in text and "extend" not in text.lower()
        assert _money(h.status[0].regular_payment) in text
    assert "停息" not in statement_text(h, p, "Home", "zh")


def test_an_up_to_date_cheap_loan_keeps_its_contract_and_the_card_gets_the_rest():
    debts = [debt("Bank", 100_000, rate=4.35, months=36, kind="bank_consumer", lender="工商银行"),
             debt("Card", 30_000, rate=18.25, kind="credit_card", method="revolving", overdue_principal=3_000,
                  days_overdue=40)]  # fmt: skip
    h, p = plan_of(debts, income=12_000, expenses=6_000)
    bank, card = p.share_of("Bank"), p.share_of("Card")
    assert bank.request == "keep" and bank.share == h.status[0].regular_payment and not p.asks("Bank")
    # What the bank loan does not need goes to the card: 6,000 - 5 % - the bank's 2,968.09.
    assert card.share == 570_000 - 296_809 and card.request == "extension"
    assert p.result.shortfall_months == 0


def test_a_paid_off_lenders_share_goes_to_the_others_and_the_letter_says_from_when():
    debts = [debt("Big", 30_000), debt("Small", 3_000, months=24)]  # contracts 2,500 and 125 a month
    h, p = plan_of(debts, income=2_100, expenses=1_000, plan={"contingency": 100, "split": "payment"})
    # 1,000 a month split 2,500 : 125 -> 952.38 and 47.62, raised to the ¥50 token: Big 950,
    # Small 50. Big is repaid in 32 months (31 x 950 + 550); from the 33rd month Small gets the
    # whole 1,000: 3,000 - 32 x 50 = 1,400 left, paid 1,000 then 400.
    small = p.share_of("Small")
    assert [(ph.start - p.start, ph.monthly) for ph in small.phases] == [(0, 5_000), (32, 100_000)]
    assert (small.last, small.months) == (40_000, 34) and p.share_of("Big").months == 32
    text = _letter(h, p, "Small")
    assert "¥1,000.00 a month from 2029-09" in text and "already repaid" in text


def test_too_little_for_a_real_plan_is_a_token_plan_with_a_review_date():
    debts = [debt(f"L{i}", o, rate=18) for i, o in enumerate([15_000, 10_000, 8_000, 5_000, 3_500])]
    h, p = plan_of(debts, income=3_000, expenses=2_715)  # ¥285 a month for ¥41,500: 18 years
    assert p.is_token and p.token_months == 6 and p.review == p.start + 6
    assert all(s.request == "token" and s.share == 5_000 for s in p.shares)
    assert p.result.shortfall_months == 0
    text = _letter(h, p, "L0", "zh")
    assert "象征性还款 ¥50.00" in text and "2027-07" in text
    from core.cli import plan_json

    got = plan_json(p, h)
    assert got["review"] == "2027-07" and got["plan_debts"]["L0"]["request"] == "token"


def test_income_that_returns_later_gives_a_token_phase_until_it_does():
    worksheet = [{"category": "失业金", "direction": "income", "amount": 1_900, "ends": "2027-06"},
                 {"category": "工资", "direction": "income", "amount": 9_000, "starts": "2027-07"},
                 {"category": "房租", "amount": 1_800}]  # fmt: skip
    profile = make_profile(debts=[debt("A", 30_000, rate=18, months=24), debt("B", 20_000, rate=24)])
    profile.sections["worksheet"] = section("worksheet", worksheet)
    h, _ = load(profile)
    p = household_plan(h, h.plan_settings)
    assert h.income == 190_000  # the figures of the first month: the new job has not started
    assert p.is_token and p.review == p.start + 6  # tokens until the wage comes in July
    a = p.share_of("A")
    assert a.phases[0].monthly == 5_000 and a.phases[1].start == p.start + 6 and a.phases[1].monthly > 100_000
    assert p.result.shortfall_months == 0


def test_the_reserve_and_the_margin_shape_the_plan():
    worksheet = [{"category": "pay", "direction": "income", "amount": 3_000},
                 {"category": "school", "amount": 1_500, "frequency": "one_off", "month": "2027-03"}]  # fmt: skip
    profile = make_profile(debts=THREE, plan=[{"contingency": 0}], assets=[{"name": "cash", "value": 2_000}])
    profile.sections["worksheet"] = section("worksheet", worksheet)
    h, _ = load(profile)
    free = household_plan(h, h.plan_settings)
    assert [ph.monthly for ph in free.phases] == [300_000]  # the 2,000 held pays the bill
    kept = household_plan(h, h.plan_settings, margin=1_000_00)  # keep 1,000: only 1,000 may be spent
    assert [(ph.start - kept.start, ph.monthly) for ph in kept.phases] == [(0, 300_000), (2, 250_000), (3, 300_000)]
    assert kept.result.shortfall_months == 0 and min(kept.result.buffer) >= 1_000_00


def test_every_paper_quotes_the_same_monthly_amount_for_a_lender():
    from core.negotiation.readiness import check
    from core.paperwork.pack import statement_text

    debts = [debt("A", 20_000, rate=18, lender="招商银行"), debt("B", 10_000, rate=24), debt("C", 30_000, rate=12)]
    h, p = plan_of(debts)
    readiness = check(h, result=p.result, plan=p)
    for s in p.shares:
        amount = _money(s.share)
        track = next(t for t in p.result.tracks if t.name == s.name)
        assert track.payment[p.start] == s.share  # what the lender receives
        assert amount in _letter(h, p, s.name, "zh") and amount in statement_text(h, p, s.name, "zh")
        fit = next(f for f in readiness.lenders[s.name] if f.rule == "asks_too_much")
        assert fit.status == "ok" and amount in fit.message("zh")
        assert f"{s.months}" in next(f for f in readiness.lenders[s.name] if f.rule == "large_debt").message("en")


def test_the_worst_short_month_is_the_first_of_the_largest_shortfalls():
    import dataclasses

    _, p = plan_of(income=7_000, expenses=7_000, plan={"contingency": 0})
    largest = max(cents for _, cents in p.short_months)
    assert p.worst_short == next(item for item in p.short_months if item[1] == largest)
    _, fine = plan_of()
    assert fine.short_months == [] and fine.worst_short is None
    assert dataclasses.replace(p, result=None).worst_short is None  # not simulated: nothing short


def test_each_share_as_a_percent_of_the_plans_total():
    import dataclasses

    _, p = plan_of()
    percents = [p.percent_of(s) for s in p.shares]
    assert percents == [s.share * 100 / p.total for s in p.shares]
    assert abs(sum(percents) - 100) < 1e-9
    assert dataclasses.replace(p, total=0).percent_of(p.shares[0]) is None
