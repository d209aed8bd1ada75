"""How long a negotiation pack takes with 20 attachments of 2 MB each, and how much memory
it needs: the attachments are streamed from disk into the zip, never held whole.

Run: python bench/pack.py
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.household.loader import load  # noqa: E402
from core.paperwork.pack import pack_files, write_pack  # noqa: E402
from core.profiles.evidence import add_file  # noqa: E402
from core.profiles.profile import normalize_section  # noqa: E402
from core.profiles.workbook import profile_from_xlsx  # noqa: E402

COUNT, SIZE = 20, 2 * 1024 * 1024


def main() -> None:
    profile, _ = profile_from_xlsx((ROOT / "sample_data" / "sample_household.xlsx").read_bytes())
    with tempfile.TemporaryDirectory() as folder:
        evidence = Path(folder) / "evidence"
        rows = []
        for i in range(COUNT):
            # a PDF-like file of random bytes (incompressible, like a photo or a scan)
            data = b"%PDF-1.4\n" + os.urandom(SIZE - 9)
            kept = add_file(evidence, data, f"statement-{i:02d}.pdf")
            rows.append({"sha256": kept.sha256, "name": kept.name, "kind": "bank_statements", "size": kept.size,
                         "mime": kept.mime, "added": kept.added})  # fmt: skip
        profile.sections["evidence"] = normalize_section("evidence", pd.DataFrame(rows))[0]
        h, _ = load(profile)
        times = []
        out = Path(folder) / "pack.zip"
        for _ in range(3):
            started = time.perf_counter()
            write_pack(out, pack_files(profile, h, "借呗", "zh", evidence))
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        write_pack(out, pack_files(profile, h, "借呗", "zh", evidence))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = out.stat().st_size
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pack with {COUNT} attachments x {SIZE // (1024 * 1024)} MB: {statistics.median(times):.2f} s (median of 3), "
          f"zip {size / 1024 / 1024:.1f} MiB; Python allocations at peak {peak / 1024 / 1024:.1f} MiB "
          f"(the files total {COUNT * SIZE / 1024 / 1024:.0f} MiB); process peak RSS {rss:.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
