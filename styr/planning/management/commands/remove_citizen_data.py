from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.core.errors import violation_message
from styr.domain.errors import RuleViolation
from styr.planning.services.citizen_dialogue import citizen_data_remove


class Command(BaseCommand):
    help = (
        "Remove a citizen's name and email from their comments in the dialogues with citizens, on their request "
        "(DIAL-006): by the receipt code they were given, or by their email address. The comments and answers stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--receipt-code", default="", help="The receipt code shown when the comment was left.")
        parser.add_argument("--email", default="", help="The email address the comments were left with.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = citizen_data_remove(actor=None, receipt_code=options["receipt_code"], email=options["email"])
        except RuleViolation as violation:
            raise CommandError(f"{violation_message(violation)} ({violation.code})") from None
        self.stdout.write(f"Namn och e-post borttagna från {count} kommentarer.")
