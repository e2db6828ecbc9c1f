"""The audit keeps our own request id always, and a client's only when it is short and plain (issue 8, point 1)."""

import re

import pytest

from styr.core.models import AuditEvent
from styr.planning import services as planning
from tests.conftest import YEAR, World

OURS = re.compile(r"^[0-9a-f]{32}$")


def _comment(world: World, header: str | None) -> tuple[AuditEvent, str]:
    goal = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    headers = {} if header is None else {"X-Request-Id": header}
    response = world.client("unit_manager").post(f"/mal/{goal.pk}/kommentarer/", {"text": "Bra start."}, headers=headers)
    assert response.status_code in (200, 302)
    return AuditEvent.objects.get(action="comment.added"), response["X-Request-Id"]


def test_without_a_client_id_the_audit_holds_ours(world: World) -> None:
    event, answered = _comment(world, None)
    assert OURS.match(event.request_id) and event.client_request_id == "" and answered == event.request_id


def test_a_plain_client_id_is_kept_beside_ours(world: World) -> None:
    event, answered = _comment(world, "lb-7f3a.2_X")
    assert OURS.match(event.request_id) and answered == event.request_id
    assert event.client_request_id == "lb-7f3a.2_X"


@pytest.mark.parametrize(
    "hostile",
    ["a" * 65, "<script>alert(1)</script>", "id with spaces", "räksmörgås", "x;DROP TABLE", "../../etc/passwd", "a\tb"],
)
def test_a_long_or_strange_client_id_is_not_stored(world: World, hostile: str) -> None:
    event, answered = _comment(world, hostile)
    assert OURS.match(event.request_id) and answered == event.request_id
    assert event.client_request_id == ""
