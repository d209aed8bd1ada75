"""What an import read: its transactions, what each one counts as, and the worksheet rows
they make.

Counting rules (each said on the Income & expenses page and by ``import --json``):

- **Totals are sums.** A category's figure is the sum of its counted rows, refunds
  included; the income and spending totals are the sums of the category figures, so a
  category whose refunds exceed its purchases lowers the spending total by just as much.
- **Neutral rows** are listed and left out: repayments of credit (debt service, shown by
  lender), moves of one's own money, cancelled or fully refunded purchases, rows a wallet
  marks 不计收支, rows in another currency than the statement's.
- **A budget, not a pile.** A large single inflow or outflow that does not recur (a
  ¥50,000 transfer) is offered as a one-off with its month, to confirm, not averaged into
  every month; months the statement covers only in part are said; the largest amounts no
  rule categorised are listed, so the user can name them before applying.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from core.errors import InputError
from core.i18n import t
from core.imports.categories import category_label, credit_lender, is_fixed
from core.loans.money import div_round, format_cents, from_cents, to_cents

DAYS_A_MONTH_X10000 = 304_375  # 365.25 / 12 days, times 10,000: the average month
ONE_OFF_FLOOR = 500_000  # cents: a single row below ¥5,000 is never taken for a one-off
ONE_OFF_SHARE = 2  # ... nor one below half of the average month's flow in its direction


@dataclass
class Mapping:
    """Which column is which, for a statement the app did not recognise (column headers as
    the file writes them; with ``no_header``, "1", "2", … by position)."""

    date: str | None = None
    amount: str | None = None
    debit: str | None = None
    credit: str | None = None
    description: str | None = None
    category: str | None = None
    direction: str | None = None  # a 借/贷, 收/支, D/C, Debit/Credit or Af/Bij column
    no_header: bool = False


@dataclass(frozen=True)
class Choices:
    """What the user said about how a file writes its money, where the file itself does not
    settle it: money out positive or negative, the date order, the decimal mark."""

    money_out: str | None = None  # "positive" or "negative"
    date_order: str | None = None  # "dmy" or "mdy"
    decimal_comma: bool | None = None


@dataclass(slots=True)
class Transaction:
    row: int  # as the user counts rows in the file (1-based)
    date: dt.date
    amount: int  # cents: positive money in, negative money out
    description: str
    category: str
    # None (counted), or why not: "flag" (不计收支 / "/"), "closed" (cancelled or fully
    # refunded), "debt" (credit repaid or borrowed), "transfer" (to savings), "own" (matched
    # in two statements), "holder" (to or from the holder's own name), "refunded" (the
    # refund of a purchase set aside with it), "same" (the same spending in a wallet's
    # statement), "foreign" (another currency than the statement's)
    neutral: str | None = None
    refund: bool = False  # money back for something bought: less spending, never income
    ref: str = ""  # the file's order or serial number, if it has one
    party: str = ""  # the counterparty, as the file names it
    via: str = ""  # how it was paid (a wallet's 支付方式: 零钱, 招商银行储蓄卡)
    note: str = ""  # what the reader did ("partly refunded ¥20.00")
    card: bool = False  # read from a credit card's statement (money in repays the card)
    file: int = 0  # which of the files imported together it came from (0 for the first)
    lender: str = ""  # on a card's statement: the card's lender (its repayments repay it)

    @property
    def key(self) -> tuple[int, int]:
        """The row's place among the files imported together: (file, row)."""
        return self.file, self.row


def _month_span(dates) -> int:
    """Calendar months from the earliest date to the latest, both counted (0 for none)."""
    dates = list(dates)
    if not dates:
        return 0
    first, last = min(dates), max(dates)
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _people_labels() -> set[str]:
    """The "transfers from people" category in both languages (a profile may hold either)."""
    return {category_label("from_people", "zh"), category_label("from_people", "en")}


def _salary_labels() -> set[str]:
    return {category_label("salary", lang) for lang in ("zh", "en")}


def _other_labels() -> set[str]:
    return {category_label(k, lang) for k in ("other", "other_income") for lang in ("zh", "en")}


def month_of(date: dt.date) -> int:
    return date.year * 12 + date.month - 1


@dataclass(frozen=True)
class Partial:
    """A month the statement covers only in part: its index, the first and last day covered."""

    month: int
    first: int
    last: int
    days: int  # days in the month
    file: int = 0  # which statement, when several are read together


@dataclass(frozen=True)
class Uncategorised:
    name: str  # the counterparty or description no rule named
    direction: str
    total: int  # cents over the statement (positive)
    count: int


@dataclass(frozen=True)
class Part:
    """One statement of several read together: what its own rows are averaged over."""

    source: str
    months: int
    account: str = ""
    digest: str = ""
    stated: tuple[dt.date, dt.date] | None = None


@dataclass
class ImportResult:
    kind: str  # "statement", "budget" or "needs_mapping"
    source: str  # "alipay", "wechat", "bank", "mapped", "budget", ""
    transactions: list[Transaction] = field(default_factory=list)
    budget_rows: list[dict] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    header_row: int = 0
    period_months: int | None = None  # several statements together: the calendar months they cover
    columns: Mapping | None = None  # the columns a statement was read by (offered for changing)
    card: bool = False  # a credit card's statement: money in is a repayment or a refund
    lender: str = ""  # a card statement's own lender ("招行信用卡"), for its repayments
    holder: list[str] = field(default_factory=list)  # the account holder's names (header, profile)
    currency: str = "CNY"
    currency_said: bool = False  # the file names its currency (else yuan, or "" when unknown)
    lines: int | None = None  # non-blank lines (rows) in the file
    repaired: int | None = None  # the line of an unmatched quote, after which lines were read one by one
    direction_unsure: bool = False  # money out positive or negative: the user is asked
    date_order_unsure: bool = False  # 05/03/2026: the user is asked
    refunds_netted: int = 0  # refunds paired with their purchase (counted once)
    duplicates: int = 0  # rows dropped as the same transaction seen in another file
    partial: list[Partial] = field(default_factory=list)
    stated: tuple[dt.date, dt.date] | None = None  # the period the statement's header says it covers
    digest: str = ""  # the statement's fingerprint, once worked out (see fingerprint())
    account: str = ""  # the account the header names (卡号: 6222****1234), to tell two of one source apart
    # The first rows with their amounts as the file writes them, and the first dates as
    # written: shown when the user is asked which way round the money, or the dates, are.
    first_rows: list[tuple[dt.date, int, str]] = field(default_factory=list)
    date_examples: list[str] = field(default_factory=list)
    # Several statements read together (core.imports.combine): each transaction's ``file``
    # indexes its statement here, and each statement's rows are averaged over its own
    # months (a month's bill beside a year's bank statement is not spread over the year).
    parts: list[Part] = field(default_factory=list)

    def fingerprint(self) -> str:
        """SHA-256 of what the statement holds, whatever the file around it: its rows (date,
        amount without its sign, words), in any order. The same bill as a CSV, inside its
        zip, with or without its title lines, or read with another answer about which way
        round its money is, has the same fingerprint."""
        if not self.digest:
            if self.kind == "budget":
                lines = sorted(repr(sorted((k, str(v)) for k, v in row.items())) for row in self.budget_rows)
            else:
                lines = sorted(f"{tx.date.isoformat()}|{abs(tx.amount)}|{' '.join(tx.description.split())}"
                               for tx in self.transactions)  # fmt: skip
            self.digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
        return self.digest

    # --- several statements ------------------------------------------------------------
    def for_file(self, index: int) -> ImportResult:
        """One statement of several read together, as it was counted together (its own
        moves matched, its repeats dropped), averaged over its own months."""
        part = self.parts[index]
        return dataclasses.replace(
            self,
            source=part.source,
            transactions=[tx for tx in self.transactions if tx.file == index],
            period_months=part.months,
            account=part.account,
            digest=part.digest,
            stated=part.stated,
            partial=[p for p in self.partial if p.file == index],
            errors=[],
            parts=[],
        )

    def views(self) -> list[ImportResult]:
        """Each statement on its own: the statements read together, or just this one."""
        return [self.for_file(i) for i in range(len(self.parts))] if self.parts else [self]

    # --- what counts ---------------------------------------------------------------
    @property
    def counted(self) -> list[Transaction]:
        return [tx for tx in self.transactions if tx.neutral is None]

    @property
    def neutral_count(self) -> int:
        return sum(1 for tx in self.transactions if tx.neutral is not None)

    def neutral_by_reason(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for tx in self.transactions:
            if tx.neutral is not None:
                out[tx.neutral] = out.get(tx.neutral, 0) + 1
        return out

    @property
    def rows_read(self) -> int:
        """Transactions read, and rows that could not be (each said with its reason)."""
        return len(self.transactions) + len({e.row for e in self.errors if e.row is not None})

    def category_totals(self, one_offs: frozenset[tuple[int, int]] = frozenset()) -> dict[str, tuple[str, int]]:
        """Category -> (direction, cents over the statement): the sum of its counted rows.
        A category is income when it holds money in that is not a refund and sums to more
        than nothing; anything else is spending (negative when its refunds exceed its
        purchases). Rows in ``one_offs`` are left out (they become one-off rows)."""
        sums: dict[str, int] = {}
        earned: set[str] = set()
        for tx in self.counted:
            if one_offs and tx.key in one_offs:
                continue
            sums[tx.category] = sums.get(tx.category, 0) + tx.amount
            if tx.amount > 0 and not tx.refund:
                earned.add(tx.category)
        return {
            category: ("income", total) if total > 0 and category in earned else ("expense", -total)
            for category, total in sums.items()
            if total or category in earned
        }

    @property
    def total_income(self) -> int:
        return sum(v for d, v in self.category_totals().values() if d == "income")

    @property
    def total_expense(self) -> int:
        """Spending less the refunds: the sum of the spending categories (below nothing when
        refunds exceed purchases)."""
        return sum(v for d, v in self.category_totals().values() if d == "expense")

    @property
    def months(self) -> int:
        """The months the figures are averaged over: the length of the period the statement
        says it covers, in whole months (a card's cycle 11-24 to 12-23 is one month, not
        two), else the calendar months from the first counted transaction's to the last's;
        for several statements together, the months they cover, each month once."""
        if self.period_months is not None:
            return self.period_months
        if self.stated is not None:
            days = (self.stated[1] - self.stated[0]).days + 1
            return max(1, int(div_round(days * 10_000, DAYS_A_MONTH_X10000)))
        return _month_span(tx.date for tx in self.counted)

    @property
    def span_months(self) -> int:
        """Calendar months from the first transaction to the last, whatever counts."""
        if self.period_months is not None:
            return self.period_months
        return _month_span(tx.date for tx in self.transactions)

    def _averaged_over(self) -> int:
        """The months this statement's figures are averaged over (never 0: a statement
        whose rows all stay out still spans the months of its rows)."""
        return self.months or self.span_months or 1

    def debt_service(self) -> list[tuple[str, int, int]]:
        """Repayments of credit in the statement, by lender: (lender, average cents a month
        over the statement's months, number of payments), largest first. They are kept out
        of living costs: the debts they repay are on the Debts page. Lender "" = not said.
        On a card's own statement the money paid in repays that card. Several statements:
        each averaged over its own months, the lenders' figures added."""
        totals: dict[str, list[int]] = {}
        for view in self.views():
            months = view._averaged_over()
            mine: dict[str, list[int]] = {}
            for tx in view.transactions:
                repaid = tx.amount if tx.card else -tx.amount
                if tx.neutral == "debt" and repaid > 0:
                    lender = credit_lender(tx.description) or (tx.lender if tx.card else "")
                    entry = mine.setdefault(lender, [0, 0])
                    entry[0] += repaid
                    entry[1] += 1
            for lender, (total, count) in mine.items():
                entry = totals.setdefault(lender, [0, 0])
                entry[0] += div_round(total, months)
                entry[1] += count
        out = [(lender, monthly, count) for lender, (monthly, count) in totals.items()]
        return sorted(out, key=lambda item: (-item[1], item[0]))

    def from_people_monthly(self) -> int:
        """Money received from people (transfers, red packets), average cents a month."""
        people = _people_labels()
        out = 0
        for view in self.views():
            total = sum(tx.amount for tx in view.counted if tx.amount > 0 and tx.category in people)
            out += div_round(total, view.months) if view.months else 0
        return out

    def monthly_by_category(self, one_offs: frozenset[tuple[int, int]] = frozenset()) -> dict[str, tuple[str, int]]:
        """Category -> (direction, average cents a month), largest first. Several statements:
        each averaged over its own months, then added."""
        nets: dict[str, int] = {}  # category -> cents a month, money in positive
        earned: set[str] = set()
        for view in self.views():
            months = view.months
            if not months:
                continue
            for category, (direction, cents) in view.category_totals(one_offs).items():
                net = cents if direction == "income" else -cents
                monthly = div_round(net, months) if net >= 0 else -div_round(-net, months)
                nets[category] = nets.get(category, 0) + monthly
                if direction == "income":
                    earned.add(category)
        out = {
            category: ("income", net) if net > 0 and category in earned else ("expense", -net)
            for category, net in nets.items()
            if net or category in earned
        }
        return dict(sorted(out.items(), key=lambda item: -item[1][1]))

    # --- what to ask before applying ---------------------------------------------------
    def one_off_candidates(self) -> list[Transaction]:
        """Counted rows large enough to distort a monthly average if they happened once: at
        least ONE_OFF_FLOOR and half the average month's flow in their direction, in no
        regular category (salary, rent, bills, school), and not repeated in another month
        (the same counterparty or words within a quarter of the amount). Several
        statements: each by its own months and flow."""
        if self.parts:
            return [tx for view in self.views() for tx in view.one_off_candidates()]
        months = self.months
        if not months:
            return []
        flow = {True: 0, False: 0}
        for tx in self.counted:
            if not tx.refund:
                flow[tx.amount > 0] += abs(tx.amount)
        salary = _salary_labels()
        out = []
        for tx in self.counted:
            size = abs(tx.amount)
            if tx.refund or size < ONE_OFF_FLOOR or size * ONE_OFF_SHARE * months < flow[tx.amount > 0]:
                continue
            if tx.category in salary or is_fixed(tx.category):
                continue
            key = tx.party or tx.description
            again = any(
                other is not tx
                and month_of(other.date) != month_of(tx.date)
                and (other.party or other.description) == key
                and abs(abs(other.amount) - size) * 4 <= size
                for other in self.counted
            )
            if not again:
                out.append(tx)
        return out

    def uncategorised(self, limit: int = 8) -> list[Uncategorised]:
        """The largest counted amounts that no rule named (they fell to 其他 / 其他收入), by
        counterparty (or their words when the file names none)."""
        others = _other_labels()
        groups: dict[tuple[str, str], list[int]] = {}
        for tx in self.counted:
            if tx.category not in others or tx.refund:
                continue
            name = (tx.party or tx.description).strip()[:60]
            if not name:
                continue
            entry = groups.setdefault((name, "income" if tx.amount > 0 else "expense"), [0, 0])
            entry[0] += abs(tx.amount)
            entry[1] += 1
        out = [Uncategorised(name, direction, total, count) for (name, direction), (total, count) in groups.items()]
        return sorted(out, key=lambda u: (-u.total, u.name))[:limit]

    # --- the same import, read another way ----------------------------------------------
    def _copy(self, transactions: list[Transaction], **changes) -> ImportResult:
        return dataclasses.replace(self, transactions=transactions, **changes)

    def recategorised(self, names: dict[str, str]) -> ImportResult:
        """The rows no rule named, in the categories the user gave them: ``names`` maps a
        counterparty (or the words of a row without one), as ``uncategorised`` lists it, to
        a category."""
        if not names:
            return self
        others = _other_labels()
        out = []
        for tx in self.transactions:
            name = (tx.party or tx.description).strip()[:60]
            if tx.category in others and name in names and names[name]:
                tx = dataclasses.replace(tx, category=names[name])
            out.append(tx)
        return self._copy(out)

    def with_own_counted(self) -> ImportResult:
        """The holder-named moves counted after all (the user says they are not their own)."""
        return self._copy([dataclasses.replace(tx, neutral=None) if tx.neutral == "holder" else tx
                           for tx in self.transactions])  # fmt: skip

    def without_months(self, months: set[int]) -> ImportResult:
        """The statement with the rows of some months left out: its months counted again
        from the rows that stay."""
        kept = [tx for tx in self.transactions if month_of(tx.date) not in months]
        partial = [p for p in self.partial if p.month not in months]
        return self._copy(kept, period_months=None, partial=partial, stated=None, parts=[])

    def without_partial(self) -> ImportResult:
        """Each statement less the months it covers only in part, its months counted again
        from the rows that stay (several statements: each its own)."""
        if not self.parts:
            return self.without_months({p.month for p in self.partial})
        gone = {(p.file, p.month) for p in self.partial}
        kept = [tx for tx in self.transactions if (tx.file, month_of(tx.date)) not in gone]
        parts = [
            dataclasses.replace(
                part, months=_month_span(tx.date for tx in kept if tx.file == i and tx.neutral is None), stated=None
            )  # fmt: skip
            for i, part in enumerate(self.parts)
        ]
        covered = {month_of(tx.date) for tx in kept if tx.neutral is None}
        return self._copy(kept, parts=parts, partial=[], period_months=len(covered))

    def in_yuan(self, rate: Decimal) -> ImportResult:
        """A foreign-currency statement in yuan at a rate the user gave (yuan per unit),
        each amount rounded half-up to the fen."""
        converted = [dataclasses.replace(tx, amount=to_cents(Decimal(tx.amount) * rate / 100))
                     for tx in self.transactions]  # fmt: skip
        return self._copy(converted, currency="CNY")

    # --- the worksheet --------------------------------------------------------------
    def worksheet_rows(
        self, lang: str = "zh", from_people: bool = True, one_offs: frozenset[tuple[int, int]] | None = None
    ) -> list[dict]:
        """Rows for the income/expense worksheet (monthly averages, or the budget sheet's rows).
        Money received from people is irregular income (kind "variable", said in its note);
        ``from_people=False`` leaves it out until the user says it counts. Rows in
        ``one_offs`` (by default every one-off candidate) become one-off rows in their month.
        A spending category below nothing (refunds of purchases made before the statement)
        is taken off the largest variable spending line, and said in its note."""
        if self.kind == "budget":
            return list(self.budget_rows)
        if self.parts:  # each statement's own lines, averaged over its own months
            return [row for view in self.views() for row in view.worksheet_rows(lang, from_people, one_offs)]
        from core.loans.dates import format_month

        if one_offs is None:
            one_offs = frozenset(tx.key for tx in self.one_off_candidates())
        people = _people_labels()
        salary = _salary_labels()
        note = t("ws.import_note", lang, source=t(f"ws.source.{self.source}", lang), months=self.months, n=self.months)
        rows, below = [], []
        for category, (direction, cents) in self.monthly_by_category(one_offs).items():
            irregular = category in people and direction == "income"
            if irregular and not from_people:
                continue
            if direction == "expense" and cents <= 0:
                if cents < 0:
                    below.append((category, -cents))
                continue
            # A salary is fixed; other money in (a sale, a one-time payment) is not promised
            # again, so it is variable; so is spending outside the fixed kinds (rent, bills…).
            fixed = (direction == "income" and category in salary) or (direction == "expense" and is_fixed(category))
            rows.append(
                {
                    "category": category,
                    "direction": direction,
                    "kind": "fixed" if fixed else "variable",
                    "amount": cents,
                    "frequency": "monthly",
                    "month": None,
                    "note": note + (" " + t("ws.from_people_note", lang) if irregular else ""),
                }
            )
        for category, cents in below:
            spending = [r for r in rows if r["direction"] == "expense"]
            target = max(spending, key=lambda r: (r["kind"] == "variable", r["amount"]), default=None)
            if target is None:
                continue
            taken = min(cents, target["amount"])
            target["amount"] -= taken
            target["note"] += " " + t("ws.refunds_taken", lang, category=category, amount=format_cents(taken))
        for tx in self.counted:
            if tx.key not in one_offs or (tx.category in people and tx.amount > 0 and not from_people):
                continue
            rows.append(
                {
                    "category": tx.category,
                    "direction": "income" if tx.amount > 0 else "expense",
                    "kind": "variable",
                    "amount": abs(tx.amount),
                    "frequency": "one_off",
                    "month": format_month(month_of(tx.date)),
                    "note": t(
                        "ws.one_off_note", lang, date=tx.date.isoformat(), what=(tx.party or tx.description)[:60]
                    ),
                }
            )
        for row in rows:
            row["amount"] = from_cents(row["amount"])  # exact yuan, as the profile holds them
        return [r for r in rows if r["amount"] > 0]
