"""Small helpers the tests share (kept out of the production modules)."""

import pandas as pd

from core.errors import ValidationError
from core.loans.debts import Debt, parse_debt


def make_debt(**raw) -> Debt:
    """Build a Debt from keyword inputs or raise ValidationError listing every problem."""
    debt, errors = parse_debt(raw)
    if errors:
        raise ValidationError(errors)
    assert debt is not None
    return debt


def frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Equality of two section frames, treating blanks alike."""
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    left = a.astype(object).where(a.notna(), None).to_dict("records")
    right = b.astype(object).where(b.notna(), None).to_dict("records")
    return left == right


def loaded(profile):
    """The household core.household.loader.load reads from a profile (its errors are left to the tests
    that look at them)."""
    from core.household.loader import load

    return load(profile)[0]
