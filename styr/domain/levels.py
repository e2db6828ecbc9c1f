"""Level kinds of a municipal group and where each may sit in the tree (seed §3)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class LevelKind(StrEnum):
    COUNCIL = "COUNCIL"
    EXECUTIVE_BOARD = "EXECUTIVE_BOARD"
    COMMITTEE = "COMMITTEE"
    ADMINISTRATION = "ADMINISTRATION"
    OPERATION = "OPERATION"
    UNIT = "UNIT"
    PARENT_COMPANY = "PARENT_COMPANY"
    COMPANY = "COMPANY"
    #: A kommunalförbund (e.g. Värends Räddningstjänstförbund): a federation of municipalities the
    #: council is a member of, under KS's oversight (seed §7 "Kommunstyrelsens roll"), reporting like a company.
    JOINT_AUTHORITY = "JOINT_AUTHORITY"


#: The kinds a node of each kind may sit directly under. ``None`` means the root.
ALLOWED_PARENTS: dict[LevelKind, frozenset[LevelKind | None]] = {
    LevelKind.COUNCIL: frozenset({None}),
    LevelKind.EXECUTIVE_BOARD: frozenset({LevelKind.COUNCIL}),
    LevelKind.COMMITTEE: frozenset({LevelKind.COUNCIL}),
    # An administration carries out the decisions of the body it sits under (seed §3).
    LevelKind.ADMINISTRATION: frozenset({LevelKind.COMMITTEE, LevelKind.EXECUTIVE_BOARD}),
    LevelKind.OPERATION: frozenset({LevelKind.ADMINISTRATION, LevelKind.OPERATION}),
    LevelKind.UNIT: frozenset({LevelKind.ADMINISTRATION, LevelKind.OPERATION}),
    LevelKind.PARENT_COMPANY: frozenset({LevelKind.COUNCIL}),
    LevelKind.COMPANY: frozenset({LevelKind.PARENT_COMPANY}),
    LevelKind.JOINT_AUTHORITY: frozenset({LevelKind.COUNCIL}),
}


def with_ancestor_kinds(kinds: Iterable[str]) -> list[str]:
    """The kinds given and every kind a unit of them may sit under, at any depth (ALLOWED_PARENTS):
    the only kinds on the path from the council down to such a unit. Reading the tree of those
    kinds alone orders the committees and companies without walking every unit of the group."""
    found = {LevelKind(k) for k in kinds}
    todo = list(found)
    while todo:
        for parent in ALLOWED_PARENTS[todo.pop()]:
            if parent is not None and parent not in found:
                found.add(parent)
                todo.append(parent)
    return sorted(k.value for k in found)


#: Bodies whose members are elected or appointed politicians (they decide WHAT).
POLITICAL_KINDS = frozenset(
    {
        LevelKind.COUNCIL,
        LevelKind.EXECUTIVE_BOARD,
        LevelKind.COMMITTEE,
        LevelKind.PARENT_COMPANY,
        LevelKind.COMPANY,
        LevelKind.JOINT_AUTHORITY,  # its board (förbundsdirektion) is appointed by the members' councils
    }
)

#: The bodies KS's overview follows one by one (seed §7, uppsiktsplikt): every unit below one of them
#: is counted in it (the nearest above it is kept as ``OrgUnit.overseen_by``).
OVERSEEN_KINDS = frozenset({LevelKind.COMMITTEE, LevelKind.EXECUTIVE_BOARD, LevelKind.PARENT_COMPANY, LevelKind.COMPANY, LevelKind.JOINT_AUTHORITY})

#: The bodies KS oversees that report like a company: the companies and the joint authorities.
REPORTS_LIKE_COMPANY = frozenset({LevelKind.PARENT_COMPANY, LevelKind.COMPANY, LevelKind.JOINT_AUTHORITY})
