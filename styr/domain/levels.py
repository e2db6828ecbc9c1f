"""Level kinds of a municipal group and where each may sit in the tree (seed §3)."""

from __future__ import annotations

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

#: The bodies KS oversees that report like a company: the companies and the joint authorities.
REPORTS_LIKE_COMPANY = frozenset({LevelKind.PARENT_COMPANY, LevelKind.COMPANY, LevelKind.JOINT_AUTHORITY})
