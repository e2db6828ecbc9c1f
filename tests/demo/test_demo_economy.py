"""The demo's economy (issue 9 §3): frames for KS and the committees, periodised budgets per unit,
Alvesta kommun's ledger for the months that have ended (generated, imported through the SIE
importer, one responsibility left unmapped), AllboHus's ledger from the SIE file the demo ships,
and the pages' footer saying the figures are made up. Without ``../shared``."""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import io
from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.demo.allbohus import ALLBOHUS_FILE, ALLBOHUS_NAME, allbohus_books, allbohus_sie
from styr.demo.economy import DEMO_ADJUSTMENT, MUNICIPAL_LEDGER_KEEPER
from styr.demo.ledgers import FRAMES_TSEK, RESPONSIBILITIES, SUMMER_DIP, frames_tsek, investment_frames_tsek, municipal_files
from styr.domain.allocation import to_tsek
from styr.domain.economy import is_operating_account
from styr.domain.sie import parse_bytes
from styr.economy.models import (
    AllocationModel,
    BudgetMonth,
    FiscalYear,
    FrameAdjustment,
    InternalBudgetAdoption,
    Ledger,
    LedgerObject,
    LedgerTransaction,
    OperatingFrame,
    PersonnelOverheadRate,
    PopulationCount,
    PopulationSeries,
    Position,
    SieImport,
)
from styr.economy.selectors.allocation import allocation_compare, allocation_result
from styr.economy.selectors.frames import planned_investment_frames
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.services import group_demo_figures_set
from styr.planning.models import Plan
from tests.conftest import World
from tests.html_check import vnu_errors

TODAY = date(2026, 10, 20)
FOOTER_SV = "de ekonomiska siffrorna (ramar, budgetar, utfall) är påhittade"
FOOTER_EN = "the economic figures (frames, budgets, actuals) are made up"


def _load(on: date) -> None:
    with time_machine.travel(datetime(on.year, on.month, on.day, 9, 0, tzinfo=UTC), tick=False):
        call_command("load_demo", stdout=StringIO())


def _no_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a file under ``../shared`` fails the test."""
    real_open = builtins.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if "shared" in Path(str(file)).parts:
            raise AssertionError(f"the demo read {file}")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)


# -- the files (no database) ------------------------------------------------------------------


def test_the_shipped_allbohus_file_is_byte_for_byte_what_the_generator_writes() -> None:
    shipped = ALLBOHUS_FILE.read_bytes()
    assert allbohus_sie() == shipped  # regenerate with: python -m styr.demo.allbohus
    assert ALLBOHUS_FILE.name == "allbohus-2025.se"
    # CP437 with CR LF, as accounting programs write it (å is 0x86, ä 0x84, ö 0x94 there)
    assert b"#FORMAT PC8\r\n" in shipped and b"\r\n#SIETYP 4\r\n" in shipped
    assert "Hyresintäkter bostäder".encode("cp437") in shipped and "ä".encode() not in shipped
    sie = parse_bytes(shipped, source=ALLBOHUS_FILE.name)
    assert not sie.errors and not sie.warnings
    assert sie.company == ALLBOHUS_NAME and sie.years[0].start == date(2025, 1, 1)
    assert sie.counts["VER"] == len(allbohus_books().entries) and sie.counts["TRANS"] > 300
    assert {a[0] for a in sie.accounts} == {"1", "2", "3", "5", "6", "7", "8"}  # BAS classes


def test_the_municipal_files_are_deterministic_balanced_and_hold_only_ended_months() -> None:
    files = municipal_files(TODAY)
    assert files == municipal_files(TODAY)
    assert [name for name, _data in files] == ["alvesta-kommun-2025.se", "alvesta-kommun-20261020.se"]
    (_, last_data), (_, this_data) = files
    last, this = parse_bytes(last_data, source="2025.se"), parse_bytes(this_data, source="2026.se")
    for sie in (last, this):
        assert not sie.errors and not sie.warnings  # every voucher balances, #UB/#RES reconcile
        assert 1000 < sie.counts["TRANS"] < 2500  # a few thousand rows in all keep the demo fast
        assert sie.dimensions["1"].name == "Ansvar" and len([o for o in sie.objects if o[0] == "1"]) == len(RESPONSIBILITIES)
        assert {a[0] for a in sie.accounts} == {"1", "2", "3", "4", "5", "6", "7", "8"}  # Kommun-Bas classes
    assert {v.date.month for v in last.vouchers} == set(range(1, 13))
    assert max(v.date for v in this.vouchers) <= date(2026, 9, 30)
    # this year opens where last year closed
    closing = {b.account: b.amount for b in last.balances if b.kind == "UB"}
    opening = {b.account: b.amount for b in this.balances if b.kind == "IB"}
    assert opening["1930"] == closing["1930"] and opening["2440"] == closing["2440"]
    assert "Förbrukningsmaterial".encode("cp437") in this_data and b"\r\n#SIETYP 4\r\n" in this_data
    _name, january = municipal_files(date(2027, 1, 12))[1]
    empty = parse_bytes(january, source="januari.se")
    assert not empty.errors and empty.counts["VER"] == 0 and empty.objects


# -- the loaded demo ---------------------------------------------------------------------------


def _net_cost_by_unit(ledger: Ledger, year: int) -> dict[str | None, Decimal]:
    """Operating net cost to date per mapped unit's name (``None``: objects not mapped yet)."""
    unit_of = {o.code: (o.org_unit.name if o.org_unit else None) for o in LedgerObject.objects.filter(ledger=ledger).select_related("org_unit")}
    totals: dict[str | None, Decimal] = defaultdict(Decimal)
    for account, code, amount in LedgerTransaction.objects.filter(ledger=ledger, date__year=year).values_list("account", "object", "amount_sek"):
        if is_operating_account(account):
            totals[unit_of.get(code)] += amount
    return totals


def _below(unit: OrgUnit) -> set[int]:
    found, frontier = {unit.pk}, [unit.pk]
    while frontier:
        frontier = list(OrgUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        found.update(frontier)
    return found


@pytest.mark.django_db
def test_the_demo_has_frames_budgets_and_a_year_of_actuals_through_the_services(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_shared(monkeypatch)
    _load(TODAY)
    group = MunicipalGroup.objects.get()
    assert group.demo_figures

    # frames for KS and the five committees, this year's and last year's, and budgets per unit
    # that sum to them (KS keeps 2 000 tkr undistributed); this year's adopted with the council's
    # Mål och budget, and Omsorgsnämnden's adjusted by KS in the spring (1 500 tkr to distribute)
    committee, extra, reason = DEMO_ADJUSTMENT
    frames = {(f.year, f.org_unit.name): f.amount_tsek for f in OperatingFrame.objects.filter(year__lte=2026).select_related("org_unit")}
    assert frames == {(2026, name): amount + (extra if name == committee else 0) for name, amount in FRAMES_TSEK.items()} | {
        (2025, name): amount for name, amount in frames_tsek(last_year=True).items()
    }
    budget_plan = Plan.objects.get(kind="goals_and_budget", year=2026)
    # last year's Mål och budget is adopted too, so last year's results can be carried over (issue 11 §2)
    last_plan = Plan.objects.get(kind="goals_and_budget", year=2025)
    for frame in OperatingFrame.objects.filter(year__lte=2026).select_related("org_unit"):
        assert frame.decision_id == {2026: budget_plan.decision_id, 2025: last_plan.decision_id}[frame.year], frame
        assert frame.adopted_tsek == (FRAMES_TSEK if frame.year == 2026 else frames_tsek(last_year=True))[frame.org_unit.name]
        # the investment frame is what the year's investment plan holds for the committee, else the one entered
        planned = planned_investment_frames(group, frame.year)
        investment = planned.get(frame.org_unit_id, investment_frames_tsek(last_year=frame.year == 2025)[frame.org_unit.name])
        assert frame.investment_tsek == investment, frame
        months = BudgetMonth.objects.filter(year=frame.year, org_unit_id__in=_below(frame.org_unit))
        assert months.count() % 12 == 0 and months.exists(), frame.org_unit
        undistributed = frame.amount_tsek * 1000 - sum(m.amount_sek for m in months)
        reserve = {"Kommunstyrelsen": Decimal("2000000"), committee: extra * 1000 if frame.year == 2026 else 0}
        assert undistributed == reserve.get(frame.org_unit.name, 0), frame.org_unit
    adjustment = FrameAdjustment.objects.select_related("decision__body").get()
    assert adjustment.reason == reason and adjustment.decision.body.name == "Kommunstyrelsen" and adjustment.decision.decided_on == date(2026, 4, 22)
    assert budget_plan.snapshot["sections"]["frames"][0]["amount_tsek"] == "142500.0"
    haga = [m.amount_sek for m in BudgetMonth.objects.filter(year=2026, org_unit__name="Hagaskolan").order_by("month")]
    assert haga[6] < haga[5] and abs(haga[6] - haga[0] * SUMMER_DIP[6] / 100) <= Decimal("0.01")  # the summer dip, to the öre
    care = {m.amount_sek for m in BudgetMonth.objects.filter(year=2026, org_unit__name="Särskilt boende Hagalund")}
    assert max(care) - min(care) <= Decimal("0.01")  # even, to the öre

    # the municipality's ledger: imported through the importer, counts as in the file
    keeper = OrgUnit.objects.get(name=MUNICIPAL_LEDGER_KEEPER)
    ledger = Ledger.objects.get(org_unit=keeper)
    records = list(SieImport.objects.filter(ledger=ledger).order_by("pk"))
    files = municipal_files(TODAY)
    assert [(r.file_name, r.sha256) for r in records] == [(name, hashlib.sha256(data).hexdigest()) for name, data in files]
    for record, (name, data) in zip(records, files, strict=True):
        expected = parse_bytes(data, source=name).counts
        assert record.counts["VER"] == expected["VER"] and record.counts["TRANS"] == expected["TRANS"]
    assert LedgerTransaction.objects.filter(ledger=ledger).count() == sum(r.counts["TRANS"] for r in records)
    assert LedgerTransaction.objects.filter(ledger=ledger, date__year=2025).count() == records[0].counts["TRANS"]
    assert LedgerTransaction.objects.filter(ledger=ledger, date__gte=dt.date(2026, 10, 1)).count() == 0
    assert ledger.name == "Alvesta kommun"

    # every responsibility mapped to its unit, but one left for the mapping page
    objects = LedgerObject.objects.filter(ledger=ledger, dimension="1").select_related("org_unit")
    assert objects.count() == len(RESPONSIBILITIES)
    unmapped = [o for o in objects if o.org_unit is None]
    assert [(o.code, o.name) for o in unmapped] == [("6150", "Kulturskolan")]
    assert all(o.org_unit.name == r.unit for o, r in zip(objects.order_by("code"), RESPONSIBILITIES, strict=True) if o.org_unit)

    # plausible against the budgets: some over, some under
    spent = _net_cost_by_unit(ledger, 2026)
    budget_to_date = {
        name: sum(BudgetMonth.objects.filter(year=2026, month__lte=9, org_unit__name=name).values_list("amount_sek", flat=True), Decimal(0))
        for name in ("Kommunledningsförvaltningen", "Prästängsskolan", "Vård och omsorg", "Förvaltningen för samhällsbyggnad")
    }
    assert spent["Kommunledningsförvaltningen"] < budget_to_date["Kommunledningsförvaltningen"] * Decimal("0.98")
    assert spent["Prästängsskolan"] > budget_to_date["Prästängsskolan"] * Decimal("1.02")
    assert spent["Vård och omsorg"] > budget_to_date["Vård och omsorg"] * Decimal("1.03")
    assert abs(spent["Förvaltningen för samhällsbyggnad"] / budget_to_date["Förvaltningen för samhällsbyggnad"] - 1) < Decimal("0.03")
    assert spent[None] > 0  # Kulturskolan's costs wait for their unit
    last_year = _net_cost_by_unit(ledger, 2025)  # ended close to balance
    care_budget = sum(BudgetMonth.objects.filter(year=2025, org_unit__name="Vård och omsorg").values_list("amount_sek", flat=True), Decimal(0))
    assert abs(last_year["Vård och omsorg"] / care_budget - 1) < Decimal("0.03")

    # AllboHus: the shipped file, through the same importer, and this year's generated books (issue 11 §5)
    allbohus = Ledger.objects.get(org_unit__name=ALLBOHUS_NAME)
    shipped = SieImport.objects.get(ledger=allbohus, file_name="allbohus-2025.se")
    assert shipped.sha256 == hashlib.sha256(ALLBOHUS_FILE.read_bytes()).hexdigest()
    assert [y.start for y in FiscalYear.objects.filter(ledger=allbohus).order_by("start")] == [date(2025, 1, 1), date(2026, 1, 1)]
    assert LedgerTransaction.objects.filter(ledger=allbohus, sie_import=shipped).count() == shipped.counts["TRANS"] > 300

    # all audited
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("operating_frame.set") == 12 + 6 and actions.count("budget.set") == 22  # and next year's six proposals
    assert actions.count("operating_frame.adopted") == 6 + 6 and actions.count("frame.adjusted") == 1
    assert actions.count("sie.imported") == 4 and actions.count("group_member.set") == 1 and actions.count("internal_account.set") == 2
    assert actions.count("ledger_object.mapped") == len(RESPONSIBILITIES) - 1
    assert actions.count("municipal_group.demo_figures_set") == 1

    # the budget process (issue 10): the made-up population, next year's allocation model and its
    # scenario, its result as next year's frame proposals, Hagaskolan's personnel budget and
    # Utbildningsnämnden's internal budget adopted
    series = PopulationSeries.objects.get()
    assert series.source == "demo" and "påhittad" in series.name
    residents = sum(PopulationCount.objects.filter(series=series, year=2027).values_list("count", flat=True))
    assert 19_000 < residents < 21_000
    model = AllocationModel.objects.get(based_on__isnull=True)
    assert model.budget_year == 2027 and model.population_series == series and model.scenarios.count() == 1
    result = allocation_result(model)
    proposals = {f.org_unit.name: f for f in OperatingFrame.objects.filter(year=2027).select_related("org_unit")}
    assert set(proposals) == set(FRAMES_TSEK)
    for name, frame in proposals.items():
        assert frame.adopted_tsek is None and frame.decision_id is None  # proposals: the council has not adopted 2027
        assert frame.amount_tsek == to_tsek(result.total_sek(frame.org_unit_id, 2027))  # the allocation, in tkr
        grown = frame.amount_tsek / FRAMES_TSEK[name] - 1
        assert Decimal("0.01") < grown < Decimal("0.06"), (name, grown)  # a plausible year's growth
    # the scenario prices the compulsory school higher: only Utbildningsnämnden differs, and upwards
    changed = {(d.committee, d.year) for d in allocation_compare(model, model.scenarios.get()) if d.difference_sek}
    education = OrgUnit.objects.get(name="Utbildningsnämnden").pk
    assert changed == {(education, 2027), (education, 2028), (education, 2029)}
    haga = OrgUnit.objects.get(name="Hagaskolan")
    assert Position.objects.filter(org_unit=haga, year=2026).count() == 28
    assert PersonnelOverheadRate.objects.get().rate_percent == Decimal("40.15")
    adopted = InternalBudgetAdoption.objects.select_related("committee", "decision").get()
    assert adopted.committee.name == "Utbildningsnämnden" and adopted.year == 2026 and adopted.total_sek == Decimal("512300000.00")
    assert actions.count("internal_budget.adopted") == 1 and actions.count("allocation.frames_proposed") == 1

    # Mål och budget's result budget (issue 11 §6): the assumptions entered before the council adopted,
    # last year's outcome from the ledger beside them, in the adopted snapshot
    result = budget_plan.snapshot["sections"]["long_term_budget"][0]
    lines = {row["key"]: row["amounts_tsek"] for row in result["rows"]}
    assert lines["tax_revenue"][1:] == ["1100000.0", "1136000.0", "1171000.0"] and lines["year_result"][0] != ""
    assert actions.count("budget_assumption.set") == 28

    # loading again changes nothing
    counts = (SieImport.objects.count(), LedgerTransaction.objects.count(), BudgetMonth.objects.count(), AuditEvent.objects.count())
    _load(TODAY)
    assert (SieImport.objects.count(), LedgerTransaction.objects.count(), BudgetMonth.objects.count(), AuditEvent.objects.count()) == counts


@pytest.mark.django_db
def test_in_january_last_year_is_in_the_ledger_and_this_year_has_no_vouchers_yet() -> None:
    _load(date(2027, 1, 12))
    ledger = Ledger.objects.get(org_unit__name=MUNICIPAL_LEDGER_KEEPER)
    assert not LedgerTransaction.objects.filter(ledger=ledger, date__year=2027).exists()
    assert {d.month for d in LedgerTransaction.objects.filter(ledger=ledger).values_list("date", flat=True)} == set(range(1, 13))
    assert LedgerObject.objects.filter(ledger=ledger, dimension="1", org_unit__isnull=True).count() == 1
    assert BudgetMonth.objects.filter(year=2027).count() == BudgetMonth.objects.filter(year=2026).count() == 11 * 12


@pytest.mark.django_db
def test_the_footer_says_the_demos_figures_are_made_up() -> None:
    _load(TODAY)
    client = Client()
    assert client.login(username="ks.controller", password="styr-demo")
    with time_machine.travel(datetime(2026, 10, 20, 10, 0, tzinfo=UTC), tick=False):
        page = client.get("/att-gora/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        english = client.get("/att-gora/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        public = Client().get("/offentlig/alvesta/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "<footer" in page and FOOTER_SV in page
    assert FOOTER_EN in english
    assert FOOTER_SV in public
    assert vnu_errors({"to do, with the demo footer": page}) == []


def test_the_footer_says_nothing_for_a_group_with_real_figures(world: World) -> None:
    assert not world.group.demo_figures
    page = world.client("ks_controller").get("/att-gora/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    public = Client().get(f"/offentlig/{world.group.slug}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "<footer" not in page and FOOTER_SV not in page and FOOTER_SV not in public


def test_marking_a_groups_figures_as_made_up_is_audited_and_refused_to_an_outsider(world: World) -> None:
    with pytest.raises(NotAllowed):
        group_demo_figures_set(actor=world.users["outsider"], group=world.group, demo_figures=True)
    world.group.refresh_from_db()
    assert not world.group.demo_figures
    group_demo_figures_set(actor=world.users["ks_controller"], group=world.group, demo_figures=True)
    world.group.refresh_from_db()
    assert world.group.demo_figures
    event = AuditEvent.objects.get(action="municipal_group.demo_figures_set")
    assert event.before == {"demo_figures": False} and event.after == {"demo_figures": True}
    page = world.client("ks_controller").get("/att-gora/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert FOOTER_SV in page
