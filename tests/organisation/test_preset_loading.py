"""The Alvesta preset builds the group of seed §3; another preset builds another group."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.presets import load_preset_file, parse_preset
from styr.organisation.models import CoreValues, GoverningDocument, MunicipalGroup, OrgUnit, Vision
from styr.organisation.services import group_load_preset
from styr.planning.services import goal_create
from tests.conftest import ALVESTA, EXEMPELBY, TODAY

PAIRS = {
    "Kommunstyrelsen": "Kommunledningsförvaltningen",
    "Nämnden för arbete och lärande": "Förvaltningen för arbete och lärande",
    "Utbildningsnämnden": "Utbildningsförvaltningen",
    "Omsorgsnämnden": "Omsorgsförvaltningen",
    "Samhällsbyggnadsnämnden": "Förvaltningen för samhällsbyggnad",
    "Kultur- och fritidsnämnden": "Kultur- och fritidsförvaltningen",
}
SUBSIDIARIES = {"AllboHus Fastighets AB", "Alvesta Energi AB", "Alvesta Renhållnings AB", "Alvesta Utvecklings AB"}


@pytest.mark.django_db
def test_alvesta_preset_builds_exactly_the_group_of_seed_section_3() -> None:
    group, created = group_load_preset(actor=None, preset=load_preset_file(ALVESTA), today=TODAY)
    assert created
    units = {u.name: u for u in OrgUnit.objects.filter(group=group)}
    council = OrgUnit.objects.get(group=group, parent=None)
    assert (council.name, council.kind, council.members) == ("Kommunfullmäktige", "COUNCIL", 49)
    assert units["Kommunstyrelsen"].kind == "EXECUTIVE_BOARD" and units["Kommunstyrelsen"].parent == council
    administrations = OrgUnit.objects.filter(group=group, kind="ADMINISTRATION")
    assert administrations.count() == 6
    for body, administration in PAIRS.items():
        assert units[administration].parent == units[body], administration
    parent_company = units["Alvesta Kommunföretag AB"]
    assert parent_company.kind == "PARENT_COMPANY" and parent_company.parent == council
    assert {u.name for u in OrgUnit.objects.filter(group=group, kind="COMPANY", parent=parent_company)} == SUBSIDIARIES
    assert OrgUnit.objects.filter(group=group).count() == 1 + 1 + 5 + 6 + 1 + 4
    assert Vision.objects.get(group=group).title == "Vision 2027"
    assert "södra Sveriges mittpunkt" in Vision.objects.get(group=group).text
    assert "bättre vardag" in CoreValues.objects.get(group=group).text
    model_doc = GoverningDocument.objects.get(group=group)
    assert (model_doc.decision_reference, model_doc.decision_date.isoformat(), model_doc.registration_number) == (
        "KF § 49/2020",
        "2020-06-15",
        "2020-00190",
    )
    assert (model_doc.decided_by, model_doc.validity, model_doc.follow_up_responsible) == (
        "Kommunfullmäktige",
        "Tills vidare",
        "Kommunledningsförvaltningen, kommunchef",
    )
    assert AuditEvent.objects.filter(group=group, action="org_unit.created").count() == 18


@pytest.mark.django_db
def test_loading_a_preset_twice_keeps_the_first_group() -> None:
    first, _ = group_load_preset(actor=None, preset=load_preset_file(ALVESTA), today=TODAY)
    again, created = group_load_preset(actor=None, preset=load_preset_file(ALVESTA), today=TODAY)
    assert again == first and not created
    assert MunicipalGroup.objects.count() == 1


@pytest.mark.django_db
def test_a_second_municipality_gets_its_own_cap_and_labels() -> None:
    group, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    school = OrgUnit.objects.get(group=group, name="Byskolan")
    assert school.level_label() == "Resultatenhet"
    goal_create(actor=None, org_unit=school, title="Ett", start_year=2026, end_year=2026)
    goal_create(actor=None, org_unit=school, title="Två", start_year=2026, end_year=2026)
    with pytest.raises(RuleViolation) as err:
        goal_create(actor=None, org_unit=school, title="Tre", start_year=2026, end_year=2026)
    assert err.value.code == "GOAL-001" and err.value.detail["cap"] == 2


@pytest.mark.django_db
def test_a_malformed_preset_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text(ALVESTA.read_text(encoding="utf-8").replace("kind: COMPANY}", "kind: KONCERNBOLAG}", 1), encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("load_preset", str(bad))
    message = str(err.value)
    assert "ORG-006" in message and "trasig.yaml" in message and "rad" in message
    assert MunicipalGroup.objects.count() == 0 and OrgUnit.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_load_preset_command_creates_the_group() -> None:
    call_command("load_preset", str(EXEMPELBY))
    assert MunicipalGroup.objects.get().slug == "exempelby"


def test_preset_errors_read_in_swedish_with_file_and_line() -> None:
    from django.utils import translation

    from styr.core.errors import violation_message

    with pytest.raises(RuleViolation) as err:
        parse_preset(ALVESTA.read_text(encoding="utf-8").replace("kind: COMPANY}", "kind: X}", 1), source="alvesta.yaml")
    with translation.override("sv"):
        text = violation_message(err.value)
    assert text.startswith("alvesta.yaml, rad ")
    assert "Okänd" in text or "okänd" in text
