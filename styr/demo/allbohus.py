"""AllboHus Fastighets AB's books for 2025 (issue 9 §3): a closed year on BAS accounts, which the
demo ships as ``data/allbohus-2025.se`` and reads through the SIE importer like any real file.

Deterministic and pure Python: ``python -m styr.demo.allbohus`` writes the shipped file again,
byte for byte (a test holds it to that)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

from styr.demo.ledgers import EVEN, SEED, ZERO, noise, opening_with_equity, ore
from styr.domain.economy import periodise
from styr.domain.sie.writer import Books, Entry, Row, write_sie4

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
        vacancy = noise(rng, 0.01)  # a few flats between tenants
        invoiced = [(account, ore(amounts[month - 1] * min(vacancy, Decimal(1)))) for account, amounts in sorted(rents.items())]
        total = sum((amount for _account, amount in invoiced), ZERO)
        entries.append(Entry("A", first, f"Hyresavier {label}", (Row("1510", total), *(Row(account, -amount) for account, amount in invoiced))))
        entries.append(Entry("B", last, f"Inbetalda hyror {label}", (Row("1930", total), Row("1510", -total))))
        for day, (account, amounts) in enumerate(costs, start=3):
            amount = ore(amounts[month - 1] * noise(rng, 0.08))
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
        fees = ore(salary * Decimal("0.3142"))
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
        opening=opening_with_equity(ALLBOHUS_OPENING, "2091"),
        entries=entries,
    )


def allbohus_sie() -> bytes:
    return write_sie4(allbohus_books())


if __name__ == "__main__":  # pragma: no cover - rewrites the shipped file: python -m styr.demo.allbohus
    ALLBOHUS_FILE.parent.mkdir(exist_ok=True)
    ALLBOHUS_FILE.write_bytes(allbohus_sie())
    print(f"wrote {ALLBOHUS_FILE}")
