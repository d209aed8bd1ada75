"""The start-here path: four steps from nothing to a plan the lenders can be sent —
income and costs, debts, the plan, letters — and which of them are done.

A step is done when the profile holds what it asks for:
1. income and costs: at least one income and one cost in the worksheet;
2. debts: at least one complete debt and no draft left half filled;
3. the plan: the household plan accepted ("this is my plan"), a scenario of the user's
   own, or a lender's offer accepted;
4. letters: a letter kept (edited, or downloaded) or a contact with a lender logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.household.model import Household

STEPS = ("budget", "debts", "plan", "letters")
PAGES = {"budget": "worksheet", "debts": "debts", "plan": "plan", "letters": "letters"}


@dataclass(frozen=True)
class Step:
    name: str
    done: bool
    page: str  # the page where it is done (app_pages/<page>.py)
    count: int = 0  # what it holds: incomes and costs, debts, own scenarios, letters


@dataclass(frozen=True)
class Progress:
    steps: tuple[Step, ...]

    @property
    def next(self) -> Step | None:
        """The first step not done (None: all four are done)."""
        return next((s for s in self.steps if not s.done), None)

    @property
    def done(self) -> int:
        return sum(s.done for s in self.steps)

    def after(self, page: str) -> Step | None:
        """The step to go to from ``page``: the next one not done after it on the path, else
        the first one not done anywhere."""
        names = [s.page for s in self.steps]
        later = self.steps[names.index(page) + 1 :] if page in names else ()
        return next((s for s in later if not s.done), None) or self.next


def progress(h: Household, letters: int, contacts: int, plan_chosen: bool) -> Progress:
    """Where the household stands on the path. ``letters`` and ``contacts`` count the
    profile's kept letters and logged contacts; ``plan_chosen`` is True once the plan's
    settings are saved."""
    incomes = h.budget.income > 0
    costs = h.budget.expenses > 0
    own = len(h.scenarios) - 1
    steps = (
        Step("budget", incomes and costs, PAGES["budget"], int(incomes) + int(costs)),
        Step("debts", bool(h.lines) and not h.drafts, PAGES["debts"], len(h.lines)),
        Step("plan", bool(plan_chosen or own or h.agreed), PAGES["plan"], own),
        Step("letters", bool(letters or contacts), PAGES["letters"], letters),
    )
    return Progress(steps)
