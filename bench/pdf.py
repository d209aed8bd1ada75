"""Benchmark: a 200-page PDF statement to its monthly summary (issue 15): time and peak memory.

The statement is written like a bank app's PDF (tests/fixtures/pdfs.py: CMB's header row
repeated on each of the 200 pages, 30 lines a page, 6,000 lines over a year, Chinese text,
page numbers), once locked with an AES-256 password. Each is read in a fresh Python
process (so the figures are the import's own): ``read_statement`` (checks, PDFium
text extraction, columns by position, detection, parsing, categorising) plus
``monthly_by_category``; best of 3 wall-clock seconds, the process's peak resident memory
after that read (ru_maxrss) and, in a second traced read, Python's own peak allocations.
Also, once (how the cost grows with the pages): the same statement at 1,000 pages (the most
the reader takes), its pages told to a progress callback as the import page shows them.
The last line is ``pdf_seconds=<s> pdf_peak_rss_mib=<m> locked_pdf_seconds=<s> pages=200
pdf_1000_seconds=<s> pdf_1000_first_told_seconds=<s>`` (the last: when the bar first shows).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures import pdfs  # noqa: E402

PAGES, PER_PAGE = 200, 30
CHILD = """
import json, resource, sys, time, tracemalloc
sys.path.insert(0, {root!r})
from core.imports import read_statement
data = open({path!r}, "rb").read()
told = []
start = time.perf_counter()
result = read_statement("statement.pdf", data, password={password!r},
                        on_progress=lambda done, total: told.append((time.perf_counter() - start, done)))
by_category = result.monthly_by_category()
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
tracemalloc.start()  # again, traced (slower): Python's own allocations at their peak
read_statement("statement.pdf", data, password={password!r}).monthly_by_category()
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({{"seconds": seconds, "rss": rss, "traced": peak / 2**20, "rows": len(result.transactions),
                  "errors": len(result.errors), "first_told": told[0][0] if told else None, "told": len(told)}}))
"""


def run(path: Path, password: str | None, repeat: int = 3) -> dict:
    best = None
    for _ in range(repeat):
        code = CHILD.format(root=str(ROOT), path=str(path), password=password)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        figures = json.loads(out.strip().splitlines()[-1])
        if best is None or figures["seconds"] < best["seconds"]:
            best = figures
    return best


def main() -> None:
    rows = pdfs.many_rows(PAGES * PER_PAGE)
    plain = pdfs.statement_pdf("cmb", rows, per_page=PER_PAGE)
    locked = pdfs.locked(plain, "123456", "AES-256")
    with tempfile.TemporaryDirectory() as folder:
        results = {}
        for name, data, password in (("plain", plain, None), ("locked", locked, "123456")):
            path = Path(folder) / f"{name}.pdf"
            path.write_bytes(data)
            results[name] = run(path, password)
            f = results[name]
            print(f"{name}: {len(data) / 2**20:.1f} MiB, {PAGES} pages, {f['rows']} lines read ({f['errors']} errors): "
                  f"{f['seconds']:.2f} s, peak RSS {f['rss']:.0f} MiB, Python allocations at peak {f['traced']:.0f} MiB",
                  flush=True)  # fmt: skip
        many = pdfs.statement_pdf("cmb", pdfs.many_rows(1_000 * PER_PAGE), per_page=PER_PAGE)
        path = Path(folder) / "many.pdf"
        path.write_bytes(many)
        big = run(path, None, repeat=1)
        print(f"1,000 pages, {len(many) / 2**20:.1f} MiB, {big['rows']} lines read: {big['seconds']:.2f} s once "
              f"({big['seconds'] / 1_000 * 1_000:.1f} ms a page, against "
              f"{results['plain']['seconds'] / PAGES * 1_000:.1f} at {PAGES} pages), peak RSS {big['rss']:.0f} MiB; "
              f"progress told {big['told']} times, first after {big['first_told']:.2f} s", flush=True)  # fmt: skip
    print(f"pdf_seconds={results['plain']['seconds']:.2f} pdf_peak_rss_mib={results['plain']['rss']:.0f} "
          f"locked_pdf_seconds={results['locked']['seconds']:.2f} pages={PAGES} "
          f"pdf_1000_seconds={big['seconds']:.2f} pdf_1000_first_told_seconds={big['first_told']:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
