"""Benchmark: a 50,000-row XLSX statement to its monthly summary (issue 3: <= 2 s).

The statement is a WeChat Pay bill export (title rows above the header, ¥ amounts,
收/支 flags with some neutral "/" rows, a refunded trade now and then, unique order
numbers), 11 columns. It is written with XlsxWriter, which stores text in a shared-strings
table as Excel, WPS and the banks' and payment apps' exporters do. Timed (best of 3):
``read_statement`` (safety checks, calamine read, format detection, row parsing,
categorising) plus ``monthly_by_category``. Beside it, once: ``pandas.read_excel(
engine="openpyxl")`` of the same file, which only reads the cells. Also timed: the same
rows written by openpyxl, which stores every string inline (sheet XML 10x larger), and
(how the cost grows) the same statement at half the rows. The last line is
``import_seconds=<s> pandas_openpyxl_read_seconds=<s> ratio=<pandas / import> rows=<n>
import_25k_seconds=<s>`` (issue 27's goal: ratio >= 8).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.imports import read_statement  # noqa: E402
from tests.fixtures.make import WECHAT_HEADER as HEADER  # noqa: E402

PAYEES = [
    ("美团外卖", "午餐"),
    ("滴滴出行", "打车"),
    ("永辉超市", "买菜"),
    ("中国移动", "话费充值"),
    ("国家电网", "电费"),
    ("某某科技有限公司", "工资"),
    ("招商银行信用卡", "信用卡还款"),
    ("京东", "日用品"),
]


def statement_rows(rows: int, seed: int = 20261122):
    rng = np.random.default_rng(seed)
    yield ["微信支付账单明细"]
    yield ["微信昵称：[张三]"]
    yield ["起始时间：[2024-01-01 00:00:00] 终止时间：[2026-10-31 23:59:59]"]
    yield []
    yield ["----------------------微信支付账单明细列表--------------------"]
    yield HEADER
    start = dt.datetime(2024, 1, 1)
    seconds = np.sort(rng.integers(0, 1034 * 86400, size=rows))
    payees = rng.integers(0, len(PAYEES), size=rows)
    amounts = rng.integers(100, 50_000, size=rows)
    for i in range(rows):
        payee, item = PAYEES[payees[i]]
        flag = "收入" if payee.endswith("公司") else ("/" if "还款" in item else "支出")
        status = "已全额退款" if i % 97 == 0 else "支付成功"
        when = (start + dt.timedelta(seconds=int(seconds[i]))).strftime("%Y-%m-%d %H:%M:%S")
        amount = f"¥{amounts[i] / 100:,.2f}"
        yield [when, "商户消费", payee, item, flag, amount, "零钱", status, f"T{i:08d}", f"M{i:08d}", "/"]


def statement_xlsx(rows: int = 50_000) -> bytes:
    """Shared strings, as Excel and the exporters write them."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("微信支付账单明细")
    for r, row in enumerate(statement_rows(rows)):
        sheet.write_row(r, 0, row)
    book.close()
    return out.getvalue()


def statement_xlsx_inline(rows: int = 50_000) -> bytes:
    """The same rows as openpyxl writes them: every string inline in the sheet XML."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("微信支付账单明细")
    for row in statement_rows(rows):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refunds_csv(rows: int) -> bytes:
    """A bank CSV where three rows in ten refund an earlier purchase of the same merchant."""
    lines = ["交易日期,摘要,交易金额,对方户名"]
    day = dt.date(2025, 1, 1)
    for i in range(rows):
        date = (day + dt.timedelta(days=i * 365 // rows)).isoformat()
        shop = f"商户{i % 200}"
        if i % 10 < 3 and i >= 10:
            lines.append(f"{date},退款,{(i % 50) + 1}.00,商户{(i - 10) % 200}")
        else:
            lines.append(f"{date},消费,-{(i % 50) + 1}.00,{shop}")
    return ("\n".join(lines) + "\n").encode()


def topups_csv(rows: int, words: str, sign: int) -> bytes:
    """A statement of same-amount top-ups (¥100.00), one every day or so."""
    lines = ["交易日期,摘要,交易金额"]
    day = dt.date(2025, 1, 1)
    for i in range(rows):
        lines.append(f"{(day + dt.timedelta(days=i // 30)).isoformat()},{words},{sign * 100}.00")
    return ("\n".join(lines) + "\n").encode()


def best_of(func, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    rows = 50_000
    data = statement_xlsx(rows)
    print(f"statement: {rows:,} rows, {len(data) / 1e6:.1f} MB XLSX")

    def summary():
        result = read_statement("wechat.xlsx", data)
        return result, result.monthly_by_category()

    half = statement_xlsx(rows // 2)  # how the cost grows: the same statement at half the rows
    half_seconds, _ = best_of(lambda: read_statement("wechat.xlsx", half).monthly_by_category())
    seconds, (result, by_category) = best_of(summary)
    assert len(result.transactions) == rows and not result.errors, "every generated row should parse"
    print(
        f"read_statement + monthly summary: {seconds:.3f} s "
        f"({len(result.counted):,} counted, {result.neutral_count:,} neutral, {result.months} months, "
        f"{len(by_category)} categories)"
    )
    print(
        f"the same at {rows // 2:,} rows: {half_seconds:.3f} s ({half_seconds / (rows // 2) * 1e6:.1f} µs a row, "
        f"against {seconds / rows * 1e6:.1f} at {rows:,})"
    )
    read_seconds, frame = best_of(lambda: pd.read_excel(io.BytesIO(data), engine="openpyxl", header=5), repeat=1)
    assert len(frame) == rows
    print(f"pandas.read_excel(engine='openpyxl') of the same file, cells only: {read_seconds:.3f} s")
    inline = statement_xlsx_inline(rows)
    inline_seconds, _ = best_of(lambda: read_statement("wechat.xlsx", inline).monthly_by_category())
    print(f"the same rows written by openpyxl (inline strings, {len(inline) / 1e6:.1f} MB): {inline_seconds:.3f} s")
    refund_seconds = {n: best_of(lambda n=n: read_statement("refunds.csv", refunds_csv(n)), repeat=1)[0]
                      for n in (10_000, 20_000)}  # fmt: skip
    print("a signed statement with 30 % refunds (pairing each refund with its purchase): "
          + ", ".join(f"{n:,} rows {t:.2f} s" for n, t in refund_seconds.items()))  # fmt: skip
    from core.imports.combine import combine

    pair = [read_statement("a.csv", topups_csv(10_000, "支付宝充值", -1)), read_statement("b.csv", topups_csv(10_000,
            "余额充值", 1))]  # fmt: skip
    combine_seconds, _ = best_of(lambda: combine(pair), repeat=1)
    print(f"two statements of 10,000 same-amount top-ups each, matched as own moves: {combine_seconds:.2f} s")
    print(f"import_seconds={seconds:.3f} pandas_openpyxl_read_seconds={read_seconds:.3f} "
          f"ratio={read_seconds / seconds:.1f} rows={rows} import_{rows // 2000}k_seconds={half_seconds:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
