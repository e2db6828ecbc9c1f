"""``manage.py kolada_sync``: Kolada's catalogue, and the values of the bound indicators of every
group with Kolada settings (or of ``--group SLUG``), as the system; ``--catalogue-only`` skips the
values; ``--from-dir DIR`` reads saved answers (v3 or v2 JSON, rKolada's CSVs) instead of asking
Kolada, for a municipality behind a firewall; this command (the operator) is the only way files
reach the shared catalogue (KOLADA-008: the Kolada page's upload takes values only). Nothing is
written when anything fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.core.errors import violation_message
from styr.domain.errors import RuleViolation
from styr.followup.kolada import Source, kolada_sync
from styr.integrations.kolada import KoladaClient
from styr.integrations.kolada_offline import SavedAnswers
from styr.organisation.models import MunicipalGroup

STEPS = {"catalogue": "katalogen", "values": "värden", "done": "klart"}


class Command(BaseCommand):
    help = "Sync Kolada's catalogue and the values of indicators bound to a KPI (as the system)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--catalogue-only", action="store_true", help="only the catalogue: KPIs, municipalities, groups, units")
        parser.add_argument("--group", metavar="SLUG", help="only this municipal group (default: every group with Kolada settings)")
        parser.add_argument("--from-dir", metavar="DIR", type=Path, help="read saved answers (JSON, rKolada CSV) from DIR instead of Kolada")

    def handle(self, *args: Any, **options: Any) -> None:
        group = None
        if options["group"]:
            group = MunicipalGroup.objects.filter(slug=options["group"]).first()
            if group is None:
                raise CommandError(f"Kommunkoncernen {options['group']} finns inte.")
        interactive = self.stdout.isatty()

        def progress(step: str, done: int, total: int) -> None:
            share = done / total if total else 1.0
            filled = int(share * 30)
            self.stdout.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%} {STEPS.get(step, step):<10}", ending="")
            self.stdout.flush()

        chosen: dict[str, Any] = {"group": group, "catalogue_only": options["catalogue_only"], "on_progress": progress if interactive else None}
        try:
            if options["from_dir"] is not None:
                source: Source = SavedAnswers.from_dir(options["from_dir"])
                result = kolada_sync(actor=None, source=source, **chosen)
            else:
                with KoladaClient() as client:
                    result = kolada_sync(actor=None, source=client, **chosen)
        except RuleViolation as refused:
            if interactive:
                self.stdout.write("")
            where = f"{refused.source}: " if refused.source and not violation_message(refused).startswith(refused.source) else ""
            raise CommandError(f"{refused.code}: {where}{violation_message(refused)}") from None
        if interactive:
            self.stdout.write("")
        self.stdout.write(
            f"Nyckeltal: {result.kpis_created} nya, {result.kpis_updated} uppdaterade; "
            f"kommuner {result.municipalities}, grupper {result.groups}, enheter {result.org_units}."
        )
        if not options["catalogue_only"]:
            self.stdout.write(
                f"Värden: {result.values_stored} lagrade; {result.measurements_written} uppföljningsvärden från Kolada, "
                f"{result.manual_kept} inmatade värden behållna, {result.adopted_kept} i fastställda rapporter orörda."
            )
            self.stdout.write(f"Kommunkoncerner: {', '.join(result.synced_groups) or 'ingen med Kolada-inställningar'}.")
        if result.definitions_changed:
            self.stdout.write(f"Ändrade definitioner: {', '.join(result.definitions_changed[:20])}{' …' if len(result.definitions_changed) > 20 else ''}")
        if result.needs_review:
            self.stdout.write(f"{result.needs_review} kopplade indikatorer behöver granskas (KOLADA-004).")
