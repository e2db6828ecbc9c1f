"""Alvesta and Exempelby in one database, each with real content (``tests.tenancy.content``),
built once for the package inside a transaction that is rolled back at its end."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from styr.organisation.services import role_assign
from tests.conftest import PASSWORD, build_other_group, build_world
from tests.tenancy.content import Content, Layout, fill
from tests.tenancy.crawl import Forbidden, forbidden

ALVESTA = Layout(
    "Kommunfullmäktige", "Kommunstyrelsen", "Utbildningsnämnden", "Utbildningsförvaltningen", "Hagaskolan", "ks_controller", "committee_politician", "achieved"
)
EXEMPELBY = Layout(
    "Fullmäktige", "Kommunstyrelsen", "Barn- och skolutskottet", "Skolkontoret", "Byskolan", "other_group_controller", "other_group_politician", "green"
)
#: names only one group has (its units and its own name), looked for in the other group's answers
ALVESTA_NAMES = ("Alvesta kommunkoncern", "Utbildningsnämnden", "Hagaskolan", "Omsorgsnämnden")
EXEMPELBY_NAMES = ("Exempelby kommun", "Barn- och skolutskottet", "Byskolan", "Skolkontoret", "Ledningskontoret")


@dataclass
class Side:
    """One group as its own readers see it: its content, its readers, and what of it the other
    group's readers must never see."""

    key: str
    content: Content
    users: dict[str, Any]
    readers: tuple[str, ...]
    forbidden: Forbidden

    def client(self, reader: str | None) -> Client:
        client = Client()
        if reader is not None:
            client.force_login(self.users[reader])
        return client


@dataclass
class Tenants:
    alvesta: Side
    exempelby: Side

    def pair(self, key: str) -> tuple[Side, Side]:
        """(own group, other group)."""
        return (self.alvesta, self.exempelby) if key == "alvesta" else (self.exempelby, self.alvesta)


@pytest.fixture(scope="package")
def tenants(django_db_setup: None, django_db_blocker: Any) -> Iterator[Tenants]:
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]), transaction.atomic():
        world, other = build_world(), build_other_group()
        admin = get_user_model().objects.create_user(username="exempelby_admin", password=PASSWORD)
        role_assign(actor=None, user=admin, org_unit=other.units["Fullmäktige"], role="ADMINISTRATOR")
        other.users["exempelby_admin"] = admin
        alvesta = fill(group=world.group, units=world.units, users=world.users, layout=ALVESTA, marker="ALVMARK", base=7301)
        exempelby = fill(group=other.group, units=other.units, users=other.users, layout=EXEMPELBY, marker="EXEMARK", base=9402)
        yield Tenants(
            alvesta=Side("alvesta", alvesta, world.users, ("ks_controller", "administrator"), forbidden(alvesta, ALVESTA_NAMES)),
            exempelby=Side("exempelby", exempelby, other.users, ("other_group_controller", "exempelby_admin"), forbidden(exempelby, EXEMPELBY_NAMES)),
        )
        transaction.set_rollback(True)
