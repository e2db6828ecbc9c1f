"""The demo's group statements (issue 11 §5): AllboHus rents the municipality its premises this
year, and the group page shows the rent eliminated, the two sides matching (GROUP-002)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from styr.demo.group import COMPANY_RENT, allbohus_year_books, load_demo_group
from styr.demo.ledgers import INTERNAL_RENT, municipal_books, municipal_files
from styr.domain.sie.writer import write_sie4
from styr.economy.selectors.group_statements import group_statements_build
from styr.economy.services import sie_import
from tests.conftest import World

TODAY = dt.date(2026, 5, 14)


def test_allbohus_rent_from_the_municipality_is_what_the_municipality_books_and_deterministic() -> None:
    books = allbohus_year_books(TODAY)
    assert books is not None and write_sie4(books) == write_sie4(allbohus_year_books(TODAY))  # type: ignore[arg-type]
    rent = sum((-row.amount for entry in books.entries for row in entry.rows if row.account == COMPANY_RENT), Decimal(0))
    municipal = municipal_books(year=TODAY.year, months=TODAY.month - 1, generated=TODAY)
    paid = sum((row.amount for entry in municipal.entries for row in entry.rows if row.account == INTERNAL_RENT), Decimal(0))
    assert rent == paid > 0
    assert {entry.date.month for entry in books.entries} == {1, 2, 3, 4}
    assert allbohus_year_books(dt.date(2025, 6, 1)) is None  # the shipped year stands


def test_the_demo_group_shows_the_rent_eliminated_and_balanced(world: World) -> None:
    controller = world.users["ks_controller"]
    for file_name, data in municipal_files(TODAY):
        sie_import(actor=controller, org_unit=world.unit("Kommunfullmäktige"), file_name=file_name, stream=io.BytesIO(data))
    load_demo_group(units=world.units, users={"ks.controller": controller}, today=TODAY, municipal_keeper="Kommunfullmäktige")
    found = group_statements_build(world.group, TODAY.year).consolidation
    assert found.unbalanced == ()
    revenue, costs = found.amount("revenue", "eliminations"), found.amount("operating_costs", "eliminations")
    assert revenue < 0 and revenue == -costs
    assert found.amount("year_result", "eliminations") == 0
    # GROUP-005: the municipality's 15 mnkr of shares in AllboHus against its equity at the acquisition, no difference
    assert [(e.kind, e.row, e.amount_sek) for e in found.capital] == [
        ("shares", "financial_assets", Decimal("-15000000.00")),
        ("equity", "equity", Decimal("-15000000.00")),
    ]
    assert found.amount("financial_assets", "municipality") == Decimal("15000000.00") and found.amount("financial_assets", "group") == 0
    assert found.amount("total_assets", "group") == found.amount("total_equity_and_liabilities", "group")
