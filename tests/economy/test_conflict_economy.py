"""EDIT-001 on an investment project's page: two controllers change the same project; the second
is refused with 409 and both versions side by side, nothing stored changes and no audit event."""

from __future__ import annotations

from styr.core.models import AuditEvent
from styr.economy.models import InvestmentProject
from styr.economy.services import investment_project_create
from tests.conftest import YEAR, World
from tests.core.test_conflicts import changed, read_form


def test_a_stale_investment_project_is_refused_with_both_versions_and_a_fresh_one_is_saved(world: World) -> None:
    project = investment_project_create(
        actor=world.users["ks_controller"],
        committee=world.unit("Utbildningsnämnden"),
        name="Tillbyggnad Hagaskolan",
        category="expansion",
        start_year=YEAR,
        end_year=YEAR + 2,
        code="P100",
    )
    url = f"/investeringar/projekt/{project.pk}/"
    one, two = world.client("ks_controller"), world.client("ks_controller")
    form_one, form_two = (read_form(c.get(url).content.decode(), "form-project") for c in (one, two))
    assert form_one["version"] == [str(project.version)]
    assert one.post(url, changed(form_one, name="Tillbyggnad och ombyggnad Hagaskolan")).status_code == 302
    saved = InvestmentProject.objects.get(pk=project.pk)
    assert saved.name == "Tillbyggnad och ombyggnad Hagaskolan" and saved.version == project.version + 1
    events = AuditEvent.objects.filter(object_id=str(project.pk), action__startswith="investment_project.").count()

    refused = two.post(url, changed(form_two, name="Ny Hagaskola", end_year=str(YEAR + 3)), headers={"Accept-Language": "sv"})
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "EDIT-001" in html and "Din version" in html and "Sparad version" in html and "Använd sparad version" in html
    assert "<td>Ny Hagaskola</td><td>Tillbyggnad och ombyggnad Hagaskolan</td>" in html
    assert f"<td>{YEAR + 3}</td><td>{YEAR + 2}</td>" in html
    stored = InvestmentProject.objects.get(pk=project.pk)
    assert (stored.name, stored.end_year, stored.version) == ("Tillbyggnad och ombyggnad Hagaskolan", YEAR + 2, saved.version)
    assert AuditEvent.objects.filter(object_id=str(project.pk), action__startswith="investment_project.").count() == events

    again = read_form(html, "form-project")
    assert again["name"] == ["Ny Hagaskola"] and again["version"] == [str(saved.version)]
    assert two.post(url, again).status_code == 302
    stored = InvestmentProject.objects.get(pk=project.pk)
    assert (stored.name, stored.end_year, stored.version) == ("Ny Hagaskola", YEAR + 3, saved.version + 1)
    assert world.client("outsider").post(url, again).status_code in {403, 404}


def test_a_stale_allocation_setting_and_a_stale_driver_are_refused_with_both_versions(world: World) -> None:
    from styr.economy.models import AllocationDriver, AllocationModel
    from tests.economy.allocation_setup import build

    built = build(world)
    url = f"/resursfordelning/{built.model.pk}/"
    one, two = world.client("ks_controller"), world.client("ks_controller")
    form_one, form_two = (read_form(c.get(url).content.decode(), "form-settings") for c in (one, two))
    assert form_one["settings-version"] == [str(built.model.version)]
    assert one.post(url, changed(form_one, **{"settings-description": "Enligt KS beslut"})).status_code in (200, 302)
    refused = two.post(url, changed(form_two, **{"settings-description": "Utkast"}), headers={"Accept-Language": "sv"})
    assert refused.status_code == 409 and "EDIT-001" in refused.content.decode() and "Sparad version" in refused.content.decode()
    assert AllocationModel.objects.get(pk=built.model.pk).description == "Enligt KS beslut"

    key = f"driver-{built.school.pk}"
    edit = f"{url}?andra={key}"
    row_one, row_two = (read_form(c.get(edit).content.decode(), f"form-{key}") for c in (one, two))
    assert row_one[f"{key}-version"] == [str(built.school.version)]
    assert one.post(url, changed(row_one, **{f"{key}-name": "Grundskola F–9"})).status_code in (200, 302)
    refused = two.post(url, changed(row_two, **{f"{key}-name": "Skola"}), headers={"Accept-Language": "sv"})
    html = refused.content.decode()
    assert refused.status_code == 409 and "<td>Skola</td><td>Grundskola F–9</td>" in html
    assert AllocationDriver.objects.get(pk=built.school.pk).name == "Grundskola F–9"
