"""Tree rules ORG-001 … ORG-006."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.errors import RuleViolation
from styr.domain.levels import LevelKind
from styr.domain.org_tree import (
    ancestor_ids,
    check_no_cycle,
    check_one_administration,
    check_parent_kind,
    check_single_council,
    check_validity,
    nearest_above,
    parse_level_kind,
    subtree_ids,
)

K = LevelKind


def test_org_001_a_unit_under_its_own_descendant_is_a_cycle() -> None:
    parent_of = {1: None, 2: 1, 3: 2}
    with pytest.raises(RuleViolation) as err:
        check_no_cycle(2, 3, parent_of)
    assert err.value.code == "ORG-001"


def test_org_001_a_unit_under_itself_is_a_cycle() -> None:
    with pytest.raises(RuleViolation):
        check_no_cycle(2, 2, {1: None, 2: 1})


def test_org_001_moving_to_a_sibling_is_fine() -> None:
    check_no_cycle(3, 2, {1: None, 2: 1, 3: 1})


def test_org_002_a_company_only_under_the_parent_company() -> None:
    check_parent_kind(K.COMPANY, K.PARENT_COMPANY)
    for wrong in (K.COMMITTEE, K.COUNCIL, K.ADMINISTRATION, K.COMPANY):
        with pytest.raises(RuleViolation) as err:
            check_parent_kind(K.COMPANY, wrong)
        assert err.value.code == "ORG-002"
        assert "parent company" in err.value.template


def test_org_002_an_administration_only_under_a_committee_or_ks() -> None:
    check_parent_kind(K.ADMINISTRATION, K.COMMITTEE)
    check_parent_kind(K.ADMINISTRATION, K.EXECUTIVE_BOARD)
    with pytest.raises(RuleViolation):
        check_parent_kind(K.ADMINISTRATION, K.COUNCIL)


def test_org_002_only_the_council_is_a_root() -> None:
    check_parent_kind(K.COUNCIL, None)
    with pytest.raises(RuleViolation):
        check_parent_kind(K.COMMITTEE, None)
    with pytest.raises(RuleViolation):
        check_parent_kind(K.COUNCIL, K.EXECUTIVE_BOARD)


def test_org_003_a_second_council_is_rejected() -> None:
    check_single_council(K.COUNCIL, 0)
    with pytest.raises(RuleViolation) as err:
        check_single_council(K.COUNCIL, 1)
    assert err.value.code == "ORG-003"


def test_org_004_a_committee_has_one_administration() -> None:
    check_one_administration(K.ADMINISTRATION, K.COMMITTEE, 0)
    with pytest.raises(RuleViolation) as err:
        check_one_administration(K.ADMINISTRATION, K.COMMITTEE, 1)
    assert err.value.code == "ORG-004"


def test_org_005_valid_to_before_valid_from_is_rejected() -> None:
    check_validity(date(2020, 1, 1), None)
    with pytest.raises(RuleViolation) as err:
        check_validity(date(2020, 1, 1), date(2019, 12, 31))
    assert err.value.code == "ORG-005"


def test_org_006_an_unknown_level_kind_is_rejected() -> None:
    assert parse_level_kind("COMMITTEE") is K.COMMITTEE
    with pytest.raises(RuleViolation) as err:
        parse_level_kind("DEPARTMENT")
    assert err.value.code == "ORG-006"
    assert err.value.detail["kind"] == "DEPARTMENT"


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=30))
def test_subtree_of_a_random_tree_contains_exactly_the_descendants(parents: list[int]) -> None:
    # node i+1 hangs under a node with a smaller id, so this is always a tree rooted at 0
    parent_of: dict[int, int | None] = {0: None}
    for i, p in enumerate(parents, start=1):
        parent_of[i] = p % i
    for node in parent_of:
        sub = subtree_ids(parent_of, [node])
        expected = {n for n in parent_of if n == node or node in ancestor_ids(parent_of, n)}
        assert sub == expected


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=30), st.sets(st.integers(min_value=0, max_value=30), max_size=8))
def test_nearest_above_is_the_first_marked_node_on_the_way_to_the_root(parents: list[int], marked: set[int]) -> None:
    """How a unit's body (``OrgUnit.overseen_by``) is found, in whatever order the tree is read."""
    parent_of: dict[int, int | None] = {0: None}
    for i, p in enumerate(parents, start=1):
        parent_of[i] = p % i
    for order in (list(parent_of), sorted(parent_of, reverse=True)):
        found = nearest_above({n: parent_of[n] for n in order}, marked)
        for node in parent_of:
            assert found[node] == next((a for a in ancestor_ids(parent_of, node) if a in marked), None)


def test_nearest_above_nested_bodies() -> None:
    # the council (1) over KS (2) and the parent company (3), which owns a subsidiary (4) with a unit (5)
    parent_of: dict[int, int | None] = {1: None, 2: 1, 3: 1, 4: 3, 5: 4}
    assert nearest_above(parent_of, [2, 3, 4]) == {1: None, 2: None, 3: None, 4: 3, 5: 4}


def test_the_kinds_above_the_bodies_are_the_bodies_and_the_council() -> None:
    """The tree that orders KS's overview is read over these kinds only (ALLOWED_PARENTS)."""
    from styr.domain.levels import ALLOWED_PARENTS, with_ancestor_kinds

    bodies = ["COMMITTEE", "EXECUTIVE_BOARD", "PARENT_COMPANY", "COMPANY", "JOINT_AUTHORITY"]
    assert with_ancestor_kinds(bodies) == sorted([*bodies, "COUNCIL"])
    assert with_ancestor_kinds(["COMPANY"]) == ["COMPANY", "COUNCIL", "PARENT_COMPANY"]
    assert with_ancestor_kinds(["UNIT"]) == ["ADMINISTRATION", "COMMITTEE", "COUNCIL", "EXECUTIVE_BOARD", "OPERATION", "UNIT"]
    # closed under "may sit under": every parent kind of a kind in the answer is in it
    for kind in LevelKind:
        found = with_ancestor_kinds([kind])
        assert all(parent is None or parent.value in found for k in found for parent in ALLOWED_PARENTS[LevelKind(k)])
