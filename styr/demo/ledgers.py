"""Alvesta kommun's made-up books (issue 9 §3): the council's frames and the units' budgets, and
the ledger on Kommun-Bas-like accounts with the responsibility dimension ``#DIM 1 "Ansvar"``:
last year in full, this year up to the month that has ended, as SIE 4 files.

Deterministic: one ``random.Random`` per ledger and year with a fixed seed, drawn in a fixed
order, and only ``random()`` is used (its sequence is the same on every Python). Pure Python."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from styr.demo.investment_projects import ledger_spend
from styr.domain.economy import periodise
from styr.domain.sie.writer import ORE, Books, Entry, Row, write_sie4

SEED = 9
ZERO = Decimal(0)
TKR = Decimal(1000)

#: Twelve weights: even, and a summer dip (schools and leisure: July's holiday, a slow August)
EVEN = (1,) * 12
SUMMER_DIP = (100, 100, 100, 100, 100, 95, 55, 85, 100, 100, 100, 100)


@dataclass(frozen=True)
class UnitBudget:
    """A unit's share of its committee's frame (tkr, net cost) and how it is periodised."""

    committee: str
    unit: str
    amount_tsek: Decimal
    profile: tuple[int, ...]


#: The council's operating frames (tkr, net cost) for KS and the five committees: about
#: 1 360 Mkr for a municipality of some 20 000 inhabitants.
FRAMES_TSEK = {
    "Kommunstyrelsen": Decimal("142500"),
    "Nämnden för arbete och lärande": Decimal("96400"),
    "Utbildningsnämnden": Decimal("512300"),
    "Omsorgsnämnden": Decimal("498700"),
    "Samhällsbyggnadsnämnden": Decimal("61800"),
    "Kultur- och fritidsnämnden": Decimal("44900"),
}

#: The investment frames (tkr) beside them: schools and care homes, streets and water, KS's premises.
INVESTMENT_FRAMES_TSEK = {
    "Kommunstyrelsen": Decimal("18000"),
    "Nämnden för arbete och lärande": Decimal("1500"),
    "Utbildningsnämnden": Decimal("42000"),
    "Omsorgsnämnden": Decimal("15500"),
    "Samhällsbyggnadsnämnden": Decimal("64000"),
    "Kultur- och fritidsnämnden": Decimal("6000"),
}

#: KS keeps 2 000 tkr for the unforeseen (oförutsedda medel): shown as undistributed.
UNIT_BUDGETS = (
    UnitBudget("Kommunstyrelsen", "Kommunledningsförvaltningen", Decimal("140500"), EVEN),
    UnitBudget("Nämnden för arbete och lärande", "Förvaltningen för arbete och lärande", Decimal("96400"), SUMMER_DIP),
    UnitBudget("Utbildningsnämnden", "Utbildningsförvaltningen", Decimal("421800"), SUMMER_DIP),
    UnitBudget("Utbildningsnämnden", "Grundskola", Decimal("13700"), SUMMER_DIP),
    UnitBudget("Utbildningsnämnden", "Hagaskolan", Decimal("31600"), SUMMER_DIP),
    UnitBudget("Utbildningsnämnden", "Prästängsskolan", Decimal("45200"), SUMMER_DIP),
    UnitBudget("Omsorgsnämnden", "Omsorgsförvaltningen", Decimal("402300"), EVEN),
    UnitBudget("Omsorgsnämnden", "Vård och omsorg", Decimal("38900"), EVEN),
    UnitBudget("Omsorgsnämnden", "Särskilt boende Hagalund", Decimal("57500"), EVEN),
    UnitBudget("Samhällsbyggnadsnämnden", "Förvaltningen för samhällsbyggnad", Decimal("61800"), EVEN),
    UnitBudget("Kultur- och fritidsnämnden", "Kultur- och fritidsförvaltningen", Decimal("44900"), SUMMER_DIP),
)


#: Last year's frames and budgets were some 3 % lower, and the year ended close to balance.
LAST_YEAR_LEVEL = Decimal("0.97")
LAST_YEAR_CALM = Decimal("0.3")  # last year's deviations, as a share of this year's
KS_RESERVE_TSEK = Decimal("2000")


def unit_budgets(*, last_year: bool = False) -> tuple[UnitBudget, ...]:
    if not last_year:
        return UNIT_BUDGETS
    return tuple(dataclasses.replace(b, amount_tsek=(b.amount_tsek * LAST_YEAR_LEVEL).quantize(Decimal(100))) for b in UNIT_BUDGETS)


def investment_frames_tsek(*, last_year: bool = False) -> dict[str, Decimal]:
    """The investment frames: this year's as decided; last year's some 3 % lower."""
    if not last_year:
        return dict(INVESTMENT_FRAMES_TSEK)
    return {name: (amount * LAST_YEAR_LEVEL).quantize(Decimal(100)) for name, amount in INVESTMENT_FRAMES_TSEK.items()}


def frames_tsek(*, last_year: bool = False) -> dict[str, Decimal]:
    """The frames: this year's as decided; last year's the sum of its unit budgets (and KS's reserve)."""
    if not last_year:
        return dict(FRAMES_TSEK)
    frames = dict.fromkeys(FRAMES_TSEK, Decimal(0))
    for budget in unit_budgets(last_year=True):
        frames[budget.committee] += budget.amount_tsek
    frames["Kommunstyrelsen"] += KS_RESERVE_TSEK
    return frames


def unit_budget_months(budget: UnitBudget) -> tuple[Decimal, ...]:
    """The unit's twelve monthly budgets in kronor, summing exactly to its share of the frame."""
    return periodise(budget.amount_tsek * TKR, budget.profile)


@dataclass(frozen=True)
class Responsibility:
    """An object of the ledger's "Ansvar": the unit whose budget it spends (``unit``), the unit it
    is mapped to (``None``: left for a controller to map), its share of that budget's spending,
    how far over (> 1) or under it runs, and the shape of its costs."""

    code: str
    name: str
    unit: str
    mapped: bool
    share: Decimal
    pace: Decimal
    revenue: Decimal  # income as a share of gross cost
    staff: Decimal  # staff costs as a share of gross cost
    revenue_account: str
    purchases: tuple[tuple[str, int], ...]  # (account, weight)


_SCHOOL = (("4610", 3), ("6110", 4), ("6410", 2), ("7410", 1))
_CARE = (("4010", 2), ("6110", 3), ("6410", 2), ("7010", 1))
_OFFICE = (("4610", 2), ("6110", 2), ("7410", 3), ("7510", 2))


def _responsibility(
    code: str,
    name: str,
    unit: str,
    pace: str,
    revenue: str,
    staff: str,
    revenue_account: str,
    purchases: tuple[tuple[str, int], ...],
    *,
    share: str = "1",
    mapped: bool = True,
) -> Responsibility:
    return Responsibility(code, name, unit, mapped, Decimal(share), Decimal(pace), Decimal(revenue), Decimal(staff), revenue_account, purchases)


RESPONSIBILITIES = (
    _responsibility("1100", "Kommunledningsförvaltningen", "Kommunledningsförvaltningen", "0.965", "0.10", "0.55", "3510", _OFFICE),
    _responsibility("2100", "Arbete och lärande", "Förvaltningen för arbete och lärande", "0.978", "0.25", "0.55", "3310", _OFFICE),
    _responsibility("3100", "Utbildningsförvaltningen", "Utbildningsförvaltningen", "1.009", "0.06", "0.60", "3310", _SCHOOL),
    _responsibility("3200", "Grundskola gemensamt", "Grundskola", "1.020", "0.04", "0.50", "3310", _SCHOOL),
    _responsibility("3210", "Hagaskolan", "Hagaskolan", "0.992", "0.04", "0.66", "3310", _SCHOOL),
    _responsibility("3220", "Prästängsskolan", "Prästängsskolan", "1.041", "0.04", "0.64", "3310", _SCHOOL),
    _responsibility("4100", "Omsorgsförvaltningen", "Omsorgsförvaltningen", "1.024", "0.12", "0.70", "3120", _CARE),
    _responsibility("4200", "Hemtjänst", "Vård och omsorg", "1.055", "0.14", "0.78", "3120", _CARE),
    _responsibility("4210", "Särskilt boende Hagalund", "Särskilt boende Hagalund", "1.018", "0.16", "0.74", "3120", _CARE),
    _responsibility("5100", "Samhällsbyggnad", "Förvaltningen för samhällsbyggnad", "1.006", "0.45", "0.35", "3210", _OFFICE),
    _responsibility("6100", "Kultur och fritid", "Kultur- och fritidsförvaltningen", "0.985", "0.15", "0.45", "3120", _SCHOOL, share="0.88"),
    # a new responsibility in the ledger that nobody has mapped yet: the mapping page lists it
    _responsibility("6150", "Kulturskolan", "Kultur- och fritidsförvaltningen", "0.985", "0.10", "0.70", "3120", _SCHOOL, share="0.12", mapped=False),
)

#: Kommun-Bas-like chart: class 1–2 balance, 3 revenue, 4 purchases, 5 staff, 6–7 other costs, 8 taxes and finance
MUNICIPAL_ACCOUNTS = {
    "1110": ("Mark, byggnader och tekniska anläggningar", "T"),
    "1119": ("Ackumulerade avskrivningar", "T"),
    "1180": ("Pågående ny-, till- och ombyggnad", "T"),
    "1210": ("Maskiner och inventarier", "T"),
    "1311": ("Aktier i koncernföretag", "T"),
    "1510": ("Kundfordringar", "T"),
    "1930": ("Bank", "T"),
    "2010": ("Eget kapital", "S"),
    "2310": ("Långfristiga lån", "S"),
    "2440": ("Leverantörsskulder", "S"),
    "3120": ("Taxor och avgifter", "I"),
    "3210": ("Hyror och arrenden", "I"),
    "3310": ("Bidrag och ersättningar från staten", "I"),
    "3510": ("Försäljning av verksamhet", "I"),
    "4010": ("Material och varor", "K"),
    "4610": ("Köp av huvudverksamhet", "K"),
    "5110": ("Löner månadsavlönade", "K"),
    "5610": ("Sociala avgifter enligt lag och avtal", "K"),
    "6110": ("Lokalhyror", "K"),
    "6111": ("Lokalhyror, koncernföretag", "K"),
    "6410": ("Förbrukningsmaterial", "K"),
    "7010": ("Transporter och resor", "K"),
    "7410": ("Tele och IT-tjänster", "K"),
    "7510": ("Konsulttjänster", "K"),
    "7810": ("Avskrivningar", "K"),
    "8010": ("Kommunalskatt", "I"),
    "8210": ("Generella statsbidrag och utjämning", "I"),
    "8410": ("Finansiella intäkter", "I"),
    "8510": ("Finansiella kostnader", "K"),
}
MUNICIPAL_OPENING = {
    "1110": Decimal("1684250000.00"),
    "1119": Decimal("-612480000.00"),
    "1311": Decimal("15000000.00"),  # the shares in AllboHus, eliminated in the group's statements
    "1510": Decimal("14862500.00"),
    "1930": Decimal("92318400.00"),
    "2310": Decimal("-450000000.00"),
    "2440": Decimal("-41250000.00"),
}
MUNICIPAL_EQUITY = "2010"
#: The premises rent paid to AllboHus, a group company (this year's books; last year's have it on 6110)
INTERNAL_RENT = "6111"
TAX_YEAR_SEK = Decimal("1046200000")
GRANTS_YEAR_SEK = Decimal("351800000")
FINANCE_COST_YEAR_SEK = Decimal("9600000")
FINANCE_INCOME_YEAR_SEK = Decimal("3600000")
DEPRECIATION_YEAR_SEK = {"5100": Decimal("38400000"), "6100": Decimal("6200000"), "3100": Decimal("4800000")}


def ore(value: Decimal) -> Decimal:
    return value.quantize(ORE)


def noise(rng: random.Random, spread: float) -> Decimal:
    return Decimal(f"{1 + (rng.random() * 2 - 1) * spread:.4f}")


def _split(total: Decimal, weights: Sequence[tuple[str, int]], rng: random.Random) -> list[tuple[str, Decimal]]:
    """``total`` over the accounts by weight, each moved a little by chance; to the öre."""
    jittered = [Decimal(w) * noise(rng, 0.2) for _account, w in weights]
    parts = periodise(total, jittered) if total else tuple(ZERO for _ in weights)
    return [(account, part) for (account, _w), part in zip(weights, parts, strict=True)]


def opening_with_equity(opening: Mapping[str, Decimal], equity: str) -> dict[str, Decimal]:
    balances = dict(opening)
    balances[equity] = -sum(balances.values(), ZERO)
    return balances


def municipal_books(*, year: int, months: int, generated: dt.date, last_year: bool = False, opening: Mapping[str, Decimal] | None = None) -> Books:
    """Alvesta kommun's ledger for ``months`` months of ``year`` (0–12): each month's salaries,
    supplier and customer invoices per responsibility, payments a month later, investment spend per
    project (``#DIM 6``), depreciation,
    taxes and grants, and interest; net costs follow the budgets, some committees over, some
    under (last year closer to balance). ``opening``: the balance accounts' #IB but equity's."""
    rng = random.Random(SEED * 10_000 + year)  # noqa: S311 - made-up demo figures, not secrets
    level = LAST_YEAR_LEVEL if last_year else Decimal(1)
    opening = MUNICIPAL_OPENING if opening is None else opening
    budgets = {b.unit: unit_budget_months(b) for b in unit_budgets(last_year=last_year)}
    taxes = periodise(ore(TAX_YEAR_SEK * level), EVEN)
    grants = periodise(ore(GRANTS_YEAR_SEK * level), EVEN)
    finance_cost = periodise(FINANCE_COST_YEAR_SEK, EVEN)
    finance_income = periodise(FINANCE_INCOME_YEAR_SEK, EVEN)
    depreciation = {code: periodise(amount, EVEN) for code, amount in DEPRECIATION_YEAR_SEK.items()}
    # investment spend on the fixed-asset accounts, the project in #DIM 6 (no draw from ``rng``: the rest stays as it was)
    investments = [(code, name, account, periodise(tkr * TKR, EVEN)) for code, name, account, tkr in ledger_spend(-1 if last_year else 0)]
    entries: list[Entry] = []
    unpaid_suppliers = -opening["2440"]
    unpaid_customers = opening["1510"]
    for month in range(1, months + 1):
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        label = f"{year}-{month:02d}"
        # last month's invoices paid and customers' payments received on the 10th
        entries.append(
            Entry("B", first.replace(day=10), f"Betalning leverantörsfakturor {label}", (Row("2440", unpaid_suppliers), Row("1930", -unpaid_suppliers)))
        )
        entries.append(
            Entry("B", first.replace(day=10), f"Inbetalningar kundfakturor {label}", (Row("1930", unpaid_customers), Row("1510", -unpaid_customers)))
        )
        unpaid_suppliers = unpaid_customers = ZERO
        salaries: list[Row] = []
        for r in RESPONSIBILITIES:
            pace = 1 + (r.pace - 1) * LAST_YEAR_CALM if last_year else r.pace
            net = ore(budgets[r.unit][month - 1] * r.share * pace * noise(rng, 0.03))
            depreciated = depreciation[r.code][month - 1] if r.code in depreciation else ZERO
            operating = net - depreciated
            gross = ore(operating / (1 - r.revenue))
            income = gross - operating
            staff = ore(gross * r.staff * noise(rng, 0.02))
            wages = ore(staff / Decimal("1.4"))
            salaries += [Row("5110", wages, r.code), Row("5610", staff - wages, r.code)]
            for day, (booked, amount) in zip((6, 14, 21, 27), _split(gross - staff, r.purchases, rng), strict=False):
                # this year the premises are rented from AllboHus: its rent is trade within the group (issue 11 §5)
                account = INTERNAL_RENT if booked == "6110" and not last_year else booked
                entries.append(Entry("LF", first.replace(day=day), f"Leverantörsfaktura {r.name}", (Row(account, amount, r.code), Row("2440", -amount))))
                unpaid_suppliers += amount
            if income:
                entries.append(
                    Entry("KF", first.replace(day=18), f"Kundfakturor {r.name} {label}", (Row("1510", income), Row(r.revenue_account, -income, r.code)))
                )
                unpaid_customers += income
        paid = sum((row.amount for row in salaries), ZERO)
        entries.append(Entry("L", first.replace(day=25), f"Löner {label}", (*salaries, Row("1930", -paid))))
        rows = [Row("7810", depreciation[code][month - 1], code) for code in sorted(depreciation)]
        entries.append(Entry("M", last, f"Avskrivningar {label}", (*rows, Row("1119", -sum((row.amount for row in rows), ZERO)))))
        tax, grant = taxes[month - 1], grants[month - 1]
        entries.append(
            Entry("S", first.replace(day=20), f"Skatteintäkter och statsbidrag {label}", (Row("1930", tax + grant), Row("8010", -tax), Row("8210", -grant)))
        )
        for code, name, account, months_sek in investments:
            amount = months_sek[month - 1]
            entries.append(Entry("I", first.replace(day=15), f"Investering {name} {label}", (Row(account, amount, project=code), Row("2440", -amount))))
            unpaid_suppliers += amount
        cost, income = finance_cost[month - 1], finance_income[month - 1]
        entries.append(Entry("S", last, f"Räntor {label}", (Row("8510", cost), Row("8410", -income), Row("1930", income - cost))))
    return Books(
        company="Alvesta kommun",
        year_start=dt.date(year, 1, 1),
        year_end=dt.date(year, 12, 31),
        generated=generated,
        accounts=MUNICIPAL_ACCOUNTS,
        program="Styr demo (Kommun-Bas)",
        dimension_name="Ansvar",
        objects={r.code: r.name for r in RESPONSIBILITIES},
        projects={code: name for code, name, _account, _months in investments},
        opening=opening_with_equity(opening, MUNICIPAL_EQUITY),
        entries=entries,
    )


def closing_balances(books: Books) -> dict[str, Decimal]:
    """The balance accounts' #UB (equity's left out: the next year's opening recomputes it with the result)."""
    closing = {number: amount for number, amount in books.opening.items() if number != MUNICIPAL_EQUITY}
    for entry in books.entries:
        for row in entry.rows:
            if row.account[0] in "12" and row.account != MUNICIPAL_EQUITY:
                closing[row.account] = closing.get(row.account, ZERO) + row.amount
    return closing


def municipal_files(today: dt.date) -> list[tuple[str, bytes]]:
    """The files the demo imports, oldest first: last year in full, this year to the end of the
    month before ``today`` (none of it in January), both as exported on ``today``."""
    last = municipal_books(year=today.year - 1, months=12, generated=today, last_year=True)
    this = municipal_books(year=today.year, months=today.month - 1, generated=today, opening=closing_balances(last))
    return [(f"alvesta-kommun-{today.year - 1}.se", write_sie4(last)), (f"alvesta-kommun-{today:%Y%m%d}.se", write_sie4(this))]


if __name__ == "__main__":  # pragma: no cover - python -m styr.demo.ledgers [FOLDER]: the README's walkthrough
    import sys
    from pathlib import Path

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for file_name, data in municipal_files(dt.date.today()):
        (folder / file_name).write_bytes(data)
        print(folder / file_name)
