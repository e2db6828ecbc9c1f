"""Several hosts (issue 14 §5): Styr's processes keep no state of their own. Two gunicorn servers on one
PostgreSQL database and one Redis cache, as two hosts behind a proxy would be: a session begun on one works
on the other and ends on both, a value reported through one shows on the other's page and chart, and the
Kolada sync's lock (KOLADA-007) taken through one is refused through the other."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from styr.planning.models import GoalIndicator
from styr.planning.services import goal_create, indicator_create
from tests.conftest import PASSWORD, YEAR, World
from tests.serving.processes import Browser, gunicorn, redis_server, stop, wait_until_up

pytestmark = [
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="Debian's redis-server is not installed (make test installs it)"),
]


@dataclass
class Hosts:
    a: str
    b: str
    log_a: Path


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture(scope="module")
def servers(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hosts]:
    """Started once for the module, on the test database; each test writes its data with ``transactional_db``,
    so that the servers see it."""
    if connection.vendor != "postgresql":
        pytest.skip("two servers share one database through PostgreSQL: run with DATABASE_URL=postgres://…")
    tmp_path = tmp_path_factory.mktemp("hosts")
    started = []
    try:
        cache, cache_url = redis_server(tmp_path)
        started.append(cache)
        env = {"DATABASE_URL": database_url(), "STYR_CACHE_URL": cache_url, "STYR_STATIC_ROOT": str(tmp_path / "static")}
        a, url_a = gunicorn(env, tmp_path / "a.log")
        started.append(a)
        b, url_b = gunicorn(env, tmp_path / "b.log")
        started.append(b)
        wait_until_up(a, f"{url_a}/helse/", tmp_path / "a.log")
        wait_until_up(b, f"{url_b}/helse/", tmp_path / "b.log")
        yield Hosts(a=url_a, b=url_b, log_a=tmp_path / "a.log")
    finally:
        for process in reversed(started):
            stop(process)


@pytest.fixture
def hosts(transactional_db: None, servers: Hosts) -> Hosts:
    return servers


def can_log_in(world: World, persona: str) -> None:
    """The servers check passwords with Django's hashers (the tests' own cheap one is not among them)."""
    user = world.users[persona]
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "servingsalt", iterations=1000)
    user.save(update_fields=["password"])


def log_in(browser: Browser, host: str, persona: str) -> None:
    page = browser.get(f"{host}/konto/logga-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token is not None
    answer = browser.post(f"{host}/konto/logga-in/", data={"username": persona, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)})
    assert answer.status_code == 302, answer.text[:2000]
    assert "sessionid" in browser.cookies


def chart_of(page: str) -> str:
    found = re.search(r'src="(data:image/svg\+xml;base64,[^"]+)"', page)
    assert found is not None, "the goal page shows no chart"
    return found.group(1)


def a_goal_indicator(world: World) -> GoalIndicator:
    goal = goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Trygg skola", start_year=YEAR, end_year=YEAR)
    return indicator_create(actor=None, goal=goal, name="Andel trygga elever", baseline_year=YEAR - 1, baseline_value=Decimal(80))


def report(browser: Browser, host: str, indicator: GoalIndicator, month: str, value: str) -> dict[str, Any]:
    # the months of the tests' year are closed by now (FU-006): KS's controller corrects them, with a reason
    answer = browser.post(f"{host}/api/v1/values", json={"indicator": indicator.pk, "period": month, "value": value, "reason": "Rättelse"})
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_a_session_begun_on_one_host_works_on_the_other_and_ends_on_both(world: World, hosts: Hosts) -> None:
    can_log_in(world, "ks_controller")
    browser = Browser()
    log_in(browser, hosts.a, "ks_controller")

    assert browser.get(f"{hosts.b}/konto/").status_code == 200
    session = browser.cookies["sessionid"]

    page = browser.get(f"{hosts.a}/konto/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token is not None
    assert browser.post(f"{hosts.a}/konto/logga-ut/", data={"csrfmiddlewaretoken": token.group(1)}).status_code == 302
    answer = Browser(cookies={"sessionid": session}).get(f"{hosts.b}/konto/")  # a copy kept from before
    assert answer.status_code == 302
    assert "/konto/logga-in/" in answer.headers["Location"]


def test_a_value_reported_through_one_host_shows_on_the_others_page_and_chart(world: World, hosts: Hosts) -> None:
    can_log_in(world, "ks_controller")
    indicator = a_goal_indicator(world)
    browser = Browser()
    log_in(browser, hosts.a, "ks_controller")
    goal_page = f"{hosts.b}/mal/{indicator.goal_id}/"

    report(browser, hosts.a, indicator, f"{YEAR}-01", "61.5")
    first = browser.get(goal_page)
    assert first.status_code == 200
    assert re.search(r"61[,.]50?\b", first.text), "host B does not show the value reported through host A"
    before = chart_of(first.text)

    report(browser, hosts.a, indicator, f"{YEAR}-02", "72.25")
    second = browser.get(goal_page)
    assert re.search(r"72[,.](25|3)\b", second.text)  # the table has two decimals, the chart's text one
    assert chart_of(second.text) != before, "host B drew its chart from a value it no longer has"
    assert chart_of(browser.get(f"{hosts.a}/mal/{indicator.goal_id}/").text) == chart_of(second.text)


def test_the_kolada_sync_lock_taken_through_one_host_is_refused_through_the_other(world: World, hosts: Hosts) -> None:
    """KOLADA-007: the lock lives in the shared cache; no worker runs here, so the first sync stays queued."""
    can_log_in(world, "ks_controller")
    browser = Browser()
    log_in(browser, hosts.a, "ks_controller")

    started = browser.post(f"{hosts.a}/api/v1/kolada/syncs")
    assert started.status_code == 202, started.text
    run = started.json()["id"]

    refused = browser.post(f"{hosts.b}/api/v1/kolada/syncs")
    assert refused.status_code == 409
    assert refused.json()["code"] == "KOLADA-007"
    assert browser.get(f"{hosts.b}/api/v1/kolada/syncs/{run}").json()["state"] == "queued"


def test_each_host_logs_json_lines_with_the_request_id_it_answers(world: World, hosts: Hosts) -> None:
    answer = Browser().get(f"{hosts.a}/helse/")
    assert answer.json()["database"] == "ok"
    request_id = answer.headers["X-Request-Id"]
    lines = [json.loads(line) for line in hosts.log_a.read_text().splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == request_id]
    assert mine, lines[-5:]
    assert mine[-1]["logger"] == "styr.request"
    assert mine[-1]["path"] == "/helse/"
    assert mine[-1]["status"] == 200
