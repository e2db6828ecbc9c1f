"""A committee's internal budget (issue 9 §3): entered with a key, imported from the Excel
template, taken from the ledger's #PBUDGET, shown with what is left of the frame, and exported
back out as SIE (ECON-001..ECON-008)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.numbers import GROUP
from styr.domain.sie.parser import parse_bytes
from styr.economy import excel
from styr.economy.models import BudgetMonth, LedgerObject
from styr.economy.selectors import budget_sie_export, internal_budget
from styr.economy.selectors.budget import budget_units
from styr.economy.services import budget_enter, budget_from_ledger, budget_import, frame_set, ledger_object_map, sie_import
from tests.conftest import YEAR, World
from tests.economy.test_sie_import import sie

COMMITTEE = "Utbildningsnämnden"
LEDGER = f"""#KONTO 1930 "Bank"
#KONTO 3010 "Försäljning"
#KONTO 5410 "Förbrukningsinventarier"
#DIM 1 "Ansvar"
#OBJEKT 1 "100" "Förvaltningen"
#OBJEKT 1 "200" "Hagaskolan"
#OBJEKT 1 "300" "Ej kopplad"
#PBUDGET 0 {YEAR}01 5410 {{1 "200"}} 1000.00
#PBUDGET 0 {YEAR}02 5410 {{1 "200"}} 2000.00
#PBUDGET 0 {YEAR}01 3010 {{1 "200"}} -300.00
#PBUDGET 0 {YEAR}01 1930 {{1 "200"}} 99999.00
#PBUDGET 0 {YEAR}03 5410 {{1 "300"}} 700.00
#PBUDGET 0 {YEAR}04 5410 {{}} 50.00
#PBUDGET 0 {YEAR}05 5410 {{1 "100"}} 125.50
"""
HEAD = f"#FLAGGA 0\n#FORMAT PC8\n#SIETYP 3\n#GEN {YEAR}0115\n#RAR 0 {YEAR}0101 {YEAR}1231\n"


def months_of(world: World, name: str) -> list[Decimal]:
    return list(BudgetMonth.objects.filter(org_unit=world.unit(name), year=YEAR).order_by("month").values_list("amount_sek", flat=True))


def ledger_with_budget(world: World) -> None:
    """The committee keeps a ledger whose objects 100 and 200 are mapped to its units; 300 is not."""
    controller = world.users["ks_controller"]
    sie_import(actor=controller, org_unit=world.unit(COMMITTEE), file_name="un.se", stream=sie(LEDGER, head=HEAD))
    ledger_object_map(actor=controller, ledger_object=LedgerObject.objects.get(code="200"), org_unit=world.unit("Hagaskolan"))
    ledger_object_map(actor=controller, ledger_object=LedgerObject.objects.get(code="100"), org_unit=world.unit("Utbildningsförvaltningen"))


# --- entering -----------------------------------------------------------------------------


def test_a_committee_politician_enters_a_unit_budget_evenly_and_it_is_audited(world: World) -> None:
    budget_enter(actor=world.users["committee_politician"], org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="1 000 000")
    months = months_of(world, "Hagaskolan")
    assert sum(months) == Decimal("1000000.00") and months[0] == Decimal("83333.34") and months[11] == Decimal("83333.33")
    assert set(BudgetMonth.objects.values_list("source", flat=True)) == {"entered"}
    event = AuditEvent.objects.get(action="budget.set")
    assert event.actor == world.users["committee_politician"] and event.after["key"] == "even" and event.before is None


def test_a_profile_from_the_preset_gives_july_less_and_sums_to_the_ore(world: World) -> None:
    budget_enter(actor=world.users["ks_controller"], org_unit=world.unit("Hagaskolan"), year=YEAR, key="profile", profile="sommar", total_sek="1275000.07")
    months = months_of(world, "Hagaskolan")
    assert sum(months) == Decimal("1275000.07") and months[6] < months[5] < months[0]
    assert AuditEvent.objects.get(action="budget.set").after["profile"] == "sommar"


def test_a_budget_given_month_by_month_replaces_the_year_and_keeps_the_before(world: World) -> None:
    unit = world.unit("Hagaskolan")
    budget_enter(actor=None, org_unit=unit, year=YEAR, key="even", total_sek=Decimal(1200))
    budget_enter(actor=None, org_unit=unit, year=YEAR, key="given", months=[str(m) for m in range(1, 13)])
    assert months_of(world, "Hagaskolan") == [Decimal(m) for m in range(1, 13)]
    last = AuditEvent.objects.filter(action="budget.set").order_by("id").last()
    assert last is not None and last.before == {str(m): "100.00" for m in range(1, 13)}


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"key": "given", "months": ["1"] * 13}, "ECON-002"),
        ({"key": "profile", "profile": "vinter", "total_sek": "1"}, "ECON-003"),
        ({"key": "even", "total_sek": "12,345"}, "ECON-004"),
    ],
)
def test_a_refused_budget_writes_nothing(world: World, options: dict[str, object], code: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        budget_enter(actor=world.users["ks_controller"], org_unit=world.unit("Hagaskolan"), year=YEAR, **options)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert not BudgetMonth.objects.exists() and not AuditEvent.objects.filter(action="budget.set").exists()


@pytest.mark.parametrize("persona", ["outsider", "auditor", "unit_manager", "other_committee_politician"])
def test_only_politicians_and_controllers_over_the_unit_enter_its_budget(world: World, persona: str) -> None:
    with pytest.raises(NotAllowed):
        budget_enter(actor=world.users[persona], org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="1")
    assert not BudgetMonth.objects.exists()


# --- the internal budget and the frame ----------------------------------------------------


def test_the_internal_budget_shows_the_undistributed_part_of_the_frame(world: World) -> None:
    committee = world.unit(COMMITTEE)
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal("1000"))
    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="600000")
    budget_enter(actor=None, org_unit=world.unit("Utbildningsförvaltningen"), year=YEAR, key="even", total_sek="250000.50")
    budget = internal_budget(world.users["committee_politician"], committee, YEAR)
    assert budget.frame_sek == Decimal("1000000.00") and budget.total == Decimal("850000.50")
    assert budget.undistributed == Decimal("149999.50")
    assert [r.unit.name for r in budget.rows] == [COMMITTEE, "Utbildningsförvaltningen", "Grundskola", "Hagaskolan"]
    assert [r.depth for r in budget.rows] == [0, 1, 2, 3]
    # more than the frame is shown, not refused
    budget_enter(actor=None, org_unit=committee, year=YEAR, key="even", total_sek="200000")
    assert internal_budget(world.users["ks_controller"], committee, YEAR).undistributed == Decimal("-50000.50")


def test_econ_001_only_a_committee_has_an_internal_budget(world: World) -> None:
    with pytest.raises(RuleViolation) as refused:
        internal_budget(world.users["ks_controller"], world.unit("Hagaskolan"), YEAR)
    assert refused.value.code == "ECON-001"


# --- Excel --------------------------------------------------------------------------------


def template_of(world: World, persona: str = "committee_politician") -> bytes:
    response = world.client(persona).get(f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/mall.xlsx?ar={YEAR}")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return bytes(response.content)


def filled(content: bytes, values: dict[str, object]) -> bytes:
    wb = load_workbook(BytesIO(content))
    ws = wb[excel.SHEET]
    for cell, value in values.items():
        ws[cell] = value
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_excel_template_round_trips_through_the_upload(world: World) -> None:
    committee = world.unit(COMMITTEE)
    budget_enter(actor=None, org_unit=world.unit("Grundskola"), year=YEAR, key="even", total_sek="1200")
    content = template_of(world)
    ws = load_workbook(BytesIO(content))[excel.SHEET]
    names = [ws.cell(row=r, column=2).value for r in range(excel.FIRST_ROW, excel.FIRST_ROW + 4)]
    assert names == [COMMITTEE, "Utbildningsförvaltningen", "Grundskola", "Hagaskolan"]
    assert ws["C7"].value == 100 and ws["O7"].value == "=SUM(C7:N7)"  # Grundskola's January, and its year
    # Hagaskolan's row (8) filled in: January 1 234,50 as text, February a number, the rest empty (0)
    upload = filled(content, {"C8": "1 234,50", "D8": 5000})
    response = world.client("committee_politician").post(
        f"/enheter/{committee.pk}/internbudget/?ar={YEAR}", {"action": "import", "file": SimpleUploadedFile("budget.xlsx", upload)}
    )
    assert response.status_code == 302
    assert months_of(world, "Hagaskolan") == [Decimal("1234.50"), Decimal("5000.00")] + [Decimal("0.00")] * 10
    assert months_of(world, "Grundskola") == [Decimal("100.00")] * 12  # its row came back unchanged
    assert set(BudgetMonth.objects.values_list("source", flat=True)) == {"excel"}
    event = AuditEvent.objects.get(action="budget.imported")
    assert event.after["file"] == "budget.xlsx" and len(event.after["sha256"]) == 64
    assert not AuditEvent.objects.filter(action="budget.set", org_unit=committee).exists()  # an empty row is left as it is


def test_econ_005_a_cell_without_an_amount_refuses_the_file_naming_the_cell_and_nothing_is_written(world: World) -> None:
    content = filled(template_of(world), {"C8": 100, "H8": "tusen"})
    response = world.client("ks_controller").post(
        f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/?ar={YEAR}", {"action": "import", "file": SimpleUploadedFile("budget.xlsx", content)}
    )
    body = response.content.decode()
    assert response.status_code == 422 and "Internbudget!H8" in body and "ECON-005" in body
    assert not BudgetMonth.objects.exists() and not AuditEvent.objects.filter(action__startswith="budget.").exists()


def test_econ_005_a_row_naming_a_unit_of_another_committee_is_refused(world: World) -> None:
    content = filled(template_of(world), {"A9": world.unit("Omsorgsförvaltningen").pk, "C9": 1})
    with pytest.raises(RuleViolation) as refused:
        budget_import(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), year=YEAR, data=content)
    assert refused.value.code == "ECON-005" and refused.value.detail["cell"] == "Internbudget!A9"
    assert not BudgetMonth.objects.exists()


def test_econ_006_a_template_of_another_year_or_no_excel_file_is_refused(world: World) -> None:
    content = template_of(world)
    for data in (content, b"not a zip"):
        with pytest.raises(RuleViolation) as refused:
            budget_import(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), year=YEAR + 1, data=data)
        assert refused.value.code == "ECON-006"
    assert not BudgetMonth.objects.exists()


def test_the_outsider_can_neither_upload_nor_take_from_the_ledger(world: World) -> None:
    content = filled(template_of(world), {"C8": 1})
    url = f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/?ar={YEAR}"
    assert world.client("auditor").post(url, {"action": "import", "file": SimpleUploadedFile("b.xlsx", content)}).status_code == 403
    assert world.client("outsider").post(url, {"action": "ledger"}).status_code in (403, 404)
    with pytest.raises(NotAllowed):
        budget_import(actor=world.users["outsider"], org_unit=world.unit(COMMITTEE), year=YEAR, data=content)
    assert not BudgetMonth.objects.exists()


# --- the ledger ---------------------------------------------------------------------------


def test_the_budget_is_taken_from_the_ledgers_pbudget_per_mapped_object_on_operating_accounts(world: World) -> None:
    ledger_with_budget(world)
    budget_from_ledger(actor=world.users["committee_politician"], org_unit=world.unit(COMMITTEE), year=YEAR)
    zero = Decimal("0.00")
    # 200 → Hagaskolan: January 1000 − 300 (account 1930 is not an operating account), February 2000
    assert months_of(world, "Hagaskolan") == [Decimal("700.00"), Decimal("2000.00")] + [zero] * 10
    # 100 → the administration
    assert months_of(world, "Utbildningsförvaltningen")[4] == Decimal("125.50")
    # the unmapped object 300 and the account-wide row count to the committee, which keeps the ledger
    assert months_of(world, COMMITTEE) == [zero, zero, Decimal("700.00"), Decimal("50.00")] + [zero] * 8
    assert set(BudgetMonth.objects.values_list("source", flat=True)) == {"ledger"}
    assert AuditEvent.objects.get(action="budget.taken_from_ledger").after["units"][str(world.unit("Hagaskolan").pk)] == "2700.00"


def test_econ_008_no_budget_in_the_ledger_is_refused_and_nothing_is_written(world: World) -> None:
    with pytest.raises(RuleViolation) as refused:
        budget_from_ledger(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), year=YEAR)
    assert refused.value.code == "ECON-008"
    assert not BudgetMonth.objects.exists() and not AuditEvent.objects.filter(action__startswith="budget.").exists()


def test_take_from_the_ledger_button(world: World) -> None:
    ledger_with_budget(world)
    url = f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/?ar={YEAR}"
    assert world.client("ks_controller").post(url, {"action": "ledger"}).status_code == 302
    assert sum(months_of(world, "Hagaskolan")) == Decimal("2700.00")
    assert world.client("ks_controller").post(f"/enheter/{world.unit('Omsorgsnämnden').pk}/internbudget/?ar={YEAR}", {"action": "ledger"}).status_code == 422


# --- SIE export ---------------------------------------------------------------------------


def test_the_internal_budget_exported_as_sie_reads_back_to_the_same_sums(world: World) -> None:
    ledger_with_budget(world)
    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="profile", profile="sommar", total_sek="987654.32")
    budget_enter(actor=None, org_unit=world.unit("Utbildningsförvaltningen"), year=YEAR, key="even", total_sek="-1200.12")
    budget_enter(actor=None, org_unit=world.unit("Grundskola"), year=YEAR, key="even", total_sek="10")  # no mapped object
    response = world.client("committee_politician").get(f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/internbudget.se?ar={YEAR}")
    assert response.status_code == 200 and "internbudget-un-" in response["Content-Disposition"]
    data = bytes(response.content)
    assert b"#FORMAT PC8" in data and b"#SIETYP 3" in data and b"\r\n" in data
    assert "Förvaltningen".encode("cp437") in data  # CP437 as accounting programs write it
    parsed = parse_bytes(data, source="internbudget.se")
    assert parsed.ok, parsed.errors
    assert ("1", "200") in parsed.objects and parsed.dimensions["1"].name == "Ansvar"
    sums: dict[str, Decimal] = {}
    for row in parsed.period_balances:
        assert row.kind == "PBUDGET" and row.account == "7990" and row.period // 100 == YEAR
        sums[row.objects[0][1]] = sums.get(row.objects[0][1], Decimal(0)) + row.amount
    assert sums == {"200": Decimal("987654.32"), "100": Decimal("-1200.12")}
    export = budget_sie_export(world.users["ks_controller"], world.unit(COMMITTEE), YEAR)
    assert [u.name for u in export.skipped] == ["Grundskola"]


def test_econ_008_an_export_needs_a_ledger_with_objects_mapped_to_the_committees_units(world: World) -> None:
    with pytest.raises(RuleViolation) as refused:
        budget_sie_export(world.users["ks_controller"], world.unit(COMMITTEE), YEAR)
    assert refused.value.code == "ECON-008"
    response = world.client("ks_controller").get(f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/internbudget.se?ar={YEAR}")
    assert response.status_code == 302


# --- pages --------------------------------------------------------------------------------


def test_the_pages_render_and_the_entry_form_saves(world: World) -> None:
    committee, haga = world.unit(COMMITTEE), world.unit("Hagaskolan")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal("100"))
    client = world.client("committee_politician")
    url = f"/enheter/{committee.pk}/internbudget/?ar={YEAR}"
    refused = client.post(url, {"action": "enter", "unit": haga.pk, "key": "even", "total_sek": "12,345"})
    assert refused.status_code == 422 and "ECON-004" in refused.content.decode()
    assert client.post(url, {"action": "enter", "unit": haga.pk, "key": "profile", "profile": "sommar", "total_sek": "60000"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'id="undistributed-row"' in page and "40\u00a0000" in page  # 100 tkr − 60 000 kr
    assert f'href="/enheter/{committee.pk}/internbudget/mall.xlsx?ar={YEAR}"' in page
    unit_page = world.client("unit_manager").get(f"/enheter/{haga.pk}/budget/?ar={YEAR}")
    assert unit_page.status_code == 200 and "60\u00a0000" in unit_page.content.decode()
    assert "Spara budget" not in unit_page.content.decode() and "Save budget" not in unit_page.content.decode()
    assert world.client("unit_manager").post(f"/enheter/{haga.pk}/budget/?ar={YEAR}", {"key": "even", "total_sek": "1"}).status_code == 403
    assert client.post(f"/enheter/{haga.pk}/budget/?ar={YEAR}", {"key": "given", **{f"m{m}": str(m) for m in range(1, 13)}}).status_code == 302
    assert sum(months_of(world, "Hagaskolan")) == Decimal(78)
    assert world.client("ks_controller").get(f"/enheter/{haga.pk}/internbudget/").status_code == 404
    assert "internal-budget-link" in client.get(f"/enheter/{committee.pk}/?ar={YEAR}").content.decode()
    assert world.client("outsider").get(url).status_code in (403, 404)


def test_the_budget_pages_are_valid_html(world: World) -> None:
    from tests.html_check import vnu_errors

    committee, haga = world.unit(COMMITTEE), world.unit("Hagaskolan")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal("100"))
    budget_enter(actor=None, org_unit=haga, year=YEAR, key="even", total_sek="60000")
    client = world.client("ks_controller")
    refused = client.post(f"/enheter/{committee.pk}/internbudget/?ar={YEAR}", {"action": "ledger"})
    pages = {
        "internal budget": client.get(f"/enheter/{committee.pk}/internbudget/?ar={YEAR}").content.decode(),
        "internal budget refused": refused.content.decode(),
        "unit budget": client.get(f"/enheter/{haga.pk}/budget/?ar={YEAR}").content.decode(),
    }
    assert vnu_errors(pages) == []


def test_the_internal_budget_reads_in_the_same_number_of_queries_however_many_units(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from styr.organisation.services import org_unit_create
    from tests.conftest import TODAY

    committee = world.unit(COMMITTEE)
    user = world.users["committee_politician"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            internal_budget(user, committee, YEAR)
        return len(captured.captured_queries)

    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="1200")
    internal_budget(user, committee, YEAR)  # grants and the group's model cached, as on a page
    few = queries()
    for number in range(6):
        unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {number}", valid_from=TODAY)
        budget_enter(actor=None, org_unit=unit, year=YEAR, key="even", total_sek="1200")
    assert queries() == few


def test_econ_006_a_small_file_that_expands_too_far_is_refused_before_it_is_read(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from styr.core import xlsx

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to read a hostile file")

    monkeypatch.setattr(xlsx, "load_workbook", never)
    source = zipfile.ZipFile(BytesIO(template_of(world)))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/padding.xml", b"<sst>" + b" " * (xlsx.MAX_EXPANDED_BYTES + 1))
    assert len(out.getvalue()) < xlsx.MAX_BYTES
    with pytest.raises(RuleViolation) as refused:
        budget_import(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), year=YEAR, data=out.getvalue())
    assert refused.value.code == "ECON-006" and refused.value.detail == {"limit": 20}
    with pytest.raises(RuleViolation) as too_large:
        budget_import(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), year=YEAR, data=b"x" * (xlsx.MAX_BYTES + 1))
    assert too_large.value.code == "ECON-006"
    assert not BudgetMonth.objects.exists()


def test_edit_001_a_unit_budget_saved_by_someone_else_meanwhile_is_shown_beside_ones_own(world: World) -> None:
    """Two people open a unit's budget form; the first saves; the second is refused with both
    budgets side by side (409, EDIT-001) and nothing of theirs is stored; saving again replaces it."""
    from tests.core.test_conflicts import changed, read_form

    committee, haga = world.unit(COMMITTEE), world.unit("Hagaskolan")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal("100"))
    url = f"/enheter/{haga.pk}/budget/?ar={YEAR}"
    one, two = world.client("committee_politician"), world.client("committee_politician")
    form_one, form_two = (read_form(c.get(url, headers={"Accept-Language": "sv"}).content.decode(), "budget-form") for c in (one, two))
    assert form_one["version"] == form_two["version"] != [""]
    given = {f"m{m}": "1000" for m in range(1, 13)}
    assert one.post(url, changed(form_one, key="given", **given)).status_code == 302
    assert sum(months_of(world, "Hagaskolan")) == Decimal(12000)
    events = AuditEvent.objects.filter(action="budget.set").count()

    refused = two.post(url, changed(form_two, key="even", total_sek="24000"), headers={"Accept-Language": "sv"})
    html = refused.content.decode()
    assert refused.status_code == 409 and "EDIT-001" in html and "Din version" in html and "Sparad version" in html
    # the key and each month, the person's own beside the saved one (their months empty with an even key)
    assert '<th scope="row">Fördelningsnyckel</th><td>Jämnt</td><td>Månad för månad, som angivet</td>' in html
    assert '<th scope="row">Budget för året (kr)</th><td>24000</td><td>—</td>' in html
    assert html.count("<td>—</td><td>1000</td>") == 12
    from tests.html_check import vnu_errors

    assert vnu_errors({"budget conflict": html}) == []
    assert sum(months_of(world, "Hagaskolan")) == Decimal(12000)  # nothing of the second person's stored
    assert AuditEvent.objects.filter(action="budget.set").count() == events

    again = read_form(html, "budget-form")
    assert again["total_sek"] == ["24000"] and again["version"] != form_two["version"]  # their values kept, the saved version taken
    assert two.post(url, again).status_code == 302  # a conscious second save replaces the budget
    assert sum(months_of(world, "Hagaskolan")) == Decimal(24000)


def test_edit_001_an_old_budget_form_without_a_version_still_saves(world: World) -> None:
    """A post without the hidden version (an older page, a script) is saved as before."""
    frame_set(actor=None, org_unit=world.unit(COMMITTEE), year=YEAR, amount_tsek=Decimal("100"))
    haga = world.unit("Hagaskolan")
    response = world.client("committee_politician").post(f"/enheter/{haga.pk}/budget/?ar={YEAR}", {"key": "even", "total_sek": "1200"})
    assert response.status_code == 302 and sum(months_of(world, "Hagaskolan")) == Decimal(1200)


def test_edit_001_on_the_committees_page_a_units_budget_saved_meanwhile_is_refused_and_another_units_is_not(world: World) -> None:
    """The committee's internal budget page posts each unit's version as it showed the grid: a budget
    entered for a unit whose budget someone else saved since is refused beside the saved one (409),
    one entered for another unit is saved."""
    from tests.core.test_conflicts import changed, read_form

    committee, haga = world.unit(COMMITTEE), world.unit("Hagaskolan")
    other = next(u for u, _depth in budget_units(committee) if u.pk not in (committee.pk, haga.pk))
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal("100"))
    url = f"/enheter/{committee.pk}/internbudget/?ar={YEAR}"
    sv = {"Accept-Language": "sv"}
    one, two = world.client("committee_politician"), world.client("committee_politician")
    form_one, form_two = (read_form(c.get(url, headers=sv).content.decode(), "budget-form") for c in (one, two))
    assert f"{haga.pk}:{haga.version}" in form_one["unit_versions"][0]
    assert one.post(url, changed(form_one, action="enter", unit=str(haga.pk), key="even", total_sek="12000")).status_code == 302
    events = AuditEvent.objects.filter(action="budget.set").count()

    refused = two.post(url, changed(form_two, action="enter", unit=str(haga.pk), key="even", total_sek="24000"), headers=sv)
    html = refused.content.decode()
    assert refused.status_code == 409 and "EDIT-001" in html and "Sparad version" in html
    assert '<th scope="row">Budget för året (kr)</th><td>24000</td><td>—</td>' in html
    assert sum(months_of(world, "Hagaskolan")) == Decimal(12000) and AuditEvent.objects.filter(action="budget.set").count() == events
    # the same stale page, another unit: nothing of that unit changed, so it is saved
    assert two.post(url, changed(form_two, action="enter", unit=str(other.pk), key="even", total_sek="1200")).status_code == 302
    # the refused page carries the saved versions: saving again there is a conscious replacement
    again = read_form(html, "budget-form")
    assert two.post(url, changed(again, action="enter", unit=str(haga.pk))).status_code == 302
    assert sum(months_of(world, "Hagaskolan")) == Decimal(24000)


def test_edit_001_a_template_filled_in_while_someone_else_saved_a_units_budget_is_refused_beside_the_saved_one(world: World) -> None:
    """The template carries each unit's version (hidden column P). Uploaded after someone else saved
    one of its units with other months, the file is refused whole (409) with both budgets side by
    side and nothing stored; uploading it again from the refusal replaces the saved budget."""
    from tests.core.test_conflicts import read_form
    from tests.html_check import vnu_errors

    committee, haga = world.unit(COMMITTEE), world.unit("Hagaskolan")
    content = template_of(world)
    ws = load_workbook(BytesIO(content))[excel.SHEET]
    assert ws["P4"].value == "version" and ws.column_dimensions["P"].hidden
    assert ws["A8"].value == haga.pk and ws["P8"].value == haga.version
    upload = filled(content, {f"{col}8": 1000 for col in "CDEFGHIJKLMN"})
    budget_enter(actor=world.users["committee_politician"], org_unit=haga, year=YEAR, key="even", total_sek="6000")  # someone else, meanwhile
    events = AuditEvent.objects.filter(action__startswith="budget.").count()

    url = f"/enheter/{committee.pk}/internbudget/?ar={YEAR}"
    client = world.client("ks_controller")
    refused = client.post(url, {"action": "import", "file": SimpleUploadedFile("budget.xlsx", upload)}, headers={"Accept-Language": "sv"})
    html = refused.content.decode()
    assert refused.status_code == 409 and "EDIT-001" in html and "Hagaskolan" in html
    assert f"12{GROUP}000 kr för året" in html and "6000 kr för året" in html  # the file's beside the saved
    assert "mall.xlsx" in html  # the saved budgets are a template away
    assert vnu_errors({"budget import conflict": html}) == []
    assert sum(months_of(world, "Hagaskolan")) == Decimal(6000)
    assert AuditEvent.objects.filter(action__startswith="budget.").count() == events

    form = read_form(html, "budget-upload-form")
    assert form["seen_versions"] == [f"{haga.pk}:{world.unit('Hagaskolan').version}"]
    again = client.post(url, {"action": "import", "seen_versions": form["seen_versions"][0], "file": SimpleUploadedFile("budget.xlsx", upload)})
    assert again.status_code == 302 and sum(months_of(world, "Hagaskolan")) == Decimal(12000)


def test_edit_001_a_unit_saved_meanwhile_to_the_files_own_months_or_another_unit_is_no_conflict(world: World) -> None:
    committee, haga = world.unit(COMMITTEE), world.unit("Hagaskolan")
    content = template_of(world)
    upload = filled(content, {f"{col}8": 500 for col in "CDEFGHIJKLMN"})
    budget_enter(actor=None, org_unit=haga, year=YEAR, key="even", total_sek="6000")  # the same months as the file's
    budget_enter(actor=None, org_unit=world.unit("Grundskola"), year=YEAR, key="even", total_sek="1200")  # a row left empty
    found = budget_import(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, data=upload)
    assert set(found) == {haga.pk} and sum(months_of(world, "Grundskola")) == Decimal(1200)


def test_edit_001_a_stale_file_is_refused_in_the_service_and_a_template_without_versions_is_read_as_before(world: World) -> None:
    committee, haga = world.unit(COMMITTEE), world.unit("Hagaskolan")
    content = template_of(world)
    budget_enter(actor=None, org_unit=haga, year=YEAR, key="even", total_sek="6000")
    upload = filled(content, {"C8": 1})
    with pytest.raises(RuleViolation) as refused:
        budget_import(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, data=upload)
    assert refused.value.code == "EDIT-001"
    [item] = refused.value.detail["changed"]
    assert item["unit_id"] == haga.pk and item["current"] == world.unit("Hagaskolan").version and item["current_months"] == ["500.00"] * 12
    assert item["months"] == ["1.00"] + ["0.00"] * 11
    # an older template, without the hidden versions, is read as before
    older = filled(content, {"C8": 1, "P8": None})
    assert budget_import(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, data=older) == {
        haga.pk: (Decimal("1.00"),) + (Decimal("0.00"),) * 11
    }


def test_econ_005_a_hidden_version_cell_that_holds_no_version_is_refused_naming_the_cell(world: World) -> None:
    content = filled(template_of(world), {"C8": 1, "P8": "tre"})
    with pytest.raises(RuleViolation) as refused:
        budget_import(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), year=YEAR, data=content)
    assert refused.value.code == "ECON-005" and refused.value.detail["cell"] == "Internbudget!P8"
    assert not BudgetMonth.objects.exists()


def test_edit_001_taking_from_the_ledger_after_someone_saved_a_unit_it_covers_is_refused_until_taken_again(world: World) -> None:
    """The ledger button posts each unit's version as the page showed it: a unit the ledger covers,
    saved by someone else since, refuses the whole (409) beside the ledger's months; the page then
    carries the saved versions, and pressing again replaces them."""
    from tests.core.test_conflicts import read_form

    ledger_with_budget(world)
    url = f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/?ar={YEAR}"
    client = world.client("ks_controller")
    form = read_form(client.get(url).content.decode(), "budget-ledger-form")
    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="1200")
    refused = client.post(url, form, headers={"Accept-Language": "sv"})
    html = refused.content.decode()
    assert refused.status_code == 409 and "EDIT-001" in html and "Hagaskolan" in html and "2700 kr för året" in html
    assert sum(months_of(world, "Hagaskolan")) == Decimal(1200) and not BudgetMonth.objects.filter(source="ledger").exists()
    again = read_form(html, "budget-ledger-form")
    assert again["unit_versions"] != form["unit_versions"]
    assert client.post(url, again).status_code == 302 and sum(months_of(world, "Hagaskolan")) == Decimal("2700.00")
