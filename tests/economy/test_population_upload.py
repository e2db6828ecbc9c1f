"""A municipality's own population forecast uploaded as CSV or Excel (issue 10 §1, POP-008,
POP-009): ; or , separated, UTF-8 with or without BOM or Windows-1252, or .xlsx through the safe
reader; every refusal names the line or cell and the rule, and writes nothing."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook, load_workbook

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.population import AGE_BANDS, band_of, by_band
from styr.economy.models import PopulationSeries
from styr.economy.population_files import read_forecast, template_csv, template_xlsx
from styr.economy.selectors.population import population_band_table, population_by_age, population_summaries
from styr.economy.services import population_upload
from tests.conftest import World

FORECAST = "år;område;ålder;antal\r\n2027;Moheda;0;25\r\n2027;Moheda;100+;1\r\n2027;Alvesta;0;120,4\r\n2027;Alvesta;7;110\r\n2028;Alvesta;0;1 130\r\n"


def xlsx_of(rows: list[list[object]], sheet: str = "Befolkning") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def refused(data: bytes, name: str = "prognos.csv") -> RuleViolation:
    with pytest.raises(RuleViolation) as error:
        read_forecast(data, file_name=name)
    return error.value


def test_the_bands_cover_every_age_once() -> None:
    assert [b.label for b in AGE_BANDS] == ["0", "1–5", "6–15", "16–18", "19–64", "65–79", "80+"]
    assert all(band_of(age) is next(b for b in AGE_BANDS if b.age_from <= age <= b.age_to) for age in range(101))
    assert by_band({0: 3, 5: 1, 6: 2, 100: 4}) == {"0": 3, "1-5": 1, "6-15": 2, "16-18": 0, "19-64": 0, "65-79": 0, "80+": 4}


@pytest.mark.parametrize(
    "data",
    [
        FORECAST.encode("utf-8"),
        ("\ufeff" + FORECAST).encode("utf-8"),
        FORECAST.encode("cp1252"),
        FORECAST.replace(";", ",").replace("120,4", '"120,4"').encode("utf-8"),
        FORECAST.replace("\r\n", "\n").replace("år;område", "År ; Område").encode("utf-8"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "comma separated", "LF and spaced headers"],
)
def test_a_csv_forecast_is_read_in_every_accepted_form(data: bytes) -> None:
    read = read_forecast(data, file_name="prognos.csv")
    assert read.format == "csv" and read.forecast.rows == 5 and read.forecast.rounded == 1
    assert read.forecast.cells == [
        (2027, "Moheda", 0, 25),
        (2027, "Moheda", 100, 1),
        (2027, "Alvesta", 0, 120),
        (2027, "Alvesta", 7, 110),
        (2028, "Alvesta", 0, 1130),
    ]


def test_a_forecast_without_areas_and_with_english_headers_is_read() -> None:
    read = read_forecast(b"year,age,count\n2027,0,200\n\n2027,1,210\n")
    assert read.forecast.cells == [(2027, "", 0, 200), (2027, "", 1, 210)]


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        ("år;ålder\n2027;0\n", "POP-008", "antal"),
        ("år;ålder;antal;år\n", "POP-008", "twice"),
        ("år;ålder;antal\n", "POP-008", "no population rows"),
        ("år;ålder;antal\n2027;0;25\n1999;1;3\n", "POP-009", "rad 3: the year “1999”"),
        ("år;ålder;antal\n2027;101;3\n", "POP-009", "rad 2: the age “101”"),
        ("år;ålder;antal\n2027;fem;3\n", "POP-009", "the age “fem”"),
        ("år;ålder;antal\n2027;5;-3\n", "POP-009", "rad 2: the count “-3”"),
        ("år;ålder;antal\n2027;5;\n", "POP-009", "the count “”"),
        ("år;ålder;antal\n2027;5;många\n", "POP-009", "många"),
    ],
)
def test_a_refused_csv_names_the_line_and_the_rule(content: str, code: str, words: str) -> None:
    violation = refused(content.encode("utf-8"))
    assert violation.code == code and words in str(violation)
    if words.startswith("rad "):
        assert violation.line == int(words.split()[1].rstrip(":"))


def test_a_file_in_no_accepted_encoding_is_refused() -> None:
    assert refused(b"\x81\x8d\x8f").code == "POP-008"  # undefined in Windows-1252, not UTF-8
    assert refused("år;ålder;antal\n".encode("utf-16")).code == "POP-008"
    assert refused(b"not a zip", "prognos.xlsx").code == "POP-008"


def test_an_excel_forecast_is_read_and_a_refusal_names_the_cell() -> None:
    data = xlsx_of([["år", "område", "ålder", "antal"], [2027, "Vislanda", 0, 12], [2027, "Vislanda", "100+", 1.0], [2027, None, 5, 300.6]])
    read = read_forecast(data, file_name="prognos.xlsx")
    assert read.format == "xlsx" and read.forecast.cells == [(2027, "Vislanda", 0, 12), (2027, "Vislanda", 100, 1), (2027, "", 5, 301)]
    bad = refused(xlsx_of([["år", "område", "ålder", "antal"], [2027, "Vislanda", 0, 12], [2027, "Vislanda", 3, "tolv"]]), "prognos.xlsx")
    assert bad.code == "POP-009" and "cellen Befolkning!D3" in str(bad) and bad.line == 3
    other_sheet = refused(xlsx_of([["år", "ålder"]], sheet="Blad1"), "prognos.xlsx")
    assert other_sheet.code == "POP-008" and "rad 1 i bladet Blad1" in str(other_sheet)


def test_an_excel_file_that_expands_too_far_is_refused_by_the_safe_reader() -> None:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/sharedStrings.xml", b" " * (25 * 1024 * 1024))
    violation = refused(out.getvalue(), "bomb.xlsx")
    assert violation.code == "POP-008" and "expands" in str(violation)


def test_the_templates_read_back_once_filled_in() -> None:
    text = template_csv(2027).decode("utf-8")
    assert text.startswith("\ufeffår;område;ålder;antal\r\n2027;;0;\r\n") and "2027;;100+;" in text
    filled = text.replace(";\r\n", ";10\r\n").encode("utf-8")
    assert sum(c[3] for c in read_forecast(filled).forecast.cells) == 1010
    wb = load_workbook(BytesIO(template_xlsx(2027)))
    ws = wb["Befolkning"]
    assert [c.value for c in ws[1]][:4] == ["år", "område", "ålder", "antal"] and ws["C102"].value == "100+"
    for row in range(2, 103):
        ws.cell(row=row, column=4, value=7)
    out = BytesIO()
    wb.save(out)
    assert sum(c[3] for c in read_forecast(out.getvalue(), file_name="mall.xlsx").forecast.cells) == 707
    unfilled = refused(template_xlsx(2027), "mall.xlsx")
    assert unfilled.code == "POP-009" and "cellen Befolkning!D2" in str(unfilled)


def test_a_controller_uploads_a_forecast_and_the_series_keeps_the_file(world: World) -> None:
    series = population_upload(actor=world.users["ks_controller"], group=world.group, name="Prognos 2027", data=FORECAST.encode(), file_name="prognos.csv")
    assert series.source == "upload" and series.detail["file_name"] == "prognos.csv" and len(series.detail["sha256"]) == 64
    assert series.detail["rounded"] == 1 and series.detail["format"] == "csv"
    assert population_summaries([series])[0].residents_by_year == {2027: 256, 2028: 1130}
    assert population_summaries([series])[0].areas == ["Alvesta", "Moheda"]
    assert population_by_age(series, year=2027) == {0: 145, 7: 110, 100: 1}
    table = population_band_table(series, year=2027)
    assert [(r.area, r.total) for r in table] == [("", 256), ("Alvesta", 230), ("Moheda", 26)]
    assert table[0].bands["0"] == 145 and table[0].bands["6-15"] == 110 and table[0].bands["80+"] == 1
    assert AuditEvent.objects.get(action="population_series.stored").after["file_name"] == "prognos.csv"


def test_a_refused_upload_writes_nothing_and_only_controllers_upload(world: World) -> None:
    with pytest.raises(RuleViolation) as error:
        population_upload(actor=world.users["ks_controller"], group=world.group, name="P", data=b"ar;alder;antal\n2027;1;x\n", file_name="p.csv")
    assert error.value.code == "POP-009"
    for persona in ("committee_politician", "auditor", "outsider"):
        with pytest.raises(PermissionDenied):
            population_upload(actor=world.users[persona], group=world.group, name="P", data=FORECAST.encode(), file_name="p.csv")
    assert PopulationSeries.objects.count() == 0 and not AuditEvent.objects.filter(action="population_series.stored").exists()
