"""National quality work (seed §5.B, QUAL-001): a quality factor names the national requirement on
systematic quality work it answers, and a unit's quality report is drawn up in that requirement's
structure — on a page, in its PDF and in its Word document — from the same factors, indicators,
risks, analysis and activities."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from styr.followup.services_calendar import calendar_create
from styr.planning import services
from styr.planning.models import QualityFactor
from tests.api.test_api_planning import as_, refused
from tests.conftest import YEAR, OtherGroup, World
from tests.documents.test_plan_documents import docx_text, pdf_text


def test_qual_001_a_factor_naming_an_unknown_requirement_is_refused_and_a_known_one_is_kept(world: World) -> None:
    unit = world.unit("Hagaskolan")
    with pytest.raises(RuleViolation) as refused_create:
        services.quality_factor_create(actor=None, org_unit=unit, title="Studiero", national_requirement="iso-9001")
    assert refused_create.value.code == "QUAL-001"
    assert not QualityFactor.objects.filter(org_unit=unit).exists()
    factor = services.quality_factor_create(actor=None, org_unit=unit, title="Studiero", national_requirement="skollagen-4-kap")
    assert AuditEvent.objects.get(action="quality_factor.created", object_id=str(factor.pk)).after["national_requirement"] == "skollagen-4-kap"
    with pytest.raises(RuleViolation):
        services.quality_factor_update(actor=None, factor=factor, national_requirement="sosfs-2099-1")
    factor.refresh_from_db()
    assert factor.national_requirement == "skollagen-4-kap"


def test_the_api_lists_the_requirements_and_a_factor_names_one(world: World) -> None:
    official = as_(world, "administration_official")
    requirements = official.get("/national-quality-requirements").json()
    assert [r["key"] for r in requirements] == ["skollagen-4-kap", "sosfs-2011-9"]
    assert [s["title"] for s in requirements[1]["sections"]][:2] == ["Processer och rutiner", "Riskanalys"]
    unit = world.unit("Hagaskolan").pk
    refused(official.post("/quality-factors", {"org_unit": unit, "title": "Studiero", "national_requirement": "iso-9001"}), 422, "QUAL-001")
    created = official.post("/quality-factors", {"org_unit": unit, "title": "Studiero", "national_requirement": "skollagen-4-kap"})
    assert created.status_code == 201 and created.json()["national_requirement"] == "skollagen-4-kap"
    factor_id = created.json()["id"]
    refused(official.patch(f"/quality-factors/{factor_id}", {"national_requirement": "x"}), 422, "QUAL-001")
    changed = official.patch(f"/quality-factors/{factor_id}", {"national_requirement": ""})
    assert changed.status_code == 200 and changed.json()["national_requirement"] == ""
    refused(as_(world, "auditor").post("/quality-factors", {"org_unit": unit, "title": "x", "national_requirement": "skollagen-4-kap"}), 403, "PERM-001")


def quality_report(world: World) -> ReportingPeriod:
    """Hagaskolan's quality report for June: a factor answering the Education Act, one answering
    nothing, their indicators' values, a risk of the core mission and the report's analysis."""
    calendar = calendar_create(actor=None, group=world.group, year=YEAR, quality_report_months=(6,))
    period = ReportingPeriod.objects.get(calendar=calendar, kind="quality_report")
    unit = world.unit("Hagaskolan")
    calm = services.quality_factor_create(
        actor=None, org_unit=unit, title="Studiero", description="Lugn och arbetsro i klassrummet", national_requirement="skollagen-4-kap"
    )
    other = services.quality_factor_create(actor=None, org_unit=unit, title="Städning")
    safe = services.quality_indicator_create(actor=None, factor=calm, name="Andel elever som känner sig trygga", direction="higher", unit_label="%")
    services.quality_indicator_create(actor=None, factor=other, name="Städade ytor", direction="higher")
    followup.quality_value_record(actor=None, indicator=safe, period=date(YEAR, 5, 1), value=Decimal(87))
    mission = services.core_mission_set(actor=None, org_unit=unit, purpose="Undervisning")
    services.risk_create(actor=None, core_mission=mission, description="Hög personalomsättning", likelihood=3, consequence=3)
    followup.report_create(actor=None, org_unit=unit, period=period, analysis="Tryggheten har ökat efter rastvärdarna.")
    return period


def test_the_quality_report_is_drawn_up_in_the_education_acts_structure_from_the_same_indicators_and_analysis(world: World) -> None:
    period = quality_report(world)
    unit = world.unit("Hagaskolan")
    client = world.client("administration_official")
    body = client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/nationell-struktur/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    sections = [
        "1. Förutsättningar och planering",
        "2. Uppföljning av resultat",
        "3. Analys i förhållande till de nationella målen",
        "4. Åtgärder och utveckling",
    ]
    positions = [body.index(s) for s in sections]
    assert positions == sorted(positions)
    assert "Kvalitetsrapport i strukturen för Skollagen 4 kap." in body and "Skollagen (2010:800)" in body
    assert "Lugn och arbetsro i klassrummet" in body and "Andel elever som känner sig trygga" in body and "2026-05: 87" in body
    assert "Tryggheten har ökat efter rastvärdarna." in body
    assert "Städning" not in body and "Städade ytor" not in body  # answers no national requirement
    assert "SOSFS" not in body  # no factor of the unit answers it
    reporting = client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/").content.decode()
    assert f"/enheter/{unit.pk}/rapportering/{period.pk}/nationell-struktur/" in reporting
    word = docx_text(client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/rapport.docx", HTTP_ACCEPT_LANGUAGE="sv").content)
    assert "Kvalitetsrapport i strukturen för Skollagen 4 kap." in word and "3. Analys i förhållande till de nationella målen (4 kap. 3–5 §§)" in word
    pdf = pdf_text(client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/rapport.pdf", HTTP_ACCEPT_LANGUAGE="sv").content)
    assert "Kvalitetsrapport i strukturen för Skollagen 4 kap." in pdf and "Uppföljning av resultat" in pdf


def test_the_management_system_regulations_structure_takes_the_core_missions_risks(world: World) -> None:
    period = quality_report(world)
    unit = world.unit("Hagaskolan")
    factor = QualityFactor.objects.get(org_unit=unit, title="Städning")
    services.quality_factor_update(actor=None, factor=factor, national_requirement="sosfs-2011-9")
    body = world.client("administration_official").get(f"/enheter/{unit.pk}/rapportering/{period.pk}/nationell-struktur/", HTTP_ACCEPT_LANGUAGE="sv")
    text = body.content.decode()
    assert text.index("Skollagen 4 kap.") < text.index("SOSFS 2011:9")  # each requirement the unit's factors answer, in the reference data's order
    care = text[text.index("Kvalitetsrapport i strukturen för SOSFS 2011:9") :]
    assert care.index("Processer och rutiner") < care.index("Riskanalys") < care.index("Egenkontroll") < care.index("Förbättrande åtgärder")
    assert "Hög personalomsättning" in care and "Städade ytor" in care and "Andel elever som känner sig trygga" not in care


def test_a_monthly_report_has_no_national_structure_and_another_group_cannot_see_the_page(world: World, other_group: OtherGroup) -> None:
    period = quality_report(world)
    unit = world.unit("Hagaskolan")
    march = ReportingPeriod.objects.get(group=world.group, kind="monthly_report", end=date(YEAR, 3, 31))
    body = world.client("administration_official").get(f"/enheter/{unit.pk}/rapportering/{march.pk}/nationell-struktur/", HTTP_ACCEPT_LANGUAGE="sv")
    assert body.status_code == 200 and "Förutsättningar och planering" not in body.content.decode()
    assert other_group.client().get(f"/enheter/{unit.pk}/rapportering/{period.pk}/nationell-struktur/").status_code == 404
    assert world.client("outsider").get(f"/enheter/{unit.pk}/rapportering/{period.pk}/nationell-struktur/").status_code in (403, 404)
