"""The group's statements: proportional consolidation and eliminations, by hand (issue 11 §5; GROUP-001…003, GROUP-005)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from styr.domain.account_files import shipped_row_map, shipped_statement
from styr.domain.accounts import StatementMapping, StatementRow
from styr.domain.consolidation import CapitalElimination, InternalItem, Member, check_capital, check_ownership, consolidate, map_rows, row_map_from_mapping
from styr.domain.errors import RuleViolation

ROWS = (
    StatementRow("revenue", "result", "Verksamhetens intäkter", "Revenue"),
    StatementRow("operating_costs", "result", "Verksamhetens kostnader", "Costs"),
    StatementRow("year_result", "result", "Årets resultat", "Result", sums=("revenue", "operating_costs")),
    StatementRow("closing", "result", "Avslutskonto", "Closing", memo=True),
    StatementRow("receivables", "balance", "Fordringar", "Receivables"),
    StatementRow("total_assets", "balance", "Summa tillgångar", "Total assets", sums=("receivables",)),
    StatementRow("equity", "balance", "Eget kapital", "Equity"),
    StatementRow("current_liabilities", "balance", "Kortfristiga skulder", "Current liabilities"),
    StatementRow("total_claims", "balance", "Summa", "Total", sums=("equity", "current_liabilities")),
)
MUNICIPALITY = Member(
    "M", "Kommunen", D(100), {"revenue": D(1000), "operating_costs": D(-900), "receivables": D(300), "equity": D(200), "current_liabilities": D(100)}
)
COMPANY = Member("C", "Bolaget", D(60), {"revenue": D(500), "operating_costs": D(-400), "receivables": D(150), "equity": D(100), "current_liabilities": D(50)})
#: the municipality bought 50 from the company and is owed 20 by it
TRADE = (
    InternalItem("M", "C", "operating_costs", D(-50)),
    InternalItem("C", "M", "revenue", D(50)),
    InternalItem("M", "C", "receivables", D(20)),
    InternalItem("C", "M", "current_liabilities", D(20)),
)


def column(result: object, key: str) -> list[D]:
    return [result.amount(line.key, key) for line in result.lines]  # type: ignore[attr-defined]


def test_each_company_at_its_share_and_the_trade_between_them_eliminated_at_the_pairs_share() -> None:
    group = consolidate(ROWS, [MUNICIPALITY, COMPANY], TRADE)
    assert [c.key for c in group.columns] == ["M", "C", "eliminations", "group"]
    assert [line.key for line in group.lines] == [
        "revenue",
        "operating_costs",
        "year_result",
        "receivables",
        "total_assets",
        "equity",
        "current_liabilities",
        "total_claims",
    ]
    assert group.line("revenue").amounts == (D(1000), D(300), D(-30), D(1270))
    assert group.line("operating_costs").amounts == (D(-900), D(-240), D(30), D(-1110))
    assert group.line("year_result").amounts == (D(100), D(60), D(0), D(160))  # internal trade moves no result
    assert group.line("receivables").amounts == (D(300), D(90), D(-12), D(378))
    assert group.line("current_liabilities").amounts == (D(100), D(30), D(-12), D(118))
    assert group.amount("total_assets", "group") == group.amount("total_claims", "group") == 378
    assert group.unbalanced == ()


def test_group_002_internal_items_that_do_not_match_are_listed_with_their_difference() -> None:
    short = (InternalItem("M", "C", "operating_costs", D(-50)), InternalItem("C", "M", "revenue", D(48)), InternalItem("M", "C", "receivables", D(20)))
    group = consolidate(ROWS, [MUNICIPALITY, COMPANY], short)
    assert [(u.member, u.counterpart, u.part, u.difference_sek, u.code) for u in group.unbalanced] == [
        ("C", "M", "balance", D(20), "GROUP-002"),
        ("C", "M", "result", D(-2), "GROUP-002"),
    ]
    # each side is still eliminated as booked, so the difference stays in the group's result
    assert group.amount("year_result", "eliminations") == D("1.20")


def test_shares_are_rounded_to_the_ore_row_by_row_and_the_columns_add_across() -> None:
    company = Member("C", "Bolaget", D("33.33"), {"revenue": D("500.05"), "operating_costs": D("-0.15")})
    group = consolidate(ROWS, [MUNICIPALITY, company])
    assert group.line("revenue").amounts[1] == D("166.67")  # 166,666665 half up
    assert group.line("operating_costs").amounts[1] == D("-0.05")  # −0,049995 away from zero
    assert group.amount("year_result", "C") == D("166.62")  # the rounded rows' sum
    for line in group.lines:
        assert line.amounts[-1] == sum(line.amounts[:-1], D(0))


@pytest.mark.parametrize("percent", [D(0), D("-5"), D("100.01")])
def test_group_001_ownership_lies_above_0_and_at_most_100_per_cent(percent: D) -> None:
    with pytest.raises(RuleViolation) as raised:
        check_ownership(percent, member="Bolaget")
    assert raised.value.code == "GROUP-001" and raised.value.field == "ownership_percent"
    with pytest.raises(RuleViolation):
        consolidate(ROWS, [MUNICIPALITY, Member("C", "Bolaget", percent, {})])
    check_ownership(D(100))


def test_group_003_the_shipped_map_moves_every_bas_row_onto_a_kommun_bas_row() -> None:
    row_map = shipped_row_map("bas")
    assert row_map["appropriations"] == "extraordinary" and row_map["untaxed_reserves"] == "equity"
    moved = map_rows({"revenue": D(5), "appropriations": D(-2), "income_tax": D(-1)}, row_map)
    assert moved == {"revenue": D(5), "extraordinary": D(-3)}
    assert shipped_row_map("kommun-bas")["tax_revenue"] == "tax_revenue"
    _plan, source = shipped_statement("bas")
    _plan, target = shipped_statement("kommun-bas")
    with pytest.raises(RuleViolation) as raised:
        row_map_from_mapping({"rows": {"revenue": "revenue"}}, source, target)
    assert raised.value.code == "GROUP-003" and "operating_costs" in raised.value.detail["rows"]
    with pytest.raises(RuleViolation):
        row_map_from_mapping({"rows": {**row_map, "revenue": "net_cost"}}, source, target)  # a sum row holds no amounts
    assert isinstance(target, StatementMapping)


KOMMUN_BAS = shipped_statement("kommun-bas")[1].rows
#: the municipality holds shares of 800 in the company (on financial fixed assets, with 200 of other holdings)
OWNER = Member(
    "M", "Kommunen", D(100), {"financial_assets": D(1000), "tangible_assets": D(5000), "cash": D(500), "equity": D(4000), "long_term_liabilities": D(2500)}
)
#: the company's equity 1 200: 1 000 at the acquisition and 200 earned since
HOUSING = Member("C", "Bostadsbolaget", D(60), {"tangible_assets": D(2000), "cash": D(200), "equity": D(1200), "long_term_liabilities": D(1000)})


def test_the_capital_elimination_takes_the_shares_against_the_equity_at_acquisition_and_shows_the_surplus() -> None:
    """GROUP-005: the book value 800 against 60 % of the equity at acquisition 1 000 = 600; the
    surplus 200 is its own line among the fixed assets; the 60 % of the 200 earned since (120) stays."""
    capital = CapitalElimination("M", "C", "financial_assets", D(800), D(1000))
    group = consolidate(KOMMUN_BAS, [OWNER, HOUSING], capital=[capital])
    assert group.line("financial_assets").amounts == (D(1000), D(0), D(-800), D(200))
    assert group.line("equity").amounts == (D(4000), D(720), D(-600), D(4120))  # 4 000 + 120 earned since
    assert group.line("acquisition_surplus").amounts == (D(0), D(0), D(200), D(200))
    keys = [line.key for line in group.lines]
    assert keys.index("acquisition_surplus") == keys.index("intangible_assets") + 1 and "acquisition_deficit" not in keys
    assert group.amount("fixed_assets", "group") == D(6600)  # 200 + 200 + 5 000 + 1 200
    assert group.amount("total_assets", "group") == group.amount("total_equity_and_liabilities", "group") == D(7220)
    assert group.amount("total_assets", "eliminations") == group.amount("total_equity_and_liabilities", "eliminations") == D(-600)
    assert [(e.kind, e.row, e.amount_sek) for e in group.capital] == [
        ("shares", "financial_assets", D(-800)),
        ("equity", "equity", D(-600)),
        ("surplus", "acquisition_surplus", D(200)),
    ]


def test_shares_below_the_equity_taken_over_leave_a_deficit_among_the_provisions_not_a_refusal() -> None:
    """GROUP-005: 500 paid for 60 % of 1 000.01 (600.01 to the öre): a deficit of 100.01."""
    group = consolidate(KOMMUN_BAS, [OWNER, HOUSING], capital=[CapitalElimination("M", "C", "financial_assets", D(500), D("1000.01"))])
    assert group.line("acquisition_deficit").amounts == (D(0), D(0), D("100.01"), D("100.01"))
    keys = [line.key for line in group.lines]
    assert keys.index("acquisition_deficit") == keys.index("provisions") + 1 and "acquisition_surplus" not in keys
    assert group.amount("equity", "eliminations") == D("-600.01")
    assert group.amount("total_assets", "group") == group.amount("total_equity_and_liabilities", "group") == D(7320)
    # shares exactly at the equity taken over: no difference line
    even = consolidate(KOMMUN_BAS, [OWNER, HOUSING], capital=[CapitalElimination("M", "C", "financial_assets", D(600), D(1000))])
    assert not {"acquisition_surplus", "acquisition_deficit"} & {line.key for line in even.lines}


@pytest.mark.parametrize(
    ("book", "equity", "account", "field"),
    [(D(800), None, "1311", "equity_at_acquisition_sek"), (D(-1), D(1000), "1311", "shares_book_value_sek"), (D(800), D(1000), "1510", "shares_account")],
)
def test_the_capital_elimination_needs_a_book_value_the_equity_and_a_class_13_account(book: D, equity: D | None, account: str, field: str) -> None:
    """GROUP-005."""
    with pytest.raises(RuleViolation) as caught:
        check_capital(book_value_sek=book, equity_at_acquisition_sek=equity, account=account, member="Bostadsbolaget")
    assert caught.value.code == "GROUP-005" and caught.value.field == field
    check_capital(book_value_sek=D(800), equity_at_acquisition_sek=D(1000), account="1311")
    check_capital(book_value_sek=None, equity_at_acquisition_sek=None, account="")  # none set: no capital elimination
