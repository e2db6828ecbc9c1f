"""Adopting a committee's internal budget (internbudget, issue 10 §2): the split of the frame
over the committee's units, decided by the committee.

Pure rules over ``Decimal`` kronor:

- ECON-012: the split sums to the frame exactly, to the öre (the frame is kept in tkr and
  compared as ``tkr × 1000``); the refusal names the frame, the sum and the difference.
- ECON-013: there is an operating frame for the year to match, and the council has adopted it
  (a proposal prepared for Mål och budget is not yet a frame to split).
- ECON-014: an adopted internal budget is locked: the units' budget months of its year change
  only once the committee's internal budget is reopened (409).
- ECON-015: an internal budget is adopted once per revision, and only an adopted one is
  reopened (409).
- ECON-016: reopening states why.

The snapshot kept with the decision is plain data (``split_snapshot``): each unit's twelve
months and year as text, so the adopted version can be shown exactly as it was decided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from styr.domain.budget import MONTHS
from styr.domain.economy import ORE
from styr.domain.errors import RuleViolation, _
from styr.domain.numbers import sv_number

DRAFT, ADOPTED, REOPENED = "draft", "adopted", "reopened"
#: A reason for reopening is a free text of at most this many characters.
REASON_LENGTH = 10_000


def _kr(amount: Decimal) -> str:
    return sv_number(amount, max_decimals=2)


def split_difference(frame_sek: Decimal, total_sek: Decimal) -> Decimal:
    """frame − sum: positive when part of the frame is not given to a unit, negative when the
    units were given more than the frame."""
    return (frame_sek - total_sek).quantize(ORE)


def check_frame_decided(frame_sek: Decimal | None, *, adopted: bool, committee: str, year: int) -> Decimal:
    """ECON-013: an internal budget is adopted against the committee's operating frame for the
    year as the council adopted it (with KS's adjustments since); a proposal is not enough."""
    if frame_sek is None or not adopted:
        raise RuleViolation(
            "ECON-013",
            _("%(committee)s has no operating frame for %(year)s adopted by the council: the internal budget is adopted against an adopted operating frame."),
            {"committee": committee, "year": year},
            field="frame",
        )
    return frame_sek


def check_split_matches_frame(frame_sek: Decimal, total_sek: Decimal) -> None:
    """ECON-012: the units' budgets sum to the frame, to the öre."""
    difference = split_difference(frame_sek, total_sek)
    if difference != 0:
        raise RuleViolation(
            "ECON-012",
            _(
                "The units' budgets sum to %(total)s kr but the operating frame is %(frame)s kr: "
                "a difference of %(difference)s kr. The internal budget must sum to the frame before it is adopted."
            ),
            {"frame": _kr(frame_sek), "total": _kr(total_sek), "difference": _kr(difference)},
            field="split",
        )


def check_not_adopted(state: str, *, committee: str, year: int) -> None:
    """ECON-014: while the internal budget is adopted, the units' budget months of its year are locked."""
    if state == ADOPTED:
        raise RuleViolation(
            "ECON-014",
            _("The internal budget %(year)s of %(committee)s is adopted: its units' budgets are locked until the committee's internal budget is reopened."),
            {"committee": committee, "year": year},
        )


def check_can_adopt(state: str, *, committee: str, year: int) -> None:
    """ECON-015: one adoption per revision."""
    if state == ADOPTED:
        raise RuleViolation(
            "ECON-015",
            _("The internal budget %(year)s of %(committee)s is already adopted; reopen it to adopt a new revision."),
            {"committee": committee, "year": year},
        )


def check_can_reopen(state: str, *, committee: str, year: int) -> None:
    """ECON-015: only an adopted internal budget is reopened."""
    if state != ADOPTED:
        raise RuleViolation(
            "ECON-015",
            _("The internal budget %(year)s of %(committee)s is not adopted, so there is nothing to reopen."),
            {"committee": committee, "year": year},
        )


def check_reason(reason: str) -> str:
    """ECON-016: reopening an adopted internal budget says why (a text, at most ``REASON_LENGTH``)."""
    text = (reason or "").strip()
    if not text or len(text) > REASON_LENGTH or "\x00" in text:
        raise RuleViolation(
            "ECON-016",
            _("Say why the adopted internal budget is reopened (at most %(limit)s characters)."),
            {"limit": REASON_LENGTH},
            field="reason",
        )
    return text


@dataclass(frozen=True)
class SplitRow:
    """One unit's part of the split as adopted: twelve months (``None``: no budget kept)."""

    unit_id: int
    name: str
    depth: int
    months: Sequence[Decimal | None]
    source: str = ""

    @property
    def total_sek(self) -> Decimal | None:
        if all(m is None for m in self.months):
            return None
        return sum((m or Decimal(0) for m in self.months), Decimal(0)).quantize(ORE)


def split_total(rows: Sequence[SplitRow]) -> Decimal:
    return sum((r.total_sek or Decimal(0) for r in rows), Decimal(0)).quantize(ORE)


def split_snapshot(*, committee_id: int, committee: str, year: int, revision: int, frame_tsek: Decimal, rows: Sequence[SplitRow]) -> dict[str, Any]:
    """The split as plain JSON data: amounts as text to the öre, a unit without a budget as null."""

    def text(amount: Decimal | None) -> str | None:
        return None if amount is None else str(amount.quantize(ORE))

    month_sums = [sum((r.months[m] or Decimal(0) for r in rows), Decimal(0)).quantize(ORE) for m in range(MONTHS)]
    return {
        "meta": {
            "kind": "internal_budget",
            "committee": {"id": committee_id, "name": committee},
            "year": year,
            "revision": revision,
            "frame_tsek": str(frame_tsek),
            "frame_sek": str((frame_tsek * 1000).quantize(ORE)),
            "total_sek": str(split_total(rows)),
            "month_sums_sek": [str(m) for m in month_sums],
        },
        "units": [
            {
                "id": r.unit_id,
                "name": r.name,
                "depth": r.depth,
                "source": r.source,
                "months": [text(m) for m in r.months],
                "total_sek": text(r.total_sek),
            }
            for r in rows
        ],
    }
