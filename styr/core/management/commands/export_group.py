"""``manage.py export_group SLUG FILE``: one municipal group's archive (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.core.backup.export import group_export
from styr.organisation.models import MunicipalGroup


class Command(BaseCommand):
    help = "Write a versioned archive (zip) of one municipal group: its rows, adopted snapshots, people and uploaded files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the group's short name")
        parser.add_argument("file", help="the archive to write (.zip)")
        parser.add_argument("--with-passwords", action="store_true", help="include the people's password hashes (keep the archive as secret as the database)")

    def handle(self, *args: Any, **options: Any) -> None:
        group = MunicipalGroup.objects.filter(slug=options["slug"]).first()
        if group is None:
            raise CommandError(f"Ingen kommunkoncern har kortnamnet {options['slug']!r}.")
        path = Path(options["file"])
        partial = path.with_name(path.name + ".part")
        try:
            with partial.open("wb") as out:
                manifest = group_export(group=group, out=out, with_passwords=options["with_passwords"])
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        rows = sum(n for key, n in manifest["counts"].items() if "." in key)
        self.stdout.write(
            f"{group.slug}: {rows} rader, {manifest['counts']['people']} personer, {manifest['counts']['files']} filer, "
            f"{len(manifest['snapshots'])} beslutade ögonblicksbilder → {path}"
        )
