"""The year-end carry-over page /resultatoverforing/ (issue 11 §2): a controller computes the
proposals, a politician on the council records the council's decision with its own amounts and
reasons, and the decided amount shows in this year's frame page as its own line."""

from __future__ import annotations

from decimal import Decimal

from styr.core.models import AuditEvent
from styr.economy.models import CarryOver, CarryOverState
from styr.economy.services import carry_overs_compute, frame_set
from tests.conftest import YEAR, World
from tests.economy.carry_over_setup import AFTER, LAST, year_end
from tests.html_check import vnu_errors

SV = {"Accept-Language": "sv"}
URL = f"/resultatoverforing/?ar={LAST}"
COMPUTE = f"/resultatoverforing/berakna/?ar={LAST}"


def decision(world: World, **rows: tuple[str, str]) -> dict[str, str]:
    data = {"decided_on": f"{YEAR}-04-20", "paragraph": "§ 31", "registration_number": f"KS {YEAR}/44"}
    for c in CarryOver.objects.select_related("org_unit"):
        amount, comment = rows.get(c.org_unit.name, (str(c.proposed_tsek).replace(".", ","), ""))
        data |= {f"amount_{c.pk}": amount, f"comment_{c.pk}": comment}
    return data


def test_a_controller_computes_the_proposals_on_the_page(world: World) -> None:
    year_end(world)
    client = world.client("ks_controller")
    page = client.get(URL, headers=SV).content.decode()
    assert 'id="carry-over-compute"' in page and "Inte beräknad" in page and "decision-decided_on" not in page
    response = client.post(COMPUTE, headers=SV)
    assert response.status_code == 302 and response["Location"] == URL
    page = client.get(URL, headers=SV).content.decode()
    un = world.unit("Utbildningsnämnden").pk
    row = page.split(f'id="carry-over-{un}"')[1].split("</tr>")[0]
    assert ">1400<" in row and ">1300<" in row and ">42<" in row and "Förslag, inför fullmäktiges beslut" in row
    assert "-100,12" in page and "Beräkna om förslagen" in page
    assert AuditEvent.objects.filter(action="carry_over.computed").count() == 2


def test_the_council_decides_on_the_page_and_this_years_frame_shows_the_line(world: World) -> None:
    year_end(world)
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("1500.0"))
    client = world.client("council_chair")
    page = client.get(URL, headers=SV).content.decode()
    assert 'id="decision-decided_on"' in page and 'id="carry-over-compute"' not in page
    # CARRY-004: another amount without its reason is refused, nothing decided
    refused = client.post(URL, decision(world, Utbildningsnämnden=("30", "")), headers=SV)
    assert refused.status_code == 422 and "(CARRY-004)" in refused.content.decode()
    assert not CarryOver.objects.filter(state=CarryOverState.DECIDED).exists()
    response = client.post(URL, decision(world, Utbildningsnämnden=("30", "Vakanser under hösten.")), headers=SV)
    assert response.status_code == 302
    un = CarryOver.objects.get(org_unit__name="Utbildningsnämnden")
    assert (un.state, un.decided_tsek, un.comment, un.decided_by) == (
        CarryOverState.DECIDED,
        Decimal("30.00"),
        "Vakanser under hösten.",
        world.users["council_chair"],
    )
    page = client.get(URL, headers=SV).content.decode()
    assert "Vakanser under hösten." in page and "§ 31" in page and 'id="decision-decided_on"' not in page
    frame = world.client("ks_controller").get(f"/enheter/{un.org_unit_id}/driftram/?ar={YEAR}", headers=SV).content.decode()
    assert 'id="frame-carry-over"' in frame and "Överfört från 2025 genom fullmäktiges beslut" in frame
    assert ">1530<" in frame.split('id="frame-in-force"')[1].split("</tr>")[0]


def test_who_may_not_compute_or_decide_is_refused(world: World) -> None:
    year_end(world)
    for persona in ("committee_politician", "council_chair", "auditor"):
        assert world.client(persona).post(COMPUTE).status_code == 403
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    for persona in ("ks_controller", "ks_politician", "committee_politician"):
        assert world.client(persona).post(URL, decision(world)).status_code == 403
    assert world.client("outsider").get(URL).status_code == 403
    assert not CarryOver.objects.filter(state=CarryOverState.DECIDED).exists()
    # the committee's politician sees its own committee's row, not the others'
    page = world.client("committee_politician").get(URL, headers=SV).content.decode()
    assert "Utbildningsnämnden" in page and "Omsorgsnämnden" not in page


def test_the_carry_over_page_is_valid_html(world: World) -> None:
    year_end(world)
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    documents = {
        "controller": world.client("ks_controller").get(URL, headers=SV).content.decode(),
        "council": world.client("council_chair").get(URL, headers=SV).content.decode(),
    }
    errors = vnu_errors(documents)
    assert not errors, "\n".join(errors)
