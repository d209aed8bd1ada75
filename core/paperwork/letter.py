"""The proposal letter to one lender, in Chinese or English, built from the profile and a
chosen scenario; and the letter as a Word document (python-docx) or plain text.

Such a letter holds, as debt advisers and the lenders' own hardship forms ask: who I am, what I owe, why I fell behind,
what I can pay each month, what I propose, the papers attached, and a request for a
written answer. Every sentence here is filled from the user's data; a detail the user
has not given is left out rather than shown as a blank to fill in. A debt sold or passed to
a collector or an asset-management company (its agreement row names a holder) is written to
the holder, naming the original lender and the lender's reference.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from babel.dates import format_date

from core.household.model import Household
from core.i18n import locale_of, t
from core.loans.dates import current_month, format_month
from core.loans.engine import LONGEST_LOAN_MONTHS, monthly_rate_fraction
from core.loans.money import div_round, format_cents, format_money, share_percent
from core.loans.terms import CARD_FREEZE_LIMIT, KINDS
from core.loans.track import Track
from core.loans.values import Scenario, Term
from core.negotiation.complaint import held
from core.negotiation.readiness import budget_shares, supported_months
from core.profiles.profile import DOCUMENTS
from core.simulation.negotiate import what_to_ask
from core.simulation.plan import household_plan as plan_of
from core.simulation.plan import phases_text
from core.text import clean_text
from core.tracking.review import review_date

MAX_LETTER_CHARS = 20_000


@dataclass(frozen=True)
class Proposal:
    """The figures of one debt under the chosen scenario."""

    scenario: str
    owed: int  # owed now, cents
    payment: int  # the usual monthly payment under the offer
    months: int  # months with a payment from the offer's start
    start: int  # month index the offer starts
    total: int  # everything paid from the offer's start
    forgiven: int
    fees: int
    terms: tuple


def proposal(track: Track, scenario: Scenario, owed: int) -> Proposal:
    start = track.offer_start if track.offer_start is not None else min(track.payment, default=0)
    return Proposal(
        scenario=scenario.name,
        owed=owed,
        payment=track.offer_payment(),
        months=track.offer_months(),
        start=start,
        total=sum(v for m, v in track.payment.items() if m >= start),
        forgiven=track.forgiven,
        fees=track.fees,
        terms=tuple(scenario.terms.get(track.name, [])),
    )


def letter_figures(h: Household, debt: str, offer: Proposal, plan=None) -> tuple[int | None, int]:
    """(monthly payment, months) a letter to this lender states. Under the household plan
    (``plan`` given): the plan's amount for it, and its months, or the contract's months
    left when the plan asks it for nothing new; under another scenario: the offer's."""
    if plan is None:
        return offer.payment, offer.months
    return plan.monthly_of(debt, h), offer.months or h.status[h.names.index(debt)].months


def _percent(part: int, whole: int) -> str:
    """A share as a percent with one decimal (half-up), e.g. '31.8'."""
    return str(share_percent(part, whole)) if whole > 0 else "0"


def _term_sentence(term, p: Proposal, lang: str) -> str:
    """One negotiated term as a clause of the proposal."""
    kind = term.kind
    params = {
        "n": term.months,
        "rate": None if term.rate is None else f"{term.rate.normalize():f}",
        "percent": None if term.percent is None else f"{term.percent.normalize():f}",
        "amount": None if term.amount is None else format_money(term.amount),
        "start": format_month(term.start) if term.start is not None else format_month(p.start),
        "asset": term.asset or "",
    }
    key = KINDS[kind].clause_key(term)
    return t(key, lang, **params)


def compose(
    h: Household,
    debt_name: str,
    lang: str,
    plan: Proposal,
    today: dt.date | None = None,
    household_plan=None,
    do_nothing=None,
    reference=None,
) -> str:
    """The letter's text. ``plan`` holds the chosen scenario's figures for this debt. When
    the chosen scenario is the household plan (core.simulation.plan), ``household_plan`` is it: the
    letter then states the whole picture — everything owed to every lender, the amount
    available, the one split rule and this lender's share — so each lender sees it is
    treated like the others; ``do_nothing`` (core.simulation.arrears) adds what happens otherwise. On
    another scenario, ``reference`` is the household plan whose amount for this debt the
    letter quotes (worked out when not given)."""
    today = today or dt.date.today()
    case = h.case
    s = h
    line = h.line(debt_name)
    lender = line.lender
    debt = line.debt

    def p(key: str, **params) -> str:
        return t(key, lang, **params)

    def sentences(parts: list[str]) -> str:  # Chinese runs sentences on; English spaces them
        return p("lt.sentence_gap").strip("|").join(parts)

    out: list[str] = []
    out.append(p("lt.title", debt=debt_name))
    # Addressed to the lender, or to whoever holds the debt now (sold or passed to a
    # collector); a debt's own row name (招行信用卡) is no addressee.
    holder = held(h, debt_name)
    if holder is not None:
        out.append(p("lt.to", lender=holder.holder))
    else:
        out.append(p("lt.to", lender=lender) if lender else p("lt.to.generic"))

    who = [p("lt.who.account_named" if case.full_name else "lt.who.account", debt=debt_name)]
    if case.full_name:
        who.insert(0, p("lt.who.name", name=case.full_name))
    if case.contact:
        who.append(p("lt.who.contact", contact=case.contact))
    if holder is not None:
        who.append(p("lt.held", lender=holder.lender))
        if holder.reference:
            who.append(p("lt.held.reference", lender=holder.lender, reference=holder.reference))
    out.append(sentences(who))

    owe = [p("lt.owe.total", owed=format_cents(line.total_owed), principal=format_money(debt.principal))]
    if line.overdue_total:
        owe.append(p("lt.owe.overdue", overdue=format_cents(line.overdue_total), n=debt.days_overdue))
    out.append(sentences(owe))

    if case.reason:
        # "Why I fell behind" only when something is overdue; else why the contract no longer fits.
        behind = line.overdue_total > 0
        why = [p("lt.why.reason" if behind else "lt.why.reason_current", reason=p(f"lt.reason.{case.reason}"))]
        if case.since:
            why.append(p("lt.why.since", since=case.since))
        if case.story:
            why.append(case.story if case.story[-1] in "。.!！?？" else case.story + p("lt.full_stop"))
        if case.history == "on_time" and not _says_on_time(case.story):
            why.append(p("lt.why.on_time" if behind else "lt.why.on_time_current"))
        out.append(sentences(why))

    afford = [
        p(
            "lt.afford",
            income=format_cents(s.budget.income),
            expenses=format_cents(s.budget.expenses),
            left=format_cents(max(s.budget.surplus, 0)),
            n=len(h.lines),
            total=format_cents(s.total_debt),
        )
    ]
    if household_plan is not None:  # the whole picture, then what the plan asks this lender (maybe nothing)
        mine = household_plan.share_of(debt_name)
        out.append(sentences(_plan_picture(h, household_plan, mine, do_nothing, p)))
        out.append(_plan_request(h, household_plan, debt_name, mine, lang, p, sentences))
    else:
        _, _, share = budget_shares(h, reference)
        if share.get(debt_name):
            afford.append(p("lt.afford.share", share=format_cents(share[debt_name])))  # the household plan's amount
        out.append(sentences(afford))
        out.append(_proposal_block(plan, lang, p, sentences))
    _closing(out, h, lang, today, p)
    return "\n\n".join(out)


def _says_on_time(story: str) -> bool:
    """Whether the borrower's own words already say they always paid on time."""
    text = story.lower()
    return any(w in text for w in ("按时", "准时", "从未逾期", "没有逾期", "on time", "never missed", "never late"))


def _plan_picture(h: Household, hp, mine, do_nothing, p) -> list[str]:
    """The whole picture a plan letter gives every lender alike: what is owed to whom, what
    the household has, the one rule, and this lender's share."""
    # No lender left to split among (every debt agreed, kept or a priority): what the plan pays them all.
    whole, available = (
        ("lt.plan.whole", hp.total)
        if hp.shares
        else ("lt.plan.whole_kept", sum(hp.monthly_of(name, h) or 0 for name in h.names))
    )
    afford = [
        p(whole, total=format_cents(h.total_debt), n=len(h.lines), income=format_cents(h.budget.income),
          expenses=format_cents(h.budget.expenses), available=format_cents(available)),
    ]  # fmt: skip
    if hp.priority:
        afford.append(p("lt.plan.priority", n=len(hp.priority), payments=format_cents(hp.priority_payments)))
    if hp.contingency:
        afford.append(p("lt.plan.contingency", contingency=format_cents(hp.contingency)))
    if mine is not None and not hp.is_token:  # a token plan states its tokens in the request
        afford.append(
            p(f"lt.plan.split.{hp.settings.split}", n=len(hp.shares), owed=format_cents(hp.owed), share=format_cents(mine.share),
              percent=_percent(mine.share, hp.total), months=p("count.instalments", n=mine.months))
        )  # fmt: skip
        if mine.raised_to_token and not hp.is_token:
            afford.append(p("lt.plan.token"))
    if do_nothing is not None and do_nothing.overdue_after(12):
        afford.append(
            p("lt.plan.do_nothing", owed=format_cents(do_nothing.owed_after(12)), overdue=format_cents(do_nothing.overdue_after(12)),
              n=sum(1 for d in do_nothing.debts if d.past_90 is not None and d.past_90 < do_nothing.start + 12))
        )  # fmt: skip
    return afford


def _plan_request(h: Household, hp, debt_name: str, mine, lang: str, p, sentences) -> str:
    """What the plan asks this lender, in one sentence with its reason, then its amounts in
    each phase, the last payment and the review: the same figures the plan shows."""
    if mine is None or mine.request == "keep":  # a priority, kept or agreed debt: nothing is asked
        monthly = hp.monthly_of(debt_name, h) or 0
        key = "lt.plan.ask.agreed" if debt_name in hp.agreed else "lt.plan.ask.keep"
        return sentences([p(key, monthly=format_cents(monthly))])
    start = format_month(hp.start)
    limit = mine.limit
    parts = [p("lt.propose.intro")]
    if mine.request == "token":
        parts.append(p("lt.plan.ask.token", monthly=format_cents(mine.share), n=hp.token_months, start=start,
                       review=format_month(hp.review)))  # fmt: skip
        later = [ph for ph in mine.later if ph.start >= hp.review]
        if later:
            parts.append(
                p("lt.plan.after_review", monthly=format_cents(later[0].monthly), start=format_month(later[0].start))
            )
        return "\n".join([parts[0], sentences(parts[1:])])
    params = {"monthly": format_cents(mine.share), "n": mine.months, "start": start, "limit": limit,
              "last": format_cents(mine.last), "waived": format_cents(mine.waived), "owed": format_cents(mine.owed - mine.waived)}  # fmt: skip
    ask = [p(f"lt.plan.ask.{mine.request}", **params)]
    if mine.request != "extension":
        why = "interest" if _share_below_interest(h, debt_name, mine) else "long"
        ask.append(p(f"lt.plan.why.{mine.request}.{why}", **params))
    if mine.later:
        ask.append(p("lt.plan.phases", steps=phases_text(mine.phases, lang)))
        if any(ph.monthly > mine.share for ph in mine.later):
            ask.append(p("lt.plan.redistributed"))
    if mine.last and mine.last != (mine.phases[-1].monthly if mine.phases else mine.share):
        ask.append(p("lt.plan.last", last=format_cents(mine.last), month=format_month(mine.ends)))
    if mine.over_limit:
        ask.append(p("lt.plan.over_limit", limit=limit, fit=format_cents(mine.fit or 0)))
    ask.append(p("lt.plan.review", review=format_month(hp.review)))
    parts.append(sentences(ask))
    return "\n".join(parts)


def _share_below_interest(h: Household, debt_name: str, mine) -> bool:
    """Whether the lender's share does not even cover a month's interest at the contract rate."""
    rate = monthly_rate_fraction(h.line(debt_name).debt.annual_rate)
    return mine.share <= div_round(mine.owed * rate.numerator, rate.denominator)


def _proposal_block(plan: Proposal, lang: str, p, sentences) -> str:
    clauses = [_term_sentence(term, plan, lang) for term in plan.terms]
    if clauses:  # the list ends with a full stop
        clauses[-1] = clauses[-1].rstrip("；;") + p("lt.full_stop")
    offer = [p("lt.propose.intro")]
    offer.extend(f"{i}. {c}" for i, c in enumerate(clauses, start=1))
    summary = [
        p("lt.propose.payment", payment=format_cents(plan.payment), n=plan.months, start=format_month(plan.start))
    ]
    summary.append(p("lt.propose.total", total=format_cents(plan.total)))
    if plan.forgiven:
        summary.append(p("lt.propose.forgiven", forgiven=format_cents(plan.forgiven)))
    if plan.fees:
        summary.append(p("lt.propose.fees", fees=format_cents(plan.fees)))
    offer.append(sentences(summary))
    return "\n".join(offer)


def _closing(out: list[str], h: Household, lang: str, today: dt.date, p) -> None:
    case = h.case
    held = [d for d in DOCUMENTS if d in case.documents]
    if held:
        docs = [p("lt.docs.intro")] + [f"- {p(f'choice.document.{d}')}" for d in held]
        out.append("\n".join(docs))
    else:
        out.append(p("lt.docs.later"))
    out.append(p("lt.reply"))
    sign = [p("lt.sign")]
    if case.full_name:
        sign.append(case.full_name)
    sign.append(format_date(today, p("lt.date_pattern"), locale=locale_of(lang)))
    out.append("\n".join(sign))


def clean_letter(text: str) -> str:
    """User-edited letter text made safe to store and to write into a document."""
    return clean_text(text, MAX_LETTER_CHARS)


def letter_txt(text: str) -> bytes:
    """Plain text, UTF-8 with a byte-order mark so Windows Notepad shows Chinese correctly,
    Windows line ends."""
    return clean_letter(text).replace("\n", "\r\n").encode("utf-8-sig")


def letter_docx(text: str) -> bytes:
    """A Word document: the first paragraph as the title, then one paragraph per block."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    for section in document.sections:  # A4, as Chinese (and most) printers are loaded
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(12)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "SimSun")
    blocks = [b for b in clean_letter(text).split("\n\n") if b.strip()]
    for i, block in enumerate(blocks):
        if i == 0:
            document.add_heading(block.strip(), level=1)
            continue
        paragraph = document.add_paragraph()
        for j, part in enumerate(block.split("\n")):
            if j:
                paragraph.add_run().add_break()
            paragraph.add_run(part)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def least_needed(h: Household, debt: str, lang: str, plan=None) -> Scenario | None:
    """The proposal for one debt when the user has no scenario for it: the least this debt
    alone needs (core.simulation.negotiate.what_to_ask); when it alone cannot close the gap, an
    interest freeze over the months its share of the budget needs (cards at most 60).
    ``plan``: the household plan when the caller has it (else worked out)."""
    plan = plan if plan is not None else plan_of(h, h.plan_settings)
    if debt in h.names and not plan.asks(debt) and (plan.needed or debt in plan.priority):
        return None  # the plan keeps this debt on its contract (priority, kept, agreed): nothing to ask
    for ask in what_to_ask(h, [debt]):
        if ask.actionable:
            name = t(f"sc.ask.name.{ask.kind}", lang, n=ask.months, rate=ask.rate, percent=ask.percent)
            return ask.scenario(name)
    months = supported_months(h, debt, plan)
    if months is None:
        return None
    kind = h.lender_types[h.names.index(debt)]
    months = max(1, min(months, CARD_FREEZE_LIMIT if kind == "credit_card" else LONGEST_LOAN_MONTHS))
    return Scenario(t("lt.suggest.freeze", lang, n=months), terms={debt: [Term("freeze", months=months)]})


def letter_choices(h: Household, plan, debt: str, suggestion: Scenario | None) -> list[Scenario]:
    """The scenarios a letter to one lender can propose, in order: the household plan
    (when it asks this lender for something, or keeps it on its contract: that letter asks
    nothing), then the user's scenarios that change this debt, then ``suggestion`` (what
    the numbers support for it alone, least_needed) unless one of those has its name."""
    own = [s for s in h.scenarios[1:] if s.terms.get(debt)]
    if plan.scenario.terms.get(debt) or (plan.needed and debt in h.names and not plan.asks(debt)):
        own.insert(0, plan.scenario)
    if suggestion is not None and suggestion.name not in {s.name for s in own}:
        own.append(suggestion)
    return own


# --- after the yes: a missed payment, a change of circumstances ---------------------------
# Both letters go to whoever holds the debt now (the agreement's holder, when it was sold or
# passed on, naming the lender it came from), say who writes, and end with the date.


def _addressee(h: Household, debt_name: str, p) -> tuple[str, str]:
    """(the letter's "To" line, a sentence naming the original lender when a new holder has
    the debt, else "")."""
    agreement = next((a for a in reversed(h.agreements) if a.debt == debt_name), None)
    lender = h.line(debt_name).lender
    if agreement is not None and agreement.holder:
        moved = p("mr.lt.holder", lender=lender or debt_name, holder=agreement.holder)
        return p("lt.to", lender=agreement.holder), moved
    return (p("lt.to", lender=lender) if lender else p("lt.to.generic")), ""


def _who(h: Household, debt_name: str, p) -> list[str]:
    case = h.case
    who = [p("lt.who.account_named" if case.full_name else "lt.who.account", debt=debt_name)]
    if case.full_name:
        who.insert(0, p("lt.who.name", name=case.full_name))
    if case.contact:
        who.append(p("lt.who.contact", contact=case.contact))
    return who


def _signed(h: Household, lang: str, today: dt.date, p) -> str:
    sign = [p("lt.sign")]
    if h.case.full_name:
        sign.append(h.case.full_name)
    sign.append(format_date(today, p("lt.date_pattern"), locale=locale_of(lang)))
    return "\n".join(sign)


def _opening(h: Household, debt: str, title: str, p, sentences) -> list[str]:
    """A letter about an agreement: its title, to whom (the holder now, if the debt was
    passed on), and who writes (naming the lender it was first owed to)."""
    to, moved = _addressee(h, debt, p)
    who = _who(h, debt, p)
    if moved:
        who.append(moved)
    return [p(title, debt=debt), to, sentences(who)]


def catch_up_letter(h: Household, lp, cu, lang: str, today: dt.date | None = None) -> str:
    """The letter to a lender after a missed or short payment (core.tracking.progress's
    LenderProgress ``lp``): who writes, the agreement (its date and reference), what happened
    (the months missed or short, what is behind in all, and why), the catch-up proposed
    (core.tracking.recovery's CatchUp ``cu``), and a request to keep the arrangement without
    interest or charges coming back."""
    today = today or dt.date.today()
    agreement = lp.agreement
    offer = agreement.offer

    def p(key: str, **params) -> str:
        return t(key, lang, **params)

    def sentences(parts: list[str]) -> str:
        return p("lt.sentence_gap").strip("|").join(parts)

    def day(value: dt.date) -> str:
        return format_date(value, p("lt.date_pattern"), locale=locale_of(lang))

    out = _opening(h, lp.debt, "mr.lt.cu.title", p, sentences)

    terms = {"payment": format_cents(offer.payment), "n": offer.months}
    if agreement.agreed_on is not None:
        deal = [p("mr.lt.cu.agreed_on", date=day(agreement.agreed_on), **terms)]
    else:
        deal = [p("mr.lt.cu.agreed", **terms)]
    if agreement.reference:
        deal.append(p("mr.lt.cu.reference", reference=agreement.reference))
    if lp.months_on_track:
        deal.append(p("mr.lt.cu.kept", n=lp.months_on_track))
    out.append(sentences(deal))

    happened = []
    for miss in lp.open_misses:  # what is behind now, not months made up since
        if miss.kind == "missed":
            happened.append(p("mr.lt.cu.missed", date=day(miss.date), due=format_cents(miss.due)))
        else:
            happened.append(p("mr.lt.cu.short", date=day(miss.date), due=format_cents(miss.due),
                              paid=format_cents(miss.paid), short=format_cents(miss.short_by)))  # fmt: skip
    happened.append(p("mr.lt.cu.behind", behind=format_cents(lp.behind)))
    case = h.case
    if case.reason:
        happened.append(p("mr.lt.cu.reason", reason=p(f"lt.reason.{case.reason}")))
    if case.story:
        happened.append(case.story if case.story[-1] in "。.!！?？" else case.story + p("lt.full_stop"))
    out.append(sentences(happened))

    propose = [p("lt.propose.intro")]
    if cu.at_end:
        propose.append(p("mr.lt.cu.at_end", n=cu.end_months, behind=format_cents(cu.behind),
                         payment=format_cents(cu.payment)))  # fmt: skip
    else:
        ask = [p("mr.lt.cu.extra", extra=format_cents(cu.extra), payment=format_cents(cu.payment), n=cu.months,
                 start=format_month(cu.start))]  # fmt: skip
        if cu.months > 1 and cu.last_extra != cu.extra:
            ask.append(p("mr.lt.cu.last_extra", last=format_cents(cu.last_extra)))
        ask.append(p("mr.lt.cu.cleared", behind=format_cents(cu.behind)))
        propose.append(sentences(ask))
    out.append("\n".join(propose))
    out.append(p("mr.lt.cu.request"))
    out.append(_signed(h, lang, today, p))
    return "\n\n".join(out)


def change_letter(
    h: Household,
    change,
    plan,
    lang: str,
    today: dt.date | None = None,
    surplus_then: int | None = None,
    review_on: dt.date | None = None,
) -> str:
    """The "change of circumstances" letter to one lender whose amount in the plan changes
    (core.tracking.review's Change): what changed in the household (the monthly surplus then,
    when the plan was last kept, and now), this lender's new monthly amount from next month,
    and the next review (``review_on``; else the plan's, core.tracking.review.review_date)."""
    today = today or dt.date.today()

    def p(key: str, **params) -> str:
        return t(key, lang, **params)

    def sentences(parts: list[str]) -> str:
        return p("lt.sentence_gap").strip("|").join(parts)

    out = _opening(h, change.debt, "mr.lt.ch.title", p, sentences)

    now = h.budget.surplus
    what = [p("mr.lt.ch.intro")]
    if surplus_then is not None:
        what.append(p("mr.lt.ch.surplus", then=format_cents(surplus_then), now=format_cents(now)))
    else:
        what.append(p("mr.lt.ch.surplus_now", now=format_cents(now)))
    what.append(p("mr.lt.ch.budget", income=format_cents(h.income), expenses=format_cents(h.expenses),
                  total=format_cents(h.total_debt), n=len(h.lines)))  # fmt: skip
    out.append(sentences(what))

    start = format_month(current_month(today) + 1)
    ask = []
    if change.after is None or change.after <= 0:
        ask.append(p("mr.lt.ch.none", start=start))
    elif change.before is None:
        ask.append(p("mr.lt.ch.new", after=format_cents(change.after), start=start))
    else:
        key = "mr.lt.ch.more" if change.after > change.before else "mr.lt.ch.less"
        ask.append(p(key, before=format_cents(change.before), after=format_cents(change.after), start=start))
    review_on = review_on or review_date(h, plan)
    if review_on is not None:
        ask.append(p("mr.lt.ch.review", review=format_date(review_on, p("lt.date_pattern"), locale=locale_of(lang))))
    out.append(sentences(ask))
    out.append(p("mr.lt.ch.request"))
    out.append(_signed(h, lang, today, p))
    return "\n\n".join(out)
