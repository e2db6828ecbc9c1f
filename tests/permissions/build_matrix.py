"""The expected answer of every cell of the permission matrix, computed from the policy
(``styr.core.permissions.can``, rule PERM-002) on the matrix's world, and its readable table
``docs/permission-matrix.md``.

Write the table again after a change of the policy or of the API:
``STYR_WRITE_MATRIX=1 .venv/bin/pytest tests/permissions/test_api_matrix.py -p no:cacheprovider``
(the test compares the file with what this module computes, so it cannot rot).

Cell symbols:

- ``401`` no login (AUTH-001).
- ``404`` the persona does not see the object's unit: it does not exist for them (PERM-001 docs).
- ``200`` a read of an object the persona sees.
- ``403`` a write the persona may not make: it sees the unit, but lacks an action the operation
  needs (``needs.WRITES``: the action and the unit it is checked on): exactly 403 PERM-001.
- ``w`` a write the persona may make: ``can()`` holds for every action the operation needs, on
  the unit it is checked on. The permission must pass: the write goes through (2xx) or a rule of
  the governance model refuses it (409/422 with the rule's id, never INPUT-001 or PERM-001);
  never 401, 403, 404 or 5xx.
- ``·`` a list or a group-level operation: not about an object in one scope (what a list holds
  per group is the tenancy tests' part, tests/tenancy/); only "no 5xx" and, for anonymous, 401.
- ``—`` the world holds no such object (the request is not sent).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from styr.core.permissions import can
from tests.permissions.needs import COUNCIL, KS, NAMED, OWNER_OR_COUNCIL, UNIT, Need
from tests.permissions.operations import Operation, Target
from tests.permissions.world import PERSONAS, SCOPES

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "docs" / "permission-matrix.md"


def expected(op: Operation, persona: str, user: Any, target: Target | None) -> str:
    if target is None:
        return "—"
    if op.public:
        return "·"
    if user is None:
        return "401"
    if target.unit is None:
        return "·"
    if target.group_level:
        if target.unit.group_id not in _groups(user):
            return "404"  # another group's user, or a person with no role at all
    else:
        sees = _can(user, "unit.view", target.unit)
        if target.read_from is not None:
            sees = sees or _can(user, "unit.view", target.read_from)
        if not sees:
            return "404"
    if not op.writes:
        return "200"
    if target.names is not None and not _can(user, "unit.view", target.names):
        return "404"
    return "w" if all(_can(user, need.action, checked_on(need, target)) for need in op.needs) else "403"


def checked_on(need: Need, target: Target) -> Any:
    """The unit a write's permission is checked on (``needs.Need.on``), for the object the matrix sends."""
    assert target.unit is not None
    if need.on == UNIT:
        return target.unit
    if need.on == NAMED:
        assert target.names is not None, f"{need}: the body names no unit"
        return target.names
    if need.on == KS:
        return _ks(target.unit.group_id)
    if need.on == COUNCIL:
        return _council(target.unit.group_id)
    if need.on == OWNER_OR_COUNCIL:
        return target.obj.owner_unit or _council(target.unit.group_id)
    assert target.obj is not None and not need.on.startswith("body."), f"{need}: the matrix resolves no such unit"
    found = target.obj
    for name in need.on.split("."):
        found = getattr(found, name)
    return found


#: (user, action, unit) -> the policy's answer: asked once per triple, not once per cell (the same
#: ones recur across the 276 operations). Cleared by ``forget()`` per world.
_ANSWERS: dict[tuple[int, str, int], bool] = {}


def _can(user: Any, action: str, unit: Any) -> bool:
    key = (user.pk, action, unit.pk)
    if key not in _ANSWERS:
        _ANSWERS[key] = can(user, action, unit)
    return _ANSWERS[key]


def _ks(group_id: int) -> Any:
    from styr.domain.levels import LevelKind
    from styr.organisation.models import OrgUnit

    return OrgUnit.objects.get(group_id=group_id, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True)


def _council(group_id: int) -> Any:
    from styr.domain.levels import LevelKind
    from styr.organisation.models import OrgUnit

    return OrgUnit.objects.get(group_id=group_id, kind=LevelKind.COUNCIL.value, valid_to__isnull=True)


def _groups(user: Any) -> set[int]:
    from styr.organisation.selectors import group_list

    return set(group_list(user).values_list("pk", flat=True))


def forget() -> None:
    """Ask the policy afresh (a new world, with other rows behind the same ids)."""
    _ANSWERS.clear()


def cell_matches(symbol: str, status: int, code: str | None) -> bool:
    if status >= 500:
        return False
    if symbol == "403":
        return status == 403 and code == "PERM-001"
    if symbol in ("401", "404"):
        return status == int(symbol)
    if symbol == "200":
        return 200 <= status < 300
    if symbol == "w":
        # the permission passed: the write goes through, or one of the model's rules answers (409/422
        # with its id); never a 422 of the schema (the body is built to be valid), never PERM-001 nor
        # any other 403 (no operation refuses with another code once the policy said yes), never
        # "not found" or "log in"
        return 200 <= status < 300 or (status in (409, 422) and code not in (None, "INPUT-001", "PERM-001"))
    return status != 401 if symbol == "·" else True


HEADER = """# The permission matrix

Every operation of the API (`/api/v1/openapi.json`) × every persona, on an object in scope **A**
(the education side: Hagaskolan, its school, Utbildningsförvaltningen or Utbildningsnämnden) and in
scope **B** (the care side: Särskilt boende Hagalund up to Omsorgsnämnden), in the Alvesta demo with
Exempelby beside it in the same database. Generated by `tests/permissions/build_matrix.py` from the
policy (`can()`, [PERM-002](rules/PERM-002.md)); `tests/permissions/test_api_matrix.py` checks that
this file is what the policy gives today and that every answer of the running API matches its cell.

| symbol | expected answer |
|---|---|
| 401 | no login: AUTH-001 |
| 404 | the persona does not see the object's unit (or the body a write is for): it does not exist to them ([PERM-001](rules/PERM-001.md)) |
| 200 | a read of an object the persona sees |
| 403 | the persona sees the unit but lacks the action the write needs where it is checked (column **needs**): 403 PERM-001 |
| w | the persona holds the action the write needs: the write goes through (2xx) or a rule refuses it (409/422, its rule's id) |
| · | a list or group-level operation: not about one object (lists per group: tests/tenancy/); no 5xx, and 401 without login |
| — | the world holds no such object |

Personas: council_chair (politician, KF), ks_controller (controller, KS), committee_politician
(politician, Utbildningsnämnden), administration_official (official, Utbildningsförvaltningen),
unit_manager (official, Hagaskolan), auditor (KF), outsider (no role), anonymous, and
other_group_controller (controller on Exempelby's KS). Each cell is `A/B`.

The column **needs** names, for each write, the permission action it needs and the unit it is
checked on, when that is not the object's own (or, without an object, the unit its body names):
an assignment's issuer, KS for the group's objects, the council for a frame, the body a planning
step is confirmed for (`WRITES` in `tests/permissions/needs.py`, a specification of the governance
model; a new write operation has no cells until it has its entry there). So the cells of a write
are exact: in a **w** cell the permission must pass, and the answer is never 401, 403, 404, a 5xx
or 422 INPUT-001 (the body is built valid); in a **403** cell it is exactly PERM-001, never a
rule's 409/422. A permission lost by mistake (an operation checking another action, or none) shows
as a cell that differs.

Objects of the whole group (the allocation model and its rows, the årshjul's periods and planning
steps, KS's common controls, the register of governing documents: `GROUP_LEVEL` in
`tests/permissions/operations.py`) are not in scope A or B: every member of the group reads them,
and their writes need their permission on KS (a governing document: on its owning unit, or the
council); to a person with no role and to another group's user they do not exist (404). An
assignment is read by those who see its issuer or its receiver, and changed by the issuer's writers
(`ALSO_READ_FROM`). Uploads (a SIE file, a position import) are sent as `multipart/form-data` with a
small file that is no valid import.

## What an outsider may learn (permission before input)

- The body is checked against the operation's schema before the handler runs: a malformed body
  answers **422 INPUT-001** to everyone, before any object is loaded. It tells only what the public
  OpenAPI document already tells (the shape of the request), nothing about whether an object
  exists or who owns it.
- Everything after that is permission first: an object whose unit the caller does not see answers
  **404** (the same as an id that does not exist), one they see but may not change **403**
  PERM-001, and only then are the governance model's rules checked (**422**/**409** with the rule's
  id). So a rule's 422 is never an answer to someone refused: the matrix sends every write with a
  minimal body, well-formed but mostly breaking the rules (one-letter texts, amounts of 1, the
  year of today), and a refused cell (401/403/404) must answer exactly that, never 422 or 409.

"""


def render(rows: list[tuple[Operation, dict[str, str]]]) -> str:
    personas = list(PERSONAS)
    head = "| operation | needs | " + " | ".join(personas) + " |"
    lines = [HEADER, "## The API", "", head, "|---|---|" + "---|" * len(personas)]
    for op, cells in rows:
        cells_text = " | ".join("/".join(cells[f"{p}:{s}"] for s in SCOPES) for p in personas)
        lines.append(f"| `{op.key}` | {_needs_text(op)} | {cells_text} |")
    return "\n".join(lines) + "\n"


def _needs_text(op: Operation) -> str:
    if not op.writes:
        return ""
    return " + ".join(f"`{n.action}`" + ("" if n.on == UNIT else f" on {n.on}") for n in op.needs)
