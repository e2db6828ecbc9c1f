"""Fuzzing every importer with hypothesis (issue 14 §7): random bytes, valid files with bytes
flipped, cut short or put in, an xlsx with a member replaced, cut or left out, and a zip bomb.
Each either succeeds or is refused by its rule with a Swedish message, never with a server
error, and a refusal writes nothing (every table of Styr counted before and after)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from styr.economy.models import SieImport
from styr.economy.services import budget_import, population_upload, positions_import, sie_import
from styr.followup import services as followup
from styr.followup.kolada_upload import kolada_upload
from styr.followup.models import ReportingPeriod
from styr.planning import services as planning
from styr.planning.models import KoladaSettings
from tests.conftest import ROOT, World
from tests.followup.kolada_setup import bound_world
from tests.fuzz.conftest import FUZZ, attempt, mutated, row_counts, zip_bomb

YEAR = 2027
SIE = ROOT / "tests" / "fixtures" / "sie"
KOLADA = ROOT / "tests" / "fixtures" / "kolada"


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


# --- the reporting sheet, through the page (a server error would show as 500) ---------------------


@pytest.fixture
def reporting(world: World) -> tuple[str, bytes]:
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Hagaskolan")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    planning.indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    base = f"/enheter/{unit.pk}/rapportering/{feb.pk}/"
    template = world.client("unit_manager").get(base + "mall.xlsx").content
    return base, bytes(template)


@FUZZ
@given(data=st.data())
def test_the_reporting_upload_never_errs_and_a_refusal_writes_nothing(world: World, reporting: tuple[str, bytes], data: st.DataObject) -> None:
    base, template = reporting
    content = data.draw(mutated(template))
    client = world.client("unit_manager")
    before = row_counts()
    response = client.post(base, {"action": "upload", "file": SimpleUploadedFile("r.xlsx", content)})
    assert response.status_code in (200, 302, 422), response.status_code
    if response.status_code == 422:
        text = response.content.decode()
        assert "FU-011" in text or "FU-0" in text
        assert row_counts() == before


def test_a_zip_bomb_as_the_reporting_sheet_is_refused_by_fu_011(world: World, reporting: tuple[str, bytes]) -> None:
    base, template = reporting
    bomb = zip_bomb(template)
    assert len(bomb) < 1024 * 1024
    before = row_counts()
    response = world.client("unit_manager").post(base, {"action": "upload", "file": SimpleUploadedFile("r.xlsx", bomb)})
    assert response.status_code == 422 and "FU-011" in response.content.decode() and "packas upp" in response.content.decode()
    assert row_counts() == before


# --- the personnel and internal budget templates -------------------------------------------------


@pytest.fixture
def personnel_template(world: World) -> bytes:
    return bytes(world.client("unit_manager").get(f"/enheter/{world.unit('Hagaskolan').pk}/lonebudget/mall.xlsx?ar={YEAR}").content)


@pytest.fixture
def budget_template(world: World) -> bytes:
    return bytes(world.client("committee_politician").get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/internbudget/mall.xlsx?ar={YEAR}").content)


@FUZZ
@given(data=st.data())
def test_the_personnel_import_never_errs_and_a_refusal_writes_nothing(world: World, personnel_template: bytes, data: st.DataObject) -> None:
    unit = world.unit("Hagaskolan")
    content = data.draw(mutated(personnel_template))
    attempt(
        lambda: positions_import(actor=world.users["unit_manager"], org_unit=unit, year=YEAR, data=content, file_name="l.xlsx"),
        {"PAY-001", "PAY-002", "PAY-003", "PAY-004", "PAY-005", "PAY-006", "PAY-007", "TEXT-001"},
    )


@FUZZ
@given(data=st.data())
def test_the_internal_budget_import_never_errs_and_a_refusal_writes_nothing(world: World, budget_template: bytes, data: st.DataObject) -> None:
    committee = world.unit("Utbildningsnämnden")
    content = data.draw(mutated(budget_template))
    attempt(
        lambda: budget_import(actor=world.users["committee_politician"], org_unit=committee, year=YEAR, data=content, file_name="b.xlsx"),
        {"ECON-005", "ECON-006", "ECON-014"},
    )


@pytest.mark.parametrize("importer", ["personnel", "budget"])
def test_a_zip_bomb_as_an_economy_template_is_refused(world: World, importer: str, personnel_template: bytes, budget_template: bytes) -> None:
    unit, committee = world.unit("Hagaskolan"), world.unit("Utbildningsnämnden")
    if importer == "personnel":
        code = attempt(lambda: positions_import(actor=None, org_unit=unit, year=YEAR, data=zip_bomb(personnel_template)), {"PAY-007"})
    else:
        code = attempt(lambda: budget_import(actor=None, org_unit=committee, year=YEAR, data=zip_bomb(budget_template)), {"ECON-006"})
    assert code != "ok"


# --- SIE -----------------------------------------------------------------------------------------


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(p.name for p in SIE.glob("*.se"))))
def test_the_sie_import_never_errs_and_a_refusal_writes_nothing(world: World, data: st.DataObject, name: str) -> None:
    content = data.draw(mutated((SIE / name).read_bytes()))
    attempt(
        lambda: sie_import(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), file_name=name, stream=BytesIO(content)),
        {f"SIE-{n:03d}" for n in range(1, 30)},
    )


@pytest.mark.parametrize("where", [b"#FLAGGA", b'#FNAMN "Exempelby'])
def test_a_sie_file_with_a_nul_byte_is_read_without_it(world: World, where: bytes) -> None:
    """Found by the fuzzing above on PostgreSQL, which stores no byte 0 in text or JSON: a record's
    name with byte 0 was kept, under that name, among the import's counts and warnings, and the
    import failed with a database error. Byte 0 is dropped from them as from every text."""
    content = (SIE / "exempelby_bolag_bas.se").read_bytes()
    assert where in content
    damaged = content.replace(where, where[:1] + b"\x00" + where[1:], 1)
    code = attempt(
        lambda: sie_import(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), file_name="bolag.se", stream=BytesIO(damaged)),
        set(),
    )
    assert code == "ok"
    record = SieImport.objects.get()
    assert "\x00" not in json.dumps(record.counts) + json.dumps(record.warnings) + record.file_name


# --- Kolada's saved answers ----------------------------------------------------------------------


@FUZZ
@given(data=st.data(), name=st.sampled_from(["data_N00945.json", "municipality.json", "kpi_page1.json"]))
def test_the_kolada_upload_never_errs_and_a_refusal_writes_nothing(world: World, data: st.DataObject, name: str) -> None:
    if not KoladaSettings.objects.filter(group=world.group).exists():
        bound_world(world)
    content = data.draw(mutated((KOLADA / name).read_bytes()))
    file_name = data.draw(st.sampled_from([name, "svar.csv", "svar.zip"]))
    attempt(
        lambda: kolada_upload(actor=world.users["ks_controller"], group=world.group, name=file_name, content=content), {f"KOLADA-{n:03d}" for n in range(1, 20)}
    )


# --- a population forecast (CSV or Excel) --------------------------------------------------------


@FUZZ
@given(data=st.data(), kind=st.sampled_from(["csv", "xlsx"]))
def test_the_population_upload_never_errs_and_a_refusal_writes_nothing(world: World, data: st.DataObject, kind: str) -> None:
    from styr.economy.population_files import template_csv, template_xlsx

    base = template_csv(YEAR) if kind == "csv" else template_xlsx(YEAR)
    content = data.draw(mutated(base))
    name = data.draw(st.text(alphabet="abcåäö ", min_size=1, max_size=12))
    attempt(
        lambda: population_upload(actor=world.users["ks_controller"], group=world.group, name=f"Prognos {name}", data=content, file_name=f"p.{kind}"),
        {f"POP-{n:03d}" for n in range(1, 20)} | {"TEXT-001"},
    )


def _member_emptied(base: bytes, member: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(BytesIO(base)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, b"" if name == member else content)
    return out.getvalue()


def _deflate_corrupted(base: bytes, member: str) -> bytes:
    """The member's compressed bytes overwritten in the middle (zlib: "invalid block type")."""
    import zipfile

    with zipfile.ZipFile(BytesIO(base)) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(base)
    middle = start + info.compress_size // 2
    out[middle : middle + 16] = b"\xff" * 16
    return bytes(out)


@pytest.mark.parametrize("broken", ["empty sheet", "corrupt deflate"])
def test_a_sheet_that_is_not_xml_or_not_deflate_is_fu_011_not_a_server_error(world: World, reporting: tuple[str, bytes], broken: str) -> None:
    """What the fuzzing found first: zlib's and lxml's errors escaped the reader as a 500."""
    base, template = reporting
    member = "xl/worksheets/sheet1.xml"
    content = _member_emptied(template, member) if broken == "empty sheet" else _deflate_corrupted(template, member)
    before = row_counts()
    response = world.client("unit_manager").post(base, {"action": "upload", "file": SimpleUploadedFile("r.xlsx", content)})
    assert response.status_code == 422 and "FU-011" in response.content.decode()
    assert row_counts() == before
