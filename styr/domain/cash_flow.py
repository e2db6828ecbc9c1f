"""The cash-flow statement (kassaflödesanalys) by the indirect method, derived from two balance
sheets and the result statement between them (lag (2018:597) om kommunal bokföring och
redovisning 7 kap.; RKR R13), issue 11 §5.

Amounts are as the statements show them (statement-kommun-bas.yaml / statement-bas.yaml):
assets positive, equity, provisions and liabilities positive, revenue positive and costs
negative. The derivation, line by line:

Löpande verksamhet (operating activities)
    årets resultat
  + avskrivningar                       (the result statement's depreciation, a cost: added back)
  + förändring av avsättningar          (closing − opening provisions: a non-cash cost when they grow)
  = medel från verksamheten före förändring av rörelsekapital
  − ökning av förråd och lager           (closing − opening inventories)
  − ökning av kortfristiga fordringar    (closing − opening receivables)
  − ökning av kortfristiga placeringar   (they are not liquid funds here: kassa och bank only)
  + ökning av kortfristiga skulder       (closing − opening current liabilities)
  = kassaflöde från den löpande verksamheten
Investeringsverksamhet (investing activities)
  − investeringar i materiella och immateriella anläggningstillgångar, net
        (the change of their book value plus the year's depreciation)
  − förändring av finansiella anläggningstillgångar
  = kassaflöde från investeringsverksamheten
Finansieringsverksamhet (financing activities)
  + förändring av långfristiga skulder
  + övriga förändringar av eget kapital  (the change of equity other than the year's result)
  = kassaflöde från finansieringsverksamheten
årets kassaflöde = the three together = likvida medel vid årets slut − vid årets början.

Equity is taken as the balance sheet's remainder (assets − provisions − liabilities), so a
balance sheet before the books are closed (the year's result not yet on equity's accounts) and
one after give the same flows, and an account on no row of the statement (ACC-002) counts as
equity's: the year's cash flow then always equals the change in cash, to the öre.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")

#: The balance sheet's leaf rows the derivation reads (the keys both statements share).
ASSET_ROWS = ("intangible_assets", "tangible_assets", "financial_assets", "inventories", "receivables", "short_investments", "cash")
CLAIM_ROWS = ("provisions", "long_term_liabilities", "current_liabilities")


@dataclass(frozen=True)
class CashFlowLine:
    key: str
    label_sv: str
    label_en: str
    amount_sek: Decimal
    is_sum: bool = False

    def label(self, language: str = "sv") -> str:
        return self.label_en if language.startswith("en") else self.label_sv


@dataclass(frozen=True)
class CashFlowStatement:
    lines: tuple[CashFlowLine, ...]

    def amount(self, key: str) -> Decimal:
        return next(line.amount_sek for line in self.lines if line.key == key)


def _get(figures: Mapping[str, Decimal], key: str) -> Decimal:
    return figures.get(key, ZERO)


def equity_remainder(balance: Mapping[str, Decimal]) -> Decimal:
    """Equity as the balance sheet's remainder: assets − provisions − liabilities."""
    return sum((_get(balance, k) for k in ASSET_ROWS), ZERO) - sum((_get(balance, k) for k in CLAIM_ROWS), ZERO)


def cash_flow(*, result: Mapping[str, Decimal], opening: Mapping[str, Decimal], closing: Mapping[str, Decimal]) -> CashFlowStatement:
    """The cash-flow statement between the ``opening`` and ``closing`` balance sheets (row key →
    amount as shown) with ``result`` the result statement of the time between them."""

    def change(key: str) -> Decimal:
        return _get(closing, key) - _get(opening, key)

    year_result = _get(result, "year_result")
    depreciation = -_get(result, "depreciation")
    provisions = change("provisions")
    before = year_result + depreciation + provisions
    inventories, receivables, placements = -change("inventories"), -change("receivables"), -change("short_investments")
    liabilities = change("current_liabilities")
    operating = before + inventories + receivables + placements + liabilities
    fixed = -(change("tangible_assets") + change("intangible_assets") + depreciation)
    financial_assets = -change("financial_assets")
    investing = fixed + financial_assets
    long_term = change("long_term_liabilities")
    other_equity = equity_remainder(closing) - equity_remainder(opening) - year_result
    financing = long_term + other_equity
    opening_cash, closing_cash = _get(opening, "cash"), _get(closing, "cash")
    rows = (
        ("year_result", "Årets resultat", "Result for the year", year_result, False),
        ("depreciation", "Justering för av- och nedskrivningar", "Adjustment for depreciation", depreciation, False),
        ("provisions", "Justering för gjorda avsättningar", "Adjustment for provisions", provisions, False),
        (
            "before_working_capital",
            "Medel från verksamheten före förändring av rörelsekapital",
            "Funds from operations before changes in working capital",
            before,
            True,
        ),
        ("inventories", "Ökning (−)/minskning (+) av förråd och lager", "Increase (−)/decrease (+) in inventories", inventories, False),
        ("receivables", "Ökning (−)/minskning (+) av kortfristiga fordringar", "Increase (−)/decrease (+) in current receivables", receivables, False),
        ("short_investments", "Ökning (−)/minskning (+) av kortfristiga placeringar", "Increase (−)/decrease (+) in short-term investments", placements, False),
        ("current_liabilities", "Ökning (+)/minskning (−) av kortfristiga skulder", "Increase (+)/decrease (−) in current liabilities", liabilities, False),
        ("operating", "Kassaflöde från den löpande verksamheten", "Cash flow from operating activities", operating, True),
        (
            "fixed_assets",
            "Investering i materiella och immateriella anläggningstillgångar (netto)",
            "Investment in tangible and intangible fixed assets (net)",
            fixed,
            False,
        ),
        ("financial_assets", "Förändring av finansiella anläggningstillgångar", "Change in financial fixed assets", financial_assets, False),
        ("investing", "Kassaflöde från investeringsverksamheten", "Cash flow from investing activities", investing, True),
        ("long_term_liabilities", "Förändring av långfristiga skulder", "Change in long-term liabilities", long_term, False),
        ("other_equity", "Övriga förändringar av eget kapital", "Other changes in equity", other_equity, False),
        ("financing", "Kassaflöde från finansieringsverksamheten", "Cash flow from financing activities", financing, True),
        ("year_cash_flow", "Årets kassaflöde", "Cash flow for the year", operating + investing + financing, True),
        ("opening_cash", "Likvida medel vid årets början", "Liquid funds at the beginning of the year", opening_cash, False),
        ("closing_cash", "Likvida medel vid årets slut", "Liquid funds at the end of the year", closing_cash, True),
    )
    return CashFlowStatement(tuple(CashFlowLine(key, sv, en, amount, is_sum) for key, sv, en, amount, is_sum in rows))
