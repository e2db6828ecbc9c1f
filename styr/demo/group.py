"""The demo's group statements (issue 11 §5): AllboHus's books for this year, in which it rents
the municipality its premises, AllboHus in the group's statements at 100 per cent (owned through
Alvesta Kommunföretag AB), and the two sides of the rent marked as internal accounts, so that the
group page and KS's annual report show the rent eliminated; and the capital elimination: the
municipality's shares in AllboHus (15 mnkr on 1311, what it paid when it founded the company)
against AllboHus's equity at the acquisition (its share capital, 15 mnkr), so no difference line.

Deterministic and pure Python in ``allbohus_year_books``: the rent is exactly what the municipal
books (``styr.demo.ledgers``) book on 6111 each month, so the two sides match (GROUP-002)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from styr.demo.allbohus import ALLBOHUS_ACCOUNTS, ALLBOHUS_NAME, ALLBOHUS_RENT, ALLBOHUS_YEAR, allbohus_books
from styr.demo.ledgers import EVEN, INTERNAL_RENT, ZERO, municipal_books, opening_with_equity
from styr.domain.economy import periodise
from styr.domain.sie.writer import Books, Entry, Row, write_sie4
from styr.organisation.models import OrgUnit

#: AllboHus's revenue account for the municipality's rent of premises
COMPANY_RENT = "3913"
OWNERSHIP_PERCENT = Decimal(100)
#: the municipality's shares in AllboHus (``styr.demo.ledgers.MUNICIPAL_OPENING``) and AllboHus's equity at the acquisition
SHARES_ACCOUNT = "1311"
SHARES_BOOK_VALUE_SEK = Decimal("15000000.00")
EQUITY_AT_ACQUISITION_SEK = Decimal("15000000.00")
MAINTENANCE_YEAR_SEK = Decimal("38000000")
DEPRECIATION_YEAR_SEK = Decimal("39600000")


def _closing(books: Books) -> dict[str, Decimal]:
    """The balance accounts after the year (equity recomputed by the next year's opening)."""
    closing = dict(books.opening)
    for entry in books.entries:
        for row in entry.rows:
            if row.account[0] in "12":
                closing[row.account] = closing.get(row.account, ZERO) + row.amount
    return closing


def allbohus_year_books(today: dt.date) -> Books | None:
    """AllboHus's books for ``today``'s year up to the month before (after the shipped year only):
    rents, the municipality's rent of premises, maintenance and depreciation, each paid the same month."""
    year, months = today.year, today.month - 1
    if year <= ALLBOHUS_YEAR:
        return None
    municipal = municipal_books(year=year, months=months, generated=today)
    rent_of_month = [ZERO] * 12
    for entry in municipal.entries:
        for row in entry.rows:
            if row.account == INTERNAL_RENT:
                rent_of_month[entry.date.month - 1] += row.amount
    rents = {account: periodise(amount, EVEN) for account, amount in ALLBOHUS_RENT.items()}
    maintenance, depreciation = periodise(MAINTENANCE_YEAR_SEK, EVEN), periodise(DEPRECIATION_YEAR_SEK, EVEN)
    entries: list[Entry] = []
    for month in range(1, months + 1):
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        label = f"{year}-{month:02d}"
        invoiced = [(account, amounts[month - 1]) for account, amounts in sorted(rents.items())] + [(COMPANY_RENT, rent_of_month[month - 1])]
        total = sum((amount for _account, amount in invoiced), ZERO)
        entries.append(Entry("A", first, f"Hyresavier {label}", (Row("1510", total), *(Row(account, -amount) for account, amount in invoiced if amount))))
        entries.append(Entry("B", last, f"Inbetalda hyror {label}", (Row("1930", total), Row("1510", -total))))
        entries.append(Entry("LF", first.replace(day=15), f"Underhåll {label}", (Row("5170", maintenance[month - 1]), Row("1930", -maintenance[month - 1]))))
        entries.append(Entry("M", last, f"Avskrivningar {label}", (Row("7821", depreciation[month - 1]), Row("1119", -depreciation[month - 1]))))
    return Books(
        company=ALLBOHUS_NAME,
        year_start=dt.date(year, 1, 1),
        year_end=dt.date(year, 12, 31),
        generated=today,
        accounts={**ALLBOHUS_ACCOUNTS, COMPANY_RENT: ("Hyresintäkter lokaler, kommunen", "I")},
        program="Styr demo (BAS)",
        chart="BAS2024",
        opening=opening_with_equity({k: v for k, v in _closing(allbohus_books()).items() if k != "2091"}, "2091"),
        entries=entries,
    )


def load_demo_group(*, units: dict[str, OrgUnit], users: dict[str, Any], today: dt.date, municipal_keeper: str) -> None:
    """AllboHus's year read through the SIE importer, its ownership share and the internal accounts."""
    from styr.economy.services import sie_import
    from styr.economy.services.group import group_member_capital_set, group_member_set, internal_account_set

    controller = users["ks.controller"]
    company, municipality = units[ALLBOHUS_NAME], units[municipal_keeper]
    books = allbohus_year_books(today)
    if books is not None:
        sie_import(actor=controller, org_unit=company, file_name=f"allbohus-{today:%Y%m%d}.se", stream=io.BytesIO(write_sie4(books)))
    member = group_member_set(actor=controller, org_unit=company, ownership_percent=OWNERSHIP_PERCENT)
    group_member_capital_set(
        actor=controller,
        member=member,
        shares_book_value_sek=SHARES_BOOK_VALUE_SEK,
        shares_account=SHARES_ACCOUNT,
        equity_at_acquisition_sek=EQUITY_AT_ACQUISITION_SEK,
    )
    internal_account_set(actor=controller, org_unit=municipality, account=INTERNAL_RENT, counterpart=company)
    internal_account_set(actor=controller, org_unit=company, account=COMPANY_RENT, counterpart=municipality)
