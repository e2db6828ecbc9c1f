"""What a committee reported stays as reported (issue 8, §2): once its report is submitted, the
period's values, statuses and analyses change only through a controller's correction with a
reason (FU-006); once adopted, not at all (FU-012, 409). The page, the Excel upload and the
goal page's value form all go through the services."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup import services
from styr.followup.models import Assessment, Measurement, Report, ReportingPeriod
from styr.planning import services as planning
from tests.conftest import World

YEAR = 2027


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    # before the committee's own deadline for February (28 + 15 days): only the report locks
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def ids(world: World) -> dict[str, int]:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Utbildningsnämnden")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    indicator = planning.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    services.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(81))
    services.assessment_record(actor=None, period=feb, goal=goal, status="partly_achieved", analysis="Framsteg i åk 9.")
    factor = planning.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    services.quality_value_record(actor=None, indicator=quality, period=date(YEAR, 2, 1), value=Decimal(88))
    return {"unit": unit.pk, "period": feb.pk, "goal": goal.pk, "indicator": indicator.pk, "quality": quality.pk}


def url(ids: dict[str, int]) -> str:
    return f"/enheter/{ids['unit']}/rapportering/{ids['period']}/"


def submit(world: World, ids: dict[str, int]) -> Report:
    official = world.users["administration_official"]
    report = services.report_create(actor=official, org_unit=world.unit("Utbildningsnämnden"), period=ReportingPeriod.objects.get(pk=ids["period"]))
    return services.report_submit(actor=official, report=report)


def adopt(world: World, ids: dict[str, int]) -> Report:
    report = services.report_review(actor=world.users["ks_controller"], report=submit(world, ids))
    return services.report_adopt(
        actor=world.users["committee_politician"], report=report, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2027/30"
    )


def changed(ids: dict[str, int], **extra: str) -> dict[str, str]:
    return {
        f"gi-{ids['indicator']}": "81",
        f"qi-{ids['quality']}": "88",
        f"status-{ids['goal']}": "achieved",
        f"analysis-{ids['goal']}": "Allt klart.",
        **extra,
    }


def unchanged(ids: dict[str, int]) -> dict[str, str]:
    return changed(ids) | {f"status-{ids['goal']}": "partly_achieved", f"analysis-{ids['goal']}": "Framsteg i åk 9."}


def stored(ids: dict[str, int]) -> tuple[str, str, Decimal, Decimal]:
    a = Assessment.objects.get(goal_id=ids["goal"])
    return (
        a.status,
        a.analysis,
        Measurement.objects.get(indicator_id=ids["indicator"], period=date(YEAR, 2, 1)).value,
        Measurement.objects.get(quality_indicator_id=ids["quality"]).value,
    )


BEFORE = ("partly_achieved", "Framsteg i åk 9.", Decimal(81), Decimal(88))


@pytest.mark.parametrize("persona", ["administration_official", "ks_controller"])
def test_fu_012_an_adopted_reports_statuses_and_analyses_are_not_changed_on_the_page(world: World, ids: dict[str, int], persona: str) -> None:
    adopt(world, ids)
    events = AuditEvent.objects.count()
    response = world.client(persona).post(url(ids), changed(ids, reason="Rättelse"), HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    body = response.content.decode()
    assert "FU-012" in body
    assert stored(ids) == BEFORE and AuditEvent.objects.count() == events
    values = world.client(persona).post(url(ids), changed(ids, **{f"gi-{ids['indicator']}": "70", f"status-{ids['goal']}": "partly_achieved"}))
    assert values.status_code == 409 and stored(ids) == BEFORE


def test_fu_012_the_adopted_page_offers_no_save_and_says_why(world: World, ids: dict[str, int]) -> None:
    adopt(world, ids)
    page = world.client("ks_controller").get(url(ids), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'value="save"' in page  # the hidden action stays; the button does not
    assert "Spara perioden" not in page and "FU-012" in page


def test_saving_the_adopted_page_unchanged_is_no_change(world: World, ids: dict[str, int]) -> None:
    adopt(world, ids)
    events = AuditEvent.objects.count()
    assert world.client("administration_official").post(url(ids), unchanged(ids)).status_code == 200
    assert stored(ids) == BEFORE and AuditEvent.objects.count() == events


def test_fu_006_a_submitted_reports_statuses_change_only_by_a_controllers_correction_with_a_reason(world: World, ids: dict[str, int]) -> None:
    submit(world, ids)
    page = world.client("ks_controller").get(url(ids), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Rapporten är inlämnad" in page and 'id="reason"' in page and 'id="excel-reason"' in page  # the controller is asked for a reason
    assert 'id="reason"' not in world.client("administration_official").get(url(ids)).content.decode()
    official = world.client("administration_official").post(url(ids), changed(ids))
    assert official.status_code == 422 and "FU-006" in official.content.decode() and stored(ids) == BEFORE
    no_reason = world.client("ks_controller").post(url(ids), changed(ids))
    assert no_reason.status_code == 422 and "FU-006" in no_reason.content.decode() and stored(ids) == BEFORE
    value = world.client("ks_controller").post(url(ids), changed(ids, **{f"gi-{ids['indicator']}": "82"}))
    assert value.status_code == 422 and stored(ids) == BEFORE
    corrected = world.client("ks_controller").post(url(ids), changed(ids, **{f"gi-{ids['indicator']}": "82"}, reason="Fel siffra i underlaget"))
    assert corrected.status_code == 200
    assert stored(ids) == ("achieved", "Allt klart.", Decimal(82), Decimal(88))
    assessment_event = AuditEvent.objects.filter(action="assessment.corrected").get()
    assert assessment_event.before["status"] == "partly_achieved" and assessment_event.after["reason"] == "Fel siffra i underlaget"
    value_event = AuditEvent.objects.filter(action="measurement.corrected").get()  # one: the unchanged quality value is not rewritten
    assert value_event.after["reason"] == "Fel siffra i underlaget" and value_event.after["value"] == "82"


def test_a_report_returned_to_draft_is_open_again(world: World, ids: dict[str, int]) -> None:
    report = submit(world, ids)
    services.report_return(actor=world.users["ks_controller"], report=report)
    assert world.client("administration_official").post(url(ids), changed(ids)).status_code == 200
    assert stored(ids)[:2] == ("achieved", "Allt klart.")


def test_fu_006_and_fu_012_hold_for_an_assignments_assessment_too(world: World, ids: dict[str, int]) -> None:
    period = ReportingPeriod.objects.get(pk=ids["period"])
    council, committee = world.unit("Kommunfullmäktige"), world.unit("Utbildningsnämnden")
    assignment = planning.assignment_create(actor=None, issuer=council, receiver=committee, year=YEAR, title="Utred skolskjutsar", deadline=date(YEAR, 10, 1))
    services.assessment_record(actor=None, period=period, assignment=assignment, status="partly_achieved")
    report = submit(world, ids)
    with pytest.raises(RuleViolation) as err:
        services.assessment_record(actor=world.users["administration_official"], period=period, assignment=assignment, status="achieved")
    assert err.value.code == "FU-006"
    services.assessment_record(actor=world.users["ks_controller"], period=period, assignment=assignment, status="achieved", reason="Klart i februari")
    assert AuditEvent.objects.get(action="assessment.corrected").after["reason"] == "Klart i februari"
    report = services.report_review(actor=world.users["ks_controller"], report=report)
    services.report_adopt(
        actor=world.users["committee_politician"], report=report, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2027/30"
    )
    with pytest.raises(RuleViolation) as err:
        services.assessment_record(actor=world.users["ks_controller"], period=period, assignment=assignment, status="not_achieved", reason="x")
    assert err.value.code == "FU-012"
    assert Assessment.objects.get(assignment=assignment).status == "achieved"


def test_fu_012_the_services_refuse_everyone(world: World, ids: dict[str, int]) -> None:
    adopt(world, ids)
    period = ReportingPeriod.objects.get(pk=ids["period"])
    goal = Assessment.objects.get(goal_id=ids["goal"]).goal
    assert goal is not None
    for actor in (world.users["ks_controller"], None):
        with pytest.raises(RuleViolation) as err:
            services.assessment_record(actor=actor, period=period, goal=goal, status="achieved", analysis="x", reason="Rättelse")
        assert err.value.code == "FU-012"
        with pytest.raises(RuleViolation) as err:
            services.measurement_record(actor=actor, indicator=goal.indicators.get(), period=date(YEAR, 2, 1), value=Decimal(1), reason="Rättelse")
        assert err.value.code == "FU-012"
    services.measurement_record(actor=None, indicator=goal.indicators.get(), period=date(YEAR, 1, 1), value=Decimal(80))  # another month is open
    assert stored(ids) == BEFORE


def test_fu_012_the_goal_pages_value_form_answers_409(world: World, ids: dict[str, int]) -> None:
    adopt(world, ids)
    response = world.client("ks_controller").post(
        f"/indikatorer/{ids['indicator']}/varden/", {"period": f"{YEAR}-02", "value": "70", "comment": "", "reason": "Rättelse"}
    )
    assert response.status_code == 409 and "FU-012" in response.content.decode()
    assert stored(ids) == BEFORE


def _filled(world: World, ids: dict[str, int], persona: str, values: dict[str, object]) -> bytes:
    wb = load_workbook(BytesIO(world.client(persona).get(url(ids) + "mall.xlsx").content))
    ws = wb["Rapportering"]
    for row in ws.iter_rows(min_row=5):
        if row[0].value in values:
            row[3].value = values[row[0].value]
        if row[0].value == f"status-{ids['goal']}":
            row[4].value = "Allt klart."
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("persona", ["administration_official", "ks_controller"])
def test_fu_012_an_upload_does_not_change_an_adopted_report(world: World, ids: dict[str, int], persona: str) -> None:
    adopt(world, ids)
    content = _filled(world, ids, persona, {f"status-{ids['goal']}": "achieved", f"gi-{ids['indicator']}": 70})
    response = world.client(persona).post(url(ids), {"action": "upload", "reason": "Rättelse", "file": SimpleUploadedFile("r.xlsx", content)})
    assert response.status_code == 409 and "FU-012" in response.content.decode()
    assert stored(ids) == BEFORE


def test_fu_006_an_upload_to_a_submitted_report_is_a_controllers_correction_with_a_reason(world: World, ids: dict[str, int]) -> None:
    submit(world, ids)
    content = _filled(world, ids, "ks_controller", {f"status-{ids['goal']}": "achieved"})
    official = world.client("administration_official").post(url(ids), {"action": "upload", "file": SimpleUploadedFile("r.xlsx", content)})
    assert official.status_code == 422 and "FU-006" in official.content.decode() and stored(ids) == BEFORE
    controller = world.client("ks_controller").post(url(ids), {"action": "upload", "reason": "Fel status", "file": SimpleUploadedFile("r.xlsx", content)})
    assert controller.status_code == 200 and stored(ids)[:2] == ("achieved", "Allt klart.")
    assert AuditEvent.objects.get(action="assessment.corrected").after["reason"] == "Fel status"


def test_text_001_a_controllers_correction_reason_on_an_assessment_is_held_to_the_text_limit(world: World, ids: dict[str, int]) -> None:
    """The reason goes into the audit row: it is bounded like every free text, for assessments too."""
    from styr.domain.limits import TEXT_LENGTH

    submit(world, ids)
    events = AuditEvent.objects.count()
    period, goal = ReportingPeriod.objects.get(pk=ids["period"]), Assessment.objects.get(goal_id=ids["goal"]).goal
    with pytest.raises(RuleViolation) as refused:
        services.assessment_record(
            actor=world.users["ks_controller"], period=period, goal=goal, status="achieved", analysis="Allt klart.", reason="x" * (TEXT_LENGTH + 1)
        )
    assert refused.value.code == "TEXT-001" and refused.value.field == "reason"
    assert stored(ids) == BEFORE and AuditEvent.objects.count() == events


def test_the_correction_reason_fields_carry_the_free_text_limit(world: World, ids: dict[str, int]) -> None:
    from styr.domain.limits import TEXT_LENGTH

    submit(world, ids)
    page = world.client("ks_controller").get(url(ids)).content.decode()
    reasons = [tag for tag in page.split("<input")[1:] if 'name="reason"' in tag.split(">")[0]]
    assert reasons and all(f'maxlength="{TEXT_LENGTH}"' in tag.split(">")[0] for tag in reasons)
