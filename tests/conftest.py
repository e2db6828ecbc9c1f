"""Personas and the Alvesta group, built through the services so side effects are real."""

from __future__ import annotations

import collections
import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from styr.domain.presets import load_preset_file
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.services import group_load_preset, org_unit_create, role_assign

ROOT = Path(__file__).resolve().parent.parent
ALVESTA = ROOT / "presets" / "alvesta-2020.yaml"
EXEMPELBY = ROOT / "tests" / "fixtures" / "presets" / "exempelby-2024.yaml"
SHARED = ROOT.parent / "shared"
TODAY = date(2026, 3, 2)
YEAR = TODAY.year
PASSWORD = "test-pass-123"


@dataclass
class World:
    group: MunicipalGroup
    units: dict[str, OrgUnit]
    users: dict[str, Any]

    def unit(self, name: str) -> OrgUnit:
        return self.units[name]

    def client(self, persona: str | None) -> Client:
        client = Client()
        if persona is not None:
            client.force_login(self.users[persona])
        return client


#: persona -> (role, unit); the outsider has no role, the public is anonymous.
PERSONAS: dict[str, tuple[str | None, str | None]] = {
    "council_chair": ("POLITICIAN", "Kommunfullmäktige"),
    "ks_controller": ("CONTROLLER", "Kommunstyrelsen"),
    "ks_politician": ("POLITICIAN", "Kommunstyrelsen"),
    "committee_politician": ("POLITICIAN", "Utbildningsnämnden"),
    "administration_official": ("OFFICIAL", "Utbildningsförvaltningen"),
    "unit_manager": ("OFFICIAL", "Hagaskolan"),
    "auditor": ("AUDITOR", "Kommunfullmäktige"),
    "administrator": ("ADMINISTRATOR", "Kommunfullmäktige"),
    "other_committee_politician": ("POLITICIAN", "Omsorgsnämnden"),
    "outsider": (None, None),
}


@functools.cache
def _preset(path: Path) -> Any:
    """A preset file read once per test process (the frozen domain object every world is built from)."""
    return load_preset_file(path)


def ensure_reference_data() -> None:
    """The reference data the migrations load (Agenda 2030's goals and targets): a transactional test
    (a live server's) flushes the database at its end, and the tests that run after it in the same
    process (in whatever order pytest-xdist hands them out) find it loaded again."""
    from styr.planning.agenda import load_agenda
    from styr.planning.models import SustainabilityGoal, SustainabilityTarget

    if not SustainabilityTarget.objects.exists():
        load_agenda(SustainabilityGoal, SustainabilityTarget)


def build_world() -> World:
    ensure_reference_data()
    group, _ = group_load_preset(actor=None, preset=_preset(ALVESTA), today=TODAY)
    units = {u.name: u for u in OrgUnit.objects.filter(group=group)}
    units["Grundskola"] = org_unit_create(
        actor=None, group=group, parent=units["Utbildningsförvaltningen"], kind="OPERATION", name="Grundskola", valid_from=TODAY
    )
    units["Hagaskolan"] = org_unit_create(actor=None, group=group, parent=units["Grundskola"], kind="UNIT", name="Hagaskolan", valid_from=TODAY)
    users = {}
    User = get_user_model()
    for persona, (role, unit_name) in PERSONAS.items():
        user = User.objects.create_user(username=persona, password=PASSWORD, first_name=persona.replace("_", " ").title())
        users[persona] = user
        if role and unit_name:
            role_assign(actor=None, user=user, org_unit=units[unit_name], role=role)
    return World(group=group, units=units, users=users)


@dataclass
class OtherGroup:
    """A second municipal group in the same database (the Exempelby variant preset), with a user
    who holds roles only there: what one group sees must contain nothing of the other."""

    group: MunicipalGroup
    units: dict[str, OrgUnit]
    users: dict[str, Any]

    def client(self, persona: str = "other_group_controller") -> Client:
        client = Client()
        client.force_login(self.users[persona])
        return client


#: persona of the second group -> (role, unit)
OTHER_GROUP_PERSONAS: dict[str, tuple[str, str]] = {
    "other_group_controller": ("CONTROLLER", "Kommunstyrelsen"),
    "other_group_politician": ("POLITICIAN", "Barn- och skolutskottet"),
    "other_group_official": ("OFFICIAL", "Byskolan"),
}


def build_other_group() -> OtherGroup:
    group, _ = group_load_preset(actor=None, preset=_preset(EXEMPELBY), today=TODAY)
    units = {u.name: u for u in OrgUnit.objects.filter(group=group)}
    users = {}
    User = get_user_model()
    for persona, (role, unit_name) in OTHER_GROUP_PERSONAS.items():
        user = User.objects.create_user(username=persona, password=PASSWORD, first_name=persona.replace("_", " ").title())
        users[persona] = user
        role_assign(actor=None, user=user, org_unit=units[unit_name], role=role)
    return OtherGroup(group=group, units=units, users=users)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test database is built from the models (``--nomigrations``: the migrations themselves are
    applied once, to a database of their own, in tests/test_migrations.py); the reference data the
    migrations load is loaded here, once per test process."""
    with django_db_blocker.unblock():
        ensure_reference_data()
        _record_migrations_as_applied()


def _record_migrations_as_applied() -> None:
    """The test database has the schema the migrations build (``makemigrations --check`` is CI's gate)
    without having run them: record them as applied, as ``migrate --fake`` would, so a server process
    started on it with the real settings (tests/serving/) finds nothing unapplied (its health check)."""
    import importlib
    import pkgutil

    from django.apps import apps
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    for alias in connections:
        recorder = MigrationRecorder(connections[alias])
        recorder.ensure_schema()
        for app in apps.get_app_configs():
            try:
                package = importlib.import_module(f"{app.name}.migrations")
            except ModuleNotFoundError:
                continue
            for module in pkgutil.iter_modules(package.__path__):
                if module.name[:1].isdigit():
                    recorder.record_applied(app.label, module.name)


@pytest.fixture(autouse=True)
def _nothing_kept_from_another_test() -> None:
    """KS's figures are kept under the group's latest audit event (``audit.kept_while_unchanged``);
    a test's database is new, and its ids and (frozen) times may be an earlier test's again."""
    from styr.core.audit import forget_kept

    forget_kept()


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def other_group(db: None) -> OtherGroup:
    """Exempelby beside Alvesta (use with ``world``)."""
    return build_other_group()


#: The files that take longest, handed out first so that the processes finish together (pytest-xdist
#: gives each process whole files, in the order they are collected: `--no-loadscope-reorder`, else it
#: would hand out the files with most tests first and the one-test matrix last). pytest-django then
#: moves the live-server tests to the end, keeping this order within each kind.
SLOW_FIRST = (
    "tests/permissions/test_api_matrix.py",
    "tests/tenancy/",
    "tests/api/test_schemathesis.py",
    "tests/test_migrations.py",
    "tests/demo/",
    "tests/browser/",
    "tests/test_commands.py",
)


def _slowness(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    return next((rank for rank, prefix in enumerate(SLOW_FIRST) if path.startswith(prefix)), len(SLOW_FIRST))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Schemathesis (4.32) names each operation's test in its name but not in its node id (pytest 9
    # builds the id from the original name and the parametrization, which schemathesis does not use),
    # and pytest-xdist hands out tests by node id: without the operation in it, only one operation of
    # each schemathesis test would run. Two tests with one id fail the collection, so it cannot come back.
    for item in items:
        label = getattr(item, "operation_label", None)
        node_id = getattr(item, "_id", None)
        if label and node_id is not None and node_id.params is None:
            item._id = node_id.with_params(label)  # type: ignore[attr-defined]
    counts = collections.Counter(item.nodeid for item in items)
    twice = sorted(nodeid for nodeid, count in counts.items() if count > 1)
    if twice:
        raise pytest.UsageError(f"{len(twice)} test ids name more than one test (pytest-xdist would run one of each): {twice[:5]}")
    items.sort(key=_slowness)  # stable: each file's tests keep their order
