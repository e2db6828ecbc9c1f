"""The order in which levels report (seed §6.5, §3): units before their administration, administrations
before their committee, committees before KS; a subsidiary before the parent company, the parent company
and a joint authority before KS. A preset's deadlines are staggered along each chain (MODEL-003)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind

#: The order in which levels report, lowest first: units before their administration,
#: administrations before their committee, committees before KS. The seed (§6.5) has each
#: level follow up; the staggering is the planning practice that makes that possible.
REPORTING_ORDER: tuple[LevelKind, ...] = (
    LevelKind.UNIT,
    LevelKind.OPERATION,
    LevelKind.ADMINISTRATION,
    LevelKind.COMMITTEE,
    LevelKind.EXECUTIVE_BOARD,
)

#: The companies' chain (issue 12 §5, seed §3): a subsidiary reports to the parent company, the
#: parent company to KS; a joint authority (kommunalförbund) reports to KS like a company.
COMPANY_REPORTING_ORDER: tuple[LevelKind, ...] = (LevelKind.COMPANY, LevelKind.PARENT_COMPANY, LevelKind.EXECUTIVE_BOARD)
JOINT_AUTHORITY_REPORTING_ORDER: tuple[LevelKind, ...] = (LevelKind.JOINT_AUTHORITY, LevelKind.EXECUTIVE_BOARD)

#: Every chain MODEL-003 staggers; each ends with KS, which reports last.
REPORTING_CHAINS: tuple[tuple[LevelKind, ...], ...] = (REPORTING_ORDER, COMPANY_REPORTING_ORDER, JOINT_AUTHORITY_REPORTING_ORDER)

#: Every level that may have a deadline of its own, in the order the årshjul lists them.
REPORTING_KINDS: tuple[LevelKind, ...] = (
    *REPORTING_ORDER[:-1],
    LevelKind.COMPANY,
    LevelKind.PARENT_COMPANY,
    LevelKind.JOINT_AUTHORITY,
    LevelKind.EXECUTIVE_BOARD,
)


def check_staggered_deadlines(deadlines: Mapping[LevelKind, int]) -> None:
    """MODEL-003: lower levels report before higher ones (seed §6.5), in each chain: the
    administration's, and the companies' (a subsidiary before the parent company, the parent
    company and a joint authority before KS)."""
    for chain in REPORTING_CHAINS:
        _check_chain([k for k in chain if k in deadlines], deadlines)


def _check_chain(ordered: Sequence[LevelKind], deadlines: Mapping[LevelKind, int]) -> None:
    for lower, higher in pairwise(ordered):
        if deadlines[lower] >= deadlines[higher]:
            raise RuleViolation(
                "MODEL-003",
                _("Deadlines must be staggered: %(lower)s (day %(lower_days)s) must report before %(higher)s (day %(higher_days)s)."),
                {
                    "lower": lower.value,
                    "lower_days": deadlines[lower],
                    "higher": higher.value,
                    "higher_days": deadlines[higher],
                },
                field="deadline_days_after_period_end",
            )
