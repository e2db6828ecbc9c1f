"""A unit's history names the decision of an adopted plan as it was recorded: the audit of
``plan.adopted`` holds the decision as text ("UN § 87/2025"), not as a key, and the unit page
showing it answered 500 before (found by the tenancy crawl)."""

from datetime import date

import pytest

from styr.core.history import _keys, readable_history
from styr.core.models import AuditEvent
from styr.planning import services
from styr.planning.models import Decision
from tests.conftest import World

YEAR = 2027


def test_a_unit_page_with_an_adopted_plan_shows_the_decision_in_its_history(world: World) -> None:
    unit, controller = world.unit("Utbildningsnämnden"), world.users["ks_controller"]
    plan = services.plan_propose(actor=controller, plan=services.plan_create(actor=controller, org_unit=unit, year=YEAR))
    services.plan_adopt(
        actor=world.users["committee_politician"], plan=plan, decided_on=date(YEAR - 1, 11, 20), paragraph="§ 87", registration_number="UN 2026/112"
    )
    event = AuditEvent.objects.get(action="plan.adopted")
    assert isinstance(event.after["decision"], str)

    response = world.client("ks_controller").get(f"/enheter/{unit.pk}/")

    assert response.status_code == 200
    assert "§ 87/2026" in response.content.decode()
    (entry,) = readable_history([event], user=world.users["ks_controller"])
    assert "UN § 87/2026" in [change.after for change in entry.changes]


@pytest.mark.parametrize("value", ["12x", "UN § 87/2026"])
def test_a_history_link_that_is_no_key_is_never_looked_up(db: None, value: str) -> None:

    assert _keys(Decision, {value, 5, "6", True, None}) == {5, 6}
