"""Surplus and deficit carry-over (resultatöverföring, seed §5.D; issue 11 §2).

"Resultatöverföring innebär att man efter givna principer och parametrar justerar nämndernas
under- och överskott mellan åren. Det är dock kommunfullmäktige som beslutar om vad som anses vara
ett slutligt över- eller underskott hos nämnderna." The principles and parameters are the preset's
``model.economy.carry_over``; Styr computes a proposal from them, and only the council's decision
makes a carry-over final.

A committee's result for a year is its frame as it stands at the year's end minus its actual net
cost: positive is a surplus, negative a deficit. Of a surplus a share may be carried, at most a
cap in per cent of the frame; of a deficit a share is carried (all of it by default), at most a
cap when one is given; a result smaller than the floor (either way) is not carried at all.

Amounts are in tkr with two decimals (10 kr), rounded half away from zero. Pure rules and
arithmetic (CARRY-001…CARRY-008).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from styr.domain.errors import RuleViolation, _
from styr.domain.limits import TEXT_LENGTH, check_text_length

ZERO = Decimal(0)
HUNDRED = Decimal(100)
#: Carry-overs are kept to 0.01 tkr (10 kr), in 16 digits.
CENT = Decimal("0.01")
TSEK_LIMIT = Decimal(10) ** 13

#: What limited a proposal: nothing (the whole result, or the share of it), the floor, the cap.
WHOLE, SHARE, FLOOR, CAP = "whole", "share", "floor", "cap"


def tsek(amount: Decimal) -> Decimal:
    """An amount in tkr rounded to two decimals, half away from zero (as a person rounds)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CarryOverRules:
    """The preset's ``economy.carry_over`` (per cent as given, tkr for the floor)."""

    #: the share of a surplus that may be carried (per cent of the surplus)
    surplus_share_percent: Decimal = HUNDRED
    #: at most this share of the frame is carried as a surplus (per cent of the frame); None: no cap
    surplus_cap_percent: Decimal | None = Decimal(3)
    #: the share of a deficit that is carried (100: in full)
    deficit_share_percent: Decimal = HUNDRED
    #: at most this share of the frame is carried as a deficit (per cent of the frame); None: no cap
    deficit_cap_percent: Decimal | None = None
    #: a result (surplus or deficit) smaller than this, in tkr, is not carried at all
    floor_tsek: Decimal = ZERO

    @property
    def deficits_in_full(self) -> bool:
        return self.deficit_share_percent == HUNDRED and self.deficit_cap_percent is None


@dataclass(frozen=True)
class CarryOverProposal:
    """A committee's result for the year and what the rules propose to carry into the next."""

    frame_tsek: Decimal
    actual_tsek: Decimal
    result_tsek: Decimal
    proposed_tsek: Decimal
    #: what limited the proposal (WHOLE, SHARE, FLOOR, CAP)
    limited_by: str


def result_of(*, frame_tsek: Decimal, actual_tsek: Decimal) -> Decimal:
    """The year's result: the frame minus the actual net cost (both tkr, cost positive); a surplus
    is positive, a deficit negative."""
    return tsek(frame_tsek - actual_tsek)


def propose(*, frame_tsek: Decimal, actual_tsek: Decimal, rules: CarryOverRules) -> CarryOverProposal:
    """What the rules propose to carry of the result: a share of it, within the cap as a share of
    the frame (a committee with net income has a negative frame: its size counts), nothing below
    the floor. Each step rounds to 0.01 tkr."""
    result = result_of(frame_tsek=frame_tsek, actual_tsek=actual_tsek)
    size = abs(frame_tsek)
    if result == ZERO or abs(result) < rules.floor_tsek:
        return CarryOverProposal(frame_tsek, actual_tsek, result, ZERO, FLOOR if result else WHOLE)
    surplus = result > ZERO
    share = rules.surplus_share_percent if surplus else rules.deficit_share_percent
    cap_percent = rules.surplus_cap_percent if surplus else rules.deficit_cap_percent
    carried = tsek(result * share / HUNDRED)
    limited_by = WHOLE if share == HUNDRED else SHARE
    if cap_percent is not None:
        cap = tsek(size * cap_percent / HUNDRED)
        if abs(carried) > cap:
            carried, limited_by = (cap if surplus else -cap), CAP
    return CarryOverProposal(frame_tsek, actual_tsek, result, carried, limited_by)


# -- the rules of a proposal and a decision -------------------------------------------------------


def check_year_ended(*, year: int, today: date) -> None:
    """CARRY-002: a year's result is known, and a carry-over proposed, only once the year is over."""
    if today <= date(year, 12, 31):
        raise RuleViolation(
            "CARRY-002",
            _("The year %(year)s is not over: its result, and what is carried over from it, is worked out after its end."),
            {"year": year, "today": today.isoformat()},
            field="year",
        )


def check_not_decided(*, decided: bool, committee: str, year: int) -> None:
    """CARRY-003: the council's decision on a carry-over is final: it is not recomputed or decided again."""
    if decided:
        raise RuleViolation(
            "CARRY-003",
            _("The council has decided the carry-over of %(committee)s from %(year)s: it is final and cannot be changed."),
            {"committee": committee, "year": year},
            field="decided_tsek",
        )


def check_tsek(amount: Decimal, *, field: str = "decided_tsek") -> None:
    """CARRY-005: an amount carried over is in tkr with at most two decimals (0.01 tkr = 10 kr)."""
    if not amount.is_finite() or abs(amount) >= TSEK_LIMIT or amount != amount.quantize(CENT):
        raise RuleViolation(
            "CARRY-005",
            _("An amount carried over is given in tkr with at most two decimals (0.01 tkr = 10 kr), not %(amount)s."),
            {"amount": str(amount)},
            field=field,
        )


def check_decision(*, proposed_tsek: Decimal, decided_tsek: Decimal, reason: str, decided_on: date, year: int, committee: str = "") -> None:
    """CARRY-004: the council may decide another amount than the proposal, and then gives its
    reason. CARRY-006: the decision is taken after the year the result arose in has ended."""
    check_tsek(decided_tsek)
    if decided_tsek != proposed_tsek and not reason.strip():
        raise RuleViolation(
            "CARRY-004",
            _("%(committee)s: the council decides %(decided)s tkr where %(proposed)s tkr was proposed; give the reason."),
            {"committee": committee, "decided": str(decided_tsek), "proposed": str(proposed_tsek)},
            field="comment",
        )
    check_text_length(field="comment", label=_("Reason"), length=len(reason.strip()), limit=TEXT_LENGTH)
    if decided_on <= date(year, 12, 31):
        raise RuleViolation(
            "CARRY-006",
            _("The carry-over from %(year)s is decided after the year's end, not on %(decided_on)s."),
            {"year": year, "decided_on": decided_on.isoformat()},
            field="decided_on",
        )


def check_frames_adopted(*, count: int, year: int) -> None:
    """CARRY-007: a result is worked out against a frame the council adopted; without one there is none."""
    if not count:
        raise RuleViolation(
            "CARRY-007",
            _("No committee has a frame for %(year)s adopted by the council: there is no result to carry over."),
            {"year": year},
            field="year",
        )


def check_to_decide(*, unknown: list[int], open_count: int, year: int) -> None:
    """CARRY-008: the council decides the year's proposals: one it names must be of the year, and
    there must be a proposal left to decide."""
    if unknown:
        raise RuleViolation("CARRY-008", _("Carry-over %(id)s is not one of the proposals for %(year)s."), {"id": unknown[0], "year": year}, field="amounts")
    if not open_count:
        raise RuleViolation("CARRY-008", _("There is no proposed carry-over from %(year)s left to decide."), {"year": year}, field="year")


# -- the preset -----------------------------------------------------------------------------------

KEYS = ("surplus_share_percent", "surplus_cap_percent", "deficit_share_percent", "deficit_cap_percent", "floor_tsek")


def _number(raw: object, key: str, *, optional: bool) -> Decimal | None:
    if raw is None and optional:
        return None
    try:
        value = Decimal(str(raw)) if isinstance(raw, int | float | str | Decimal) and not isinstance(raw, bool) else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < ZERO:
        raise RuleViolation(
            "CARRY-001",
            _("The carry-over rule “%(field)s” must be a number, zero or more, not “%(value)s”."),
            {"field": key, "value": str(raw)},
            field=key,
        )
    return value


def parse_carry_over(data: object) -> CarryOverRules:
    """CARRY-001: the preset's ``economy.carry_over``: shares of 0–100 per cent, caps of zero or
    more per cent of the frame (``null``: no cap), a floor in tkr of zero or more. A key left out
    keeps its default; an unknown key is refused (a misspelt rule would otherwise be ignored)."""
    if data is None:
        return CarryOverRules()
    if not isinstance(data, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "economy.carry_over"})
    unknown = sorted(str(key) for key in data if key not in KEYS)
    if unknown:
        raise RuleViolation(
            "CARRY-001", _("“%(field)s” is not a carry-over rule (%(known)s)."), {"field": ", ".join(unknown), "known": ", ".join(KEYS)}, field=unknown[0]
        )
    defaults = CarryOverRules()
    found: dict[str, Any] = {}
    for key in KEYS:
        if key in data:
            found[key] = _number(data[key], key, optional=key.endswith("cap_percent"))
        else:
            found[key] = getattr(defaults, key)
    for key in ("surplus_share_percent", "deficit_share_percent"):
        if found[key] > HUNDRED:
            raise RuleViolation(
                "CARRY-001", _("The share “%(field)s” is at most 100 per cent, not %(value)s."), {"field": key, "value": str(found[key])}, field=key
            )
    return CarryOverRules(**found)


def carry_over_to_mapping(rules: CarryOverRules) -> dict[str, Any]:
    """The plain-data form stored with a municipal group (read back by ``parse_carry_over``)."""
    return {key: (str(value) if value is not None else None) for key in KEYS for value in [getattr(rules, key)]}
