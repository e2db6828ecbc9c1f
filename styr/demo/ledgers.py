"""The demo's made-up books (issue 9 §3): Alvesta kommun's ledger for the year so far, on
Kommun-Bas-like accounts with the responsibility dimension ``#DIM 1 "Ansvar"``, and AllboHus
Fastighets AB's closed year on BAS accounts, which the demo ships as a file.

Deterministic: one ``random.Random`` per ledger with a fixed seed, drawn in a fixed order, and
only ``random()`` is used (its sequence is the same on every Python). Pure Python, so
``python -m styr.demo.ledgers`` rewrites the shipped file without Django."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from styr.demo.sie_writer import ORE, Books, Entry, Row, write_sie4
from styr.domain.economy import periodise

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
    "1510": Decimal("14862500.00"),
    "1930": Decimal("92318400.00"),
    "2310": Decimal("-450000000.00"),
    "2440": Decimal("-41250000.00"),
}
TAX_YEAR_SEK = Decimal("1046200000")
GRANTS_YEAR_SEK = Decimal("351800000")
FINANCE_COST_YEAR_SEK = Decimal("9600000")
FINANCE_INCOME_YEAR_SEK = Decimal("3600000")
DEPRECIATION_YEAR_SEK = {"5100": Decimal("38400000"), "6100": Decimal("6200000"), "3100": Decimal("4800000")}


def _ore(value: Decimal) -> Decimal:
    return value.quantize(ORE)


def _noise(rng: random.Random, spread: float) -> Decimal:
    return Decimal(f"{1 + (rng.random() * 2 - 1) * spread:.4f}")


def _split(total: Decimal, weights: Sequence[tuple[str, int]], rng: random.Random) -> list[tuple[str, Decimal]]:
    """``total`` over the accounts by weight, each moved a little by chance; to the öre."""
    jittered = [Decimal(w) * _noise(rng, 0.2) for _account, w in weights]
    parts = periodise(total, jittered) if total else tuple(ZERO for _ in weights)
    return [(account, part) for (account, _w), part in zip(weights, parts, strict=True)]


def _opening_with_equity(opening: Mapping[str, Decimal], equity: str) -> dict[str, Decimal]:
    balances = dict(opening)
    balances[equity] = -sum(balances.values(), ZERO)
    return balances


def municipal_books(*, year: int, months: int, generated: dt.date) -> Books:
    """Alvesta kommun's ledger for ``months`` months of ``year`` (0–12): each month's salaries,
    supplier and customer invoices per responsibility, payments a month later, depreciation,
    taxes and grants, and interest; net costs follow the budgets, some committees over, some under."""
    rng = random.Random(SEED)  # noqa: S311 - made-up demo figures, not secrets
    budgets = {b.unit: unit_budget_months(b) for b in UNIT_BUDGETS}
    taxes = periodise(TAX_YEAR_SEK, EVEN)
    grants = periodise(GRANTS_YEAR_SEK, EVEN)
    finance_cost = periodise(FINANCE_COST_YEAR_SEK, EVEN)
    finance_income = periodise(FINANCE_INCOME_YEAR_SEK, EVEN)
    depreciation = {code: periodise(amount, EVEN) for code, amount in DEPRECIATION_YEAR_SEK.items()}
    entries: list[Entry] = []
    unpaid_suppliers = -MUNICIPAL_OPENING["2440"]
    unpaid_customers = MUNICIPAL_OPENING["1510"]
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
            net = _ore(budgets[r.unit][month - 1] * r.share * r.pace * _noise(rng, 0.03))
            depreciated = depreciation[r.code][month - 1] if r.code in depreciation else ZERO
            operating = net - depreciated
            gross = _ore(operating / (1 - r.revenue))
            income = gross - operating
            staff = _ore(gross * r.staff * _noise(rng, 0.02))
            wages = _ore(staff / Decimal("1.4"))
            salaries += [Row("5110", wages, r.code), Row("5610", staff - wages, r.code)]
            for day, (account, amount) in zip((6, 14, 21, 27), _split(gross - staff, r.purchases, rng), strict=False):
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
        opening=_opening_with_equity(MUNICIPAL_OPENING, "2010"),
        entries=entries,
    )


def municipal_sie(*, year: int, months: int, generated: dt.date) -> bytes:
    return write_sie4(municipal_books(year=year, months=months, generated=generated))


# -- AllboHus Fastighets AB: a closed year on BAS accounts, shipped as a file ---------------------

ALLBOHUS_YEAR = 2025
ALLBOHUS_FILE = Path(__file__).resolve().parent / "data" / f"allbohus-{ALLBOHUS_YEAR}.se"
ALLBOHUS_NAME = "AllboHus Fastighets AB"
ALLBOHUS_ACCOUNTS = {
    "1110": ("Byggnader", "T"),
    "1119": ("Ackumulerade avskrivningar på byggnader", "T"),
    "1130": ("Mark", "T"),
    "1510": ("Kundfordringar", "T"),
    "1930": ("Företagskonto", "T"),
    "2081": ("Aktiekapital", "S"),
    "2091": ("Balanserad vinst eller förlust", "S"),
    "2350": ("Andra långfristiga skulder till kreditinstitut", "S"),
    "2440": ("Leverantörsskulder", "S"),
    "3911": ("Hyresintäkter bostäder", "I"),
    "3912": ("Hyresintäkter lokaler", "I"),
    "5120": ("El för belysning", "K"),
    "5130": ("Värme", "K"),
    "5140": ("Vatten och avlopp", "K"),
    "5160": ("Städning och renhållning", "K"),
    "5170": ("Reparation och underhåll av fastighet", "K"),
    "6310": ("Företagsförsäkringar", "K"),
    "6530": ("Redovisningstjänster", "K"),
    "7210": ("Löner till tjänstemän", "K"),
    "7510": ("Arbetsgivaravgifter", "K"),
    "7821": ("Avskrivningar på byggnader", "K"),
    "8310": ("Ränteintäkter från omsättningstillgångar", "I"),
    "8410": ("Räntekostnader för långfristiga skulder", "K"),
}
ALLBOHUS_OPENING = {
    "1110": Decimal("1284600000.00"),
    "1119": Decimal("-318750000.00"),
    "1130": Decimal("86400000.00"),
    "1510": Decimal("1240000.00"),
    "1930": Decimal("24816300.00"),
    "2081": Decimal("-15000000.00"),
    "2350": Decimal("-905000000.00"),
    "2440": Decimal("-8450000.00"),
}
#: Yearly amounts (kr) and their profile: heating in winter, maintenance in summer.
WINTER = (16, 14, 12, 8, 5, 3, 2, 2, 4, 8, 12, 14)
SUMMER = (5, 5, 6, 8, 10, 12, 12, 12, 10, 8, 6, 6)
ALLBOHUS_COSTS = (
    ("5120", Decimal("3100000"), WINTER),
    ("5130", Decimal("31500000"), WINTER),
    ("5140", Decimal("12600000"), EVEN),
    ("5160", Decimal("9800000"), EVEN),
    ("5170", Decimal("41200000"), SUMMER),
    ("6310", Decimal("2400000"), EVEN),
    ("6530", Decimal("1850000"), EVEN),
)
ALLBOHUS_RENT = {"3911": Decimal("196400000"), "3912": Decimal("22700000")}
ALLBOHUS_WAGES = Decimal("24800000")
ALLBOHUS_DEPRECIATION = Decimal("38900000")
ALLBOHUS_INTEREST = Decimal("21300000")


def allbohus_books() -> Books:
    """AllboHus's 2025: rents invoiced each month and paid the same month, the running costs
    invoiced and paid next month, salaries, depreciation and interest (a profit of some 20 Mkr)."""
    rng = random.Random(SEED + 1)  # noqa: S311 - made-up demo figures, not secrets
    year = ALLBOHUS_YEAR
    rents = {account: periodise(amount, EVEN) for account, amount in ALLBOHUS_RENT.items()}
    costs = [(account, periodise(amount, profile)) for account, amount, profile in ALLBOHUS_COSTS]
    wages = periodise(ALLBOHUS_WAGES, (1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1))
    depreciation = periodise(ALLBOHUS_DEPRECIATION, EVEN)
    interest = periodise(ALLBOHUS_INTEREST, (0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1))
    entries: list[Entry] = []
    unpaid = -ALLBOHUS_OPENING["2440"]
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        label = f"{year}-{month:02d}"
        entries.append(Entry("B", first.replace(day=12), f"Betalning leverantörer {label}", (Row("2440", unpaid), Row("1930", -unpaid))))
        unpaid = ZERO
        vacancy = _noise(rng, 0.01)  # a few flats between tenants
        invoiced = [(account, _ore(amounts[month - 1] * min(vacancy, Decimal(1)))) for account, amounts in sorted(rents.items())]
        total = sum((amount for _account, amount in invoiced), ZERO)
        entries.append(Entry("A", first, f"Hyresavier {label}", (Row("1510", total), *(Row(account, -amount) for account, amount in invoiced))))
        entries.append(Entry("B", last, f"Inbetalda hyror {label}", (Row("1930", total), Row("1510", -total))))
        for day, (account, amounts) in enumerate(costs, start=3):
            amount = _ore(amounts[month - 1] * _noise(rng, 0.08))
            entries.append(
                Entry(
                    "LF",
                    first.replace(day=day * 3),
                    f"Leverantörsfaktura {ALLBOHUS_ACCOUNTS[account][0].lower()}",
                    (Row(account, amount), Row("2440", -amount)),
                )
            )
            unpaid += amount
        salary = wages[month - 1]
        fees = _ore(salary * Decimal("0.3142"))
        entries.append(Entry("L", first.replace(day=25), f"Löner {label}", (Row("7210", salary), Row("7510", fees), Row("1930", -(salary + fees)))))
        entries.append(Entry("M", last, f"Avskrivningar {label}", (Row("7821", depreciation[month - 1]), Row("1119", -depreciation[month - 1]))))
        if interest[month - 1]:
            entries.append(
                Entry(
                    "B",
                    last,
                    f"Räntor kvartal {label}",
                    (Row("8410", interest[month - 1]), Row("8310", Decimal("-61250.00")), Row("1930", -interest[month - 1] + Decimal("61250.00"))),
                )
            )
    return Books(
        company=ALLBOHUS_NAME,
        year_start=dt.date(year, 1, 1),
        year_end=dt.date(year, 12, 31),
        generated=dt.date(year + 1, 2, 16),
        accounts=ALLBOHUS_ACCOUNTS,
        program="Styr demo (BAS)",
        chart="BAS2024",
        opening=_opening_with_equity(ALLBOHUS_OPENING, "2091"),
        entries=entries,
    )


def allbohus_sie() -> bytes:
    return write_sie4(allbohus_books())


if __name__ == "__main__":  # pragma: no cover - rewrites the shipped file: python -m styr.demo.ledgers
    ALLBOHUS_FILE.parent.mkdir(exist_ok=True)
    ALLBOHUS_FILE.write_bytes(allbohus_sie())
    print(f"wrote {ALLBOHUS_FILE}")
