"""The whole SIE import (issue 9 §2) against a bare ``for line in f: line.split()`` over the same file.

`make bench` runs it after the page benchmarks. It generates a SIE 4 file with 1,000,000
``#TRANS`` rows (four to a voucher, as ``benchmarks/sie_parse.py`` does), times the bare loop,
and then, each in a fresh process and database, ``sie_import`` into SQLite and (when it answers)
PostgreSQL, in a database of its own that it creates and drops. Figures, never pass/fail.

Times are wall-clock seconds (the database's own work counts; PostgreSQL does it in its
server process) and, for the importing process, CPU seconds. Peak memory is the importing
process's maximum resident size before and after the import: a flat figure means the file is
streamed, not held. Usage: python -m benchmarks.sie_import [ROWS] (default 1,000,000).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "styr_bench_sie_import"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_loop(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the baseline: split every line, keep nothing."""
    wall, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        for line in handle:
            line.split()
    return time.perf_counter() - wall, time.process_time() - cpu


def parse_only(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the parser alone (vouchers to a callback that keeps nothing): the
    part of the import that does not depend on the database."""
    from styr.domain.sie import parse

    wall, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        result = parse(handle, on_voucher=lambda voucher: None)
    assert result.ok, result.errors[:3]
    return time.perf_counter() - wall, time.process_time() - cpu


def one_import(path: str) -> dict[str, object]:
    """In this process (DATABASE_URL set by the caller): migrate, make a unit, import the file."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.config.settings")
    os.environ.setdefault("STYR_SECRET_KEY", "styr-benchmarks-only-secret-key-not-used-anywhere-else")
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection

    from styr.economy.models import LedgerTransaction
    from styr.economy.services import sie_import
    from styr.organisation.models import MunicipalGroup, OrgUnit

    call_command("migrate", verbosity=0)
    group = MunicipalGroup.objects.create(name="Bench", slug="bench-sie", preset_key="bench", model_config={})
    unit = OrgUnit.objects.create(group=group, kind="COUNCIL", name="Bench AB", valid_from=dt.date(2024, 1, 1))
    before = peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = sie_import(actor=None, org_unit=unit, file_name=Path(path).name, path=path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    written = LedgerTransaction.objects.filter(sie_import=outcome.sie_import).count()
    return {"vendor": connection.vendor, "wall_s": wall, "cpu_s": cpu, "rows": written, "peak_before_mb": before, "peak_after_mb": peak_mb()}


def run(path: Path, database_url: str) -> dict[str, object]:
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run([sys.executable, "-m", "benchmarks.sie_import", "--one", str(path)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode == 0


def psql(sql: str) -> None:
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True)


def main(rows: int) -> None:
    from benchmarks.sie_parse import generate

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.se"
        generate(path, rows)
        size = path.stat().st_size / 1e6
        bare_wall, bare_cpu = bare_loop(path)
        parse_wall, parse_cpu = parse_only(path)
        results.append(run(path, f"sqlite:///{tmp}/bench.sqlite3"))
        if postgres_ready():
            psql(f"DROP DATABASE IF EXISTS {PG_NAME}")
            psql(f"CREATE DATABASE {PG_NAME}")
            try:
                results.append(run(path, f"{PG}/{PG_NAME}"))
            finally:
                psql(f"DROP DATABASE IF EXISTS {PG_NAME}")
    print(f"{rows:,} #TRANS rows, {size:.0f} MB: bare loop {bare_wall:.2f} s wall, {bare_cpu:.2f} s CPU")
    print(f"parser alone (no database): {parse_wall:.2f} s wall ({parse_wall / bare_wall:.1f}×), {parse_cpu:.2f} s CPU ({parse_cpu / bare_cpu:.1f}×)")
    print(f"{'database':<11} {'rows':>10} {'wall s':>8} {'ratio':>7} {'CPU s':>7} {'ratio':>7} {'peak MB before':>15} {'after':>7}")
    for r in results:
        wall, cpu = float(r["wall_s"]), float(r["cpu_s"])  # type: ignore[arg-type]
        print(
            f"{r['vendor']!s:<11} {r['rows']:>10,} {wall:>8.1f} {wall / bare_wall:>6.1f}× {cpu:>7.1f} {cpu / bare_cpu:>6.1f}× "
            f"{float(r['peak_before_mb']):>15.0f} {float(r['peak_after_mb']):>7.0f}"  # type: ignore[arg-type]
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one_import(sys.argv[2])))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
