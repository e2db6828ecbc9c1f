"""SIE files read into a ledger (issue 9 §2): idempotent, atomic, audited once, refused whole."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.http import Http404

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import (
    Account,
    AccountBalance,
    Dimension,
    FiscalYear,
    Ledger,
    LedgerObject,
    LedgerTransaction,
    ObjectBalance,
    PeriodAmount,
    SieImport,
)
from styr.economy.selectors import balances
from styr.economy.services import sie_import
from tests.conftest import World

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sie" / "exempelby_typ4_crlf.se"
OWNER = "Utbildningsnämnden"
LEDGER_TABLES = (Ledger, SieImport, FiscalYear, Account, Dimension, LedgerObject, AccountBalance, ObjectBalance, PeriodAmount, LedgerTransaction)


def sie(body: str, head: str = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#GEN 20250115\n#RAR 0 20240101 20241231\n") -> io.BytesIO:
    return io.BytesIO((head + body).encode("cp437"))


def rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in LEDGER_TABLES}


def import_fixture(world: World, persona: str = "ks_controller", **options: object) -> SieImport:
    return sie_import(actor=world.users[persona], org_unit=world.unit(OWNER), file_name=FIXTURE.name, path=FIXTURE, **options).sie_import  # type: ignore[arg-type]


def test_a_controller_imports_a_file_and_it_is_audited_as_one_event(world: World) -> None:
    events_before = AuditEvent.objects.count()
    record = import_fixture(world)
    assert record.state == "imported" and record.sie_type == "4E" and len(record.sha256) == 64
    assert record.counts["VER"] == 3 and record.counts["TRANS"] == 6 and record.counts["PBUDGET"] == 3
    assert record.fiscal_years == [{"year": 0, "start": "2024-01-01", "end": "2024-12-31"}, {"year": -1, "start": "2023-01-01", "end": "2023-12-31"}]
    assert [w["code"] for w in record.warnings] == ["SIE-005"] and record.warnings[0]["line"] == 55
    ledger = Ledger.objects.get(org_unit=world.unit(OWNER))
    assert ledger.name == "Exempelby kommun" and ledger.organisation_number == "212000-0689"
    names = dict(Account.objects.values_list("number", "name"))
    assert names == {"1930": "Bank", "2440": "Leverantörsskulder", "3010": "Försäljning", "5410": "Förbrukningsinventarier"}
    assert Account.objects.get(number="1930").type == "T"
    bank = AccountBalance.objects.get(account__number="1930", fiscal_year__start__year=2024)
    assert (bank.opening_sek, bank.closing_sek, bank.result_sek) == (Decimal("10000.00"), Decimal("12500.00"), None)
    # booked rows only (#BTRANS and #RTRANS are not), each with its voucher, object and line
    assert LedgerTransaction.objects.count() == 6
    chairs = LedgerTransaction.objects.get(account="5410")
    assert (chairs.series, chairs.number, chairs.text, chairs.dimension, chairs.object, chairs.line) == ("A", "2", "Stolar", "1", "200", 45)
    # objects are kept, not mapped yet: listed, not dropped
    objects = set(LedgerObject.objects.values_list("dimension", "code", "name"))
    assert objects == {("1", "100", "Nämnd"), ("1", "200", 'Förvaltning "Norr"')}
    assert not LedgerObject.objects.filter(org_unit__isnull=False).exists()
    events = AuditEvent.objects.filter(action="sie.imported")
    assert events.count() == 1 and AuditEvent.objects.count() == events_before + 1  # one event, not one per row
    event = events.get()
    assert event.after["sha256"] == record.sha256 and event.after["counts"]["TRANS"] == 6 and event.actor == world.users["ks_controller"]


def test_vouchers_are_written_in_batches_as_they_are_read(world: World) -> None:
    import_fixture(world, batch_size=1)
    assert LedgerTransaction.objects.count() == 6


def test_importing_the_same_file_again_changes_nothing_and_says_so(world: World) -> None:
    first = import_fixture(world)
    before = rows()
    again = sie_import(actor=world.users["ks_controller"], org_unit=world.unit(OWNER), file_name="kopia.se", path=FIXTURE)
    assert again.unchanged and again.sie_import.pk == first.pk
    assert rows() == before and AuditEvent.objects.filter(action="sie.imported").count() == 1


def test_a_newer_export_of_the_year_replaces_its_figures_and_both_imports_are_kept(world: World) -> None:
    unit = world.unit(OWNER)
    controller = world.users["ks_controller"]
    old = sie_import(
        actor=controller,
        org_unit=unit,
        file_name="jan.se",
        stream=sie(
            '#KONTO 1930 "Bank"\n#IB 0 1930 100.00\n#UB 0 1930 150.00\n#PBUDGET 0 202401 1930 {} 7.00\n'
            '#VER A 1 20240110 ""\n{\n#TRANS 1930 {} 50.00\n#TRANS 3010 {} -50.00\n}\n'
        ),
    ).sie_import
    new = sie_import(
        actor=controller,
        org_unit=unit,
        file_name="feb.se",
        stream=sie(
            '#KONTO 1930 "Bankkonto"\n#IB 0 1930 100.00\n#UB 0 1930 180.00\n#VER A 1 20240110 ""\n{\n#TRANS 1930 {} 50.00\n#TRANS 3010 {} -50.00\n}\n'
            '#VER A 2 20240210 ""\n{\n#TRANS 1930 {} 30.00\n#TRANS 3010 {} -30.00\n}\n'
        ),
    )
    assert not new.unchanged and new.replaced == (old.pk,)
    assert FiscalYear.objects.count() == 1 and FiscalYear.objects.get().source_id == new.sie_import.pk
    assert AccountBalance.objects.get().closing_sek == Decimal("180.00")
    assert not PeriodAmount.objects.exists()  # the old budget row went with the old figures
    assert sorted(LedgerTransaction.objects.values_list("sie_import_id", "amount_sek")) == sorted(
        [(new.sie_import.pk, Decimal(a)) for a in ("50.00", "-50.00", "30.00", "-30.00")]
    )
    assert Account.objects.get(number="1930").name == "Bankkonto"
    assert list(SieImport.objects.order_by("id").values_list("file_name", "state")) == [("jan.se", "replaced"), ("feb.se", "imported")]
    assert AuditEvent.objects.filter(action="sie.imported").count() == 2


def test_a_later_files_previous_year_does_not_replace_a_year_read_as_current(world: World) -> None:
    unit = world.unit(OWNER)
    controller = world.users["ks_controller"]
    sie_import(actor=controller, org_unit=unit, file_name="2023.se", stream=sie("#UB 0 1930 5.00\n", head="#SIETYP 1\n#RAR 0 20230101 20231231\n"))
    head = "#SIETYP 1\n#RAR 0 20240101 20241231\n#RAR -1 20230101 20231231\n"
    sie_import(actor=controller, org_unit=unit, file_name="2024.se", stream=sie("#UB -1 1930 9.00\n#UB 0 1930 7.00\n", head=head))
    assert dict(AccountBalance.objects.values_list("fiscal_year__start__year", "closing_sek")) == {2023: Decimal("5.00"), 2024: Decimal("7.00")}


def test_sie_001_a_refused_file_writes_nothing_and_lists_every_error(world: World) -> None:
    body = '#KONTO 1930 "Bank"\n' + "".join(f'#VER A {n} 20240110 ""\n{{\n#TRANS 1930 {{}} 50.00\n#TRANS 3010 {{}} -49.00\n}}\n' for n in range(1, 4))
    before = rows()
    with pytest.raises(RuleViolation) as err:
        sie_import(actor=world.users["ks_controller"], org_unit=world.unit(OWNER), file_name="fel.se", stream=sie(body), batch_size=1)
    refused = err.value
    assert (refused.code, refused.source, refused.line) == ("SIE-001", "fel.se", 7)
    assert [(e["line"], e["code"]) for e in refused.detail["errors"]] == [(7, "SIE-001"), (12, "SIE-001"), (17, "SIE-001")]
    assert "balanserar inte" in refused.detail["errors"][0]["message"] or "does not balance" in refused.detail["errors"][0]["message"]
    assert rows() == before and not AuditEvent.objects.filter(action="sie.imported").exists()


def test_sie_008_a_file_without_a_current_fiscal_year_is_refused(world: World) -> None:
    with pytest.raises(RuleViolation) as err:
        sie_import(actor=world.users["ks_controller"], org_unit=world.unit(OWNER), file_name="utan.si", stream=sie("#UB 0 1930 5.00\n", head="#SIETYP 4\n"))
    assert (err.value.code, err.value.line) == ("SIE-008", 1)
    assert rows()["SieImport"] == 0 and rows()["Ledger"] == 0


@pytest.mark.parametrize("persona", ["outsider", "unit_manager", "committee_politician", "auditor"])
def test_only_a_controller_imports_a_ledger(world: World, persona: str) -> None:
    unit = world.unit("Hagaskolan" if persona == "unit_manager" else OWNER)
    with pytest.raises((NotAllowed, Http404)):
        sie_import(actor=world.users[persona], org_unit=unit, file_name=FIXTURE.name, path=FIXTURE)
    assert rows()["SieImport"] == 0


def test_balances_give_the_year_per_account_with_months_and_budget(world: World) -> None:
    import_fixture(world)
    found = {f.account: f for f in balances(world.users["committee_politician"], world.unit(OWNER), 2024)}
    assert found["1930"].opening_sek == Decimal("10000.00") and found["1930"].closing_sek == Decimal("12500.00")
    assert found["3010"].result_sek == Decimal("-4000.00") and found["3010"].months == {"202401": Decimal("-4000.00")}
    # the {} row is the account's budget; the row for object 200 of the declared dimension 1 is not added to it
    assert found["5410"].budget == {"202401": Decimal("1500.00"), "202402": Decimal("500.00")}
    assert [f.account for f in balances(world.users["committee_politician"], world.unit(OWNER), 2024, "5410")] == ["5410"]
    assert balances(world.users["committee_politician"], world.unit(OWNER), 2019) == []
    with pytest.raises(Http404):
        balances(world.users["outsider"], world.unit(OWNER), 2024)


def test_balances_sum_the_months_from_transactions_when_the_file_has_no_period_rows(world: World) -> None:
    body = '#VER A 1 20240110 ""\n{\n#TRANS 1930 {} 50.00\n#TRANS 3010 {} -50.00\n}\n#VER A 2 20240315 ""\n{\n#TRANS 1930 {} 20.00\n#TRANS 3010 {} -20.00\n}\n'
    body += '#VER A 3 20240320 ""\n{\n#TRANS 1930 {} 1.50\n#TRANS 3010 {} -1.50\n}\n'
    sie_import(actor=world.users["ks_controller"], org_unit=world.unit(OWNER), file_name="t.se", stream=sie(body))
    found = {f.account: f for f in balances(world.users["ks_controller"], world.unit(OWNER), 2024)}
    assert found["3010"].months == {"202401": Decimal("-50.00"), "202403": Decimal("-21.50")}


def test_the_balances_take_the_same_number_of_queries_however_many_accounts(world: World, django_assert_max_num_queries: object) -> None:
    body = "".join(f'#VER A {n} 20240{1 + n % 9}10 ""\n{{\n#TRANS {1900 + n} {{}} 5.00\n#TRANS {3000 + n} {{}} -5.00\n}}\n' for n in range(60))
    sie_import(actor=world.users["ks_controller"], org_unit=world.unit(OWNER), file_name="m.se", stream=sie(body))
    user, unit = world.users["ks_controller"], world.unit(OWNER)
    balances(user, unit, 2024)  # the grants are read once per user
    with django_assert_max_num_queries(9):  # type: ignore[operator]  # grants 2, ledger, year, balances, objects, periods, transactions, names
        assert len(balances(user, unit, 2024)) == 120


def test_a_month_given_only_per_responsibility_object_is_their_sum(world: World) -> None:
    body = '#DIM 1 "Ansvar"\n#DIM 6 "Projekt"\n#PBUDGET 0 202401 5410 {1 "10"} 100.00\n#PBUDGET 0 202401 5410 {1 "20"} 50.00\n'
    body += '#PBUDGET 0 202401 5410 {6 "P1"} 150.00\n#PBUDGET 0 202402 5410 {} 80.00\n#PBUDGET 0 202402 5410 {1 "10"} 80.00\n'
    sie_import(actor=world.users["ks_controller"], org_unit=world.unit(OWNER), file_name="b.se", stream=sie(body))
    (found,) = balances(world.users["ks_controller"], world.unit(OWNER), 2024)
    assert found.budget == {"202401": Decimal("150.00"), "202402": Decimal("80.00")}


def test_sie_003_what_no_column_holds_is_refused_with_its_line_and_nul_bytes_are_dropped(world: World) -> None:
    unit, controller = world.unit(OWNER), world.users["ks_controller"]
    too_long = "1" * 21
    body = f'#VER A 1 20240110 ""\n{{\n#TRANS {too_long} {{}} 5.00\n#TRANS 3010 {{}} -5.00\n}}\n#UB 0 1930 1000000000000000.00\n'
    with pytest.raises(RuleViolation) as err:
        sie_import(actor=controller, org_unit=unit, file_name="stor.se", stream=sie(body))
    assert [(e["line"], e["code"]) for e in err.value.detail["errors"]] == [(8, "SIE-003"), (11, "SIE-003")]
    assert rows()["SieImport"] == 0
    sie_import(
        actor=controller,
        org_unit=unit,
        file_name="nul.se",
        stream=sie('#KONTO 1930 "Ba\x00nk"\n#VER A 1 20240110 "a\x00b"\n{\n#TRANS 1930 {} 5.00\n#TRANS 3010 {} -5.00\n}\n'),
    )
    assert Account.objects.get(number="1930").name == "Bank" and set(LedgerTransaction.objects.values_list("text", flat=True)) == {"ab"}


def test_object_balances_are_kept_per_object_list_and_shown_beside_the_account(world: World) -> None:
    unit, controller = world.unit(OWNER), world.users["ks_controller"]
    body = '#DIM 1 "Ansvar"\n#DIM 6 "Projekt"\n#OBJEKT 1 "100" "Nämnd"\n#IB 0 1930 10.00\n#OIB 0 1930 {1 "100"} 4.00\n#OUB 0 1930 {1 "100"} 6.00\n'
    body += '#OUB 0 1930 {6 "P1" 1 "200"} 2.00\n#OIB -1 1930 {1 "100"} 3.00\n#RAR -1 20230101 20231231\n'
    sie_import(actor=controller, org_unit=unit, file_name="o.se", stream=sie(body))
    kept = sorted(ObjectBalance.objects.values_list("fiscal_year__start__year", "dimension", "object", "object_list", "opening_sek", "closing_sek"))
    assert kept == [
        (2023, "1", "100", [["1", "100"]], Decimal("3.00"), None),
        (2024, "1", "100", [["1", "100"]], Decimal("4.00"), Decimal("6.00")),
        (2024, "1", "200", [["6", "P1"], ["1", "200"]], None, Decimal("2.00")),  # kept under the responsibility dimension
    ]
    assert {("1", "200"), ("1", "100")} <= set(LedgerObject.objects.values_list("dimension", "code"))  # listed, to be mapped
    (bank,) = balances(controller, unit, 2024)
    assert bank.opening_sek == Decimal("10.00") and [(o.object, o.objects, o.closing_sek) for o in bank.objects] == [
        ("100", {"1": "100"}, Decimal("6.00")),
        ("200", {"6": "P1", "1": "200"}, Decimal("2.00")),
    ]
    # a newer export of the year replaces the year's object balances too
    sie_import(actor=controller, org_unit=unit, file_name="o2.se", stream=sie('#OUB 0 1930 {1 "100"} 7.00\n'))
    assert sorted(ObjectBalance.objects.filter(fiscal_year__start__year=2024).values_list("object", "closing_sek")) == [("100", Decimal("7.00"))]


def test_a_broken_fiscal_year_is_imported_with_its_months_across_two_calendar_years(world: World) -> None:
    unit, controller = world.unit(OWNER), world.users["ks_controller"]
    head = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#KPTYP BAS2014\n#RAR 0 20240701 20250630\n#RAR -1 20230101 20240630\n"
    body = "#IB 0 1930 100.00\n#UB 0 1930 130.00\n#PBUDGET 0 202501 3010 {} -20.00\n"
    body += '#VER A 1 20240815 ""\n{\n#TRANS 1930 {} 10.00\n#TRANS 3010 {} -10.00\n}\n#VER A 2 20250630 ""\n{\n#TRANS 1930 {} 20.00\n#TRANS 3010 {} -20.00\n}\n'
    record = sie_import(actor=controller, org_unit=unit, file_name="brutet.se", stream=sie(body, head=head)).sie_import
    assert record.fiscal_years[1] == {"year": -1, "start": "2023-01-01", "end": "2024-06-30"}  # an 18-month first year
    assert record.counts["KPTYP"] == 1
    found = {f.account: f for f in balances(controller, unit, 2024)}  # the year that begins in 2024
    assert found["3010"].months == {"202408": Decimal("-10.00"), "202506": Decimal("-20.00")}
    assert found["3010"].budget == {"202501": Decimal("-20.00")} and found["1930"].closing_sek == Decimal("130.00")


def test_sie_010_and_sie_011_at_import_an_added_row_is_written_once_and_a_voucher_outside_the_year_writes_nothing(world: World) -> None:
    unit, controller = world.unit(OWNER), world.users["ks_controller"]
    body = '#VER A 1 20240110 ""\n{\n#TRANS 1930 {} 50.00\n#BTRANS 3010 {} -40.00\n#RTRANS 3010 {} -50.00 20240201\n#TRANS 3010 {} -50.00\n}\n'
    body += '#VER A 2 20240110 ""\n{\n#TRANS 1930 {} 5.00\n#RTRANS 3010 {} -5.00\n}\n'
    record = sie_import(actor=controller, org_unit=unit, file_name="r.se", stream=sie(body)).sie_import
    assert sorted(LedgerTransaction.objects.values_list("account", "amount_sek", "line")) == [
        ("1930", Decimal("5.00"), 15),
        ("1930", Decimal("50.00"), 8),
        ("3010", Decimal("-50.00"), 11),
        ("3010", Decimal("-5.00"), 16),
    ]
    assert [(w["code"], w["line"]) for w in record.warnings] == [("SIE-010", 16)]
    before = rows()
    late = '#VER A 3 20250102 ""\n{\n#TRANS 1930 {} 1.00\n#TRANS 3010 {} -1.00\n}\n'
    with pytest.raises(RuleViolation) as err:
        sie_import(actor=controller, org_unit=unit, file_name="sen.se", stream=sie(late), batch_size=1)
    assert (err.value.code, err.value.line, err.value.source) == ("SIE-011", 6, "sen.se")
    assert rows() == before


def test_rows_go_by_copy_on_postgresql_and_by_executemany_elsewhere(world: World) -> None:
    from django.db import connection

    from styr.economy.services.ledger_rows import _foreign_keys, uses_copy

    assert uses_copy() == (connection.vendor == "postgresql")
    if connection.vendor == "postgresql":  # group, ledger and import: checked per batch, then deferred again
        assert len(_foreign_keys()) == 3
    import_fixture(world, batch_size=2)
    chairs = LedgerTransaction.objects.get(account="5410")
    assert (chairs.amount_sek, chairs.date.isoformat(), chairs.text, chairs.object) == (Decimal("2000.00"), "2024-01-20", "Stolar", "200")
