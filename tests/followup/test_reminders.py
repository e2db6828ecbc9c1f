"""Items not reported by their deadline are listed and their owners reminded by email."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

from django.core import mail
from django.core.management import call_command

from styr.domain.governing_documents import REVIEW_NOTICE_DAYS
from styr.followup import services
from styr.followup.reminders import overdue_items, send_reminders
from styr.organisation.services import governing_document_create
from styr.planning import services as planning
from tests.conftest import World

YEAR = 2026


def setup(world: World) -> None:
    manager = world.users["unit_manager"]
    manager.email = "enhetschef@alvesta.example"
    manager.save()
    official = world.users["administration_official"]
    official.email = "tjansteperson@alvesta.example"
    official.save()
    services.calendar_create(actor=None, group=world.group, year=YEAR)
    goal = planning.goal_create(
        actor=None, org_unit=world.unit("Hagaskolan"), title="Fler behöriga", start_year=YEAR, end_year=YEAR, owner=manager, deputy=official
    )
    indicator = planning.indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), owner=manager)
    services.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(80))
    factor = planning.quality_factor_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Trygghet")
    planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher", frequency="tertial", owner=official)


def test_overdue_items_after_the_units_deadline(world: World) -> None:
    setup(world)
    # 4 March: the units' deadline for February (5 March) has not passed
    assert overdue_items(None, group=world.group, today=date(YEAR, 3, 4)) == []
    items = overdue_items(None, group=world.group, today=date(YEAR, 3, 6))
    assert len(items) == 1 and "Fler behöriga" in items[0].what
    assert items[0].due == date(YEAR, 3, 5) and items[0].owner == world.users["unit_manager"]
    # by 6 April, March's value is missing too (February's was entered)
    later = overdue_items(None, group=world.group, today=date(YEAR, 4, 6))
    assert sum(1 for i in later if "Behöriga" in i.what) == 1


def test_owners_and_deputies_get_one_email_each(world: World) -> None:
    setup(world)
    sent = send_reminders(group=world.group, today=date(YEAR, 9, 20))
    assert sent == 2 and len(mail.outbox) == 2
    to_manager = next(m for m in mail.outbox if m.to == ["enhetschef@alvesta.example"])
    assert "Fler behöriga" in to_manager.body and "Hagaskolan" in to_manager.body
    to_official = next(m for m in mail.outbox if m.to == ["tjansteperson@alvesta.example"])
    assert "Trygga elever" in to_official.body  # the tertial quality indicator, due after April and August


def test_the_overdue_list_is_scoped_to_the_reader(world: World) -> None:
    setup(world)
    assert overdue_items(world.users["other_committee_politician"], group=world.group, today=date(YEAR, 9, 20)) == []
    assert overdue_items(world.users["unit_manager"], group=world.group, today=date(YEAR, 9, 20))


def test_the_daily_command_sends_them(world: World) -> None:
    setup(world)
    call_command("send_reminders", stdout=StringIO())
    assert len(mail.outbox) == 2  # today (2026-11-28) is long after the deadlines


def _document(world: World, title: str, unit: str, review_by: date) -> None:
    governing_document_create(
        actor=None,
        group=world.group,
        title=title,
        doc_type="PLAN",
        decided_by="Utbildningsnämnden",
        decision_date=date(YEAR - 3, 1, 15),
        valid_from=date(YEAR - 3, 2, 1),
        applies_to="Utbildningsförvaltningen",
        follow_up_responsible="Förvaltningschef",
        registration_number=f"UN {YEAR - 3}/{len(title)}",
        owner_unit=world.unit(unit),
        review_by=review_by,
    )


def test_doc_002_review_dates_passed_or_coming_are_in_the_reminder_to_those_with_a_role_on_the_owning_unit(world: World) -> None:
    setup(world)  # the unit manager (Hagaskolan) also owns an item not reported by 20 September
    politician = world.users["committee_politician"]  # a role on Utbildningsnämnden
    politician.email = "ledamot@alvesta.example"
    politician.save()
    today = date(YEAR, 9, 20)
    _document(world, "Plan för trygghet", "Utbildningsnämnden", today - timedelta(days=1))  # passed
    _document(world, "Skolans IT-plan", "Hagaskolan", today + timedelta(days=REVIEW_NOTICE_DAYS))  # coming: the last day of the notice
    _document(world, "Läsplan", "Hagaskolan", today + timedelta(days=REVIEW_NOTICE_DAYS + 1))  # not yet
    _document(world, "Omsorgsplan", "Omsorgsnämnden", today - timedelta(days=30))  # nobody here has a role on it with an email
    sent = send_reminders(group=world.group, today=today)
    assert sent == 3 and len(mail.outbox) == 3
    to_politician = next(m for m in mail.outbox if m.to == ["ledamot@alvesta.example"])
    assert to_politician.subject == "Styr: 1 styrdokument att revidera"
    passed = (today - timedelta(days=1)).isoformat()
    assert f"”Plan för trygghet” (Utbildningsnämnden): ska revideras senast {passed}, datumet har passerat" in to_politician.body
    assert "IT-plan" not in to_politician.body and "Omsorgsplan" not in to_politician.body  # a role on the owning unit, not above it
    to_manager = next(m for m in mail.outbox if m.to == ["enhetschef@alvesta.example"])
    assert to_manager.subject.startswith("Styr: ") and "1 styrdokument att revidera" in to_manager.subject
    assert "Fler behöriga" in to_manager.body  # the overdue items, in the same email
    coming = (today + timedelta(days=REVIEW_NOTICE_DAYS)).isoformat()
    assert f"”Skolans IT-plan” (Hagaskolan): ska revideras senast {coming}\n" in to_manager.body
    assert "Läsplan" not in to_manager.body and "Plan för trygghet" not in to_manager.body
    to_official = next(m for m in mail.outbox if m.to == ["tjansteperson@alvesta.example"])
    assert "styrdokument" not in to_official.body  # no role on Hagaskolan or Utbildningsnämnden


def test_a_person_with_only_review_dates_gets_them_and_nobody_is_reminded_of_a_document_far_from_its_date(world: World) -> None:
    politician = world.users["committee_politician"]
    politician.email = "ledamot@alvesta.example"
    politician.save()
    today = date(YEAR, 9, 20)
    _document(world, "Läsplan", "Utbildningsnämnden", today + timedelta(days=REVIEW_NOTICE_DAYS + 1))
    assert send_reminders(group=world.group, today=today) == 0 and mail.outbox == []
    assert send_reminders(group=world.group, today=today + timedelta(days=1)) == 1
    assert "Läsplan" in mail.outbox[0].body and mail.outbox[0].to == ["ledamot@alvesta.example"]
