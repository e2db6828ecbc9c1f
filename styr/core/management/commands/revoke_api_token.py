from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.core.selectors import api_token_all
from styr.core.services import api_token_revoke


class Command(BaseCommand):
    help = "Revoke the personal API token whose key begins with PREFIX (as list_api_tokens shows it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        prefix = options["prefix"].rstrip("…")
        found = list(api_token_all().filter(prefix=prefix)[:2])
        if not found:
            raise CommandError(f"Ingen API-nyckel börjar med “{prefix}”.")
        if len(found) > 1:
            raise CommandError(f"Flera API-nycklar börjar med “{prefix}”; återkalla den rätta i Python-skalet eller i administrationen.")
        token = found[0]
        if token.revoked_at is not None:
            raise CommandError(f"API-nyckeln “{prefix}” är redan återkallad.")
        api_token_revoke(actor=None, token=token)
        self.stdout.write(f"API-nyckeln “{prefix}” ({token.name}, {token.user.get_username()}) är återkallad.")
