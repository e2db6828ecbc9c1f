"""PERM-002: roles on an org unit cover its subtree; KS covers the group; each role its actions."""

import pytest

from styr.core.permissions import can, scope, scope_q
from styr.organisation.models import OrgUnit
from styr.planning.models import DevelopmentGoal
from styr.planning.services import goal_create
from tests.conftest import World

ALLOWED = {
    # (persona, action, unit): expected
    ("council_chair", "goal.adopt", "Utbildningsnämnden"): True,
    ("council_chair", "measurement.record", "Utbildningsnämnden"): False,
    ("ks_controller", "goal.write", "Hagaskolan"): True,
    ("ks_controller", "goal.write", "Alvesta Energi AB"): True,
    ("ks_controller", "goal.adopt", "Utbildningsnämnden"): False,
    ("ks_controller", "frame.set", "Kommunfullmäktige"): True,
    ("committee_politician", "goal.write", "Utbildningsnämnden"): True,
    ("committee_politician", "goal.adopt", "Hagaskolan"): True,
    ("committee_politician", "goal.write", "Omsorgsnämnden"): False,
    ("committee_politician", "frame.set", "Kommunfullmäktige"): False,
    ("committee_politician", "unit.view", "Kommunfullmäktige"): False,
    ("administration_official", "measurement.record", "Hagaskolan"): True,
    ("administration_official", "goal.write", "Utbildningsförvaltningen"): True,
    ("administration_official", "goal.adopt", "Grundskola"): True,
    ("administration_official", "goal.write", "Utbildningsnämnden"): False,
    ("unit_manager", "goal.adopt", "Hagaskolan"): True,
    ("ks_politician", "unit.view", "Utbildningsnämnden"): True,
    ("ks_politician", "goal.adopt", "Kommunfullmäktige"): False,
    ("ks_politician", "goal.adopt", "Utbildningsnämnden"): False,
    ("ks_politician", "goal.adopt", "Kommunledningsförvaltningen"): True,
    ("ks_politician", "frame.set", "Kommunfullmäktige"): False,
    ("administration_official", "unit.view", "Utbildningsnämnden"): True,
    ("administration_official", "activity.write", "Utbildningsnämnden"): True,
    ("administration_official", "measurement.record", "Utbildningsnämnden"): True,
    ("administration_official", "unit.view", "Omsorgsnämnden"): False,
    ("administration_official", "unit.view", "Kommunfullmäktige"): False,
    ("unit_manager", "activity.write", "Utbildningsnämnden"): False,
    ("unit_manager", "measurement.record", "Hagaskolan"): True,
    ("unit_manager", "unit.view", "Grundskola"): False,
    ("auditor", "unit.view", "Alvesta Renhållnings AB"): True,
    ("auditor", "goal.write", "Hagaskolan"): False,
    ("auditor", "measurement.record", "Hagaskolan"): False,
    ("administrator", "unit.manage", "Hagaskolan"): True,
    ("administrator", "goal.write", "Hagaskolan"): False,
    ("outsider", "unit.view", "Kommunfullmäktige"): False,
}


@pytest.mark.parametrize(("persona", "action", "unit", "expected"), [(*k, v) for k, v in ALLOWED.items()])
def test_perm_002_each_persona_may_do_what_its_role_allows(world: World, persona: str, action: str, unit: str, expected: bool) -> None:
    assert can(world.users[persona], action, world.unit(unit)) is expected


def test_perm_002_a_role_covers_the_subtree_and_nothing_else(world: World) -> None:
    visible = scope(world.users["committee_politician"])
    names = {u.name for u in world.units.values() if u.pk in visible}
    assert names == {"Utbildningsnämnden", "Utbildningsförvaltningen", "Grundskola", "Hagaskolan"}


def test_perm_002_a_role_on_ks_covers_the_whole_group(world: World) -> None:
    everything = {u.pk for u in world.units.values()}
    assert scope(world.users["ks_controller"]) == everything
    assert scope(world.users["ks_controller"], "goal.write") == everything
    # KS politicians oversee the whole group but decide only within KS's own subtree.
    assert scope(world.users["ks_politician"]) == everything
    assert {u.name for u in world.units.values() if u.pk in scope(world.users["ks_politician"], "goal.adopt")} == {
        "Kommunstyrelsen",
        "Kommunledningsförvaltningen",
    }


def test_anonymous_and_outsider_have_no_scope(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert scope(AnonymousUser()) == set()
    assert scope(world.users["outsider"]) == set()


def test_rules_wires_the_policy_into_has_perm(world: World) -> None:
    assert world.users["committee_politician"].has_perm("styr.goal_write", world.unit("Hagaskolan"))
    assert not world.users["auditor"].has_perm("styr.goal_write", world.unit("Hagaskolan"))


@pytest.mark.parametrize("persona", ["ks_controller", "ks_politician", "committee_politician", "administration_official", "unit_manager", "outsider"])
@pytest.mark.parametrize("action", ["unit.view", "goal.adopt", "measurement.record"])
def test_scope_q_selects_exactly_the_scope(world: World, persona: str, action: str) -> None:
    user = world.users[persona]
    assert set(OrgUnit.objects.filter(scope_q(user, "pk", action)).values_list("pk", flat=True)) == scope(user, action)


def test_scope_q_names_a_whole_group_by_its_id_not_by_its_units(world: World) -> None:
    """The SQL of a selector stays short when the user sees the whole group, however large it is."""
    for unit in ("Hagaskolan", "Omsorgsnämnden"):
        goal_create(actor=None, org_unit=world.unit(unit), title=f"Mål för {unit}", start_year=2027, end_year=2027)
    whole = DevelopmentGoal.objects.filter(scope_q(world.users["ks_controller"]))
    where = str(whole.query).split(" WHERE ")[1]
    assert whole.count() == 2 and "org_unit_id" not in where and "group_id" in where
    part = DevelopmentGoal.objects.filter(scope_q(world.users["committee_politician"]))
    assert [g.title for g in part] == ["Mål för Hagaskolan"] and "org_unit_id" in str(part.query).split(" WHERE ")[1]


def test_the_unit_list_shares_one_group_and_its_model_among_its_units(world: World) -> None:
    """The tree page and the API list read each group's model once, not once per unit (2,000 parses at scale)."""
    from styr.organisation.selectors import org_unit_list

    units = list(org_unit_list(world.users["ks_controller"]))
    assert len(units) > 10 and len({id(u.group) for u in units}) == 1
