from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.core.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it (send it as Authorization: Bearer <token>)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="api")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Användaren “{options['username']}” finns inte.")
        _token, raw = api_token_create(actor=None, user=user, name=options["name"])
        self.stdout.write(raw)
