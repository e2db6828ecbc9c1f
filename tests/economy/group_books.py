"""Small SIE 4 books of the municipality and of AllboHus with trade between them (issue 11 §5):
the figures the group's statements and the cash flow are checked against, by hand.

The municipality (Kommun-Bas): the year's result 140 000 (revenue 300 000, taxes 1 000 000,
purchases from AllboHus 200 000 on 4611, salaries 900 000, depreciation 50 000, interest 10 000),
150 000 invested, 50 000 borrowed, a provision up 10 000, it owes AllboHus 20 000 on 2442; cash
from 200 000 to 270 000. Last year: result 133 000.
AllboHus (BAS): revenue 400 000 of which 200 000 from the municipality on 3012, result 90 000,
its receivable on the municipality 20 000 on 1512."""

from __future__ import annotations

from pathlib import Path

from styr.economy.services import sie_import
from tests.conftest import YEAR, World

MUNICIPALITY = "Kommunfullmäktige"
COMPANY = "AllboHus Fastighets AB"


def _sie(name: str, accounts: dict[str, str], rows: list[str], last_year: bool = True) -> str:
    head = [
        "#FLAGGA 0",
        '#PROGRAM "Styr test" 1.0',
        "#FORMAT PC8",
        f"#GEN {YEAR + 1}0115",
        "#SIETYP 4",
        f'#FNAMN "{name}"',
        f"#RAR 0 {YEAR}0101 {YEAR}1231",
    ]
    if last_year:
        head.append(f"#RAR -1 {YEAR - 1}0101 {YEAR - 1}1231")
    return "\n".join([*head, *(f'#KONTO {n} "{t}"' for n, t in accounts.items()), *rows]) + "\n"


MUNICIPAL_ACCOUNTS = {
    "1110": "Byggnader",
    "1510": "Kundfordringar",
    "1930": "Bank",
    "2010": "Eget kapital",
    "2240": "Avsättning pensioner",
    "2350": "Långfristiga lån",
    "2440": "Leverantörsskulder",
    "2442": "Leverantörsskulder koncernföretag",
    "3011": "Taxor och avgifter",
    "4611": "Köp av verksamhet, koncernföretag",
    "5011": "Löner",
    "7810": "Avskrivningar",
    "8010": "Skatteintäkter",
    "8510": "Räntekostnader",
}
MUNICIPAL_ROWS = [
    *(
        f"#IB 0 {a} {v}"
        for a, v in {"1110": 1000000, "1510": 100000, "1930": 200000, "2010": -700000, "2240": -100000, "2350": -400000, "2440": -100000}.items()
    ),
    *(
        f"#UB 0 {a} {v}"
        for a, v in {"1110": 1100000, "1510": 120000, "1930": 270000, "2010": -700000, "2240": -110000, "2350": -450000, "2440": -70000, "2442": -20000}.items()
    ),
    *(f"#RES 0 {a} {v}" for a, v in {"3011": -300000, "4611": 200000, "5011": 900000, "7810": 50000, "8010": -1000000, "8510": 10000}.items()),
    # two months' amounts for the interim accounts (August): March is in, September is not
    *(f"#PSALDO 0 {YEAR}{m} {a} {{}} {v}" for m in ("03", "09") for a, v in {"3011": -50000, "1510": 50000}.items()),
    *(
        f"#IB -1 {a} {v}"
        for a, v in {"1110": 950000, "1510": 100000, "1930": 150000, "2010": -567000, "2240": -100000, "2350": -433000, "2440": -100000}.items()
    ),
    *(
        f"#UB -1 {a} {v}"
        for a, v in {"1110": 1000000, "1510": 100000, "1930": 200000, "2010": -700000, "2240": -100000, "2350": -400000, "2440": -100000}.items()
    ),
    *(f"#RES -1 {a} {v}" for a, v in {"3011": -280000, "4611": 190000, "5011": 850000, "7810": 45000, "8010": -950000, "8510": 12000}.items()),
]
COMPANY_ACCOUNTS = {
    "1110": "Byggnader",
    "1510": "Kundfordringar",
    "1512": "Kundfordringar hos kommunen",
    "1930": "Företagskonto",
    "2081": "Aktiekapital",
    "2091": "Balanserad vinst",
    "2350": "Skulder till kreditinstitut",
    "2440": "Leverantörsskulder",
    "3011": "Hyresintäkter",
    "3012": "Hyresintäkter från kommunen",
    "5170": "Reparation och underhåll",
    "7820": "Avskrivningar på byggnader",
    "8410": "Räntekostnader",
}
COMPANY_ROWS = [
    *(
        f"#IB 0 {a} {v}"
        for a, v in {"1110": 5000000, "1510": 50000, "1930": 100000, "2081": -1000000, "2091": -150000, "2350": -3900000, "2440": -100000}.items()
    ),
    *(
        f"#UB 0 {a} {v}"
        for a, v in {"1110": 4900000, "1510": 30000, "1512": 20000, "1930": 140000, "2081": -1000000, "2091": -150000, "2350": -3800000, "2440": -50000}.items()
    ),
    *(f"#RES 0 {a} {v}" for a, v in {"3011": -200000, "3012": -200000, "5170": 150000, "7820": 100000, "8410": 60000}.items()),
]


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode("cp437"))
    return path


def load_group_books(world: World, folder: Path) -> None:
    controller = world.users["ks_controller"]
    municipal = write(folder / "kommun.se", _sie("Alvesta kommun", MUNICIPAL_ACCOUNTS, MUNICIPAL_ROWS))
    company = write(folder / "allbohus.se", _sie("AllboHus Fastighets AB", COMPANY_ACCOUNTS, COMPANY_ROWS, last_year=False))
    sie_import(actor=controller, org_unit=world.unit(MUNICIPALITY), file_name=municipal.name, path=municipal)
    sie_import(actor=controller, org_unit=world.unit(COMPANY), file_name=company.name, path=company)
