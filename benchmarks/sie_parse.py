"""The SIE parser alone against a bare ``for line in f: line.split()`` over the same file.

Figures (CPU time of this process, so other load on the machine counts less), never
pass/fail. Usage: python -m benchmarks.sie_parse [ROWS] (default 1,000,000 #TRANS rows, four
to a voucher). Peak memory is the process's maximum resident size after each step,
so a parser that held the rows would show it. The whole import's benchmark
(`benchmarks/sie_import.py`, run by `make bench`) measures the import; this, the part that reads the file.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from styr.domain.sie import Voucher, parse

VOUCHER = (
    '#VER A {n} 20240301 "Faktura {n}" 20240302\n{{\n'
    '\t#TRANS 1930 {{}} -1234.50 20240301 "Betalning"\n'
    '\t#TRANS 5410 {{1 "100"}} 1000.00\n'
    "\t#TRANS 2640 {{}} 234.50\n"
    '\t#TRANS 3010 {{1 "200" 6 "P1"}} 0.00 20240301 "Åtgärd"\n}}\n'
)


def generate(path: Path, rows: int) -> None:
    with open(path, "wb") as out:
        out.write(b'#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#FNAMN "Bench AB"\n#RAR 0 20240101 20241231\n')
        for n in range(rows // 4):
            out.write(VOUCHER.format(n=n).encode("cp437"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.se"
        generate(path, rows)
        before = peak_mb()
        start = time.process_time()
        with open(path, "rb") as handle:
            for line in handle:
                line.split()
        bare = time.process_time() - start
        seen = 0

        def on_voucher(voucher: Voucher) -> None:
            nonlocal seen
            seen += len(voucher.transactions)

        start = time.process_time()
        with open(path, "rb") as handle:
            result = parse(handle, on_voucher=on_voucher)
        parsed = time.process_time() - start
        assert result.ok and seen == rows // 4 * 4, result.errors[:3]
        size = path.stat().st_size / 1e6
    print(f"{rows:,} #TRANS rows, {size:.0f} MB: bare loop {bare:.2f} s, parse {parsed:.2f} s, ratio {parsed / bare:.1f}×")
    print(f"peak resident memory: {before:.0f} MB before parsing, {peak_mb():.0f} MB after")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
