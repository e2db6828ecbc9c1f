"""What the load scenario asks for, read from the demo database: prints one JSON object (the year, KS's unit,
the committees' plan pages, the goal pages, Hagaskolan's reporting page and indicators, a month to report).
Run by benchmarks/load/run.py with the database's DATABASE_URL."""

from __future__ import annotations

import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.config.settings")
os.environ.setdefault("STYR_SECRET_KEY", "styr-benchmarks-only-secret-key-not-used-anywhere-else")

import django

django.setup()

from importlib import import_module  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from styr.followup.models import ReportingPeriod  # noqa: E402
from styr.organisation.models import OrgUnit  # noqa: E402
from styr.planning.models import DevelopmentGoal, GoalIndicator, QualityIndicator  # noqa: E402

USERNAMES = ("ks.controller", "un.politiker", "enhetschef", "ks.ordforande")


def sessions() -> dict[str, str]:
    """A signed-in session for each persona, as a login would leave it: the scenario measures the pages, not
    PBKDF2's deliberately slow password check (about a second of CPU per login)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    found = {}
    for user in get_user_model().objects.filter(username__in=USERNAMES):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        found[user.username] = session.session_key
    return found


def main() -> None:
    today = timezone.localdate()
    year = today.year
    units = OrgUnit.objects.filter(group__slug="alvesta")
    ks = units.get(kind="EXECUTIVE_BOARD")
    school = units.get(name="Hagaskolan")
    periods = ReportingPeriod.objects.filter(group=ks.group, kind="monthly_report", end__year=year, end__lte=today).order_by("-end")
    period = periods.first() or ReportingPeriod.objects.filter(group=ks.group, kind="monthly_report").order_by("-end").first()
    assert period is not None, "the demo has no monthly reporting period"
    goals = DevelopmentGoal.objects.filter(org_unit__in=units, start_year__lte=year, end_year__gte=year)
    # the demo's indicators belong to the committees (Hagaskolan has none): the values reported are Utbildningsnämnden's
    committee = units.get(name="Utbildningsnämnden")
    indicators = GoalIndicator.objects.filter(goal__org_unit=committee, goal__start_year__lte=year, goal__end_year__gte=year)
    month = period.end.replace(day=1)
    print(
        json.dumps(
            {
                "year": year,
                "ks": ks.pk,
                "committees": list(units.filter(kind="COMMITTEE").values_list("pk", flat=True)),
                "goals": list(goals.values_list("pk", flat=True)),
                # what Utbildningsnämnden's politician may see: the committee's plan page and its own goals
                "committee": committee.pk,
                "committee_goals": list(goals.filter(org_unit=committee).values_list("pk", flat=True)),
                "school": school.pk,
                "period": period.pk,
                "month": f"{month:%Y-%m}",
                "indicators": list(indicators.values_list("pk", flat=True)),
                "sessions": sessions(),
                "quality_indicators": list(QualityIndicator.objects.filter(factor__org_unit=committee).values_list("pk", flat=True)),
            }
        )
    )


if __name__ == "__main__":
    main()
