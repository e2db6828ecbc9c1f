from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from styr.demo.loader import DEMO_PASSWORD, PERSONAS, load_demo


class Command(BaseCommand):
    help = "Load the Alvesta demo group (once; running again keeps the data) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        group, created = load_demo(today=timezone.localdate())
        verb = "Loaded" if created else "Kept the existing"
        self.stdout.write(self.style.SUCCESS(f"{verb} demo group: {group.name}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for persona in PERSONAS:
            where = f" on {persona.unit_name}" if persona.unit_name else ""
            self.stdout.write(f"  {persona.username:<20} {persona.description}{where}")
