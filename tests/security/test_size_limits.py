"""Size limits on every request body and every upload (issue 14 §7): a body over the limits is
answered 413 with its rule (SIZE-001…003) and a Swedish message before any view reads it, and
each upload path refuses a file over its own cap with its own rule (422), writing nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import encode_multipart

from styr.core import xlsx
from styr.domain.branding import MAX_LOGO_BYTES, MAX_TEMPLATE_BYTES
from styr.economy.population_files import MAX_CSV_BYTES
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from tests.conftest import YEAR, World
from tests.fuzz.conftest import row_counts


def test_size_001_a_body_over_the_request_limit_is_refused_unread(world: World, settings: Any) -> None:
    settings.STYR_MAX_REQUEST_BYTES = 1024 * 1024
    client = world.client("unit_manager")
    body = encode_multipart("BoUnDaRy", {"file": SimpleUploadedFile("stor.se", b"#FLAGGA 0\n" * 200_000)})
    response = client.post("/konto/logga-in/", body, content_type="multipart/form-data; boundary=BoUnDaRy")
    assert response.status_code == 413
    text = response.content.decode()
    assert "SIZE-001" in text and "Anropet är större än 1 MB" in text


def test_size_001_under_the_api_answers_in_the_one_error_shape(world: World, settings: Any) -> None:
    settings.STYR_MAX_REQUEST_BYTES = 1024 * 1024
    response = Client().post("/api/v1/goals", b"x" * (1024 * 1024 + 1), content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {
        "code": "SIZE-001",
        "message": "Anropet är större än 1 MB, det mesta Styr tar emot i ett anrop.",
        "detail": {"limit": "1", "fields": 1000, "files": 10},
    }


def test_size_001_the_limit_is_the_largest_upload_and_one_megabyte_by_default(settings: Any) -> None:
    from styr.core.security import max_request_bytes

    settings.STYR_MAX_REQUEST_BYTES = 0
    assert max_request_bytes() == settings.SIE_UPLOAD_MAX_BYTES + 1024 * 1024


def test_size_002_form_fields_over_the_limit_are_refused_in_swedish(world: World, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = world.client("unit_manager").post("/konto/logga-in/", {"username": "x" * 120_000, "password": "y"})
    assert response.status_code == 413
    assert "SIZE-002" in response.content.decode() and "Formulärets fält" in response.content.decode()


def test_size_002_a_json_body_to_a_page_is_held_to_the_form_limit(world: World, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = world.client("unit_manager").post("/att-gora/", b"{" + b" " * 120_000 + b"}", content_type="application/json")
    assert response.status_code == 413 and "SIZE-002" in response.content.decode()


def test_size_003_too_many_fields_are_refused(world: World) -> None:
    fields = {f"f{n}": "1" for n in range(1001)}
    response = world.client("unit_manager").post("/konto/logga-in/", fields)
    assert response.status_code == 413
    text = response.content.decode()
    assert "SIZE-003" in text and "fler än 1000 fält eller 10 filer" in text


def test_size_003_too_many_files_are_refused(world: World) -> None:
    files = {f"file{n}": SimpleUploadedFile(f"{n}.txt", b"x") for n in range(11)}
    response = world.client("unit_manager").post("/konto/logga-in/", files)
    assert response.status_code == 413 and "SIZE-003" in response.content.decode()


def test_the_api_keeps_its_own_answer_for_a_json_body_over_the_form_limit(world: World, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = world.client("ks_controller").post("/api/v1/goals", b"{" + b" " * 2000 + b"}", content_type="application/json")
    assert response.status_code == 413 and response.json()["code"] == "TOO-LARGE"


def big(size: int) -> bytes:
    """``size`` bytes that start like an xlsx (a zip), so only the size can refuse them."""
    return b"PK\x03\x04" + b"\0" * (size - 4)


def reporting_url(world: World) -> str:
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.filter(calendar=calendar, kind="monthly_report").order_by("end").first()
    assert period is not None and period.end >= date(YEAR, 1, 31)
    return f"/enheter/{world.unit('Hagaskolan').pk}/rapportering/{period.pk}/"


UPLOADS: dict[str, tuple[str, Callable[[World], str], Callable[[bytes], dict[str, Any]], int, str]] = {
    # path: (persona, url, form data, cap, rule)
    "reporting": ("unit_manager", reporting_url, lambda data: {"action": "upload", "file": SimpleUploadedFile("r.xlsx", data)}, xlsx.MAX_BYTES, "FU-011"),
    "personnel": (
        "unit_manager",
        lambda w: f"/enheter/{w.unit('Hagaskolan').pk}/lonebudget/?ar={YEAR}",
        lambda data: {"action": "import", "file": SimpleUploadedFile("l.xlsx", data)},
        xlsx.MAX_BYTES,
        "PAY-007",
    ),
    "internal budget": (
        "committee_politician",
        lambda w: f"/enheter/{w.unit('Utbildningsnämnden').pk}/internbudget/?ar={YEAR}",
        lambda data: {"action": "import", "file": SimpleUploadedFile("b.xlsx", data)},
        xlsx.MAX_BYTES,
        "ECON-006",
    ),
    "population": (
        "ks_controller",
        lambda w: "/befolkning/",
        lambda data: {"action": "upload", "upload-name": "Prognos", "upload-file": SimpleUploadedFile("p.csv", data)},
        MAX_CSV_BYTES,
        "POP-008",
    ),
    "logo": (
        "administrator",
        lambda w: "/installningar/grafisk-profil/",
        lambda data: {"logo": SimpleUploadedFile("logo.png", data), "primary_colour": ""},
        MAX_LOGO_BYTES,
        "BRAND-001",
    ),
    "word template": (
        "administrator",
        lambda w: "/installningar/grafisk-profil/",
        lambda data: {"word_template": SimpleUploadedFile("mall.docx", data), "primary_colour": ""},
        MAX_TEMPLATE_BYTES,
        "BRAND-002",
    ),
}


@pytest.mark.parametrize("path", list(UPLOADS))
def test_every_upload_refuses_a_file_over_its_cap_and_writes_nothing(world: World, path: str) -> None:
    persona, url, form, cap, rule = UPLOADS[path]
    address = url(world)
    before = row_counts()
    response = world.client(persona).post(address, form(big(cap + 1)))
    text = response.content.decode()
    assert response.status_code == 422, (response.status_code, text[:500])
    assert rule in text and (" MB" in text or " kB" in text), text[:2000]
    assert row_counts() == before


def test_the_sie_upload_refuses_a_file_over_its_cap(world: World, settings: Any) -> None:
    settings.SIE_UPLOAD_MAX_BYTES = 1000
    unit = world.unit("Utbildningsnämnden")
    before = row_counts()
    response = world.client("ks_controller").post(f"/enheter/{unit.pk}/bokforing/las-in/", {"file": SimpleUploadedFile("stor.se", b"#FLAGGA 0\n" * 200)})
    assert response.status_code == 422 and "SIE-013" in response.content.decode()
    assert row_counts() == before


def test_an_api_upload_over_its_cap_is_refused_with_its_rule(world: World) -> None:
    from styr.core.services import api_token_create

    _, raw = api_token_create(actor=None, user=world.users["unit_manager"], name="t")
    data = {"org_unit": world.unit("Hagaskolan").pk, "year": YEAR, "file": SimpleUploadedFile("l.xlsx", BytesIO(big(xlsx.MAX_BYTES + 1)).getvalue())}
    response = Client().post("/api/v1/personnel/position-imports", data, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 422 and response.json()["code"] == "PAY-007"
