from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from styr.core.selectors import STATE_LABELS, api_token_all
from styr.core.tokens import token_state


class Command(BaseCommand):
    help = "List personal API tokens (prefix, user, name, scope, created, expires, last used, state); never the keys."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="Only this user's tokens.")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = None
        if options["user"]:
            owner = get_user_model().objects.filter(username=options["user"]).first()
            if owner is None:
                raise CommandError(f"Användaren “{options['user']}” finns inte.")
        now = timezone.now()
        for token in api_token_all(owner=owner):
            scope = ("läsa" if token.read_only else "läsa och skriva") + "; " + (", ".join(token.areas) or "alla områden")
            used = f"{timezone.localtime(token.last_used_at):%Y-%m-%d %H:%M}" if token.last_used_at else "aldrig"
            fields = [
                token.prefix,
                token.user.get_username(),
                token.name,
                scope,
                f"{timezone.localtime(token.created_at):%Y-%m-%d}",
                f"{timezone.localtime(token.expires_at):%Y-%m-%d}",
                used,
                str(STATE_LABELS[token_state(token, now)]),
            ]
            self.stdout.write("\t".join(fields))
