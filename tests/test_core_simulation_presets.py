"""Ready-made scenarios as rows for the scenarios and terms tables."""

import pytest

from core.loans.values import ALL_DEBTS
from core.simulation.presets import PRESETS, preset_rows
from tests.helpers import loaded
from tests.test_core_simulation_simulate import LOAN, make_profile


def test_each_preset_writes_its_rows_and_a_card_settlement_needs_a_card():
    h = loaded(make_profile([LOAN, {**LOAN, "name": "卡", "lender_type": "credit_card", "principal": 30000}]))
    scenario, terms = preset_rows("fee24", h, "en")
    assert scenario["strategy"] == "savings" and {t["debt"] for t in terms} == {ALL_DEBTS}
    assert [t["term"] for t in terms] == ["fee", "freeze"]
    assert preset_rows("settle60", h, "en")[1][0]["debt"] == "卡"
    assert preset_rows("avalanche", h, "en")[0]["strategy"] == "avalanche"
    assert preset_rows("settle60", loaded(make_profile([LOAN])), "en") is None
    assert set(PRESETS) == {"freeze36", "fee24", "settle60", "avalanche"}
    with pytest.raises(ValueError):
        preset_rows("nothing", h, "en")
