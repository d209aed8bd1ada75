"""A lender's counter-offer, checked on the spot: its true yearly rate (fees included),
whether the household plan still has no short month with it, and how it compares with
what the plan asked of that lender. An accepted offer becomes that debt's terms in the
plan (core.simulation.plan takes its payments off the amount available before the split).

An offer, as lenders put it on the phone: a monthly amount for a number of months, a
one-off fee, an amount waived, and whether interest is still charged. It becomes terms
the simulator knows: a reduction (the amount waived), an up-front fee, interest frozen
(or not), and a stage paying the monthly amount for the months offered; a balance left
after them falls due the month after, which is what an offer that does not add up does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from core.loans.money import from_cents
from core.loans.track import Track
from core.loans.values import Offer, Scenario, Term
from core.simulation.simulate import Result, simulate


def offer_terms(offer: Offer, start: int | None = None) -> list[Term]:
    terms = []
    if offer.waived:
        terms.append(Term("reduction", start=start, amount=from_cents(offer.waived)))
    if offer.fee:
        terms.append(Term("fee", start=start, amount=from_cents(offer.fee), mode="upfront"))
    if offer.frozen:
        terms.append(Term("freeze", start=start, months=offer.months))
    terms.append(Term("stage", start=start, months=offer.months, amount=from_cents(offer.payment)))
    return terms


def agreed_row(offer: Offer, today: dt.date) -> dict:
    """An accepted offer as the row the profile's "agreed" table keeps (amounts exact, in
    yuan to the cent; agreed on ``today``): the loader reads the same offer back."""
    return {"debt": offer.debt, "payment": from_cents(offer.payment), "months": offer.months,
            "fee": from_cents(offer.fee), "waived": from_cents(offer.waived), "frozen": offer.frozen,
            "agreed_on": today.isoformat()}  # fmt: skip


def without_agreed(frame: pd.DataFrame, debt: str) -> pd.DataFrame:
    """The "agreed" table without the rows of one debt."""
    return frame[~frame["debt"].eq(debt).fillna(False)]


def with_accepted(frame: pd.DataFrame, offer: Offer, today: dt.date) -> pd.DataFrame:
    """The "agreed" table with the offer accepted today in place of that debt's rows."""
    return pd.concat([without_agreed(frame, offer.debt), pd.DataFrame([agreed_row(offer, today)])], ignore_index=True)


@dataclass
class OfferCheck:
    offer: Offer
    track: Track  # the debt under the offer
    apr: Decimal | None  # the offer's true yearly rate, fees included
    result: Result  # the household plan with this offer in place of the plan's request
    asked: Track | None  # the debt under the plan's request (None: the plan asked nothing)
    balloon: int  # what is left when the offered months end (due the month after)

    @property
    def total(self) -> int:
        return self.track.total_paid

    @property
    def short_months(self) -> int:
        return self.result.shortfall_months

    @property
    def extra_cost(self) -> int | None:
        """What the offer costs beyond the plan's request (negative: it costs less)."""
        return None if self.asked is None else self.total - self.asked.total_paid


def check_offer(h, plan, offer: Offer) -> OfferCheck:
    """The offer for one debt, with every other debt as the household plan has it."""
    terms = {name: list(ts) for name, ts in plan.scenario.terms.items()}
    terms[offer.debt] = offer_terms(offer, plan.start)
    scenario = Scenario("offer", terms=terms)
    result = simulate(h, scenario)
    track = next(t for t in result.tracks if t.name == offer.debt)
    asked = None
    if plan.result is not None and plan.scenario.terms.get(offer.debt):
        asked = next(t for t in plan.result.tracks if t.name == offer.debt)
    start = track.offer_start if track.offer_start is not None else plan.start
    balloon = track.payment.get(start + offer.months, 0) if track.balance.get(start + offer.months) == 0 else 0
    return OfferCheck(offer, track, track.offer_apr(), result, asked, balloon)
