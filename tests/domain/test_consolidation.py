"""The group's statements: proportional consolidation and eliminations, by hand (issue 11 §5; GROUP-001…003)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from styr.domain.account_files import shipped_row_map, shipped_statement
from styr.domain.accounts import StatementMapping, StatementRow
from styr.domain.consolidation import InternalItem, Member, check_ownership, consolidate, map_rows, row_map_from_mapping
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
