"""``manage.py verify_snapshots [--group SLUG]``: recompute every adopted snapshot's SHA-256."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.core.backup.snapshots import snapshot_mismatches
from styr.organisation.models import MunicipalGroup


class Command(BaseCommand):
    help = "Recompute each adopted snapshot's SHA-256 and report every one that does not match its stored hash (exit code 1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--group", default=None, help="only this group's short name")

    def handle(self, *args: Any, **options: Any) -> None:
        group = None
        if options["group"]:
            group = MunicipalGroup.objects.filter(slug=options["group"]).first()
            if group is None:
                raise CommandError(f"Ingen kommunkoncern har kortnamnet {options['group']!r}.")
        checked, mismatches = snapshot_mismatches(group)
        for m in mismatches:
            self.stdout.write(f"AVVIKER {m.model} id={m.pk} enhet={m.unit}: lagrad {m.stored or '(tom)'}, beräknad {m.recomputed}")
        if mismatches:
            raise CommandError(f"{len(mismatches)} av {checked} beslutade ögonblicksbilder stämmer inte med sin SHA-256.", returncode=1)
        self.stdout.write(f"Alla {checked} beslutade ögonblicksbilder stämmer med sin SHA-256.")
