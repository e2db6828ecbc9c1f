"""Issue 12's parts read as one part of the model: the internal control pages link one another by
their names (no hard-coded paths), each body's pages share one breadcrumb and sub-navigation, the
oversight links each body's plan and report, the companies link their plans; a company's report
document answers its owner directives point by point and the parent company's gathers its
subsidiaries'; the annual report (and only it) carries the body's internal control."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from styr.control.models import ControlAim, ControlRisk
from styr.control.services import companies as company_services
from styr.documents.builders import report_content_build
from styr.followup.models import Report, ReportingPeriod
from styr.followup.services import calendar_create
from tests.conftest import YEAR, World
from tests.control.companies_setup import ALLBOHUS, PARENT, general_directive, subsidiary_directive
from tests.control.followup_setup import BODY, Setup, setup_fixture  # noqa: F401  (the fixture)
from tests.html_check import vnu_errors

SV = {"Accept-Language": "sv"}


def _url(name: str, *args: object) -> str:
    return reverse(f"control:{name}", args=args)


def test_the_index_links_each_bodys_four_parts_the_common_controls_and_the_oversight(setup: Setup) -> None:
    unit = setup.world.unit(BODY)
    page = setup.world.client("ks_controller").get(_url("index", YEAR), headers=SV).content.decode()
    row = page.split(f'id="body-{unit.pk}"')[1].split("</tr>")[0]
    for name in ("risks", "plan", "followup_year", "report"):
        assert f'href="{_url(name, unit.pk, YEAR)}"' in row, name
    assert f'href="{_url("common", YEAR)}"' in page and f'href="{_url("oversight", YEAR)}"' in page


@pytest.mark.parametrize(("name", "part"), [("risks", "risks"), ("plan", "plan"), ("followup_year", "followup"), ("report", "report")])
def test_each_part_of_a_body_carries_the_shared_breadcrumb_and_sub_navigation(setup: Setup, name: str, part: str) -> None:
    unit = setup.world.unit(BODY)
    page = setup.world.client("administration_official").get(_url(name, unit.pk, YEAR), headers=SV).content.decode()
    nav = page.split('class="mb-3 control-parts"')[1].split("</nav>")[0]
    for other in ("risks", "plan", "followup_year", "report"):
        assert f'href="{_url(other, unit.pk, YEAR)}"' in nav, other
    current = nav.split('aria-current="page"')[0].rsplit("href=", 1)[1]
    assert current.startswith(f'"{_url(name, unit.pk, YEAR)}"')
    assert f'href="{_url("index", YEAR)}"' in page  # the breadcrumb leads back to the year's index


def test_a_control_and_a_risk_page_lead_back_to_their_part(setup: Setup) -> None:
    unit = setup.world.unit(BODY)
    page = setup.world.client("administration_official").get(_url("control", setup.sample.pk), headers=SV).content.decode()
    assert f'href="{_url("plan", unit.pk, YEAR)}"' in page and f'href="{_url("followup_year", unit.pk, YEAR)}"' in page


def test_the_oversight_links_each_body_to_its_plan_and_report_and_back_to_the_index(setup: Setup) -> None:
    unit = setup.world.unit(BODY)
    page = setup.world.client("ks_controller").get(_url("oversight", YEAR), headers=SV).content.decode()
    row = page.split(f'id="live-body-{unit.pk}"')[1].split("</tr>")[0]
    assert f'href="{_url("plan", unit.pk, YEAR)}"' in row and f'href="{_url("report", unit.pk, YEAR)}"' in row
    assert f'href="{_url("index", YEAR)}"' in page


def test_ks_overview_links_the_oversight_page(setup: Setup) -> None:
    page = setup.world.client("ks_controller").get(f"/oversikt/{YEAR}/", headers=SV).content.decode()
    assert f'href="{_url("oversight", YEAR)}#live-body-' in page


def test_the_companies_page_links_each_companys_plan_by_its_name(world: World) -> None:
    page = world.client("ks_controller").get(_url("companies", YEAR), headers=SV).content.decode()
    for name in (PARENT, ALLBOHUS):
        assert f'href="{_url("plan", world.unit(name).pk, YEAR)}"' in page
    company = world.client("ks_controller").get(_url("company", world.unit(ALLBOHUS).pk, YEAR), headers=SV).content.decode()
    assert f'href="{_url("plan", world.unit(ALLBOHUS).pk, YEAR)}"' in company


def test_no_internal_control_template_hard_codes_a_path() -> None:
    folder = Path(__file__).resolve().parents[2] / "styr" / "control" / "templates"
    hard = [str(f) for f in folder.rglob("*.html") if 'href="/' in f.read_text()]
    assert not hard, hard


def test_the_linked_pages_are_valid_html(setup: Setup) -> None:
    unit = setup.world.unit(BODY)
    client = setup.world.client("ks_controller")
    documents = {name: client.get(_url(name, unit.pk, YEAR), headers=SV).content.decode() for name in ("risks", "plan", "followup_year", "report")}
    documents["index"] = client.get(_url("index", YEAR), headers=SV).content.decode()
    documents["oversight"] = client.get(_url("oversight", YEAR), headers=SV).content.decode()
    errors = vnu_errors(documents)
    assert not errors, "\n".join(errors)


# the companies' answers in their report documents


def _answered(world: World) -> ReportingPeriod:
    _directive, general = general_directive(world)
    _sub, target = subsidiary_directive(world)
    ks = None  # the companies' own officials answer; the service is the same
    company_services.directive_answer_set(
        actor=ks, demand=target, company=world.unit(ALLBOHUS), year=YEAR, answer="Avkastningen nåddes", value=Decimal("5.5"), status="achieved"
    )
    company_services.directive_answer_set(actor=ks, demand=general, company=world.unit(PARENT), year=YEAR, answer="Rapporterat per tertial", status="achieved")
    calendar = calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="annual_report", org_unit__isnull=True)
    Report.objects.create(group=world.group, org_unit=world.unit(ALLBOHUS), period=period, state="submitted")
    return period


def test_a_companys_report_answers_its_directives_point_by_point(world: World) -> None:
    period = _answered(world)
    [part] = report_content_build(unit=world.unit(ALLBOHUS), period=period)["sections"]["directives"]
    answer = next(a for a in part["answers"] if a["demand"] == "Avkastning på justerat eget kapital")
    assert (answer["target"], answer["value"], answer["answer"]) == ("5 %", "5,5 %", "Avkastningen nåddes") and answer["status"]
    assert any(a["demand"].startswith("Bolagen rapporterar") and a["answer"] == "" for a in part["answers"])  # not answered yet: still listed
    assert part["subsidiaries"] == []
    assert report_content_build(unit=world.unit(BODY), period=period)["sections"]["directives"] == []  # a committee has none


def test_the_parent_companys_report_gathers_its_subsidiaries_states_and_answers(world: World) -> None:
    period = _answered(world)
    [part] = report_content_build(unit=world.unit(PARENT), period=period)["sections"]["directives"]
    assert [a["answer"] for a in part["answers"]] == ["Rapporterat per tertial"]
    subs = {s["name"]: s for s in part["subsidiaries"]}
    assert subs[ALLBOHUS]["state"] == "submitted" and any(a["answer"] == "Avkastningen nåddes" for a in subs[ALLBOHUS]["answers"])
    assert all(s["state"] == "" for name, s in subs.items() if name != ALLBOHUS)


def test_the_parent_companys_pdf_and_word_carry_the_answers(world: World) -> None:
    period = _answered(world)
    unit = world.unit(PARENT)
    client = world.client("ks_controller")
    pdf = client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/rapport.pdf", headers=SV)
    assert pdf.status_code == 200
    text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Svar på ägardirektiven" in text and "Rapporterat per tertial" in text and "Avkastningen nåddes" in text and "Dotterbolagen" in text
    word = client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/rapport.docx", headers=SV)
    doc = Document(io.BytesIO(word.content))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Svar på ägardirektiven" in paragraphs and ALLBOHUS in paragraphs
    assert "Rapporterat per tertial" in cells and "Avkastningen nåddes" in cells and "5,5 %" in cells


# the internal control in the annual report, and only there


def test_the_annual_report_says_whether_the_internal_control_report_is_adopted_and_other_reports_leave_it_out(setup: Setup) -> None:
    calendar = calendar_create(actor=None, group=setup.world.group, year=YEAR)
    unit = setup.world.unit(BODY)
    annual = ReportingPeriod.objects.get(calendar=calendar, kind="annual_report", org_unit__isnull=True)
    client = setup.world.client("ks_controller")
    pdf = client.get(f"/enheter/{unit.pk}/rapportering/{annual.pk}/rapport.pdf", headers=SV)
    text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Internkontroll Rapporten om intern kontroll är inte beslutad ännu" in text and "Attest av fakturor" in text
    word = client.get(f"/enheter/{unit.pk}/rapportering/{annual.pk}/rapport.docx", headers=SV)
    paragraphs = [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
    assert "Internkontroll" in paragraphs and any(p.startswith("Rapporten om intern kontroll är inte beslutad") for p in paragraphs)
    for other in ReportingPeriod.objects.filter(calendar=calendar, org_unit__isnull=True).exclude(kind="annual_report"):
        assert report_content_build(unit=unit, period=other)["sections"]["internal_control"] == [], other.kind


def test_swedish_pages_show_no_english_words_of_the_new_parts(setup: Setup) -> None:
    unit = setup.world.unit(BODY)
    client = setup.world.client("ks_controller")
    english = (
        "Risk analysis",
        "Internal control plan",
        "Follow-up of internal control",
        "The internal control report",
        "Internal control of",
        "Oversight of internal control",
    )
    for url in (
        *(_url(n, unit.pk, YEAR) for n in ("risks", "plan", "followup_year", "report")),
        _url("index", YEAR),
        _url("oversight", YEAR),
        _url("companies", YEAR),
    ):
        page = client.get(url, headers=SV).content.decode()
        assert not [w for w in english if w in page], url
    risk = ControlRisk.objects.create(group=setup.world.group, org_unit=unit, area="Inköp", description="Fel leverantör", aims=[a.value for a in ControlAim])
    page = client.get(_url("risk", risk.pk), headers=SV).content.decode()
    assert "Ändamålsenlig och kostnadseffektiv verksamhet" in page and "Att möjliga risker identifieras" in page
    with translation.override("en"):
        english_aims = [str(a.label) for a in ControlAim]
    assert not [a for a in english_aims if a in page]  # the four aims of §7 in Swedish


def test_every_model_of_the_control_area_is_in_the_admin_read_only() -> None:
    from django.apps import apps
    from django.contrib import admin

    from styr.core.admin import ReadOnlyAdmin

    for model in apps.get_app_config("control").get_models():
        assert isinstance(admin.site._registry.get(model), ReadOnlyAdmin), model.__name__
