"""`make bench`: the load scenario (benchmarks/load/locustfile.py) against gunicorn and PostgreSQL on the
loopback, as `make serve` runs them: a fresh database with the Alvesta demo, `collectstatic`, gunicorn with its
workers and the task worker beside it, then locust headless. Prints p50/p95/p99 per page and the errors.
Figures, never pass/fail on time.

Environment: LOAD_USERS (200), LOAD_SPAWN_RATE (20 a second), LOAD_RUN_TIME (5m), LOAD_WORKERS (gunicorn's,
2 × cores + 1), BENCH_PG (postgres://postgres@127.0.0.1:5432), LOAD_DATABASE_URL (a database that already
holds the demo: no fresh one is made, nothing is dropped), LOAD_COLLECTSTATIC=0 (STYR_STATIC_ROOT already holds
the static files). Usage: python -m benchmarks.load.run
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BIN = Path(sys.executable).parent
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "styr.config.settings",
    "STYR_SECRET_KEY": os.environ.get("STYR_SECRET_KEY") or "styr-benchmarks-only-secret-key-not-used-anywhere-else",
    "STYR_DEBUG": "",
    "STYR_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "STYR_STATIC_ROOT": os.environ.get("STYR_STATIC_ROOT") or str(ROOT / "var" / "load-static"),
    "STYR_LOG_LEVEL": "WARNING",
    "STYR_SSL_REDIRECT": "0",  # plain http on the loopback
    "STYR_TIMEOUT": os.environ.get("STYR_TIMEOUT") or "300",  # the request lines of 200 people would cost more than the pages
}


def manage(*args: str, env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return out.stdout


def psql(sql: str) -> None:
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True)


def fresh_database(env: dict[str, str]) -> None:
    print("A fresh PostgreSQL database with the Alvesta demo (styr_load) …", flush=True)
    psql("DROP DATABASE IF EXISTS styr_load")
    psql("CREATE DATABASE styr_load")
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_demo", env=env)
    psql_url = env["DATABASE_URL"]
    subprocess.run(["psql", psql_url, "-q", "-c", "VACUUM ANALYZE"], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped at start")
        try:
            if httpx.get(url, timeout=30).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1)
    raise SystemExit(f"{url} did not answer in {seconds} s")


def report(stats_csv: Path) -> int:
    rows = list(csv.DictReader(stats_csv.open()))
    print(f"\n{'page':<24} {'requests':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    errors = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        errors += int(row["Failure Count"]) if name != "all" else 0
        figures = f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7} {float(row['Max Response Time']):>7.0f}"
        print(f"{name:<24} {row['Request Count']:>9} {row['Failure Count']:>7} {figures}")
    return errors


def main() -> None:
    users = os.environ.get("LOAD_USERS", "200")
    spawn_rate = os.environ.get("LOAD_SPAWN_RATE", "20")
    run_time = os.environ.get("LOAD_RUN_TIME", "5m")
    workers = os.environ.get("LOAD_WORKERS") or str(2 * (os.cpu_count() or 1) + 1)
    own_database = not os.environ.get("LOAD_DATABASE_URL")
    env = {**ENV, "DATABASE_URL": os.environ.get("LOAD_DATABASE_URL") or f"{PG}/styr_load"}
    if own_database:
        fresh_database(env)
    if os.environ.get("LOAD_COLLECTSTATIC", "1") != "0":  # 0: STYR_STATIC_ROOT already holds them
        manage("collectstatic", "--noinput", "-v0", env=env)
    found = subprocess.run([sys.executable, "-m", "benchmarks.load.targets"], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    targets = found.stdout.strip().splitlines()[-1]
    tmp = Path(tempfile.mkdtemp(prefix="styr-load-"))
    env = {**env, "STYR_CACHE_DIR": str(tmp / "cache"), "STYR_PROGRESS_DIR": str(tmp / "progress"), "STYR_UPLOAD_DIR": str(tmp / "uploads")}
    host = f"127.0.0.1:{free_port()}"
    web = subprocess.Popen([str(BIN / "gunicorn"), "-c", "styr/config/gunicorn.py", "--bind", host, "--workers", workers], cwd=ROOT, env=env)
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "1", "--no-reload"], cwd=ROOT, env=env)
    try:
        wait_for(f"http://{host}/helse/", web)
        print(f"locust: {users} users, {spawn_rate}/s, {run_time}, gunicorn with {workers} workers", flush=True)
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "benchmarks" / "load" / "locustfile.py"),
                "--headless",
                "--users",
                users,
                "--spawn-rate",
                spawn_rate,
                "--run-time",
                run_time,
                "--host",
                f"http://{host}",
                "--csv",
                str(tmp / "load"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "STYR_LOAD_TARGETS": targets},
            check=False,
        )
        errors = report(tmp / "load_stats.csv")
        failures = tmp / "load_failures.csv"
        if errors and failures.exists():
            print("\nerrors:\n" + failures.read_text()[:4000])
    finally:
        for process in (web, worker):
            process.terminate()
            process.wait(timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)
        if own_database and not os.environ.get("LOAD_KEEP_DB"):
            psql("DROP DATABASE IF EXISTS styr_load")


if __name__ == "__main__":
    main()
