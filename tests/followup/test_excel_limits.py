"""A hostile workbook is refused quickly with FU-011 naming the limit, and nothing is written (issue 8,
point 1): what a small xlsx expands to, the rows read and each cell's text are capped."""

import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from styr.core import xlsx
from styr.core.models import AuditEvent
from styr.domain.limits import TEXT_LENGTH
from styr.followup import excel, services
from styr.followup.models import Assessment, Measurement, ReportingPeriod
from styr.planning import services as planning
from tests.conftest import World

YEAR = 2027


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def ids(world: World) -> dict[str, int]:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Hagaskolan")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    return {"unit": unit.pk, "period": feb.pk, "goal": goal.pk}


def _template(world: World, ids: dict[str, int]) -> bytes:
    return bytes(world.client("unit_manager").get(f"/enheter/{ids['unit']}/rapportering/{ids['period']}/mall.xlsx").content)


def _upload(world: World, ids: dict[str, int], content: bytes) -> tuple[int, str]:
    response = world.client("unit_manager").post(
        f"/enheter/{ids['unit']}/rapportering/{ids['period']}/", {"action": "upload", "file": SimpleUploadedFile("rapport.xlsx", content)}
    )
    return response.status_code, response.content.decode()


@pytest.fixture
def never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused quickly: the file is turned away before openpyxl parses any of it (times are for
    the benchmarks, not the tests)."""

    def parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to read a hostile file")

    monkeypatch.setattr(xlsx, "load_workbook", parse)


def _rewrite(content: bytes, replace: dict[str, bytes]) -> bytes:
    """The same xlsx with some members replaced, each deflated (so a huge member stays small)."""
    source = zipfile.ZipFile(BytesIO(content))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


SST = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _with_shared_string(content: bytes, text_length: int) -> bytes:
    """The template with a shared strings part holding one string of ``text_length`` characters,
    used by the analysis cell of the first row (as Excel and LibreOffice write text)."""
    source = zipfile.ZipFile(BytesIO(content))
    types = source.read("[Content_Types].xml").decode()
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = source.read("xl/_rels/workbook.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdS" Target="sharedStrings.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    row = excel.FIRST_ROW
    sheet = re.sub(f'<c r="D{row}"[^>]*>(</c>)?', f'<c r="D{row}" t="s"><v>1</v></c>', _sheet_xml(content), count=1)
    sheet = re.sub(f'<c r="E{row}"[^>]*>(</c>)?', f'<c r="E{row}" t="s"><v>0</v></c>', sheet, count=1)
    assert f'<c r="E{row}" t="s">' in sheet
    strings = f'<sst xmlns="{SST}" count="2" uniqueCount="2"><si><t>' + "x" * text_length + "</t></si><si><t>achieved</t></si></sst>"
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = {"[Content_Types].xml": types.encode(), "xl/_rels/workbook.xml.rels": rels.encode(), "xl/worksheets/sheet1.xml": sheet.encode()}
            target.writestr(info.filename, data.get(info.filename, source.read(info.filename)))
        target.writestr("xl/sharedStrings.xml", strings.encode())
    return out.getvalue()


def test_a_workbook_with_shared_strings_within_the_limits_is_saved(world: World, ids: dict[str, int]) -> None:
    """Excel and LibreOffice keep text as shared strings: read as before when within the limits."""
    status, body = _upload(world, ids, _with_shared_string(_template(world, ids), TEXT_LENGTH))
    assert status == 200, body
    assessment = Assessment.objects.get(goal_id=ids["goal"])
    assert assessment.status == "achieved" and len(assessment.analysis) == TEXT_LENGTH


def _sheet_xml(content: bytes) -> str:
    return zipfile.ZipFile(BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()


def _assert_nothing_written(before: int) -> None:
    assert not Measurement.objects.exists() and not Assessment.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_small_workbook_with_a_huge_shared_string_is_refused_before_it_is_read(world: World, ids: dict[str, int], never_parsed: None) -> None:
    hostile = _with_shared_string(_template(world, ids), 60_000_000)
    assert len(hostile) < excel.MAX_BYTES  # the upload's own cap lets it through
    before = AuditEvent.objects.count()
    status, body = _upload(world, ids, hostile)
    assert status == 422 and "FU-011" in body
    assert f"{excel.MAX_EXPANDED_BYTES // (1024 * 1024)} MB" in body and "packas upp" in body
    _assert_nothing_written(before)


def test_a_million_rows_written_compactly_are_refused_before_they_are_read(world: World, ids: dict[str, int], never_parsed: None) -> None:
    content = _template(world, ids)
    xml = _sheet_xml(content)
    rows = "<row><c/><c/><c/><c><v>1</v></c></row>" * 1_000_000  # rows and cells numbered by position
    hostile = _rewrite(content, {"xl/worksheets/sheet1.xml": xml.replace("</sheetData>", rows + "</sheetData>").encode()})
    assert len(hostile) < excel.MAX_BYTES
    before = AuditEvent.objects.count()
    status, body = _upload(world, ids, hostile)
    assert status == 422 and "FU-011" in body
    _assert_nothing_written(before)


def test_more_rows_than_the_limit_are_refused_naming_the_limit(world: World, ids: dict[str, int]) -> None:
    """Under the expansion cap but over the row cap: refused, naming the limit."""
    content = _template(world, ids)
    xml = _sheet_xml(content)
    last = excel.FIRST_ROW + excel.MAX_ROWS + 5
    rows = "".join(f'<row r="{n}"><c r="D{n}"><v>1</v></c></row>' for n in range(10, last))
    hostile = _rewrite(content, {"xl/worksheets/sheet1.xml": xml.replace("</sheetData>", rows + "</sheetData>").encode()})
    before = AuditEvent.objects.count()
    status, body = _upload(world, ids, hostile)
    assert status == 422 and "FU-011" in body
    assert f"{excel.MAX_ROWS:,}".replace(",", "\xa0") in body or str(excel.MAX_ROWS) in body
    assert "rader" in body
    _assert_nothing_written(before)


def test_a_cell_longer_than_its_field_is_refused_naming_the_cell_and_the_limit(world: World, ids: dict[str, int]) -> None:
    wb = load_workbook(BytesIO(_template(world, ids)))
    ws = wb["Rapportering"]
    ws.cell(row=excel.FIRST_ROW, column=4, value="achieved")
    ws.cell(row=excel.FIRST_ROW, column=5, value="x" * (TEXT_LENGTH + 1))
    out = BytesIO()
    wb.save(out)
    before = AuditEvent.objects.count()
    status, body = _upload(world, ids, out.getvalue())
    assert status == 422 and "FU-011" in body
    assert f"Cell Rapportering!E{excel.FIRST_ROW} (Analys) innehåller {TEXT_LENGTH + 1} tecken; högst {TEXT_LENGTH} läses." in body
    _assert_nothing_written(before)


def test_a_member_whose_header_lies_about_its_size_is_refused(world: World, ids: dict[str, int], never_parsed: None) -> None:
    """A zip entry that declares a small size but holds more is not read past what it declares."""
    hostile = bytearray(_with_shared_string(_template(world, ids), 30_000_000))
    archive = zipfile.ZipFile(BytesIO(bytes(hostile)))
    info = archive.getinfo("xl/sharedStrings.xml")
    small = (1000).to_bytes(4, "little")
    # the uncompressed size sits at offset 22 of the local header and 24 of the central directory's entry
    hostile[info.header_offset + 22 : info.header_offset + 26] = small
    central = bytes(hostile).rfind(b"PK\x01\x02", 0, len(hostile))
    while central != -1:
        name_length = int.from_bytes(hostile[central + 28 : central + 30], "little")
        if hostile[central + 46 : central + 46 + name_length] == b"xl/sharedStrings.xml":
            hostile[central + 24 : central + 28] = small
            break
        central = bytes(hostile).rfind(b"PK\x01\x02", 0, central)
    assert zipfile.ZipFile(BytesIO(bytes(hostile))).getinfo("xl/sharedStrings.xml").file_size == 1000
    before = AuditEvent.objects.count()
    status, body = _upload(world, ids, bytes(hostile))
    assert status == 422 and "FU-011" in body
    _assert_nothing_written(before)
