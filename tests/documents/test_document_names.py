"""Documents are downloaded under Swedish names, and their tables' header cells carry their scope
(issue 8, point 5: `rapport-delarsrapport-2026-08.pdf`, not `annual_report`)."""

import re
from decimal import Decimal

from django.template.loader import render_to_string

from styr.documents.builders import filename, plan_content_build, report_content_build
from styr.economy.services import frame_set
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from styr.planning import services
from tests.conftest import YEAR, World


def test_a_file_name_is_plain_swedish_letters_digits_and_hyphens() -> None:
    assert filename("Mål och budget", 2027, "Kommunfullmäktige", extension="pdf") == "mal-och-budget-2027-kommunfullmaktige.pdf"
    assert filename("rapport", "Delårsrapport", "2026-08", extension="docx") == "rapport-delarsrapport-2026-08.docx"


def test_a_report_is_downloaded_under_its_swedish_name_in_either_language(world: World) -> None:
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR, interim_report_month=4)
    period = ReportingPeriod.objects.filter(calendar=calendar, kind="interim_report").first()
    assert period is not None
    unit = world.unit("Hagaskolan")
    client = world.client("unit_manager")
    for fmt, language in (("pdf", "sv"), ("docx", "en")):
        response = client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/rapport.{fmt}", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="rapport-delarsrapport-{period.end:%Y-%m}.{fmt}"'


def test_a_plan_is_downloaded_under_its_swedish_name_with_its_unit(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    client = world.client("ks_controller")
    for fmt in ("pdf", "docx"):
        response = client.get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.{fmt}")
        assert response["Content-Disposition"] == f'attachment; filename="mal-och-budget-{YEAR}-kommunfullmaktige.{fmt}"'
    school = world.unit("Hagaskolan")
    response = world.client("unit_manager").get(f"/enheter/{school.pk}/dokument/plan-{YEAR}.pdf")
    assert response["Content-Disposition"] == f'attachment; filename="verksamhetsplan-{YEAR}-hagaskolan.pdf"'


def _header_cells_without_scope(html: str) -> list[str]:
    return [cell for cell in re.findall(r"<th\b[^>]*>", html) if not re.search(r'\bscope="(col|row|colgroup|rowgroup)"', cell)]


def test_every_header_cell_of_the_pdf_documents_carries_its_scope(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    frame_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal(1000))
    frame_set(actor=None, org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=Decimal(2000))
    mission = services.core_mission_set(actor=None, org_unit=council, serves="Invånarna", purpose="Styra", governed_by="Kommunallagen")
    services.risk_create(actor=None, core_mission=mission, description="Risk", likelihood=2, consequence=2)
    goal = services.goal_create(actor=None, org_unit=council, title="Fler invånare", start_year=YEAR, end_year=YEAR)
    services.indicator_create(actor=None, goal=goal, name="Invånare", baseline_year=YEAR - 1, baseline_value=Decimal(20134))
    content = plan_content_build(unit=council, year=YEAR)
    html = render_to_string("documents/plan_document.html", {"content": content, "meta": content["meta"], "generated_at": ""})
    assert "<th" in html and "<tfoot>" in html
    assert _header_cells_without_scope(html) == []
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.filter(calendar=calendar).first()
    report = report_content_build(unit=council, period=period)
    html = render_to_string("documents/report_document.html", {"content": report, "meta": report["meta"], "charts": []})
    assert "<th" in html and _header_cells_without_scope(html) == []
