from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from styr.api.scopes import AREAS
from styr.core.errors import violation_message
from styr.core.services import api_token_create
from styr.core.tokens import end_of_day
from styr.domain.errors import RuleViolation


class Command(BaseCommand):
    help = (
        "Create a personal API token for USERNAME and print it (send it as Authorization: Bearer <token>). "
        "Without --area the token reaches every area; without --expires-days it lives the longest allowed "
        "(STYR_API_TOKEN_MAX_DAYS)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="api")
        parser.add_argument("--read-only", action="store_true", help="Only GET, HEAD and OPTIONS (TOKEN-001).")
        parser.add_argument("--area", action="append", default=[], choices=list(AREAS), help="An area the token may call (repeatable; TOKEN-002).")
        parser.add_argument("--expires-days", type=int, help="Days until the token expires (TOKEN-003).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Användaren “{options['username']}” finns inte.")
        days = options["expires_days"]
        expires_at = end_of_day(timezone.localdate() + datetime.timedelta(days=days)) if days is not None else None
        try:
            _token, raw = api_token_create(
                actor=None, user=user, name=options["name"], read_only=options["read_only"], areas=options["area"], expires_at=expires_at
            )
        except RuleViolation as violation:
            raise CommandError(f"{violation_message(violation)} ({violation.code})") from None
        self.stdout.write(raw)
