"""The bodies of KS's overview, the companies and the plan-keeping bodies are ordered by a tree read
over the kinds above them only; the order is the whole tree's."""

from datetime import date

import pytest

from styr.domain.presets import load_preset_file
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import bodies_in_tree_order
from styr.organisation.services import group_load_preset, org_unit_create
from tests.conftest import EXEMPELBY, TODAY, World


@pytest.mark.parametrize(
    "kinds",
    [
        ["COMMITTEE", "EXECUTIVE_BOARD", "PARENT_COMPANY", "COMPANY", "JOINT_AUTHORITY"],
        ["COMPANY"],
        ["ADMINISTRATION", "COMMITTEE"],
        ["UNIT", "OPERATION"],
    ],
)
def test_the_order_is_the_whole_trees_order(world: World, kinds: list[str]) -> None:
    council = world.unit("Kommunfullmäktige")
    # a committee placed first by position and one named to sort before the others, with units below
    first = org_unit_create(actor=None, group=world.group, parent=council, kind="COMMITTEE", name="Öns nämnd", valid_from=date(2026, 1, 1))
    OrgUnit.objects.filter(pk=first.pk).update(position=0)
    admin = org_unit_create(actor=None, group=world.group, parent=first, kind="ADMINISTRATION", name="Önsförvaltningen", valid_from=date(2026, 1, 1))
    org_unit_create(actor=None, group=world.group, parent=admin, kind="UNIT", name="Enhet B", valid_from=date(2026, 1, 1))
    org_unit_create(actor=None, group=world.group, parent=admin, kind="UNIT", name="Enhet A", valid_from=date(2026, 1, 1))
    whole = OrgUnit.objects.with_tree_fields().filter(group=world.group).order_siblings_by("position", "name")
    expected = [u.pk for u in whole if u.kind in kinds]
    assert expected and [u.pk for u in bodies_in_tree_order(world.group, kinds)] == expected


def test_another_groups_units_are_not_in_the_tree(world: World) -> None:
    other, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    for group in (world.group, other):
        found = [u.pk for u in bodies_in_tree_order(group, ["COMMITTEE", "COMPANY"])]
        assert found and set(found) == set(OrgUnit.objects.filter(group=group, kind__in=["COMMITTEE", "COMPANY"]).values_list("pk", flat=True))
