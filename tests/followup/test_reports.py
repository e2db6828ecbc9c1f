"""A committee's monthly report: draft → submitted → reviewed → adopted with a decision and a frozen snapshot."""

from datetime import date
from decimal import Decimal

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.plans import snapshot_hash
from styr.followup import services
from styr.followup.models import Report, ReportingPeriod
from styr.planning import services as planning
from tests.conftest import World

YEAR = 2027


@pytest.fixture
def february(world: World) -> ReportingPeriod:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    return ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))


def setup_committee(world: World, period: ReportingPeriod) -> None:
    unit = world.unit("Utbildningsnämnden")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    indicator = planning.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    services.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(81))
    services.assessment_record(actor=None, period=period, goal=goal, status="partly_achieved", analysis="Framsteg i åk 9.")
    factor = planning.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    services.quality_value_record(actor=None, indicator=quality, period=date(YEAR, 2, 1), value=Decimal(88))


def test_the_committees_monthly_report_goes_to_its_decision_and_is_frozen(world: World, february: ReportingPeriod) -> None:
    setup_committee(world, february)
    unit = world.unit("Utbildningsnämnden")
    official = world.users["administration_official"]  # the administration carries out the committee's work
    report = services.report_create(actor=official, org_unit=unit, period=february, analysis="Februari i korthet.")
    services.report_submit(actor=official, report=report)
    with pytest.raises(NotAllowed):
        services.report_review(actor=official, report=report)
    services.report_review(actor=world.users["ks_controller"], report=report)
    with pytest.raises(NotAllowed):
        services.report_adopt(
            actor=world.users["ks_controller"], report=report, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2027/30"
        )
    adopted = services.report_adopt(
        actor=world.users["committee_politician"], report=report, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2027/30"
    )
    stored = Report.objects.get(pk=adopted.pk)
    assert stored.state == "adopted" and stored.decision is not None and stored.snapshot_sha256 == snapshot_hash(stored.snapshot)
    goals = stored.snapshot["sections"]["goals"]
    assert goals[0]["title"] == "Alla elever når målen" and goals[0]["indicators"][0]["value"].startswith(f"{YEAR}-02")
    assert stored.snapshot["sections"]["quality"][0]["indicators"][0]["value"].endswith("88")
    assert "target" not in stored.snapshot["sections"]["quality"][0]["indicators"][0]
    assert list(AuditEvent.objects.filter(object_id=str(report.pk), action__startswith="report.").values_list("action", flat=True).order_by("id")) == [
        "report.created",
        "report.submitted",
        "report.reviewed",
        "report.adopted",
    ]
    frozen = stored.snapshot
    with pytest.raises(RuleViolation) as err:
        services.report_write_analysis(actor=official, report=stored, analysis="Ändrat i efterhand.")
    assert err.value.code == "FU-007"
    assert Report.objects.get(pk=report.pk).snapshot == frozen


def test_fu_007_a_draft_cannot_be_adopted_and_fu_008_one_report_per_period(world: World, february: ReportingPeriod) -> None:
    unit = world.unit("Utbildningsnämnden")
    report = services.report_create(actor=None, org_unit=unit, period=february)
    with pytest.raises(RuleViolation) as err:
        services.report_adopt(actor=world.users["committee_politician"], report=report, decided_on=date(YEAR, 3, 1), paragraph="§ 1", registration_number="1")
    assert err.value.code == "FU-007"
    with pytest.raises(RuleViolation) as err:
        services.report_create(actor=None, org_unit=unit, period=february)
    assert err.value.code == "FU-008"


def test_fu_009_a_unit_report_ends_reviewed(world: World, february: ReportingPeriod) -> None:
    report = services.report_create(actor=world.users["unit_manager"], org_unit=world.unit("Hagaskolan"), period=february)
    services.report_submit(actor=world.users["unit_manager"], report=report)
    services.report_review(actor=world.users["ks_controller"], report=report)
    with pytest.raises(RuleViolation) as err:
        services.report_adopt(actor=None, report=report, decided_on=date(YEAR, 3, 1), paragraph="§ 1", registration_number="1")
    assert err.value.code == "FU-009"
    assert Report.objects.get(pk=report.pk).state == "reviewed"


def test_the_report_as_pdf_and_word_reads_as_adopted(world: World, february: ReportingPeriod) -> None:
    from io import BytesIO

    from docx import Document
    from pypdf import PdfReader

    setup_committee(world, february)
    unit = world.unit("Utbildningsnämnden")
    report = services.report_create(actor=None, org_unit=unit, period=february, analysis="Februari i korthet.")
    services.report_submit(actor=None, report=report)
    services.report_review(actor=None, report=report)
    services.report_adopt(
        actor=world.users["committee_politician"], report=report, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2027/30"
    )
    goal = planning.goal_create(actor=None, org_unit=unit, title="Nytt mål efter beslutet", start_year=YEAR, end_year=YEAR)
    assert goal.pk
    client = world.client("committee_politician")
    pdf = client.get(f"/enheter/{unit.pk}/rapportering/{february.pk}/rapport.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    word = client.get(f"/enheter/{unit.pk}/rapportering/{february.pk}/rapport.docx", HTTP_ACCEPT_LANGUAGE="sv")
    assert pdf.status_code == word.status_code == 200
    pdf_text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(BytesIO(pdf.content)).pages).split())
    doc = Document(BytesIO(word.content))
    word_text = " ".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    for text in (pdf_text, word_text):
        assert "Alla elever når målen" in text and "Delvis uppfyllt" in text and "§ 12" in text and "Trygga elever" in text
        assert "Nytt mål efter beslutet" not in text
    # the same charts in both: the goal indicator against its target, the quality indicator without one
    assert len(doc.inline_shapes) == 2
    assert "Behöriga" in doc.inline_shapes[0]._inline.docPr.get("descr")
    assert "Trygga elever" in pdf_text and pdf_text.count("över tid") >= 2
    # each chart's data as a table beside it: the quality indicator's value, and the goal indicator's target
    assert "Data i ”Trygga elever”" in pdf_text and "2027-02 88" in pdf_text
    data_tables = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables if t.rows[0].cells[0].text == "Period"]
    assert data_tables[0] == [["Period", "Värde", "Målvärde"], ["2027-02", "81", ""], ["2027", "", "86"]]
    assert data_tables[1] == [["Period", "Värde"], ["2027-02", "88"]]
    assert world.client("outsider").get(f"/enheter/{unit.pk}/rapportering/{february.pk}/rapport.pdf").status_code == 404
