"""The preset's ``model.economy.balance_requirement``: the reserve's rules as dated rows
(kommunallagen 11 kap. 14 §), and the accounts realisation gains are booked on.

A law change is a new row with its ``from`` date, never new code: the row in force at the end of a
fiscal year (its 31 December) is the one that year's provision and use are checked against. Shares
are in per cent of skatteintäkter + generella statsbidrag och (kommunalekonomisk) utjämning. A row
names its reserve (``reserve_name``): the result equalisation reserve (resultatutjämningsreserv,
RUR, from 2013) or the result reserve (resultatreserv, from 2024, prop. 2022/23:119). When the
name changes between two years, the old reserve's balance is kept beside the new one and used under
its old rules (the transitional provision) while provisions go to the new one. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from styr.domain.account_files import parse_range
from styr.domain.accounts import AccountRange
from styr.domain.errors import RuleViolation, _

FIELD = "balance_requirement"
#: the reserves' names as the law and the statements spell them
RUR = "resultatutjämningsreserv"
RER = "resultatreserv"
RESERVE_NAMES = (RUR, RER)
REQUIRED_KEYS = {"from", "share_of_tax_revenue", "share_when_equity_incl_pensions_negative"}
OPTIONAL_KEYS = {"reserve_name", "cap_share_of_tax_revenue", "use_only_against_negative_result"}


@dataclass(frozen=True)
class ReserveCeiling:
    """From ``valid_from``, a provision may be made of the part of the result after balance-requirement
    adjustments that exceeds ``share_of_tax_revenue`` per cent of tax revenue and general grants, or
    ``share_when_equity_incl_pensions_negative`` per cent where equity including the pension
    obligations outside the balance sheet is negative."""

    valid_from: date
    share_of_tax_revenue: Decimal
    share_when_equity_incl_pensions_negative: Decimal
    #: the reserve the row is about, as the statement's rows name it
    reserve_name: str = RUR
    #: BAL-014: the reserve's balance may be at most this share of tax revenue and grants (None: no cap)
    cap_share_of_tax_revenue: Decimal | None = None
    #: BAL-002/BAL-003: the reserve may only cover (up to) a negative result after adjustments; where
    #: ``False`` the council's guidelines for god ekonomisk hushållning say how it is used
    use_only_against_negative_result: bool = True

    def share(self, equity_incl_pensions: Decimal | None) -> Decimal:
        """The share that applies: the higher one only where the entered equity incl. pensions is negative."""
        if equity_incl_pensions is not None and equity_incl_pensions < 0:
            return self.share_when_equity_incl_pensions_negative
        return self.share_of_tax_revenue


@dataclass(frozen=True)
class BalanceSettings:
    reserve_ceilings: tuple[ReserveCeiling, ...] = ()
    #: the Kommun-Bas ranges realisation gains are booked on (read from the ledger as "samtliga realisationsvinster")
    realisation_gain_accounts: tuple[AccountRange, ...] = ()

    def ceiling_for(self, year: int) -> ReserveCeiling | None:
        """The row in force on the year's last day; ``None`` before the first (no reserve then)."""
        found = [c for c in self.reserve_ceilings if c.valid_from <= date(year, 12, 31)]
        return max(found, key=lambda c: c.valid_from) if found else None

    def is_realisation_gain_account(self, number: str) -> bool:
        return any(r.contains(number) for r in self.realisation_gain_accounts)


#: The law (kommunallagen 11 kap. 14 §: the result equalisation reserve from 2013, the result reserve
#: with its 5 % cap from 2024) and Kommun-Bas's realisation-gain accounts: what a group whose stored
#: model has no ``balance_requirement`` section (one loaded before the section existed) reads.
LAW_DEFAULT = BalanceSettings(
    reserve_ceilings=(
        ReserveCeiling(date(2013, 1, 1), Decimal(1), Decimal(2)),
        ReserveCeiling(date(2024, 1, 1), Decimal(1), Decimal(2), RER, Decimal(5), use_only_against_negative_result=False),
    ),
    realisation_gain_accounts=(AccountRange("38", "38"), AccountRange("843", "843")),
)


def _malformed(message: str, detail: Mapping[str, Any]) -> RuleViolation:
    return RuleViolation("BAL-010", message, detail, field=FIELD)


def _date(raw: object) -> date | None:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            return None
    return None


def _percent(raw: object) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, (int, str, Decimal)):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value <= 100 else None


def _ceiling(row: Mapping[str, Any]) -> ReserveCeiling:
    valid_from = _date(row["from"])
    low, high = _percent(row["share_of_tax_revenue"]), _percent(row["share_when_equity_incl_pensions_negative"])
    if valid_from is None or low is None or high is None:
        raise _malformed(_("The reserve ceiling %(row)s needs a date and two shares in per cent (0–100)."), {"row": str(dict(row))})
    name = row.get("reserve_name", RUR)
    if name not in RESERVE_NAMES:
        raise _malformed(_("The reserve is named resultatutjämningsreserv or resultatreserv, not %(name)s."), {"name": str(name)})
    raw_cap = row.get("cap_share_of_tax_revenue")
    cap = None if raw_cap is None else _percent(raw_cap)
    if raw_cap is not None and cap is None:
        raise _malformed(_("The reserve's cap %(cap)s is a share in per cent (0–100)."), {"cap": str(raw_cap)})
    only_negative = row.get("use_only_against_negative_result", True)
    if not isinstance(only_negative, bool):
        raise _malformed(_("use_only_against_negative_result is true or false, not %(value)s."), {"value": str(only_negative)})
    return ReserveCeiling(valid_from, low, high, str(name), cap, only_negative)


def parse_balance_settings(raw: object) -> BalanceSettings:
    """BAL-010: ``reserve_ceilings`` a list of {from: date, share_of_tax_revenue: per cent,
    share_when_equity_incl_pensions_negative: per cent} and optionally reserve_name
    (resultatutjämningsreserv | resultatreserv), cap_share_of_tax_revenue (per cent) and
    use_only_against_negative_result (true | false), no date twice; ``realisation_gain_accounts`` a
    list of account ranges (ACC-003's form)."""
    if raw is None:
        return LAW_DEFAULT
    if not isinstance(raw, Mapping):
        raise _malformed(_("The section “%(section)s” must be a mapping."), {"section": FIELD})
    unknown = sorted(set(map(str, raw)) - {"reserve_ceilings", "realisation_gain_accounts"})
    if unknown:
        raise _malformed(_("The balance requirement does not know the key “%(key)s”."), {"key": unknown[0]})
    rows = raw.get("reserve_ceilings") or []
    if not isinstance(rows, list):
        raise _malformed(_("reserve_ceilings must be a list of dated rows."), {})
    ceilings: list[ReserveCeiling] = []
    for row in rows:
        if not isinstance(row, Mapping) or not REQUIRED_KEYS <= set(map(str, row)) <= REQUIRED_KEYS | OPTIONAL_KEYS:
            raise _malformed(
                _(
                    "Each reserve ceiling has from, share_of_tax_revenue and share_when_equity_incl_pensions_negative "
                    "(and may have reserve_name, cap_share_of_tax_revenue and use_only_against_negative_result), not %(row)s."
                ),
                {"row": str(row)},
            )
        ceilings.append(_ceiling(row))
        if len({c.valid_from for c in ceilings}) < len(ceilings):
            raise _malformed(_("Two reserve ceilings start on %(date)s."), {"date": ceilings[-1].valid_from.isoformat()})
    accounts = raw.get("realisation_gain_accounts") or []
    if not isinstance(accounts, list):
        raise _malformed(_("realisation_gain_accounts must be a list of account ranges."), {})
    ranges = tuple(parse_range(a, where=f"{FIELD}.realisation_gain_accounts") for a in accounts)
    return BalanceSettings(tuple(sorted(ceilings, key=lambda c: c.valid_from)), ranges)


def balance_settings_to_mapping(settings: BalanceSettings) -> dict[str, Any]:
    """The plain-data form stored with the group (read back by ``parse_balance_settings``)."""
    return {
        "reserve_ceilings": [
            {
                "from": c.valid_from.isoformat(),
                "share_of_tax_revenue": str(c.share_of_tax_revenue),
                "share_when_equity_incl_pensions_negative": str(c.share_when_equity_incl_pensions_negative),
                "reserve_name": c.reserve_name,
                "cap_share_of_tax_revenue": None if c.cap_share_of_tax_revenue is None else str(c.cap_share_of_tax_revenue),
                "use_only_against_negative_result": c.use_only_against_negative_result,
            }
            for c in settings.reserve_ceilings
        ],
        "realisation_gain_accounts": [str(r) for r in settings.realisation_gain_accounts],
    }
