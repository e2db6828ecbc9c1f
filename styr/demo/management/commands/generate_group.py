"""A synthetic large group for benchmarks: not a user's data, so it is written in bulk and not audited."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from styr.demo.loader import ALVESTA_PRESET
from styr.domain.presets import load_preset_file
from styr.followup.models import Assessment, Measurement, Report, ValueSource
from styr.followup.services import calendar_create
from styr.organisation.models import OrgUnit
from styr.organisation.services import group_load_preset, refresh_overseen_by
from styr.planning.models import DevelopmentGoal, GoalIndicator, QualityFactor, QualityIndicator

BATCH = 5000
#: values per COPY (PostgreSQL) or executemany (SQLite) batch
VALUE_BATCH = 200_000
MANUAL = str(ValueSource.MANUAL.value)


def write_values(group_id: int, goal_ids: list[int], quality_ids: list[int], months: list[date], rng: random.Random) -> int:
    """One value a month for each indicator, written without model instances (18 million at
    10,000 units): PostgreSQL takes them through ``COPY … FROM STDIN`` as text, SQLite through one
    ``INSERT`` run with ``executemany``. Whole numbers from 0 to 100, reproducible by the seed."""
    quote = connection.ops.quote_name
    fields = ("group", "indicator", "quality_indicator", "period", "value", "comment", "recorded_at", "source", "version")
    column_of = {f.name: str(f.column) for f in Measurement._meta.concrete_fields}
    table, columns = quote(Measurement._meta.db_table), ", ".join(quote(column_of[name]) for name in fields)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    periods = [connection.ops.adapt_datefield_value(m) for m in months]
    count = 0
    with connection.cursor() as cursor:
        copy = connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy")
        if copy:
            # the foreign keys checked at the end of each batch, not queued for the commit (54 million checks)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            null = "\\N"  # COPY's text format for NULL
            texts: list[tuple[int | str, int | str]] = [(i, null) for i in goal_ids] + [(null, i) for i in quality_ids]
            for chunk in _chunks(texts, VALUE_BATCH // len(months)):
                lines = [f"{group_id}\t{goal}\t{quality}\t{p}\t{rng.randint(0, 100)}\t\t{now}\t{MANUAL}\t1\n" for goal, quality in chunk for p in periods]
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as out:
                    out.write("".join(lines))
                count += len(lines)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return count
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the model's meta, values as parameters
        pairs: list[tuple[int | None, int | None]] = [(i, None) for i in goal_ids] + [(None, i) for i in quality_ids]
        for chunk in _chunks(pairs, VALUE_BATCH // len(months)):
            rows = [(group_id, goal, quality, month, rng.randint(0, 100), "", now, MANUAL, 1) for goal, quality in chunk for month in periods]
            cursor.executemany(sql, rows)
            count += len(rows)
    return count


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    size = max(1, size)
    return [items[k : k + size] for k in range(0, len(items), size)]


class Command(BaseCommand):
    help = "Generate a synthetic municipal group of the given size (for make bench)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=100)
        parser.add_argument("--indicators-per-unit", type=int, default=15)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--year", type=int, default=date.today().year)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(4711)  # noqa: S311 - reproducible test data, not secrets
        year, years = options["year"], options["years"]
        preset = dataclasses.replace(load_preset_file(ALVESTA_PRESET), group_slug=f"syntet-{options['units']}", group_name="Syntetisk kommun")
        group, _ = group_load_preset(actor=None, preset=preset, today=date(year, 1, 1))
        administrations = list(OrgUnit.objects.filter(group=group, kind="ADMINISTRATION"))
        units: list[OrgUnit] = []
        for n in range(options["units"]):
            parent = administrations[n % len(administrations)]
            units.append(OrgUnit(group=group, parent=parent, kind="UNIT", name=f"Enhet {n + 1}", valid_from=date(year - years, 1, 1), position=n))
        OrgUnit.objects.bulk_create(units, batch_size=BATCH)
        refresh_overseen_by(group.pk)
        units = list(OrgUnit.objects.filter(group=group, kind="UNIT"))
        per_unit = options["indicators_per_unit"]
        goal_indicators_per_unit = per_unit // 3
        goals = [DevelopmentGoal(group=group, org_unit=u, title=f"Mål {u.name}", start_year=year, end_year=year + 1) for u in units]
        DevelopmentGoal.objects.bulk_create(goals, batch_size=BATCH)
        goals = list(DevelopmentGoal.objects.filter(group=group))
        GoalIndicator.objects.bulk_create(
            [
                GoalIndicator(group=group, goal=g, name=f"Målindikator {k}", baseline_year=year - 1, baseline_value=Decimal(50))
                for g in goals
                for k in range(goal_indicators_per_unit)
            ],
            batch_size=BATCH,
        )
        factors = [QualityFactor(group=group, org_unit=u, title="Kvalitet") for u in units]
        QualityFactor.objects.bulk_create(factors, batch_size=BATCH)
        factors = list(QualityFactor.objects.filter(group=group))
        QualityIndicator.objects.bulk_create(
            [
                QualityIndicator(group=group, factor=f, name=f"Kvalitetsindikator {k}", direction="higher", frequency="monthly")
                for f in factors
                for k in range(per_unit - goal_indicators_per_unit)
            ],
            batch_size=BATCH,
        )
        months = [date(y, m, 1) for y in range(year - years + 1, year + 1) for m in range(1, 13)]
        goal_ids = list(GoalIndicator.objects.filter(group=group).order_by("pk").values_list("pk", flat=True))
        quality_ids = list(QualityIndicator.objects.filter(group=group).order_by("pk").values_list("pk", flat=True))
        count = write_values(group.pk, goal_ids, quality_ids, months, rng)
        GoalIndicator.objects.filter(group=group).update(last_period=months[-1])
        QualityIndicator.objects.filter(group=group).update(last_period=months[-1])
        calendar = calendar_create(actor=None, group=group, year=year)
        # every goal assessed in each of the year's monthly reports; every committee's report written
        statuses = [s.code for s in group.governance.status_scale if s.rank > 0]
        months_reported = list(calendar.periods.filter(kind="monthly_report", org_unit__isnull=True))
        Assessment.objects.bulk_create(
            [Assessment(group=group, period=p, goal=g, status=rng.choice(statuses)) for p in months_reported for g in goals],
            batch_size=BATCH,
        )
        if months_reported:  # each goal's latest assessment, as the assessment service keeps it
            last = max(months_reported, key=lambda p: p.end)
            DevelopmentGoal.objects.filter(group=group).update(
                assessed_until=last.end, latest_status=Subquery(Assessment.objects.filter(goal=OuterRef("pk"), period=last).values("status")[:1])
            )
        committees = OrgUnit.objects.filter(group=group, kind="COMMITTEE")
        Report.objects.bulk_create([Report(group=group, org_unit=c, period=p, state="submitted") for p in months_reported for c in committees])
        indicators = GoalIndicator.objects.filter(group=group).count() + QualityIndicator.objects.filter(group=group).count()
        self.stdout.write(f"{group.slug}: {OrgUnit.objects.filter(group=group).count()} units, {indicators} indicators, {count} values")
