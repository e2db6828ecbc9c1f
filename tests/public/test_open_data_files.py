"""The open data files as outsiders open them (OPEN-003), and in a constant number of queries
however much data there is."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.conftest import YEAR, World
from tests.public.open_data_world import publish

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: LibreOffice's CSV import as a Swedish user opens it: semicolon, double quote, UTF-8, from line 1, Swedish locale (1053)
SWEDISH_CSV = "CSV:59,34,76,1,,1053"


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed")
def test_open_003_libreoffice_opens_the_csv_in_columns_with_numbers(world: World, tmp_path: Path) -> None:
    publish(world)
    response = Client().get(f"/oppen-data/alvesta/ramar.csv?ar={YEAR}")
    source = tmp_path / "ramar.csv"
    source.write_bytes(response.content)
    subprocess.run(
        [str(OFFICE), "--headless", f"--infilter={SWEDISH_CSV}", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    sheet = load_workbook(tmp_path / "ramar.xlsx").active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[:3] == ["ar", "organ_id", "organ"] and len(header) == 15  # the BOM did not become part of the first name
    assert row["organ"] == "Utbildningsnämnden" and row["ar"] == YEAR
    assert row["driftram_kr"] == 512300000 and row["helarsprognos_kr"] == 518179000  # numbers, not text
    assert row["beslutsdatum"] is not None


def queries(url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


URLS = (
    f"/offentlig/alvesta/?ar={YEAR}",
    f"/offentlig/alvesta/ekonomi/?ar={YEAR}",
    "/oppen-data/alvesta/mal.csv",
    "/oppen-data/alvesta/indikatorvarden.json",
    "/oppen-data/alvesta/ramar.json",
    "/oppen-data/alvesta/planer.csv",
    "/api/v1/public/alvesta/goals",
    "/api/v1/public/alvesta/indicator-values",
    "/api/v1/public/alvesta/frames",
    "/api/v1/public/alvesta/plans",
)


def grow(world: World, *, goals: int) -> None:
    """More adopted goals with public values and statuses, and adopted frames of another year."""
    from datetime import date
    from decimal import Decimal

    from styr.economy.services import frame_set
    from styr.followup import services as followup
    from styr.planning import services as planning
    from tests.public.open_data_world import adopt_report, period

    council, committee = world.unit("Kommunfullmäktige"), world.unit("Omsorgsnämnden")
    for n in range(goals):
        goal = planning.goal_create(actor=None, org_unit=committee, title=f"Mer {n}", start_year=YEAR, end_year=YEAR)
        for m in range(2):
            indicator = planning.indicator_create(
                actor=None, goal=goal, name=f"Mått {n}.{m}", baseline_year=YEAR - 1, baseline_value=Decimal(1), target_year=YEAR, target_value=Decimal(2)
            )
            followup.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(n + m))
        planning.goal_adopt(actor=world.users["other_committee_politician"], goal=goal)
        followup.assessment_record(actor=None, period=period(world, 2), goal=goal, status="achieved", analysis="Bra.")
    adopt_report(world, "Omsorgsnämnden", 2, by="other_committee_politician")
    for name in ("Omsorgsnämnden", "Kommunstyrelsen"):
        frame_set(actor=None, org_unit=world.unit(name), year=YEAR + 1, amount_tsek=Decimal(1000))
    plan = planning.plan_create(actor=None, org_unit=council, year=YEAR + 1)
    planning.plan_adopt(
        actor=world.users["council_chair"],
        plan=planning.plan_propose(actor=None, plan=plan),
        decided_on=date(YEAR, 11, 20),
        paragraph="§ 9",
        registration_number="KS 2026/9",
    )


def test_the_public_pages_files_and_api_read_in_a_constant_number_of_queries(world: World) -> None:
    """As many queries for one goal, a few values and one frame as for four goals (three of another
    body with an adopted report), seven indicators with their values and the frames of two years."""
    publish(world, goals=1)
    few = {url: queries(url) for url in URLS}
    grow(world, goals=3)
    many = {url: queries(url) for url in URLS}
    assert many == few
    assert len(Client().get("/api/v1/public/alvesta/indicator-values").json()["items"]) == 2 + 6
