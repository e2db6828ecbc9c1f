"""``manage.py import_sie`` and every real SIE file in ../shared: imported, or refused whole with a line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styr.domain.errors import RuleViolation
from styr.economy.models import Account, Ledger, LedgerTransaction, ObjectBalance, PeriodAmount, SieImport
from styr.economy.services import sie_import
from tests.conftest import World
from tests.economy.test_sie_import import FIXTURE, LEDGER_TABLES, OWNER, rows

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real" / "sie"


def real_files() -> list[Path]:
    if not REAL.is_dir():
        return []
    return sorted(p for p in REAL.glob("*/*") if p.name != "SOURCES.md")


def test_import_sie_prints_the_counts_and_the_warnings(world: World, tmp_path: Path) -> None:
    out, err = StringIO(), StringIO()
    call_command("import_sie", str(FIXTURE), "--org-unit", str(world.unit(OWNER).pk), stdout=out, stderr=err)
    text = out.getvalue()
    assert "#TRANS 6" in text and "#VER 3" in text and "2024-01-01 – 2024-12-31" in text
    assert "SIE-005" in err.getvalue() and "rad 55" in err.getvalue()
    assert SieImport.objects.get().actor is None and SieImport.objects.get().actor_name == "system"
    again = StringIO()
    call_command("import_sie", str(FIXTURE), "--org-unit", str(world.unit(OWNER).pk), stdout=again)
    assert "redan importerad" in again.getvalue() and SieImport.objects.count() == 1


def test_import_sie_names_the_rule_file_and_line_of_a_refused_file_and_fails(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "fel.se"
    bad.write_bytes(b'#SIETYP 4\n#RAR 0 20240101 20241231\n#VER A 1 20240110 ""\n{\n#TRANS 1930 {} 50.00\n#TRANS 3010 {} -49.00\n}\n')
    with pytest.raises(CommandError) as err:
        call_command("import_sie", str(bad), "--org-unit", str(world.unit(OWNER).pk), stdout=StringIO())
    assert "SIE-001" in str(err.value) and "fel.se" in str(err.value) and "3" in str(err.value)
    assert rows()["SieImport"] == 0 and rows()["Ledger"] == 0


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_import_sie_draws_a_progress_bar_on_a_terminal_only(world: World) -> None:
    out = Terminal()
    call_command("import_sie", str(FIXTURE), "--org-unit", str(world.unit(OWNER).pk), stdout=out, stderr=StringIO())
    assert "\r[" + "#" * 30 + "] 100%" in out.getvalue()
    plain = StringIO()
    Ledger.objects.all().delete()
    call_command("import_sie", str(FIXTURE), "--org-unit", str(world.unit(OWNER).pk), stdout=plain, stderr=StringIO())
    assert "\r" not in plain.getvalue() and "#TRANS 6" in plain.getvalue()


def test_import_sie_refuses_an_unknown_unit_or_file(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_sie", str(FIXTURE), "--org-unit", "999999")
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_sie", str(tmp_path / "saknas.se"), "--org-unit", str(world.unit(OWNER).pk))


@pytest.mark.shared
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/real/sie is not there")
def test_every_real_file_imports_or_is_refused_whole_with_a_line(world: World) -> None:
    """One world for all the files, each read into an empty ledger: a refused file leaves no row."""
    unit = world.unit(OWNER)
    outcomes: dict[str, str] = {}
    kept: dict[str, int] = {}
    for path in real_files():
        before = {model.__name__: model.objects.count() for model in LEDGER_TABLES}
        try:
            outcome = sie_import(actor=world.users["ks_controller"], org_unit=unit, file_name=path.name, path=path)
        except RuleViolation as refused:
            assert refused.code.startswith("SIE-") and refused.line and refused.source == path.name, path.name
            assert refused.detail["errors"] and refused.detail["errors"][0]["line"] == refused.line
            assert {model.__name__: model.objects.count() for model in LEDGER_TABLES} == before, path.name
            assert not Ledger.objects.filter(org_unit=unit).exists()
            outcomes[path.name] = f"{refused.code}:{refused.line}"
            continue
        record = outcome.sie_import
        assert record.ledger.org_unit == unit and record.counts and record.fiscal_years, path.name
        assert LedgerTransaction.objects.filter(sie_import=record).count() == record.counts.get("TRANS", 0), path.name
        outcomes[path.name] = "imported"
        if path.name == "BL0001_typ4.SE":  # a broken year (July–June) with balances per object
            assert record.fiscal_years[0] == {"year": 0, "start": "2009-07-01", "end": "2010-06-30"}
            kept["object balances"] = ObjectBalance.objects.filter(fiscal_year__ledger=record.ledger).count()
        if path.name == "transaktioner_ovnbolag.se":
            kept |= {
                "accounts": Account.objects.filter(ledger=record.ledger).count(),
                "periods": PeriodAmount.objects.filter(fiscal_year__ledger=record.ledger).count(),
            }
        Ledger.objects.filter(org_unit=unit).delete()  # the next file starts from an empty ledger
    assert len(outcomes) == len(real_files())
    assert outcomes["transaktioner_ovnbolag-bad-balance.se"] == "SIE-001:3905"
    assert outcomes["transaktioner_ovnbolag.se"] == "imported"
    assert outcomes["Transaktioner_per_Z-rapport.se"] == "SIE-008:1"  # an import file (no #RAR)
    assert kept["accounts"] >= 567 and kept["periods"] > 0 and kept["object balances"] > 0
