"""The load scenario of issue 14 §5: mixed personas of the Alvesta demo against gunicorn and PostgreSQL.
Run by ``benchmarks/load/run.py`` (``make bench``), which starts the servers and passes the targets it read
from the database in ``STYR_LOAD_TARGETS`` (JSON, benchmarks/load/targets.py). Each simulated person is
signed in (a session made beforehand: a login's password check is slow by design and not what is measured),
then works with a few seconds' thought between pages.

- KS's controller reads KS's overview, the goal cascade and KS's plan page;
- a committee politician reads the committee's plan page and its goal pages;
- the unit manager opens Hagaskolan's reporting page;
- KS's controller reports Utbildningsnämnden's values through the API (the demo's indicators are the committees');
- someone downloads a committee's plan as a PDF.
"""

from __future__ import annotations

import json
import os
import random  # the load's choices, not secrets
import secrets
from typing import Any

from locust import HttpUser, between, task

TARGETS: dict[str, Any] = json.loads(os.environ.get("STYR_LOAD_TARGETS", "{}"))
CSRF_TOKEN = secrets.token_hex(16)  # 32 characters: Django takes a token the client chose, sent as cookie and header alike


class Person(HttpUser):
    abstract = True
    username = ""
    wait_time = between(2, 6)

    def page(self, path: str, name: str) -> None:
        """A page that must answer 200 itself: a redirect (to the login page) counts as an error."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} {answer.headers.get('Location', '')}")

    def on_start(self) -> None:
        """Signed in as the persona (a session run.py made): logins are not what is measured."""
        self.client.cookies.set("sessionid", TARGETS["sessions"][self.username])
        self.client.cookies.set("csrftoken", CSRF_TOKEN)


class KsController(Person):
    weight = 3
    username = "ks.controller"

    @task(4)
    def overview(self) -> None:
        self.page(f"/oversikt/{TARGETS['year']}/", "KS overview")

    @task(1)
    def cascade(self) -> None:
        self.page(f"/mal/kaskad/{TARGETS['year']}/", "goal cascade")

    @task(1)
    def ks_plan(self) -> None:
        self.page(f"/enheter/{TARGETS['ks']}/plan/{TARGETS['year']}/", "plan page")


class CommitteePolitician(Person):
    weight = 4
    username = "un.politiker"

    @task(2)
    def plan(self) -> None:
        self.page(f"/enheter/{TARGETS['committee']}/plan/{TARGETS['year']}/", "plan page")

    @task(3)
    def goal(self) -> None:
        self.page(f"/mal/{random.choice(TARGETS['committee_goals'])}/", "goal page")  # noqa: S311


class UnitManager(Person):
    weight = 2
    username = "enhetschef"

    @task
    def reporting_page(self) -> None:
        self.page(f"/enheter/{TARGETS['school']}/rapportering/{TARGETS['period']}/", "reporting page")


class Reporter(Person):
    weight = 1
    username = "ks.controller"

    @task
    def report_value(self) -> None:
        choices = [("indicator", pk) for pk in TARGETS["indicators"]] + [("quality_indicator", pk) for pk in TARGETS["quality_indicators"]]
        kind, pk = random.choice(choices)  # noqa: S311
        # the month's report may be handed in already (FU-006): the controller corrects it, with a reason
        payload = {kind: pk, "period": TARGETS["month"], "value": f"{random.uniform(50, 95):.1f}", "reason": "Belastningsprov"}  # noqa: S311
        headers = {"X-CSRFToken": CSRF_TOKEN}
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
        self.page(f"/enheter/{unit}/dokument/plan-{TARGETS['year']}.pdf", "plan PDF")
