from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from styr.core.errors import violation_message
from styr.domain.errors import RuleViolation
from styr.domain.presets import load_preset_file
from styr.organisation.services import group_load_preset


class Command(BaseCommand):
    help = "Create a municipal group from a preset file (presets/*.yaml). Nothing is written if the file has an error."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            group, created = group_load_preset(actor=None, preset=load_preset_file(options["path"]), today=timezone.localdate())
        except RuleViolation as violation:
            raise CommandError(f"{violation.code}: {violation_message(violation)}") from None
        self.stdout.write(self.style.SUCCESS(f"{'Created' if created else 'Kept the existing'} group {group.name} ({group.slug})"))
