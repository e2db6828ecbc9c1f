"""Pages: language, history, the governance model, governing documents and query counts."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.core.models import AuditEvent
from styr.organisation.models import GoverningDocument
from styr.organisation.services import org_unit_create
from tests.conftest import TODAY, YEAR, World


def test_swedish_is_the_default_and_english_is_available(world: World) -> None:
    client = world.client("ks_controller")
    swedish = client.get("/styrmodell/").content.decode()
    assert 'lang="sv"' in swedish and "Statusskala" in swedish and "Uppfyllt" in swedish
    client.post("/i18n/setlang/", {"language": "en", "next": "/styrmodell/"})
    english = client.get("/styrmodell/").content.decode()
    assert 'lang="en"' in english and "Status scale" in english and "Achieved" in english


def test_the_unit_page_shows_who_changed_what(world: World) -> None:
    unit = world.unit("Hagaskolan")
    body = world.client("auditor").get(f"/enheter/{unit.pk}/").content.decode()
    assert "Enhet skapad" in body and "Hagaskolan" in body


def test_the_governance_model_page_shows_the_configuration(world: World) -> None:
    body = world.client("auditor").get("/styrmodell/").content.decode()
    assert "Styrmodell för Alvesta kommunkoncern" in body
    assert "Vision 2027" in body and "4 × 4" in body


def test_governing_documents_register_shows_the_cover_page_metadata(world: World) -> None:
    body = world.client("auditor").get("/styrdokument/").content.decode()
    for text in ("Styrmodell för Alvesta kommunkoncern", "KF § 49/2020", "2020-06-15", "2020-00190", "Tills vidare", "kommunchef"):
        assert text in body


def test_a_controller_registers_a_governing_document_and_an_auditor_cannot(world: World) -> None:
    data = {
        "title": "Policy för styrdokument",
        "doc_type": "POLICY",
        "decided_by": "Kommunfullmäktige",
        "decision_reference": "KF § 12/2021",
        "decision_date": "2021-02-22",
        "valid_from": "2021-03-01",
        "validity": "Tills vidare",
        "applies_to": "Alvesta kommunkoncern",
        "follow_up_responsible": "Kommunchef",
        "registration_number": "2021-00042",
    }
    assert world.client("auditor").post("/styrdokument/", data).status_code == 403
    assert world.client("ks_controller").post("/styrdokument/", {**data, "decision_date": "inte ett datum"}).status_code == 422
    response = world.client("ks_controller").post("/styrdokument/", data)
    assert response.status_code == 302
    doc = GoverningDocument.objects.get(registration_number="2021-00042")
    assert AuditEvent.objects.filter(action="governing_document.created", object_id=str(doc.pk)).exists()


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_unit_page_and_tree_query_count_does_not_grow_with_the_organisation(world: World) -> None:
    client = world.client("ks_controller")
    unit = world.unit("Utbildningsnämnden")
    urls = [f"/enheter/{unit.pk}/?ar={YEAR}", "/enheter/", "/api/v1/org-units?limit=500"]
    before = [_count(client, url) for url in urls]
    parent = world.unit("Grundskola")
    for n in range(40):
        org_unit_create(actor=None, group=world.group, parent=parent, kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
    after = [_count(client, url) for url in urls]
    assert after == before


def test_the_navigator_beside_a_unit_shows_its_path_not_the_whole_group(world: World) -> None:
    """The top units, the path down to the unit with the siblings along it, and its children."""
    parent = world.unit("Grundskola")
    for n in range(3):
        org_unit_create(actor=None, group=world.group, parent=parent, kind="UNIT", name=f"Skola {n}", valid_from=TODAY)

    def navigator(persona: str, unit: str) -> str:
        body = world.client(persona).get(f"/enheter/{world.unit(unit).pk}/").content.decode()
        return body.split('aria-label="Organisationsträd"')[1].split("</nav>")[0]

    nav = navigator("ks_controller", "Utbildningsnämnden")
    for shown in ("Kommunfullmäktige", "Kommunstyrelsen", "Omsorgsnämnden", "Utbildningsnämnden", "Utbildningsförvaltningen"):
        assert f">{shown}</a>" in nav, shown
    assert ">Grundskola</a>" not in nav and ">Skola 0</a>" not in nav  # below the unit's children
    assert 'aria-current="page">Utbildningsnämnden</a>' in nav
    deep = navigator("ks_controller", "Grundskola")
    assert ">Skola 2</a>" in deep and ">Hagaskolan</a>" in deep and ">Omsorgsförvaltningen</a>" not in deep
    mine = navigator("unit_manager", "Hagaskolan")
    assert ">Hagaskolan</a>" in mine and ">Grundskola</a>" not in mine  # only what the user sees
