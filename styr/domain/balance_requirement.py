"""The balance requirement (balanskravet, kommunallagen 11 kap. 10–14 §§; lag (2018:597) om kommunal
bokföring och redovisning, 11 kap. 1 § förvaltningsberättelsen) and the reserve: the result
equalisation reserve (resultatutjämningsreserv, RUR, 2013–2023) and the result reserve
(resultatreserv, from 2024, prop. 2022/23:119), as the preset's dated rows name them
(``domain/balance_settings.py``). Pure arithmetic and rules over ``Decimal``; no Django.

The statement (balanskravsutredning), in the order RKR's recommendation R11 and the annual reports
print it:

    årets resultat
    − samtliga realisationsvinster
    + realisationsvinster enligt undantagsmöjlighet
    + realisationsförluster enligt undantagsmöjlighet
    ± orealiserade vinster och förluster i värdepapper
    ± återföring av orealiserade vinster och förluster i värdepapper
    = årets resultat efter balanskravsjusteringar
    − reservering till resultatutjämningsreserv / resultatreserv
    + användning av medel från resultatutjämningsreserv / resultatreserv
    + användning av medel från resultatutjämningsreserv (a kept RUR, from 2024)
    = balanskravsresultat

From the year the preset's row names a new reserve (resultatreserv from 2024), the old reserve's
balance is kept beside it and may still be used under its old rules (the transitional provision):
the statement then has a third reserve row, ``legacy_reserve_use``; provisions go to the new reserve
only, and the new reserve's balance may not be brought above its cap by a provision (BAL-014).

Amounts are entered as they are shown in the statement's own terms: gains, exception gains and
losses, provision and use as non-negative amounts (the row adds or subtracts them), the two
securities rows signed as they change the result. The unit is the caller's (kronor in Styr; a
published example in tkr or mnkr is reproduced in its own unit).

The chain runs over consecutive years: the reserve's balance carries from year to year; a
negative balanskravsresultat opens a deficit to restore within the three following years
(11 kap. 12 §) unless the council decides on synnerliga skäl (11 kap. 13 §: not restored, in part
or whole, or over a longer time); a positive balanskravsresultat restores the oldest open deficits
first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from styr.domain.balance_deficits import Deficit, DeficitDecisions, OpenDeficit, check_waiver
from styr.domain.balance_settings import RER, RUR, ReserveCeiling
from styr.domain.errors import RuleViolation, _

ZERO = Decimal(0)
HUNDRED = Decimal(100)

#: (key, Swedish label as the law and RKR R11 name the row, English label, sign in the sum)
ADJUSTMENT_ROWS: tuple[tuple[str, str, str, int], ...] = (
    ("year_result", "Årets resultat enligt resultaträkningen", "Result for the year (result statement)", 1),
    ("realisation_gains", "Samtliga realisationsvinster", "All realisation gains", -1),
    ("exception_gains", "Realisationsvinster enligt undantagsmöjlighet", "Realisation gains under the exception", 1),
    ("exception_losses", "Realisationsförluster enligt undantagsmöjlighet", "Realisation losses under the exception", 1),
    ("unrealised_securities", "Orealiserade vinster och förluster i värdepapper", "Unrealised gains and losses in securities", 1),
    (
        "unrealised_reversal",
        "Återföring av orealiserade vinster och förluster i värdepapper",
        "Reversal of unrealised gains and losses in securities",
        1,
    ),
)
RESULT_AFTER = ("result_after_adjustments", "Årets resultat efter balanskravsjusteringar", "Result for the year after balance-requirement adjustments")
#: the reserve rows' labels per reserve name: (provision sv, provision en, use sv, use en)
RESERVE_LABELS: dict[str, tuple[str, str, str, str]] = {
    RUR: (
        "Reservering till resultatutjämningsreserv",
        "Provision to the result equalisation reserve",
        "Användning av medel från resultatutjämningsreserv",
        "Use of the result equalisation reserve",
    ),
    RER: ("Reservering till resultatreserv", "Provision to the result reserve", "Användning av medel från resultatreserv", "Use of the result reserve"),
}
RESERVE_ROWS: tuple[tuple[str, str, str, int], ...] = (
    ("reserve_provision", *RESERVE_LABELS[RUR][:2], -1),
    ("reserve_use", *RESERVE_LABELS[RUR][2:], 1),
)
BALANCE_RESULT = ("balance_result", "Balanskravsresultat", "Balance-requirement result")
#: the inputs that are amounts shown without their sign (the row's sign applies)
NON_NEGATIVE = ("realisation_gains", "exception_gains", "exception_losses", "reserve_provision", "reserve_use", "legacy_reserve_use")


@dataclass(frozen=True)
class YearInputs:
    year: int
    year_result: Decimal
    realisation_gains: Decimal = ZERO
    exception_gains: Decimal = ZERO
    exception_losses: Decimal = ZERO
    unrealised_securities: Decimal = ZERO
    unrealised_reversal: Decimal = ZERO
    reserve_provision: Decimal = ZERO
    reserve_use: Decimal = ZERO
    #: use of an old reserve kept under its old rules beside the new one (a RUR from 2024)
    legacy_reserve_use: Decimal = ZERO
    #: skatteintäkter + generella statsbidrag och utjämning; ``None`` when not known (the ceiling is then not checked)
    tax_and_grants: Decimal | None = None
    #: eget kapital inklusive ansvarsförbindelsen för pensioner; ``None`` when not entered
    equity_incl_pensions: Decimal | None = None


@dataclass(frozen=True)
class StatementLine:
    key: str
    label_sv: str
    label_en: str
    amount: Decimal
    is_sum: bool = False

    def label(self, language: str = "sv") -> str:
        return self.label_en if language.startswith("en") else self.label_sv


def result_after_adjustments(inputs: YearInputs) -> Decimal:
    return sum((sign * getattr(inputs, key) for key, _sv, _en, sign in ADJUSTMENT_ROWS), ZERO)


def balance_result(inputs: YearInputs) -> Decimal:
    return result_after_adjustments(inputs) - inputs.reserve_provision + inputs.reserve_use + inputs.legacy_reserve_use


def statement_lines(inputs: YearInputs, *, reserve_name: str = RUR, legacy_name: str | None = None) -> tuple[StatementLine, ...]:
    """The statement's rows, each amount as shown (a subtracted row negative); the reserve rows named
    after the reserve in force, and a row for the kept old reserve where there is one (``legacy_name``)
    or it is used."""
    # + ZERO: a subtracted 0 shows as 0, not −0
    lines = [StatementLine(key, sv, en, sign * getattr(inputs, key) + ZERO) for key, sv, en, sign in ADJUSTMENT_ROWS]
    lines.append(StatementLine(*RESULT_AFTER, result_after_adjustments(inputs), is_sum=True))
    provision_sv, provision_en, use_sv, use_en = RESERVE_LABELS[reserve_name]
    lines.append(StatementLine("reserve_provision", provision_sv, provision_en, -inputs.reserve_provision + ZERO))
    lines.append(StatementLine("reserve_use", use_sv, use_en, inputs.reserve_use + ZERO))
    if legacy_name is not None or inputs.legacy_reserve_use:
        _p_sv, _p_en, legacy_sv, legacy_en = RESERVE_LABELS[legacy_name or RUR]
        lines.append(StatementLine("legacy_reserve_use", legacy_sv, legacy_en, inputs.legacy_reserve_use + ZERO))
    lines.append(StatementLine(*BALANCE_RESULT, balance_result(inputs), is_sum=True))
    return tuple(lines)


def reserve_cap(inputs: YearInputs, ceiling: ReserveCeiling | None) -> Decimal | None:
    """BAL-014: the most the reserve may hold (the cap's share of tax revenue and general grants and
    kommunalekonomisk utjämning); ``None`` where the row has no cap or tax revenue is unknown."""
    if ceiling is None or ceiling.cap_share_of_tax_revenue is None or inputs.tax_and_grants is None:
        return None
    return ceiling.cap_share_of_tax_revenue * inputs.tax_and_grants / HUNDRED


def _share_room(inputs: YearInputs, ceiling: ReserveCeiling, tax_and_grants: Decimal) -> Decimal:
    """BAL-001's room: the part of the result after adjustments above the ceiling's share."""
    share = ceiling.share(inputs.equity_incl_pensions)
    return max(ZERO, result_after_adjustments(inputs) - share * tax_and_grants / HUNDRED)


def reserve_room(inputs: YearInputs, ceiling: ReserveCeiling | None, *, reserve_before: Decimal = ZERO) -> Decimal | None:
    """How much may go to the reserve this year (11 kap. 14 §): the part of the result after
    adjustments above the share of tax revenue and general grants, and no more than brings the
    reserve (after the year's use) up to its cap where the row has one; ``None`` when it cannot be
    computed (no ceiling in force, or tax revenue unknown)."""
    if ceiling is None or inputs.tax_and_grants is None:
        return None
    room = _share_room(inputs, ceiling, inputs.tax_and_grants)
    cap = reserve_cap(inputs, ceiling)
    if cap is not None:
        room = min(room, max(ZERO, cap - (reserve_before - inputs.reserve_use)))
    return room


def check_amounts(inputs: YearInputs) -> None:
    """BAL-008: realisation gains, exception gains and losses, provision and use are entered as
    non-negative amounts; the row's sign says whether it adds or subtracts."""
    for key in NON_NEGATIVE:
        if getattr(inputs, key) < 0:
            raise RuleViolation(
                "BAL-008",
                _("%(row)s is entered as a non-negative amount (the statement subtracts or adds it), not %(amount)s."),
                {"row": key, "amount": str(getattr(inputs, key))},
                field=key,
            )


def check_reserve(
    inputs: YearInputs,
    *,
    reserve_before: Decimal,
    ceiling: ReserveCeiling | None,
    legacy_before: Decimal = ZERO,
    legacy_only_against_negative: bool = True,
) -> None:
    """The reserve's rules for one year: BAL-001 a provision above the ceiling (or with no surplus
    above it); BAL-014 a provision that brings the reserve above its cap; BAL-002 a use without a
    negative result after adjustments and BAL-003 a use above that negative result, where the rules
    in force (or, for a kept old reserve, its old rules) limit the use so; BAL-004 a use above the
    reserve's balance."""
    check_amounts(inputs)
    after = result_after_adjustments(inputs)
    _check_provision(inputs, after=after, reserve_before=reserve_before, ceiling=ceiling)
    limited = (inputs.reserve_use if ceiling is None or ceiling.use_only_against_negative_result else ZERO) + (
        inputs.legacy_reserve_use if legacy_only_against_negative else ZERO
    )
    if limited > 0:
        if after >= 0:
            raise RuleViolation(
                "BAL-002",
                _("The reserve may only cover a negative result after adjustments; %(year)s's is %(after)s."),
                {"year": inputs.year, "after": str(after)},
                field="reserve_use" if inputs.reserve_use else "legacy_reserve_use",
            )
        if limited > -after:
            raise RuleViolation(
                "BAL-003",
                _("%(use)s from the reserve is more than the negative result after adjustments it covers (%(after)s)."),
                {"use": str(limited), "after": str(after)},
                field="reserve_use" if inputs.reserve_use else "legacy_reserve_use",
            )
    for use, balance, name in ((inputs.reserve_use, reserve_before, "reserve_use"), (inputs.legacy_reserve_use, legacy_before, "legacy_reserve_use")):
        if use > balance:
            raise RuleViolation(
                "BAL-004",
                _("%(use)s from the reserve is more than its balance (%(balance)s)."),
                {"use": str(use), "balance": str(balance)},
                field=name,
            )


def _check_provision(inputs: YearInputs, *, after: Decimal, reserve_before: Decimal, ceiling: ReserveCeiling | None) -> None:
    if inputs.reserve_provision > 0:
        if ceiling is None:
            raise RuleViolation(
                "BAL-001",
                _("No reserve ceiling is in force for %(year)s in the governance model: nothing may be provided to the reserve."),
                {"year": inputs.year},
                field="reserve_provision",
            )
        room = None if inputs.tax_and_grants is None else _share_room(inputs, ceiling, inputs.tax_and_grants)
        if after <= 0 or (room is not None and inputs.reserve_provision > room):
            raise RuleViolation(
                "BAL-001",
                _(
                    "%(provision)s may not go to the reserve in %(year)s: only the part of the result after adjustments (%(after)s) "
                    "above %(share)s per cent of tax revenue and general grants may, %(room)s."
                ),
                {
                    "provision": str(inputs.reserve_provision),
                    "year": inputs.year,
                    "after": str(after),
                    "share": str(ceiling.share(inputs.equity_incl_pensions)),
                    "room": str(room if room is not None else ZERO),
                },
                field="reserve_provision",
            )
        cap = reserve_cap(inputs, ceiling)
        closing = reserve_before - inputs.reserve_use + inputs.reserve_provision
        if cap is not None and closing > cap:
            raise RuleViolation(
                "BAL-014",
                _(
                    "%(provision)s may not go to the %(reserve)s in %(year)s: it would hold %(closing)s, above its cap of %(cap_share)s per cent "
                    "of tax revenue and general grants (%(cap)s)."
                ),
                {
                    "provision": str(inputs.reserve_provision),
                    "reserve": ceiling.reserve_name,
                    "year": inputs.year,
                    "closing": str(closing),
                    "cap_share": str(ceiling.cap_share_of_tax_revenue),
                    "cap": str(cap),
                },
                field="reserve_provision",
            )


@dataclass(frozen=True)
class ChainYear:
    inputs: YearInputs
    lines: tuple[StatementLine, ...]
    result_after: Decimal
    balance_result: Decimal
    reserve_opening: Decimal
    reserve_closing: Decimal
    #: what may go to the reserve (None when it cannot be computed)
    reserve_room: Decimal | None
    #: deficits of earlier years open at the start of the year, and what the year restores of them
    deficits_opening: Decimal
    restored: Decimal
    #: open deficits at the year's end, this year's new one included
    deficits_closing: Decimal
    #: the reserve in force (the preset's row) and an old one kept beside it (None where there is none)
    reserve_name: str = RUR
    legacy_name: str | None = None
    legacy_reserve_opening: Decimal = ZERO
    legacy_reserve_closing: Decimal = ZERO
    #: BAL-014: the most the reserve may hold (None: no cap, or tax revenue unknown)
    reserve_cap: Decimal | None = None

    @property
    def year(self) -> int:
        return self.inputs.year


@dataclass(frozen=True)
class Chain:
    years: tuple[ChainYear, ...]
    deficits: tuple[Deficit, ...] = field(default_factory=tuple)

    def year(self, year: int) -> ChainYear:
        return next(y for y in self.years if y.year == year)

    def deficit(self, origin_year: int) -> Deficit:
        return next(d for d in self.deficits if d.origin_year == origin_year)


def check_consecutive(years: Sequence[int]) -> None:
    """BAL-009: the statements form one chain of consecutive years, so the reserve and the deficits carry."""
    ordered = sorted(years)
    for before, after in pairwise(ordered):
        if after != before + 1:
            raise RuleViolation(
                "BAL-009",
                _("The balance statements must follow year by year: %(missing)s is missing between %(before)s and %(after)s."),
                {"missing": before + 1, "before": before, "after": after},
                field="year",
            )


def run_chain(
    years: Sequence[YearInputs],
    *,
    reserve_opening: Decimal = ZERO,
    legacy_reserve_opening: Decimal = ZERO,
    ceilings: Mapping[int, ReserveCeiling | None] | None = None,
    decisions: Mapping[int, DeficitDecisions] | None = None,
    check: bool = True,
) -> Chain:
    """The statements year by year: the reserve's balance, the deficits opened and what each later
    year restores (oldest first). ``check`` applies the reserve's rules (BAL-001…BAL-004, BAL-006,
    BAL-014) to each year; a page reads a stored chain with ``check=False`` so an entered past year
    still shows.

    When a year's row names another reserve than the year before's (resultatreserv after
    resultatutjämningsreserv), the old reserve's closing balance is kept as the legacy reserve, used
    under the old row's rules, and the new reserve opens at 0. ``legacy_reserve_opening`` is such a
    kept balance where the chain starts after the change."""
    ordered = sorted(years, key=lambda y: y.year)
    check_consecutive([y.year for y in ordered])
    ceilings = ceilings or {}
    decisions = decisions or {}
    reserve, legacy = reserve_opening, legacy_reserve_opening
    legacy_name: str | None = RUR if legacy_reserve_opening else None
    legacy_limited = True
    previous: ReserveCeiling | None = None
    chain_years: list[ChainYear] = []
    all_deficits: list[OpenDeficit] = []
    for inputs in ordered:
        ceiling = ceilings.get(inputs.year)
        if ceiling is not None and previous is not None and ceiling.reserve_name != previous.reserve_name:
            legacy, reserve = legacy + reserve, ZERO
            legacy_name, legacy_limited = previous.reserve_name, previous.use_only_against_negative_result
        previous = ceiling or previous
        reserve_name = ceiling.reserve_name if ceiling else RUR
        if check:
            check_reserve(inputs, reserve_before=reserve, ceiling=ceiling, legacy_before=legacy, legacy_only_against_negative=legacy_limited)
        result = balance_result(inputs)
        still_open = [d for d in all_deficits if d.open > 0]
        opening_open = sum((d.open for d in still_open), ZERO)
        restored = ZERO
        available = result
        for deficit in still_open:  # oldest first
            if available <= 0:
                break
            take = min(deficit.open, available)
            deficit.restorations.append((inputs.year, take))
            restored += take
            available -= take
        if result < 0:
            decided = decisions.get(inputs.year, DeficitDecisions())
            if check:
                check_waiver(
                    amount=-result,
                    waived=decided.waived,
                    has_decision=decided.has_waiver_decision,
                    origin_year=inputs.year,
                    deadline_year=decided.deadline_year,
                )
            all_deficits.append(OpenDeficit(inputs.year, -result, decided))
        closing_reserve = reserve + inputs.reserve_provision - inputs.reserve_use
        closing_legacy = legacy - inputs.legacy_reserve_use
        chain_years.append(
            ChainYear(
                inputs=inputs,
                lines=statement_lines(inputs, reserve_name=reserve_name, legacy_name=legacy_name),
                result_after=result_after_adjustments(inputs),
                balance_result=result,
                reserve_opening=reserve,
                reserve_closing=closing_reserve,
                reserve_room=reserve_room(inputs, ceiling, reserve_before=reserve),
                deficits_opening=opening_open,
                restored=restored,
                deficits_closing=sum((d.open for d in all_deficits if d.open > 0), ZERO),
                reserve_name=reserve_name,
                legacy_name=legacy_name,
                legacy_reserve_opening=legacy,
                legacy_reserve_closing=closing_legacy,
                reserve_cap=reserve_cap(inputs, ceiling),
            )
        )
        reserve, legacy = closing_reserve, closing_legacy
    last_year = ordered[-1].year if ordered else 0
    deficits = tuple(
        Deficit(
            origin_year=d.origin_year,
            amount=d.amount,
            waived=d.decided.waived,
            deadline_year=d.deadline_year,
            restorations=tuple(d.restorations),
            has_recovery_plan=d.decided.has_recovery_plan,
            has_waiver_decision=d.decided.has_waiver_decision,
            overdue=d.open > 0 and last_year >= d.deadline_year,
        )
        for d in all_deficits
    )
    return Chain(tuple(chain_years), deficits)
