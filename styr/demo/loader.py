"""The Alvesta demo: the preset's group, a few units, one persona per role and one thin
slice of plan, follow-up and frame, all made through the services (so all audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from styr.core.middleware import request_cache
from styr.demo.balance import load_demo_balance
from styr.demo.budget_process import load_demo_budget_process
from styr.demo.carry_over import load_demo_carry_over
from styr.demo.citizen_dialogue import load_demo_citizen_dialogue
from styr.demo.economy import load_demo_economy, load_demo_frames, load_demo_ledgers
from styr.demo.financial_goals import load_demo_financial_goals
from styr.demo.followup import load_demo_followup
from styr.demo.internal_control import load_demo_internal_control
from styr.demo.internal_control_data.joint_authority import JOINT_AUTHORITY
from styr.demo.investments import load_demo_investments
from styr.demo.kolada import load_demo_kolada, load_demo_kolada_later
from styr.demo.long_term import load_demo_budget_assumptions
from styr.demo.plans import load_demo_plans
from styr.domain.presets import load_preset_file
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.services import group_load_preset, org_unit_create, role_assign

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
    Persona("ks.ordforande", "Klas Styrelsesson", "POLITICIAN", "Kommunstyrelsen", "KS chair (adopts KS's planning calendar and reports)"),
    Persona("un.politiker", "Ulla Nämndledamot", "POLITICIAN", "Utbildningsnämnden", "committee politician"),
    Persona("on.politiker", "Olga Omsorgsledamot", "POLITICIAN", "Omsorgsnämnden", "committee politician (care)"),
    Persona("akf.ordforande", "Anders Bolagsson", "POLITICIAN", "Alvesta Kommunföretag AB", "parent company chair (holds the owner dialogues)"),
    Persona("allbohus.ordforande", "Birgitta Husberg", "POLITICIAN", "AllboHus Fastighets AB", "company board chair"),
    Persona("allbohus.ekonom", "Hampus Hyresvärd", "OFFICIAL", "AllboHus Fastighets AB", "company official (internal control, answers, reports)"),
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
    # the joint authority under KS's oversight (issue 12 §5): it reports to KS like a company
    units[JOINT_AUTHORITY] = org_unit_create(
        actor=None, group=group, parent=units["Kommunfullmäktige"], kind="JOINT_AUTHORITY", name=JOINT_AUTHORITY, valid_from=today.replace(month=1, day=1)
    )

    User = get_user_model()
    hashed = make_password(DEMO_PASSWORD)
    users = {}
    for persona in PERSONAS:
        first, _, last = persona.full_name.partition(" ")
        user = User.objects.filter(username=persona.username).first()
        if user is None:
            user = User.objects.create(
                username=persona.username,
                password=hashed,  # hashed once: each hash takes about a second by design
                first_name=first,
                last_name=last,
                is_staff=persona.role == "ADMINISTRATOR",
                is_superuser=persona.role == "ADMINISTRATOR",
            )
        users[persona.username] = user
        if persona.role and persona.unit_name:
            role_assign(actor=None, user=user, org_unit=units[persona.unit_name], role=persona.role)

    # the roles stay as they are from here on: read each person's grants once, as in a request
    cache = request_cache.set({})
    try:
        load_demo_frames(units=units, users=users, today=today)  # proposals, adopted with Mål och budget
        load_demo_investments(units=units, users=users, today=today)  # the investment plan, locked with Mål och budget
        load_demo_ledgers(group=group, units=units, users=users, today=today)  # last year's outcome, in Mål och budget
        load_demo_budget_assumptions(group=group, users=users, today=today)  # its result budget, before it is adopted
        load_demo_plans(units=units, users=users, year=today.year)
        load_demo_citizen_dialogue(units=units, users=users, today=today)  # on the committee's adopted goal
        load_demo_missions(units=units, users=users)
        load_demo_economy(group=group, units=units, users=users, today=today)
        load_demo_financial_goals(group=group, users=users, today=today)
        load_demo_carry_over(group=group, units=units, users=users, today=today)  # last year's books are full
        load_demo_budget_process(group=group, units=units, users=users, today=today)
        load_demo_kolada(group=group, users=users, today=today)  # issue 13: before the reports that adopt its values
        load_demo_followup(group=group, units=units, users=users, today=today)
        load_demo_balance(group=group, users=users, today=today)
        load_demo_internal_control(group=group, units=units, users=users, today=today)  # issue 12: after the årshjul it reports on
        load_demo_kolada_later(group=group, users=users)  # a changed definition to review
    finally:
        request_cache.reset(cache)
    return group, True


#: The core mission of each administration, operation and unit in the demo (part A of the model).
UNIT_MISSIONS = (
    (
        "Utbildningsförvaltningen",
        "uf.tjansteperson",
        "Utbildningsnämnden och förskolans och skolans barn och elever",
        "Genomföra utbildningsnämndens beslut och leda förskola och skola",
        "Skollagen, utbildningsnämndens delegationsordning",
    ),
    (
        "Grundskola",
        "uf.tjansteperson",
        "Elever i förskoleklass och grundskolans årskurs 1–9",
        "Ge eleverna kunskaper och värden för fortsatt lärande",
        "Skollagen, läroplanen för grundskolan (Lgr22)",
    ),
    (
        "Hagaskolan",
        "enhetschef",
        "Hagaskolans cirka 350 elever i årskurs F–6 och deras vårdnadshavare",
        "Ge varje elev en trygg skolgång med studiero och goda kunskaper",
        "Skollagen, Lgr22, skolans plan mot kränkande behandling",
    ),
    (
        "Prästängsskolan",
        "uf.tjansteperson",
        "Prästängsskolans elever i årskurs 7–9 och deras vårdnadshavare",
        "Ge varje elev behörighet till gymnasiet och en trygg skolgång",
        "Skollagen, Lgr22, skolans plan mot kränkande behandling",
    ),
    (
        "Omsorgsförvaltningen",
        "ks.controller",
        "Omsorgsnämnden och de äldre och personer med funktionsnedsättning som får stöd",
        "Genomföra omsorgsnämndens beslut med god kvalitet och kontinuitet",
        "Socialtjänstlagen, LSS, omsorgsnämndens delegationsordning",
    ),
    (
        "Vård och omsorg",
        "ks.controller",
        "Äldre med hemtjänst eller särskilt boende",
        "Ge trygg vård och omsorg utifrån varje persons behov",
        "Socialtjänstlagen, hälso- och sjukvårdslagen",
    ),
    (
        "Särskilt boende Hagalund",
        "ks.controller",
        "De boende på Hagalund och deras närstående",
        "Ge ett tryggt boende med god omvårdnad och meningsfull vardag",
        "Socialtjänstlagen, hälso- och sjukvårdslagen, värdegrunden för äldreomsorgen",
    ),
)


def load_demo_missions(*, units: dict[str, OrgUnit], users: dict[str, Any]) -> None:
    """Every demo unit's core mission is written (Hagaskolan's was empty before issue 8)."""
    from styr.planning.services import core_mission_set

    for unit_name, username, serves, purpose, governed_by in UNIT_MISSIONS:
        core_mission_set(actor=users[username], org_unit=units[unit_name], serves=serves, purpose=purpose, governed_by=governed_by)
