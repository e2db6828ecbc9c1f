"""``manage.py import_sie PATH --org-unit ID``: read a SIE file into an org unit's ledger."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.core.errors import violation_message
from styr.domain.errors import RuleViolation
from styr.economy.services import sie_import
from styr.organisation.models import OrgUnit


class Command(BaseCommand):
    help = "Import a SIE file (types 1, 2, 3, 4E, 4I) into the ledger of an org unit, as the system."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--org-unit", type=int, required=True, help="the id of the org unit that keeps the books")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        unit = OrgUnit.objects.filter(pk=options["org_unit"]).select_related("group").first()
        if unit is None:
            raise CommandError(f"Enheten {options['org_unit']} finns inte.")
        size = path.stat().st_size
        interactive = self.stdout.isatty()

        def progress(read: int) -> None:
            share = read / size if size else 1.0
            filled = int(share * 30)
            self.stdout.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%}", ending="")
            self.stdout.flush()

        try:
            outcome = sie_import(actor=None, org_unit=unit, file_name=path.name, path=path, on_progress=progress if interactive else None)
        except RuleViolation as refused:
            if interactive:
                self.stdout.write("")
            lines = [f"{refused.code}: {violation_message(refused)}"]
            lines += [f"  rad {e['line']}: {e['code']} {e['message']}" for e in refused.detail.get("errors", [])[1:20]]
            raise CommandError("\n".join(lines)) from None
        if interactive:
            self.stdout.write("")
        record = outcome.sie_import
        if outcome.unchanged:
            self.stdout.write(f"{path.name} är redan importerad (import {record.pk}, {record.imported_at:%Y-%m-%d %H:%M}); inget ändrades.")
            return
        self.stdout.write(f"Import {record.pk}: {path.name} → {unit} (SIE {record.sie_type}, SHA-256 {record.sha256[:12]}…)")
        for year in record.fiscal_years:
            self.stdout.write(f"  räkenskapsår {year['year']}: {year['start']} – {year['end']}")
        self.stdout.write("  " + ", ".join(f"#{tag} {count}" for tag, count in record.counts.items()))
        if outcome.replaced:
            self.stdout.write(f"  ersätter import {', '.join(str(i) for i in outcome.replaced)}")
        for warning in record.warnings:
            where = f"rad {warning['line']}: " if warning["line"] else ""
            self.stderr.write(f"  varning {warning['code']} {where}{warning['message']}")
        sys.stdout.flush()
