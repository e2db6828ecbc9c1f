from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from styr.planning.services.citizen_dialogue import citizen_data_purge


class Command(BaseCommand):
    help = (
        "Blank the name and email of citizens' comments older than the governance model's "
        "citizen_dialogue.personal_data_retention_months (DIAL-006). Run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="The day to count from (YYYY-MM-DD); today by default.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = citizen_data_purge(today=options["today"])
        self.stdout.write(f"Namn och e-post borttagna från {count} kommentarer äldre än bevarandetiden.")
