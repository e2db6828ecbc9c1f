"""The cash-flow statement by the indirect method, from two balance sheets and a result (issue 11 §5)."""

from __future__ import annotations

from decimal import Decimal as D

from styr.domain.cash_flow import cash_flow

OPENING = {
    "tangible_assets": D(1000),
    "inventories": D(50),
    "receivables": D(200),
    "cash": D(100),
    "equity": D(600),
    "provisions": D(100),
    "long_term_liabilities": D(500),
    "current_liabilities": D(150),
}
RESULT = {"year_result": D(80), "depreciation": D(-60)}
# 160 invested (the book value up 100, depreciation 60), 20 lent, 50 borrowed; equity closed with the result
CLOSING = {
    "tangible_assets": D(1100),
    "financial_assets": D(20),
    "inventories": D(40),
    "receivables": D(230),
    "cash": D(130),
    "equity": D(680),
    "provisions": D(120),
    "long_term_liabilities": D(550),
    "current_liabilities": D(170),
}


def test_the_indirect_method_by_hand() -> None:
    flows = cash_flow(result=RESULT, opening=OPENING, closing=CLOSING)
    assert flows.amount("depreciation") == 60 and flows.amount("provisions") == 20
    assert flows.amount("before_working_capital") == 160  # 80 + 60 + 20
    assert (flows.amount("inventories"), flows.amount("receivables"), flows.amount("current_liabilities")) == (D(10), D(-30), D(20))
    assert flows.amount("operating") == 160
    assert flows.amount("fixed_assets") == -160 and flows.amount("financial_assets") == -20 and flows.amount("investing") == -180
    assert flows.amount("long_term_liabilities") == 50 and flows.amount("other_equity") == 0 and flows.amount("financing") == 50
    assert flows.amount("year_cash_flow") == 30 == flows.amount("closing_cash") - flows.amount("opening_cash")


def test_a_balance_sheet_before_the_books_are_closed_gives_the_same_flows() -> None:
    unclosed = {**CLOSING, "equity": D(600)}  # the year's result not yet on equity's accounts
    assert cash_flow(result=RESULT, opening=OPENING, closing=unclosed) == cash_flow(result=RESULT, opening=OPENING, closing=CLOSING)


def test_a_dividend_paid_is_financing_and_the_year_still_adds_up_to_the_change_in_cash() -> None:
    paid = {**CLOSING, "cash": D("117.55"), "equity": D("667.55")}  # 12,45 paid out of equity
    flows = cash_flow(result=RESULT, opening=OPENING, closing=paid)
    assert flows.amount("other_equity") == D("-12.45")
    assert flows.amount("year_cash_flow") == D("17.55") == flows.amount("closing_cash") - flows.amount("opening_cash")


def test_empty_statements_give_a_cash_flow_of_zero() -> None:
    flows = cash_flow(result={}, opening={}, closing={})
    assert all(line.amount_sek == 0 for line in flows.lines)
    assert flows.lines[-1].label("sv") == "Likvida medel vid årets slut"
