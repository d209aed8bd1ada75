"""The guided scenario builder (core.simulation.guide): which kinds it offers, in which order, and the
values it starts from, pinned on the sample household (as they were before the kinds'
entries in core.loans.terms carried them)."""

from pathlib import Path

import pytest

from core.household.loader import load
from core.profiles.workbook import profile_from_xlsx
from core.simulation import guide

ROOT = Path(__file__).resolve().parents[1]
ALL = ["freeze", "extension", "rate_cut", "waiver", "deferral", "token", "subsidy", "settlement", "reduction",
       "fee", "higher_payment", "help"]  # fmt: skip
SAME = {
    "freeze": {"months": 36},
    "waiver": {"mode": "both", "percent": 100.0},
    "deferral": {"months": 6, "mode": "capitalise"},
    "token": {"months": 6, "amount": 100.0, "mode": "frozen"},
    "subsidy": {"months": 6, "amount": 500.0},
    "settlement": {"percent": 60.0},
    "reduction": {"percent": 20.0},
    "fee": {"percent": 5.0, "mode": "upfront"},
    "help": {"asset": "家用汽车"},  # the help listed with the lowest "counted as cash" rank first
}
# Per debt chosen: (extension months, rate cut %, higher payment ¥).
OWN = {
    "借呗": (24, 8.2, 3800.0),
    "微粒贷": (24, 9.1, 2100.0),
    "招行信用卡": (60, 9.1, 6600.0),  # a card: at most 60 months
    "建行信用卡分期": (48, None, 700.0),  # no rate to cut: no rate cut offered
    "工行消费贷": (72, 3.6, 3000.0),
    "某分期平台": (24, 18.0, 1000.0),
}


@pytest.fixture(scope="module")
def sample():
    profile, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    return load(profile)[0]


def _expected(extension, rate, payment):
    own = {"extension": {"months": extension}, "rate_cut": {"rate": rate}, "higher_payment": {"amount": payment}}
    return {kind: {**SAME, **own}[kind] for kind in ALL if not (kind == "rate_cut" and rate is None)}


@pytest.mark.parametrize("debt", list(OWN))
def test_the_builder_offers_the_same_kinds_in_the_same_order_with_the_same_defaults(sample, debt):
    expected = _expected(*OWN[debt])
    assert guide.offered(sample, [debt]) == list(expected)
    assert {kind: guide.defaults(kind, sample, [debt]) for kind in expected} == expected


def test_for_several_debts_the_defaults_fit_them_all(sample):
    # the longest months left doubled (a card among them: 60), half the lowest rate, 1.2 x the largest payment
    expected = _expected(60, 3.6, 6600.0)
    assert guide.offered(sample, sample.names) == list(expected)
    assert {kind: guide.defaults(kind, sample, sample.names) for kind in expected} == expected


def test_without_a_rate_to_cut_or_help_listed_neither_is_offered():
    from tests.fixtures.workspace import make_profile

    h, _ = load(make_profile(debts=[{"name": "亲戚", "principal": 10000, "rate": 0, "months": 10}]))
    assert guide.offered(h, ["亲戚"]) == [k for k in ALL if k not in ("rate_cut", "help")]
    assert guide.defaults("extension", h, ["亲戚"]) == {"months": 24}


def test_help_is_written_once_on_the_first_debt_chosen_and_other_terms_on_every_debt():
    debts = ["a", "b"]
    assert guide.targets(guide.term("help", {"asset": "父母"}), debts) == ["a"]
    assert guide.targets(guide.term("freeze", {"months": 12}), debts) == debts


@pytest.mark.parametrize(
    "kind,by,fields",
    [
        ("freeze", "percent", ["months"]),
        ("waiver", "percent", ["mode", "percent"]),
        ("token", "percent", ["months", "amount", "mode"]),
        ("subsidy", "percent", ["months", "amount"]),
        ("settlement", "percent", ["percent"]),  # an asset sold to pay it is named in the advanced grid
        ("settlement", "amount", ["amount"]),
        ("reduction", "amount", ["amount"]),
        ("fee", "percent", ["percent", "mode"]),
        ("fee", "amount", ["amount", "mode"]),
        ("help", "percent", ["asset"]),
    ],
)
def test_the_form_asks_only_what_the_kind_needs(kind, by, fields):
    assert guide.fields(kind, by) == fields


def test_one_off_help_words_its_asset_its_own_way():
    assert guide.label_key("help", "asset") == "field.terms.asset_help"
    assert guide.label_key("settlement", "percent") is None
