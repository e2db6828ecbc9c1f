"""One benchmark run in its own process and database: migrate, generate, time three pages.

Prints one JSON line per run: server time (first, median, p95, in ms), the SQL query count and the
median time of the page's own queries run alone (``sql_alone_ms``) per page.
Run through `make bench` (benchmarks/run.py), never as a test that passes or fails on time.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from decimal import Decimal
from io import StringIO

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.config.settings")
os.environ.setdefault("STYR_ALLOWED_HOSTS", "testserver")
# measured as in production, with debug off: a key of the benchmarks' own (Styr refuses the shipped one)
os.environ.setdefault("STYR_SECRET_KEY", "styr-benchmarks-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("STYR_SSL_REDIRECT", "0")  # plain http inside the test client
os.environ.setdefault("STYR_LOG_LEVEL", "WARNING")  # no request lines among the figures

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

REQUESTS = 15


def _sql_alone(statements: list[str]) -> float:
    """The median time (ms) of the page's own queries run alone, one after another on the same
    connection, each read to its last row: what the database costs the page without Python."""
    runs = []
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the driver's cursor: no Django wrapper around each statement
        for _ in range(REQUESTS):
            start = time.perf_counter()
            for sql in statements:
                raw.execute(sql)
                if raw.description is not None:
                    raw.fetchall()
            runs.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(runs), 1)


def main(units: int) -> None:
    from django.contrib.auth import get_user_model

    from styr.followup.models import ReportingPeriod
    from styr.followup.services import measurement_record
    from styr.organisation.models import OrgUnit, RoleAssignment
    from styr.planning.models import GoalIndicator

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("generate_group", units=units, stdout=StringIO())
    generated_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        # what autovacuum does to a settled PostgreSQL database (statistics, visibility map); SQLite's planner statistics
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    group_units = OrgUnit.objects.filter(group__slug=f"syntet-{units}")
    ks = group_units.get(kind="EXECUTIVE_BOARD")
    committee = group_units.filter(kind="COMMITTEE").first()
    unit = group_units.filter(kind="UNIT").first()
    assert committee is not None and unit is not None
    user = get_user_model().objects.create_user(username=f"bench-{units}", password="x")
    RoleAssignment.objects.create(group=ks.group, user=user, org_unit=ks, role="CONTROLLER")
    year = timezone.localdate().year
    period = ReportingPeriod.objects.filter(group=ks.group, kind="monthly_report").order_by("end").first()
    assert period is not None
    client = Client()
    client.force_login(user)
    pages = {
        "KS overview": f"/oversikt/{year}/",
        "committee plan page": f"/enheter/{committee.pk}/plan/{year}/",
        "unit reporting grid": f"/enheter/{unit.pk}/rapportering/{period.pk}/",
        "unit quality charts": f"/enheter/{unit.pk}/rapportering/{period.pk}/diagram/",
    }
    # KS's figures over the whole group are kept while the group is unchanged (audit.kept_while_unchanged):
    # the same page again, each request after a change (a value recorded through its service), pays
    # for counting them afresh
    pages["KS overview after a change"] = pages["KS overview"]
    indicators = iter(GoalIndicator.objects.filter(group=ks.group).order_by("pk"))
    month = timezone.localdate().replace(day=1)

    changes = iter(range(1, 10_000))

    def change() -> None:
        # a value no other has (an equal one is no change: nothing is written or recorded)
        measurement_record(actor=None, indicator=next(indicators), period=month, value=Decimal(f"{next(changes)}.25"))

    results = {}
    for name, url in pages.items():
        headers = {"HX-Request": "true"} if name.endswith("charts") else {}  # the charts are loaded into the reporting page
        before = change if name.endswith("after a change") else (lambda: None)
        start = time.perf_counter()
        warm = client.get(url, headers=headers)
        assert warm.status_code == 200, (url, warm.status_code, warm.content[:300])  # warm up
        first_ms = (time.perf_counter() - start) * 1000  # the first request: cold caches, charts drawn
        times = []
        for _ in range(REQUESTS):
            before()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url, headers=headers)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        times.sort()
        alone = _sql_alone([q["sql"] for q in queries.captured_queries])
        results[name] = {
            "first_ms": round(first_ms, 1),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
            "queries": len(queries.captured_queries),
            "sql_alone_ms": alone,
        }
    counts = {
        "units": group_units.count(),
        "generated_s": round(generated_s, 1),
        "vendor": connection.vendor,
    }
    print(json.dumps({**counts, "pages": results}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
