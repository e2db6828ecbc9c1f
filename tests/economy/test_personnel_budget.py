"""The personnel budget (lönebudget, issue 10 §2): positions kept by the unit's officials and
controllers, the group's dated PO rate kept by KS's controllers, the costs per month beside the
unit's budget, the Excel template and its upload (PAY-001…PAY-007)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy import personnel_excel
from styr.economy.models import PersonnelOverheadRate, Position
from styr.economy.selectors import personnel_budget
from styr.economy.services import budget_enter, overhead_rate_set, position_create, position_delete, position_update, positions_import
from tests.conftest import YEAR, World

UNIT = "Hagaskolan"


def rate(world: World, percent: str = "40.15", valid_from: date = date(YEAR, 1, 1)) -> PersonnelOverheadRate:
    return overhead_rate_set(actor=None, group=world.group, valid_from=valid_from, rate_percent=percent, note="Testvärde, inte SKR:s")


def teacher(world: World, persona: str | None = "unit_manager", **options: object) -> Position:
    values: dict[str, object] = {
        "title": "Lärare",
        "monthly_salary_sek": "34 250",
        "employment_rate": "80",
        "salary_increase_percent": "2,5",
        "salary_increase_month": 4,
        **options,
    }
    return position_create(actor=world.users[persona] if persona else None, org_unit=world.unit(UNIT), year=YEAR, **values)  # type: ignore[arg-type]


def test_the_unit_manager_keeps_the_units_positions_and_the_costs_follow_to_the_ore(world: World) -> None:
    rate(world)
    position = teacher(world)
    assert position.monthly_salary_sek == Decimal("34250.00") and position.salary_increase_percent == Decimal("2.50")
    event = AuditEvent.objects.get(action="position.created")
    assert event.actor == world.users["unit_manager"] and event.after["title"] == "Lärare"
    budget_enter(actor=None, org_unit=world.unit(UNIT), year=YEAR, key="even", total_sek="600000")
    budget = personnel_budget(world.users["unit_manager"], world.unit(UNIT), YEAR)
    assert budget.total_sek == Decimal("469453.47") and budget.salary_sek == Decimal("334965.00") and budget.refusal is None
    assert budget.compared[3].cost.total_sek == Decimal("39361.13") and budget.compared[3].remaining_sek == Decimal("10638.87")
    assert budget.full_time_equivalents == Decimal("0.80")
    position_update(actor=world.users["administration_official"], position=position, employment_rate="100", end_month=6)
    position.refresh_from_db()
    assert position.employment_rate == Decimal("100.00") and position.end_month == 6 and position.title == "Lärare"
    assert AuditEvent.objects.get(action="position.updated").before["employment_rate"] == "80.00"
    position_delete(actor=world.users["ks_controller"], position=position)
    assert not Position.objects.exists() and AuditEvent.objects.filter(action="position.deleted").count() == 1


@pytest.mark.parametrize("persona", ["committee_politician", "auditor", "other_committee_politician", "outsider"])
def test_politicians_auditors_and_outsiders_keep_no_positions(world: World, persona: str) -> None:
    with pytest.raises(NotAllowed):
        teacher(world, persona)
    assert not Position.objects.exists()


def test_a_unit_manager_keeps_only_their_own_units_positions(world: World) -> None:
    with pytest.raises(NotAllowed):
        position_create(actor=world.users["unit_manager"], org_unit=world.unit("Grundskola"), year=YEAR, title="Rektor", monthly_salary_sek=50000)
    position = teacher(world, None)
    position.org_unit = world.unit("Grundskola")
    position.save()
    with pytest.raises(NotAllowed):
        position_update(actor=world.users["unit_manager"], position=position, title="Biträdande rektor")


def test_a_refused_position_writes_nothing(world: World) -> None:
    with pytest.raises(RuleViolation) as refused:
        teacher(world, employment_rate="120")
    assert refused.value.code == "PAY-002"
    position = teacher(world)
    with pytest.raises(RuleViolation) as months:
        position_update(actor=world.users["unit_manager"], position=position, start_month=10, end_month=3)
    assert months.value.code == "PAY-003"
    position.refresh_from_db()
    assert (position.start_month, position.end_month) == (1, 12) and Position.objects.count() == 1
    assert not AuditEvent.objects.filter(action="position.updated").exists()


def test_the_po_rate_is_a_dated_row_kept_by_ks_controllers(world: World) -> None:
    first = overhead_rate_set(actor=world.users["ks_controller"], group=world.group, valid_from=date(YEAR, 1, 1), rate_percent="40,15", note="SKR")
    again = overhead_rate_set(actor=world.users["ks_controller"], group=world.group, valid_from=date(YEAR, 1, 1), rate_percent="40.20")
    assert again.pk == first.pk and again.rate_percent == Decimal("40.20")
    overhead_rate_set(actor=world.users["ks_controller"], group=world.group, valid_from=date(YEAR + 1, 1, 1), rate_percent="41")
    assert PersonnelOverheadRate.objects.count() == 2
    events = list(AuditEvent.objects.filter(action="personnel_overhead_rate.set").order_by("pk"))
    assert events[0].before is None and events[1].before["rate_percent"] == "40.15"
    for persona in ("unit_manager", "committee_politician", "auditor", "outsider"):
        with pytest.raises(NotAllowed):
            overhead_rate_set(actor=world.users[persona], group=world.group, valid_from=date(YEAR, 7, 1), rate_percent="41")
    with pytest.raises(RuleViolation) as refused:
        overhead_rate_set(actor=None, group=world.group, valid_from=date(YEAR, 7, 1), rate_percent="140")
    assert refused.value.code == "PAY-005" and PersonnelOverheadRate.objects.count() == 2


def test_pay_006_without_a_po_rate_the_costs_are_not_counted_and_the_page_says_so(world: World) -> None:
    teacher(world)
    budget = personnel_budget(world.users["unit_manager"], world.unit(UNIT), YEAR)
    assert budget.refusal is not None and budget.refusal.code == "PAY-006" and budget.total_sek == 0 and len(budget.positions) == 1
    page = world.client("unit_manager").get(f"/enheter/{world.unit(UNIT).pk}/lonebudget/?ar={YEAR}")
    assert page.status_code == 200 and "PAY-006" in page.content.decode()


OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


# --- Excel --------------------------------------------------------------------------------


def template_of(world: World, persona: str = "unit_manager") -> bytes:
    response = world.client(persona).get(f"/enheter/{world.unit(UNIT).pk}/lonebudget/mall.xlsx?ar={YEAR}")
    assert response.status_code == 200 and "lonebudget-hagaskolan" in response["Content-Disposition"]
    return bytes(response.content)


def filled(content: bytes, values: dict[str, object]) -> bytes:
    wb = load_workbook(BytesIO(content))
    ws = wb[personnel_excel.SHEET]
    for cell, value in values.items():
        ws[cell] = value
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_template_round_trips_and_the_file_replaces_the_years_positions(world: World) -> None:
    rate(world)
    teacher(world)
    content = template_of(world)
    ws = load_workbook(BytesIO(content))[personnel_excel.SHEET]
    assert ws["B5"].value == "Lärare" and ws["C5"].value == 34250 and ws["G5"].value == 2.5
    upload = filled(content, {"B6": "Fritidspedagog", "C6": "29 800,50", "D6": 75, "E6": 8, "H6": None})
    response = world.client("unit_manager").post(
        f"/enheter/{world.unit(UNIT).pk}/lonebudget/?ar={YEAR}", {"action": "import", "file": SimpleUploadedFile("lon.xlsx", upload)}
    )
    assert response.status_code == 302
    positions = {p.title: p for p in Position.objects.all()}
    assert set(positions) == {"Lärare", "Fritidspedagog"}
    extra = positions["Fritidspedagog"]
    assert (extra.monthly_salary_sek, extra.employment_rate, extra.start_month, extra.end_month, extra.salary_increase_month) == (
        Decimal("29800.50"),
        Decimal("75.00"),
        8,
        12,
        4,
    )
    event = AuditEvent.objects.get(action="positions.imported")
    assert event.after["count"] == 2 and event.after["file"] == "lon.xlsx" and len(event.after["sha256"]) == 64 and len(event.before["positions"]) == 1


@pytest.mark.skipif(OFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed (make test installs it; CI requires it)")
def test_a_personnel_template_saved_by_libreoffice_is_accepted(world: World, tmp_path: Path) -> None:
    rate(world)
    teacher(world)
    source = tmp_path / "in" / "lon.xlsx"
    source.parent.mkdir()
    source.write_bytes(filled(template_of(world), {"B6": "Kurator", "C6": 31500, "D6": 50}))
    assert OFFICE is not None
    subprocess.run(
        [OFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=180,
        capture_output=True,
    )
    response = world.client("unit_manager").post(
        f"/enheter/{world.unit(UNIT).pk}/lonebudget/?ar={YEAR}",
        {"action": "import", "file": SimpleUploadedFile("lon.xlsx", (tmp_path / "lon.xlsx").read_bytes())},
    )
    assert response.status_code == 302
    kurator = Position.objects.get(title="Kurator")
    assert (kurator.monthly_salary_sek, kurator.employment_rate) == (Decimal("31500.00"), Decimal("50.00"))


@pytest.mark.parametrize(
    ("cells", "code", "cell"),
    [
        ({"B6": "Kurator", "C6": "tusen"}, "PAY-001", "Lönebudget!C6"),
        ({"B6": None, "C6": 30000}, "PAY-001", "Lönebudget!B6"),
        ({"B6": "Kurator", "C6": 30000, "D6": 150}, "PAY-002", "Lönebudget!D6"),
        ({"B6": "Kurator", "C6": 30000, "E6": 9, "F6": 2}, "PAY-003", "Lönebudget!F6"),
        ({"B6": "Kurator", "C6": 30000, "H6": 13}, "PAY-004", "Lönebudget!H6"),
    ],
)
def test_pay_001_to_004_a_bad_cell_refuses_the_file_naming_the_cell_nothing_written(world: World, cells: dict[str, object], code: str, cell: str) -> None:
    teacher(world)
    content = filled(template_of(world), cells)
    response = world.client("unit_manager").post(
        f"/enheter/{world.unit(UNIT).pk}/lonebudget/?ar={YEAR}", {"action": "import", "file": SimpleUploadedFile("lon.xlsx", content)}
    )
    body = response.content.decode()
    assert response.status_code == 422 and cell in body and f"({code})" in body
    assert list(Position.objects.values_list("title", flat=True)) == ["Lärare"] and not AuditEvent.objects.filter(action="positions.imported").exists()


def test_pay_007_the_file_must_be_this_units_template(world: World) -> None:
    content = template_of(world)
    for data, unit in ((content, world.unit("Grundskola")), (b"not a zip", world.unit(UNIT))):
        with pytest.raises(RuleViolation) as refused:
            positions_import(actor=world.users["ks_controller"], org_unit=unit, year=YEAR, data=data)
        assert refused.value.code == "PAY-007"
    with pytest.raises(RuleViolation) as other_year:
        positions_import(actor=world.users["ks_controller"], org_unit=world.unit(UNIT), year=YEAR + 1, data=content)
    assert other_year.value.code == "PAY-007" and not Position.objects.exists()
    with pytest.raises(NotAllowed):
        positions_import(actor=world.users["committee_politician"], org_unit=world.unit(UNIT), year=YEAR, data=content)


# --- the page -----------------------------------------------------------------------------


def page(world: World) -> str:
    return f"/enheter/{world.unit(UNIT).pk}/lonebudget/?ar={YEAR}"


NEW = {"action": "create", "title": "Kurator", "monthly_salary_sek": "31 000", "employment_rate": "50", "start_month": "1", "end_month": "12"}
NEW |= {"salary_increase_percent": "0", "salary_increase_month": "4"}


def test_positions_are_added_edited_in_place_and_removed_on_the_page(world: World) -> None:
    rate(world)
    client = world.client("unit_manager")
    assert client.post(page(world), NEW).status_code == 302
    position = Position.objects.get()
    assert position.employment_rate == Decimal("50.00")
    body = client.get(page(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f'form="position-{position.pk}"' in body and 'id="personnel-months"' in body and "<img" in body and "<details" in body
    edit = f"/enheter/{world.unit(UNIT).pk}/lonebudget/tjanster/{position.pk}/"
    row = {f"p{position.pk}-{k}": v for k, v in NEW.items() if k != "action"}
    refused = client.post(edit, {**row, f"p{position.pk}-employment_rate": "150", "action": "update"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 422 and "(PAY-002)" in refused.content.decode()
    position.refresh_from_db()
    assert position.employment_rate == Decimal("50.00")
    assert client.post(edit, {**row, f"p{position.pk}-employment_rate": "75", "action": "update"}).status_code == 302
    position.refresh_from_db()
    assert position.employment_rate == Decimal("75.00")
    assert world.client("committee_politician").post(edit, {"action": "delete"}).status_code == 403
    assert world.client("outsider").post(edit, {"action": "delete"}).status_code == 404
    assert client.post(edit, {"action": "delete"}).status_code == 302 and not Position.objects.exists()


def test_the_page_refuses_others_and_shows_no_forms_to_readers(world: World) -> None:
    assert world.client("committee_politician").post(page(world), NEW).status_code == 403
    assert world.client("unit_manager").post(f"/enheter/{world.unit('Grundskola').pk}/lonebudget/?ar={YEAR}", NEW).status_code == 404  # not theirs to see
    assert world.client("auditor").post(page(world), NEW).status_code == 403
    assert world.client("outsider").post(page(world), NEW).status_code == 404
    assert world.client("outsider").get(page(world)).status_code == 404
    refused = world.client("unit_manager").post(page(world), {**NEW, "monthly_salary_sek": "-5"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 422 and "(PAY-001)" in refused.content.decode()
    assert not Position.objects.exists()
    teacher(world, None)
    reader = world.client("auditor").get(page(world)).content.decode()
    assert "Lärare" in reader and 'value="create"' not in reader and 'value="rate"' not in reader
    rates = world.client("ks_controller").post(page(world), {"action": "rate", "valid_from": f"{YEAR}-01-01", "rate_percent": "40,15", "note": ""})
    assert rates.status_code == 302 and PersonnelOverheadRate.objects.get().rate_percent == Decimal("40.15")
    assert world.client("unit_manager").post(page(world), {"action": "rate", "valid_from": f"{YEAR}-01-01", "rate_percent": "1"}).status_code == 403
    bad = world.client("ks_controller").post(page(world), {"action": "rate", "valid_from": f"{YEAR}-01-01", "rate_percent": "101"})
    assert bad.status_code == 422 and "PAY-005" in bad.content.decode()


def test_the_personnel_budget_page_is_valid_html(world: World) -> None:
    from tests.html_check import vnu_errors

    rate(world)
    teacher(world)
    budget_enter(actor=None, org_unit=world.unit(UNIT), year=YEAR, key="even", total_sek="600000")
    position = Position.objects.get()
    edit = f"/enheter/{world.unit(UNIT).pk}/lonebudget/tjanster/{position.pk}/"
    row = {f"p{position.pk}-{k}": v for k, v in NEW.items() if k != "action"}
    pages = {
        "manager": world.client("unit_manager").get(page(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
        "controller": world.client("ks_controller").get(page(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
        "auditor": world.client("auditor").get(page(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
        "refused row": world.client("unit_manager")
        .post(edit, {**row, f"p{position.pk}-end_month": "13", "action": "update"}, HTTP_ACCEPT_LANGUAGE="sv")
        .content.decode(),
    }
    assert vnu_errors(pages) == []
