"""``manage.py fetch_population --region 0764 --years 2020-2024``: SCB's population by age into a
series of the group (issue 10 §1), as the system; for cron with ``--replace``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from styr.core.errors import violation_message
from styr.domain.errors import RuleViolation
from styr.economy.selectors.population import population_summaries
from styr.economy.services import population_fetch_scb
from styr.integrations import scb
from styr.organisation.models import MunicipalGroup


def parse_years(text: str) -> list[int]:
    """``2020-2024``, ``2020–2024`` or ``2020,2022,2024``."""
    try:
        if "-" in text or "–" in text:
            first, last = (int(part) for part in text.replace("–", "-").split("-", 1))
            return list(range(first, last + 1))
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"Åren {text!r} är inte skrivna som 2020-2024 eller 2020,2021.") from None


def default_name(region: str, years: list[int]) -> str:
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return f"Folkmängd {region} {span} (SCB)"


class Command(BaseCommand):
    help = "Fetch the population by age of a region from SCB (table TAB638) and store it as a population series of the group."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="SCB's region code, e.g. 0764 (Alvesta)")
        parser.add_argument("--years", help="e.g. 2020-2024 or 2022,2024; default: the five years up to last year")
        parser.add_argument("--group", help="the group's slug; default: the installation's only group")
        parser.add_argument("--name", help="the series' name; default: 'Folkmängd <region> <years> (SCB)'")
        parser.add_argument("--api", choices=[scb.V2, scb.V1], default=scb.V2, help="PxWebApi 2 (JSON-stat 2, default) or the v1 API")
        parser.add_argument("--replace", action="store_true", help="replace the series of the same name (for a nightly or yearly run)")

    def handle(self, *args: Any, **options: Any) -> None:
        groups = MunicipalGroup.objects.all()
        if options["group"]:
            groups = groups.filter(slug=options["group"])
        found = list(groups[:2])
        if len(found) != 1:
            raise CommandError("Ange koncernen med --group (dess slug)." if found else "Koncernen finns inte.")
        group = found[0]
        last = timezone.localdate().year - 1
        years = parse_years(options["years"]) if options["years"] else list(range(last - 4, last + 1))
        name = options["name"] or default_name(options["region"], years or [last])
        try:
            series = population_fetch_scb(
                actor=None, group=group, region=options["region"], years=years, name=name, api=options["api"], replace=options["replace"]
            )
        except RuleViolation as refused:
            raise CommandError(f"{refused.code}: {violation_message(refused)}") from None
        totals = population_summaries([series])[0].residents_by_year
        self.stdout.write(f"Befolkningsserie {series.pk}: {series.name} ({group.name}), region {series.region}, källa SCB {series.detail.get('api', '')}")
        for year, count in sorted(totals.items()):
            self.stdout.write(f"  {year}: {count} invånare")
