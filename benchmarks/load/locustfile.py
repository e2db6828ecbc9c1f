"""The load scenario of issue 14 §5: mixed personas of the Alvesta demo against gunicorn and PostgreSQL.
Run by ``benchmarks/load/run.py`` (``make bench``), which starts the servers and passes the targets it read
from the database in ``STYR_LOAD_TARGETS`` (JSON, benchmarks/load/targets.py). Each simulated person logs in
once, as a person does in the morning, then works with a few seconds' thought between pages.

- KS's controller reads KS's overview, the goal cascade and KS's plan page;
- a committee politician reads the committees' plan pages and the goal pages;
- the unit manager opens Hagaskolan's reporting page;
- KS's controller reports Utbildningsnämnden's values through the API (the demo's indicators are the committees');
- someone downloads a committee's plan as a PDF.
"""

from __future__ import annotations

import json
import os
import random  # the load's choices, not secrets
import re
from typing import Any

from locust import HttpUser, between, task

TARGETS: dict[str, Any] = json.loads(os.environ.get("STYR_LOAD_TARGETS", "{}"))
PASSWORD = "styr-demo"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person(HttpUser):
    abstract = True
    username = ""
    wait_time = between(2, 6)

    def on_start(self) -> None:
        page = self.client.get("/konto/logga-in/", name="login page")
        found = TOKEN.search(page.text)
        if found is None:
            raise RuntimeError("the login page has no CSRF token")
        with self.client.post(
            "/konto/logga-in/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": found.group(1)},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login answered {answer.status_code}")
        # with debug off the cookies are Secure; the loopback has no TLS, so the client is told to send them anyway
        for cookie in self.client.cookies:
            cookie.secure = False


class KsController(Person):
    weight = 3
    username = "ks.controller"

    @task(4)
    def overview(self) -> None:
        self.client.get(f"/oversikt/{TARGETS['year']}/", name="KS overview")

    @task(1)
    def cascade(self) -> None:
        self.client.get(f"/mal/kaskad/{TARGETS['year']}/", name="goal cascade")

    @task(1)
    def ks_plan(self) -> None:
        self.client.get(f"/enheter/{TARGETS['ks']}/plan/{TARGETS['year']}/", name="plan page")


class CommitteePolitician(Person):
    weight = 4
    username = "un.politiker"

    @task(2)
    def plan(self) -> None:
        self.client.get(f"/enheter/{random.choice(TARGETS['committees'])}/plan/{TARGETS['year']}/", name="plan page")  # noqa: S311

    @task(3)
    def goal(self) -> None:
        self.client.get(f"/mal/{random.choice(TARGETS['goals'])}/", name="goal page")  # noqa: S311


class UnitManager(Person):
    weight = 2
    username = "enhetschef"

    @task
    def reporting_page(self) -> None:
        self.client.get(f"/enheter/{TARGETS['school']}/rapportering/{TARGETS['period']}/", name="reporting page")


class Reporter(Person):
    weight = 1
    username = "ks.controller"

    @task
    def report_value(self) -> None:
        choices = [("indicator", pk) for pk in TARGETS["indicators"]] + [("quality_indicator", pk) for pk in TARGETS["quality_indicators"]]
        kind, pk = random.choice(choices)  # noqa: S311
        payload = {kind: pk, "period": TARGETS["month"], "value": f"{random.uniform(50, 95):.1f}"}  # noqa: S311
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        with self.client.post("/api/v1/values", json=payload, headers=headers, name="report a value (API)", catch_response=True) as answer:
            if answer.status_code not in (200, 201):
                answer.failure(f"{answer.status_code}: {answer.text[:300]}")


class PdfReader(Person):
    weight = 1
    username = "ks.ordforande"
    wait_time = between(10, 30)

    @task
    def plan_pdf(self) -> None:
        unit = random.choice(TARGETS["committees"])  # noqa: S311
        self.client.get(f"/enheter/{unit}/dokument/plan-{TARGETS['year']}.pdf", name="plan PDF")
