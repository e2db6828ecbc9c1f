"""`make bench`: the three key pages at each size, on SQLite and (when reachable) PostgreSQL.

Figures, never pass/fail on time. Usage: python benchmarks/run.py [SIZE ...] (default 100 2000
10000); a size from ``PG_ONLY_FROM`` (5,000 units) up is run on PostgreSQL only (its generation on
SQLite alone would take most of the half hour ``make bench`` may take).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_ONLY_FROM = 5000


def run(units: int, database_url: str) -> dict[str, object]:
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run([sys.executable, "-m", "benchmarks.run_one", str(units)], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode == 0


def main(sizes: list[int]) -> None:
    rows = []
    for units in sizes:
        if units < PG_ONLY_FROM:
            with tempfile.TemporaryDirectory() as tmp:
                rows.append(run(units, f"sqlite:///{tmp}/bench.sqlite3"))
        if postgres_ready():
            name = f"styr_bench_{units}"
            subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
            subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {name}"], check=True)
            try:
                rows.append(run(units, f"{PG}/{name}"))
            finally:
                subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
    print(f"{'database':<10} {'units':>6} {'generated s':>11} {'page':<28} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'SQL alone ms':>12} {'queries':>8}")
    for row in rows:
        for page, f in row["pages"].items():  # type: ignore[attr-defined]
            timing = f"{f['first_ms']:>9} {f['median_ms']:>10} {f['p95_ms']:>8} {f['sql_alone_ms']:>12} {f['queries']:>8}"
            print(f"{row['vendor']:<10} {row['units']:>6} {row['generated_s']:>11} {page:<28} {timing}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 2000, 10000])
