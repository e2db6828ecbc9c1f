from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from styr.followup.reminders import send_reminders
from styr.organisation.models import MunicipalGroup


class Command(BaseCommand):
    help = (
        "Email the owners (and deputies) of items not reported by their deadline, and those with a role on a unit "
        "whose governing documents are to be revised (DOC-002); run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for group in MunicipalGroup.objects.all():
            sent = send_reminders(group=group, today=today)
            self.stdout.write(f"{group.name}: {sent} reminders")
