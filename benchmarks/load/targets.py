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

from django.utils import timezone  # noqa: E402

from styr.followup.models import ReportingPeriod  # noqa: E402
from styr.organisation.models import OrgUnit  # noqa: E402
from styr.planning.models import DevelopmentGoal, GoalIndicator, QualityIndicator  # noqa: E402


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
                "school": school.pk,
                "period": period.pk,
                "month": f"{month:%Y-%m}",
                "indicators": list(indicators.values_list("pk", flat=True)),
                "quality_indicators": list(QualityIndicator.objects.filter(factor__org_unit=committee).values_list("pk", flat=True)),
            }
        )
    )


if __name__ == "__main__":
    main()
