"""The Alvesta demo: the preset's group, a few units, one persona per role and one thin
slice of plan, follow-up and frame, all made through the services (so all audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from styr.domain.presets import load_preset_file
from styr.economy.services import frame_set
from styr.followup.services import measurement_record
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.services import group_load_preset, org_unit_create, role_assign
from styr.planning.services import goal_adopt, goal_create, indicator_create

ALVESTA_PRESET = Path(settings.BASE_DIR) / "presets" / "alvesta-2020.yaml"
DEMO_PASSWORD = "styr-demo"


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    role: str | None
    unit_name: str | None
    description: str


PERSONAS = (
    Persona("kf.ordforande", "Karin Fullmäktigesson", "POLITICIAN", "Kommunfullmäktige", "council chair (kommunfullmäktiges ordförande)"),
    Persona("ks.controller", "Kim Controller", "CONTROLLER", "Kommunstyrelsen", "KS controller (covers the whole group)"),
    Persona("un.politiker", "Ulla Nämndledamot", "POLITICIAN", "Utbildningsnämnden", "committee politician"),
    Persona("uf.tjansteperson", "Tove Tjänsteperson", "OFFICIAL", "Utbildningsförvaltningen", "administration official"),
    Persona("enhetschef", "Erik Enhetschef", "OFFICIAL", "Hagaskolan", "unit manager"),
    Persona("revisor", "Rut Revisor", "AUDITOR", "Kommunfullmäktige", "auditor (reads everything, changes nothing)"),
    Persona("admin", "Ada Administratör", "ADMINISTRATOR", "Kommunfullmäktige", "administrator (also Django admin)"),
    Persona("utomstaende", "Otto Utomstående", None, None, "outsider (no role)"),
)

#: Demo operations and units under two administrations: (administration, kind, name, parent name or None).
DEMO_UNITS = (
    ("Utbildningsförvaltningen", "OPERATION", "Grundskola", None),
    ("Utbildningsförvaltningen", "UNIT", "Hagaskolan", "Grundskola"),
    ("Utbildningsförvaltningen", "UNIT", "Prästängsskolan", "Grundskola"),
    ("Omsorgsförvaltningen", "OPERATION", "Vård och omsorg", None),
    ("Omsorgsförvaltningen", "UNIT", "Särskilt boende Hagalund", "Vård och omsorg"),
)


@transaction.atomic
def load_demo(*, today: date) -> tuple[MunicipalGroup, bool]:
    """Load the demo once; a second run changes nothing and returns created=False."""
    group, created = group_load_preset(actor=None, preset=load_preset_file(ALVESTA_PRESET), today=today)
    if not created:
        return group, False
    units = {u.name: u for u in OrgUnit.objects.filter(group=group)}
    for admin_name, kind, name, parent_name in DEMO_UNITS:
        parent = units[parent_name or admin_name]
        units[name] = org_unit_create(actor=None, group=group, parent=parent, kind=kind, name=name, valid_from=today.replace(month=1, day=1))

    User = get_user_model()
    users = {}
    for persona in PERSONAS:
        first, _, last = persona.full_name.partition(" ")
        user = User.objects.filter(username=persona.username).first()
        if user is None:
            user = User.objects.create_user(
                username=persona.username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_staff=persona.role == "ADMINISTRATOR",
                is_superuser=persona.role == "ADMINISTRATOR",
            )
        users[persona.username] = user
        if persona.role and persona.unit_name:
            role_assign(actor=None, user=user, org_unit=units[persona.unit_name], role=persona.role)

    year = today.year
    council = units["Kommunfullmäktige"]
    controller = users["ks.controller"]
    goal = goal_create(
        actor=controller,
        org_unit=council,
        title="Fler invånare i hela Alvesta kommun",
        citizen_change="Fler väljer att bo, verka och stanna i Alvesta, i tätorten och på landsbygden.",
        start_year=year,
        end_year=year + 1,
    )
    indicator = indicator_create(
        actor=controller,
        goal=goal,
        name="Antal invånare 31 december",
        unit_label="invånare",
        direction="higher",
        baseline_year=year - 1,
        baseline_value=Decimal("20134"),
        target_year=year + 1,
        target_value=Decimal("20400"),
    )
    goal_adopt(actor=users["kf.ordforande"], goal=goal)
    measurement_record(actor=controller, indicator=indicator, period=date(year, 6, 1), value=Decimal("20187"), comment="Befolkning 30 juni enligt SCB.")
    frame_set(actor=controller, org_unit=units["Utbildningsnämnden"], year=year, amount_tsek=Decimal("512300"))
    return group, True
