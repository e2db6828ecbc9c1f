"""The arithmetic of a Kolada comparison (issue 13 §1): the comparison group's lowest, median
and highest value in a year. Values Kolada publishes without a figure (None) are left out; a
year without any figure has no min, median or max."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Spread:
    """The group's values in one year: how many had a figure, and their min, median and max."""

    count: int
    minimum: Decimal | None
    median: Decimal | None
    maximum: Decimal | None


def median(values: Iterable[Decimal | None]) -> Decimal | None:
    """The middle value, or the mean of the two middle ones when the count is even; None
    when no value has a figure."""
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def spread(values: Iterable[Decimal | None]) -> Spread:
    present = [v for v in values if v is not None]
    if not present:
        return Spread(count=0, minimum=None, median=None, maximum=None)
    return Spread(count=len(present), minimum=min(present), median=median(present), maximum=max(present))
