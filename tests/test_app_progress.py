"""AppTest of the Progress page (after the yes) and the Overview's box: an agreement
recorded and moved on, a payment ticked "as agreed" (and not twice in a month), one typed
by hand (a duplicate refused), payments found in an imported statement (confirmed once,
never again on a second import), the grace days saved with the plan's other settings."""

import datetime as dt
import re

import pandas as pd
import pytest

from core.loans.dates import current_month, format_month
from core.profiles.store import Store, default_db_path
from tests.fixtures.app import open_page

PAGE = "app_pages/progress.py"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAY_PLANNER_DATA", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def every_string_there():
    """Whatever the page says along the way, it asks for no key of its own the catalogues
    lack (the new tables' labels, sheet.payments and the like, come with the tables' core)."""
    from core.i18n import MISSING

    MISSING.clear()
    yield
    assert sorted(k for k in MISSING if k.startswith(("pg.", "nav."))) == []


def saved(section: str) -> pd.DataFrame:
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    return Store(default_db_path()).load(pid).section(section)


def key(widgets, end: str, start: str = "pg.", within: str = "") -> str:
    """The key of the one widget whose key starts and ends so, with ``within`` in it (keys
    carry the profile, the form and a redraw count)."""
    keys = [w.key for w in widgets if w.key and w.key.startswith(start) and w.key.endswith(end) and within in w.key]
    assert len(keys) == 1, keys
    return keys[0]


def agree(at, debt: str, payment: float, months: int, first: str, lang_label: str = "Save the agreement"):
    """Record a new agreement with the "Record an agreement" form."""
    at.selectbox(key=key(at.selectbox, ".debt", "pg.ag.", ".new.")).set_value(debt)
    at.number_input(key=key(at.number_input, ".payment", "pg.ag.", ".new.")).set_value(payment)
    at.number_input(key=key(at.number_input, ".months", "pg.ag.", ".new.")).set_value(months)
    new = [w for w in at.text_input if w.key and w.key.startswith("pg.ag.") and ".new." in w.key]
    next(w for w in new if w.key.endswith(".first_month")).input(first)
    button = next(b for b in at.button if b.label == lang_label and "pg.ag.form.new" in (b.key or ""))
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def alipay_csv(*rows: tuple[dt.date, str, str, str]) -> bytes:
    """A small Alipay bill (UTF-8) with repayment rows: (date, counterparty, description, amount)."""
    head = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注\n"
    lines = [f"{d.isoformat()} 09:00:00,信用借还,{party},,{text},不计收支,{amount},余额,还款成功,R{i},,\n"
             for i, (d, party, text, amount) in enumerate(rows)]  # fmt: skip
    lines.append(f"{rows[0][0].isoformat()} 12:00:00,餐饮美食,美团,,午餐,支出,36.50,余额,交易成功,X1,,\n")
    return (head + "".join(lines)).encode("utf-8")


def upload(at, name: str, data: bytes):
    uploader = at.file_uploader(key=key(at.file_uploader, "", "pg.st.upload"))
    uploader.upload(name, data, "text/csv")
    uploader.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


THIS_MONTH = format_month(current_month())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_opens_with_a_way_to_record_an_agreement(lang):
    at = open_page(PAGE, lang)
    assert not at.error
    assert at.info[-1].value.startswith("还没有" if lang == "zh" else "No agreement")
    assert [w for w in at.selectbox if w.key and w.key.startswith("pg.ag.") and w.key.endswith(".debt")]
    assert not at.get("plotly_chart")  # nothing to chart before an agreement


def test_agree_pay_as_agreed_once_by_hand_and_a_duplicate_refused():
    at = agree(open_page(PAGE, "en"), "借呗", 1_000.0, 36, THIS_MONTH)
    row = saved("agreed").iloc[-1]
    assert (row["debt"], row["payment"], row["months"], row["state"]) == ("借呗", 1000, 36, "agreed")
    assert row["first_month"] == THIS_MONTH
    # agreed (active from its first due day: the last day of this month, as 借呗 has no due day)
    assert any(
        re.search(r"借呗 · (agreed|active) · ¥1,000.00 a month for 36 months", m.value.replace("\\", ""))
        for m in at.markdown
    )

    at.button(key="pg.paid.借呗").click().run()
    pays = saved("payments")
    assert pays[["debt", "amount", "source"]].values.tolist() == [["借呗", 1000, "as_agreed"]]
    assert pays.iloc[0]["date"] == dt.date.today().isoformat()
    assert any("Recorded: ¥1,000.00 paid to 借呗" in s.value for s in at.success)
    # This month is paid: a second click records nothing and says so.
    at.button(key="pg.paid.借呗").click().run()
    assert len(saved("payments")) == 1
    assert any("this month is already paid" in i.value for i in at.info)
    table = at.table[-1].value  # the payments recorded
    assert "Paid as agreed" in table.to_string()

    # By hand: the same amount to the same lender on the same day is the same money.
    at.selectbox(key=key(at.selectbox, ".debt", "pg.hand.")).set_value("借呗")
    at.number_input(key=key(at.number_input, ".amount", "pg.hand.")).set_value(1_000.0)
    at.button(key=next(b.key for b in at.button if b.label == "Record this payment")).click().run()
    assert len(saved("payments")) == 1
    assert any("Already recorded" in w.value for w in at.warning)
    # Another amount, with the balance the lender reported and a note: recorded.
    at.number_input(key=key(at.number_input, ".amount", "pg.hand.")).set_value(250.5)
    at.number_input(key=key(at.number_input, ".balance", "pg.hand.")).set_value(33_749.5)
    at.text_input(key=key(at.text_input, ".note", "pg.hand.")).input("extra")
    at.button(key=next(b.key for b in at.button if b.label == "Record this payment")).click().run()
    pays = saved("payments")
    assert len(pays) == 2 and pays.iloc[-1][["debt", "source", "note"]].tolist() == ["借呗", "by_hand", "extra"]
    assert (float(pays.iloc[-1]["amount"]), float(pays.iloc[-1]["balance"])) == (250.5, 33_749.5)
    # The plan against reality: paid 1,000 + 250.50 of a 36,000 agreement (frozen, nothing waived).
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Paid so far"] == "¥1,250.50"
    # 借呗 owes 35,000.00: 35 payments of 1,000 end it (the 36th is not needed); 125,050 / 3,500,000
    assert metrics["Progress"] == "3.6%"  # = 3.573 % -> 3.6 %
    assert len(at.get("plotly_chart")) == 1


def test_a_statement_confirms_the_typed_payment_adds_a_new_one_and_never_twice():
    at = agree(open_page(PAGE, "en"), "借呗", 1_000.0, 36, THIS_MONTH)
    at = agree(at, "微粒贷", 500.0, 40, THIS_MONTH)
    at.button(key="pg.paid.借呗").click().run()  # the 1,000 to 借呗, ticked by hand today
    today = dt.date.today()
    data = alipay_csv((today, "蚂蚁借呗", "借呗还款", "1000.00"), (today, "微众银行", "微粒贷还款", "500.00"),
                      (today, "花呗", "花呗还款", "300.00"), (today, "某公司", "贷款还款", "200.00"),
                      (today, "某公司", "自动还款", "80.00"))  # fmt: skip
    at = upload(at, "alipay.csv", data)
    labels = [c.label for c in at.checkbox if c.key and c.key.startswith("pg.st.")]
    assert any("record as paid to 微粒贷" in x and "¥500.00" in x for x in labels)
    assert any("the payment to 借呗 you typed on" in x for x in labels)  # the same money: confirmed, not added
    assert any("花呗" in m.value and "has no agreement" in m.value for m in at.markdown)  # not offered
    asked = [w for w in at.selectbox if w.key and w.key.startswith("pg.st.pick.")]
    assert len(asked) == 2 and asked[0].options == ["Leave it", "借呗", "微粒贷"]  # names no lender: asked
    next(w for w in asked if "¥200.00" in w.label).set_value("微粒贷")  # the other is left
    at.button(key="pg.st.record").click().run()
    assert not at.exception
    assert any("Recorded 2 new payments. Confirmed 1 payment typed in before." in x.value for x in at.success)
    pays = saved("payments")
    assert len(pays) == 3  # the 借呗 row linked, the 微粒贷 rows added (500 found, 200 picked); 花呗 not
    assert pays.iloc[0]["ref"].startswith("st:") and pays.iloc[0]["source"] == "as_agreed"
    assert pays.iloc[1][["debt", "source"]].tolist() == ["微粒贷", "statement"] and float(pays.iloc[1]["amount"]) == 500
    assert pays.iloc[2]["debt"] == "微粒贷" and float(pays.iloc[2]["amount"]) == 200
    # The same statement again, in a fresh session: everything is already recorded.
    again = upload(open_page(PAGE, "en"), "alipay-again.csv", data)
    assert not [c for c in again.checkbox if c.key and c.key.startswith("pg.st.")]
    assert [w.label for w in again.selectbox if w.key and w.key.startswith("pg.st.pick.")] == [
        next(w.label for w in asked if "¥80.00" in w.label)
    ]  # only the row left unanswered is asked again
    assert sum("already recorded" in m.value for m in again.markdown) == 1
    assert len(saved("payments")) == 3


def test_a_refused_file_changes_nothing_and_says_why():
    at = agree(open_page(PAGE, "en"), "借呗", 1_000.0, 36, THIS_MONTH)
    at = upload(at, "bill.csv", b"\x00\x01\x02 not a statement")
    assert at.error and not [b for b in at.button if b.key == "pg.st.record"]
    assert saved("payments").empty


def test_moving_the_state_on_and_what_really_happened():
    at = agree(open_page(PAGE, "en"), "借呗", 1_000.0, 36, THIS_MONTH)
    at = agree(at, "微粒贷", 500.0, 40, THIS_MONTH)
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    sha = "ab" * 32  # the lender's text message, kept in the evidence locker (and one deleted)
    Store(default_db_path()).save_section(pid, "evidence", pd.DataFrame([
        {"sha256": sha, "name": "借呗短信.png", "kind": "hardship_proof", "added": "2026-11-02 10:00:00"},
        {"sha256": "cd" * 32, "name": "old.png", "kind": "hardship_proof", "deleted": True},
    ]))  # fmt: skip
    at.run()
    prefix = key(at.selectbox, ".state", "pg.ag.", ".d:借呗.").rsplit(".", 1)[0]  # the agreement's own form
    at.selectbox(key=f"{prefix}.state").set_value("broken")
    at.text_input(key=f"{prefix}.reference").input("JB-2026-001")
    at.selectbox(key=f"{prefix}.confirmed_by").set_value("sms")
    assert at.selectbox(key=f"{prefix}.confirmation").options == ["None yet", "借呗短信.png · 2026-11-02"]
    at.selectbox(key=f"{prefix}.confirmation").set_value(sha)
    at.checkbox(key=f"{prefix}.still_charged").check()
    at.text_input(key=f"{prefix}.holder").input("某某资产管理公司")
    at.selectbox(key=f"{prefix}.holder_kind").set_value("amc")
    at.text_input(key=f"{prefix}.holder_contact").input("400-000-0000")
    at.button(key=next(b.key for b in at.button if b.label == "Save the agreement")).click().run()
    assert not at.exception
    rows = saved("agreed")
    assert rows["debt"].tolist() == ["微粒贷", "借呗"]  # that debt's row replaced (at the end), not a second one
    row = rows.iloc[1]
    assert (row["state"], row["reference"], row["confirmed_by"], row["holder_kind"]) == (
        "broken", "JB-2026-001", "sms", "amc")  # fmt: skip
    assert (
        row["confirmation"] == sha
        and bool(row["still_charged"])
        and float(row["payment"]) == 1000
        and row["first_month"] == THIS_MONTH
    )
    assert any("still charges it" in w.value for w in at.warning)
    assert any("now held by 某某资产管理公司" in m.value.replace("\\", "") for m in at.markdown)
    assert any("某某资产管理公司" in i.value and "asset-management company" in i.value for i in at.info)
    # The other agreement's form still shows its own terms, though its row moved up.
    at.selectbox(key=key(at.selectbox, "", "pg.ag.pick.")).set_value("微粒贷").run()
    assert at.number_input(key=key(at.number_input, ".payment", "pg.ag.", ".d:微粒贷.")).value == 500.0


def test_an_offer_accepted_on_the_plan_page_shows_here_as_agreed():
    from core.loans.values import Offer
    from core.simulation.offer import agreed_row

    at = open_page(PAGE, "en")
    at.number_input(key=key(at.number_input, "", "pg.grace.")).set_value(5).run()  # the sample becomes one's own
    (pid, _), *_ = Store(default_db_path()).list_profiles()
    store = Store(default_db_path())
    store.save_section(pid, "agreed", pd.DataFrame([agreed_row(Offer("微粒贷", 50_000, 40), dt.date.today())]))
    at.run()
    assert any("微粒贷 · agreed · ¥500.00 a month for 40 months" in m.value.replace("\\", "") for m in at.markdown)
    # Its first payment is next month: nothing to tick yet, and the page says when it is due.
    at.button(key="pg.paid.微粒贷").click().run()
    assert store.load(pid).section("payments").empty
    assert any("nothing is due yet; the first payment is due on" in i.value for i in at.info)


def test_grace_days_are_saved_with_the_plans_other_settings():
    at = open_page("app_pages/plan.py", "en")
    at.toggle(key="pl.sample.0.auto").set_value(False).run()  # the plan's own contingency, saved
    contingency = saved("plan").iloc[0]["contingency"]
    at.switch_page(PAGE).run()
    at.number_input(key=key(at.number_input, "", "pg.grace.")).set_value(10).run()
    assert not at.exception
    plan = saved("plan").iloc[0]
    assert plan["grace"] == 10 and plan["contingency"] == contingency


def test_the_overview_says_what_is_due_what_is_late_and_the_review():
    at = open_page("app_pages/overview.py", "en")
    assert not [m for m in at.markdown if "After the yes" in m.value]  # the sample has no agreement
    at.switch_page(PAGE).run()
    # 借呗: 1,000 a month since three months ago, nothing paid: two months at least are late.
    at = agree(at, "借呗", 1_000.0, 36, format_month(current_month() - 3))
    at.switch_page("app_pages/overview.py").run()
    assert not at.exception
    box = " ".join(m.value for m in at.markdown)
    assert "After the yes" in box
    assert "借呗" in box and "behind" in box  # 蚂蚁借呗 is the lender
    # The review: 12 months after the day it was agreed (today), as debt advisers do.
    today = dt.date.today()
    year, month0 = divmod(today.year * 12 + today.month - 1 + 12, 12)
    assert f"Next review of the plan: {year:04d}-{month0 + 1:02d}-" in box
    assert any(p.label == "See the progress" for p in at.get("page_link"))
