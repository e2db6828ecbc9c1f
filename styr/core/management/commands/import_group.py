"""``manage.py import_group FILE [--slug NEW]``: restore a group's archive (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.core.backup.restore import group_import
from styr.core.errors import violation_message
from styr.domain.errors import RuleViolation


class Command(BaseCommand):
    help = "Restore one municipal group from its archive, into an empty database or beside other groups. All or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive written by export_group")
        parser.add_argument("--slug", default=None, help="restore under another short name (beside the original)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        try:
            with path.open("rb") as source:
                restored = group_import(actor=None, source=source, size=path.stat().st_size, slug=options["slug"])
        except RuleViolation as violation:
            raise CommandError(f"{violation.code}: {violation_message(violation)} Inget importerades.") from None
        ids = "samma id som i arkivet" if restored.kept_ids else "nya id (andra grupper fanns redan)"
        self.stdout.write(f"{restored.group.slug}: {sum(restored.counts.values())} rader importerade, {ids}; arkivets SHA-256 {restored.sha256}")
        if restored.people_created:
            self.stdout.write(f"Nya personer utan lösenord från arkivet: {', '.join(restored.people_created)}")
