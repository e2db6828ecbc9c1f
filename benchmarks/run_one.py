"""One benchmark run in its own process and database: migrate, generate, time three pages.

Prints one JSON line: server time (median, p95, in ms) and SQL query count per page.
Run through `make bench` (benchmarks/run.py), never as a test that passes or fails on time.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from io import StringIO

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.config.settings")
os.environ.setdefault("STYR_ALLOWED_HOSTS", "testserver")
# measured as in production, with debug off: a key of the benchmarks' own (Styr refuses the shipped one)
os.environ.setdefault("STYR_SECRET_KEY", "styr-benchmarks-only-secret-key-not-used-anywhere-else")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

REQUESTS = 15


def main(units: int) -> None:
    from django.contrib.auth import get_user_model

    from styr.followup.models import ReportingPeriod
    from styr.organisation.models import OrgUnit, RoleAssignment

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
    results = {}
    for name, url in pages.items():
        headers = {"HX-Request": "true"} if name.endswith("charts") else {}  # the charts are loaded into the reporting page
        start = time.perf_counter()
        assert client.get(url, headers=headers).status_code == 200, url  # warm up
        first_ms = (time.perf_counter() - start) * 1000  # the first request: cold caches, charts drawn
        times = []
        for _ in range(REQUESTS):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url, headers=headers)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        times.sort()
        results[name] = {
            "first_ms": round(first_ms, 1),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
            "queries": len(queries.captured_queries),
        }
    counts = {
        "units": group_units.count(),
        "generated_s": round(generated_s, 1),
        "vendor": connection.vendor,
    }
    print(json.dumps({**counts, "pages": results}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
