"""The year-end carry-over's world (issue 11 §2): Utbildningsnämnden and Omsorgsnämnden with frames
for last year adopted by the council, and last year's books.

Hand-checked figures (Alvesta's rules: a surplus in full up to 3 % of the frame, deficits in full,
nothing under 100 tkr):

- Utbildningsnämnden: frame 1 400.0 tkr, actual 1 000 000 + 300 000 kr (Hagaskolan is under it)
  = 1 300 tkr; result +100.00; cap 3 % × 1 400 = 42.00 → proposed 42.00.
- Omsorgsnämnden: frame 600.0 tkr, actual 700 123.45 kr = 700.12345 tkr; result −100.12345 →
  −100.12 (rounded to 10 kr); a deficit is carried in full → proposed −100.12.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from styr.economy.models import LedgerObject
from styr.economy.services import frame_set, ledger_object_map, sie_import
from tests.conftest import YEAR, World
from tests.economy.test_frames_decided import adopt_goals_and_budget

D = Decimal
LAST = YEAR - 1
#: the day the controller computes, after last year's annual accounts
AFTER = date(YEAR, 3, 2)


def last_years_books(world: World) -> None:
    head = f"#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#GEN {LAST}1231\n#RAR 0 {LAST}0101 {LAST}1231\n"
    accounts = '#KONTO 1930 "Bank"\n#KONTO 5010 "Löner"\n#KONTO 4010 "Varor"\n#DIM 1 "Ansvar"\n'
    objects = '#OBJEKT 1 "100" "UN"\n#OBJEKT 1 "110" "Haga"\n#OBJEKT 1 "200" "ON"\n'
    vouchers = [("5010", "100", "1000000.00", 3), ("5010", "110", "300000.00", 6), ("4010", "200", "700123.45", 11)]
    body = head + accounts + objects
    for number, (account, code, amount, month) in enumerate(vouchers, start=1):
        body += f'#VER A {number} {LAST}{month:02d}15 "Verifikat"\n{{\n   #TRANS {account} {{1 "{code}"}} {amount}\n   #TRANS 1930 {{}} -{amount}\n}}\n'
    keeper = world.unit("Kommunfullmäktige")
    sie_import(actor=None, org_unit=keeper, file_name="bok.se", stream=io.BytesIO(body.encode("cp437")))
    for code, target in {"100": "Utbildningsnämnden", "110": "Hagaskolan", "200": "Omsorgsnämnden"}.items():
        ledger_object_map(actor=None, ledger_object=LedgerObject.objects.get(ledger__org_unit=keeper, code=code), org_unit=world.unit(target))


def year_end(world: World) -> None:
    """Last year's frames adopted by the council, and last year's books."""
    controller = world.users["ks_controller"]
    frame_set(actor=controller, org_unit=world.unit("Utbildningsnämnden"), year=LAST, amount_tsek=D("1400.0"))
    frame_set(actor=controller, org_unit=world.unit("Omsorgsnämnden"), year=LAST, amount_tsek=D("600.0"))
    adopt_goals_and_budget(world, LAST, decided_on=date(LAST - 1, 6, 16))
    last_years_books(world)
