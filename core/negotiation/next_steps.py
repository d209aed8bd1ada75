"""When a lender says no: what can be weighed with the household's own numbers (is paid
mediation worth its fee?), which old debts need care before a promise to pay, and the
plain facts the app may state — each with its source, never as legal advice.

Sources (public texts):
- 征信业管理条例 (Regulation on the Administration of the Credit Reporting Industry):
  negative records kept 5 years from the day the default ends (art. 16), the borrower
  may add a statement; two free credit reports a year (art. 17); a dispute is checked
  and answered within 20 days (art. 25).
- 民法典 (Civil Code): the limitation period is 3 years (art. 188); for instalment debts
  it runs from the last instalment's due date (art. 189); a demand, a promise to pay or a
  lawsuit restarts it (art. 195).
- Complaints: the lender's own complaint line first; the financial regulator's 12378;
  the central bank's 12363 (payments, credit records); legal aid 12348.
- Paid "debt relief" agents: the financial regulator (国家金融监督管理总局) and provincial
  notices warn against intermediaries selling 协商分期, 债务减免, 修复征信 or 代理维权 for a
  fee: they charge high fees, take ID and card details, and can leave the borrower worse
  off; a borrower can negotiate with the lender directly and for free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.household.model import Household

# A debt overdue this long is near or past the limitation period (counted from the last
# instalment's due date, which the app does not always know): warn before any promise.
OLD_DEBT_DAYS = 2 * 365


@dataclass(frozen=True)
class Fact:
    key: str  # i18n key of the statement
    source: str  # i18n key of where it comes from


FACTS = (
    Fact("ns.fact.credit_record", "ns.fact.credit_record.source"),
    Fact("ns.fact.statement", "ns.fact.statement.source"),
    Fact("ns.fact.free_reports", "ns.fact.free_reports.source"),
    Fact("ns.fact.dispute", "ns.fact.dispute.source"),
    Fact("ns.fact.limitation", "ns.fact.limitation.source"),
    Fact("ns.fact.instalments", "ns.fact.instalments.source"),
    Fact("ns.fact.restart", "ns.fact.restart.source"),
)

# Said where the app suggests next steps and on the Letters page: negotiating is free, paid
# "debt relief" agents are a risk (with where the warning comes from).
AGENTS = Fact("ns.agents", "ns.agents.source")

CHANNELS = ("lender", "12378", "12363", "12348")  # in the order to try them


@dataclass(frozen=True)
class Mediation:
    """Paid mediation weighed against what it could save."""

    fee: int  # cents
    saving: int  # cents: what the negotiated terms save against the status quo
    scenario: str

    @property
    def net(self) -> int:
        return self.saving - self.fee

    @property
    def worth_it(self) -> bool:
        """Only when the expected saving is larger than the fee."""
        return self.net > 0


def mediation(status, result, fee: int, debts: list[str] | None = None) -> Mediation:
    """The saving of ``result`` against the status quo (both core.simulation.simulate.Result), for the
    given debts (all when None), against a mediation fee in cents."""

    def paid(r) -> int:
        return sum(t.total_paid for t in r.tracks if debts is None or t.name in debts)

    return Mediation(fee=fee, saving=paid(status) - paid(result), scenario=result.scenario.name)


@dataclass(frozen=True)
class OldDebt:
    name: str
    days_overdue: int
    since: dt.date  # roughly when it fell overdue

    @property
    def years(self) -> float:
        return self.days_overdue / 365


def old_debts(h: Household, today: dt.date | None = None) -> list[OldDebt]:
    """Debts overdue for two years or more: a payment or a promise to pay restarts the
    limitation period (民法典 art. 195), so the borrower should know before making one."""
    today = today or dt.date.today()
    out = []
    for name, debt in zip(h.names, h.debts, strict=True):
        if debt.days_overdue >= OLD_DEBT_DAYS:
            out.append(OldDebt(name, debt.days_overdue, today - dt.timedelta(days=debt.days_overdue)))
    return out
