from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from styr.followup.reminders import send_reminders
from styr.organisation.models import MunicipalGroup


class Command(BaseCommand):
    help = "Email the owners (and deputies) of items not reported by their deadline; run daily."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for group in MunicipalGroup.objects.all():
            sent = send_reminders(group=group, today=today)
            self.stdout.write(f"{group.name}: {sent} reminders")
