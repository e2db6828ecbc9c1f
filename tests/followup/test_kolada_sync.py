"""The Kolada sync (issue 13 §1): catalogue and values stored, bound indicators' values filled
with source kolada, a value a person entered kept (KOLADA-002), a changed definition reported
(KOLADA-004), nothing written when anything fails; the command and the background task."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import respx
import time_machine
from django.core.management import CommandError, call_command

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup.kolada import kolada_sync
from styr.followup.models import Measurement, ValueSource
from styr.followup.services import measurement_record
from styr.integrations.kolada import KoladaClient
from styr.planning.models import KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup, KoladaOrgUnit, KoladaValue
from tests.conftest import World
from tests.followup.kolada_setup import Bound, bind, bound_world
from tests.integrations.kolada_answers import BASE, FIXTURES, answer, kolada_answers


@pytest.fixture(autouse=True)
def _mid_2026() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def bound(world: World) -> Bound:
    return bound_world(world)


def client() -> KoladaClient:
    return KoladaClient(sleep=lambda s: None)


def test_a_sync_stores_the_catalogue_and_fills_bound_indicators_from_kolada(world: World, bound: Bound) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        result = kolada_sync(actor=world.users["ks_controller"], source=client(), group=world.group)
    assert routes["data"].calls[0].request.url.path.endswith("/municipality/0760,0764,0765/year/2023,2024,2025,2026")
    counts = [m.objects.count() for m in (KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup, KoladaOrgUnit)]
    assert counts == [3, 4, 1, 1]
    assert KoladaValue.objects.count() == 18 and KoladaValue.objects.get(municipality="0764", year=2024, gender="K").value == Decimal("21.0")
    goal_values = {m.period: (m.value, m.source) for m in Measurement.objects.filter(indicator=bound.goal_indicator)}
    # the goal runs 2025–2026: its baseline year 2024 is followed, 2023 is not (FU-002)
    assert goal_values == {date(2024, 12, 1): (Decimal("22.80"), ValueSource.KOLADA)}
    quality_values = {m.period: m.value for m in Measurement.objects.filter(quality_indicator=bound.quality_indicator, source=ValueSource.KOLADA)}
    assert quality_values == {date(2023, 12, 1): Decimal("21.40"), date(2024, 12, 1): Decimal("22.80")}
    assert (result.kpis_created, result.measurements_written, result.values_stored, result.synced_groups) == (3, 3, 18, (world.group.slug,))
    event = AuditEvent.objects.get(action="kolada.synced")
    assert event.group == world.group and event.after["measurements_written"] == 3 and event.actor == world.users["ks_controller"]
    assert AuditEvent.objects.filter(action="measurement.from_kolada").count() == 3
    assert AuditEvent.objects.filter(action="kolada.catalogue_stored").exists()


def test_kolada_002_a_value_a_person_entered_is_never_overwritten(world: World, bound: Bound) -> None:
    measurement_record(actor=None, indicator=bound.goal_indicator, period=date(2024, 12, 1), value=Decimal("30"))
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        result = kolada_sync(actor=None, source=client(), group=world.group)
    kept = Measurement.objects.get(indicator=bound.goal_indicator)
    assert (kept.value, kept.source) == (Decimal("30"), ValueSource.MANUAL)
    assert result.manual_kept == 1 and result.measurements_written == 2


def test_kolada_002_a_value_kolada_changed_is_updated_and_an_unchanged_one_left(world: World, bound: Bound) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        kolada_sync(actor=None, source=client(), group=world.group)
    changed = answer("data_N00945.json")
    changed["values"][1]["values"][2]["value"] = 23.3  # 0764 2024 T
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        routes["data"].mock(return_value=httpx.Response(200, json=changed))
        result = kolada_sync(actor=None, source=client(), group=world.group)
    assert Measurement.objects.get(indicator=bound.goal_indicator).value == Decimal("23.30")
    assert result.measurements_written == 2  # the goal's and the quality indicator's 2024; 2023 unchanged
    updated = AuditEvent.objects.filter(action="measurement.from_kolada").order_by("-pk").first()
    assert updated is not None and updated.before is not None and Decimal(updated.before["value"]) == Decimal("22.80")


def test_malformed_json_on_page_two_leaves_the_database_as_it_was(world: World, bound: Bound) -> None:
    events = AuditEvent.objects.count()
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        routes["kpi2"].mock(return_value=httpx.Response(200, content=b'{"count": 1, "values": [{"id"'))
        with pytest.raises(RuleViolation) as refused:
            kolada_sync(actor=None, source=client(), group=world.group)
    assert refused.value.code == "KOLADA-003"
    assert not KoladaKpi.objects.exists() and not KoladaValue.objects.exists() and not Measurement.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_failure_while_fetching_values_stores_no_catalogue_either(world: World, bound: Bound) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        routes["data"].mock(return_value=httpx.Response(500))
        with pytest.raises(RuleViolation, match="KOLADA-001"):
            kolada_sync(actor=None, source=client(), group=world.group)
    assert not KoladaKpi.objects.exists() and not Measurement.objects.exists()


def test_kolada_004_a_changed_definition_is_reported_for_the_bound_indicators(world: World, bound: Bound) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        kolada_sync(actor=None, source=client(), group=world.group, catalogue_only=True)
    reviewed = KoladaKpi.objects.get(id="N00945").metadata_hash
    bind(bound.goal_indicator, "N00945", reviewed)
    bind(bound.quality_indicator, "N00945", reviewed)
    page1 = answer("kpi_page1.json")
    page1["values"][0]["description"] = "Ny definition: dagar som tagits ut av män, andel."
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        routes["kpi"].mock(return_value=httpx.Response(200, json=page1))
        result = kolada_sync(actor=None, source=client(), group=world.group, catalogue_only=True)
    assert result.definitions_changed == ("N00945",) and result.needs_review == 2
    assert KoladaKpi.objects.get(id="N00945").definition_changed_at is not None
    assert not Measurement.objects.exists()  # catalogue only


@pytest.mark.parametrize("persona", ["outsider", "committee_politician", "auditor", "ks_politician"])
def test_only_ks_controllers_may_sync(world: World, bound: Bound, persona: str) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        with pytest.raises(NotAllowed):
            kolada_sync(actor=world.users[persona], source=client(), group=world.group)
    assert not any(r.called for r in routes.values()) and not KoladaKpi.objects.exists()


def test_the_command_syncs_every_group_with_settings(world: World, bound: Bound) -> None:
    out = io.StringIO()
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        call_command("kolada_sync", stdout=out)
    assert "Nyckeltal: 3 nya" in out.getvalue() and world.group.slug in out.getvalue()
    assert Measurement.objects.filter(source=ValueSource.KOLADA).count() == 3
    assert AuditEvent.objects.get(action="kolada.synced").actor is None


def test_the_command_catalogue_only_asks_for_no_values(world: World, bound: Bound) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        call_command("kolada_sync", "--catalogue-only", "--group", world.group.slug, stdout=io.StringIO())
    assert not routes["data"].called and KoladaKpi.objects.count() == 3 and not KoladaValue.objects.exists()


def test_the_command_imports_saved_answers_from_a_directory(world: World, bound: Bound, tmp_path: Path) -> None:
    for name in ["kpi_page1.json", "kpi_page2.json", "municipality.json", "municipality_group.json", "ou_0764.json", "data_N00945.json"]:
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    with respx.mock(assert_all_mocked=True) as mock:
        call_command("kolada_sync", "--from-dir", str(tmp_path), stdout=io.StringIO())
        assert not mock.calls
    assert KoladaKpi.objects.count() == 3 and Measurement.objects.filter(source=ValueSource.KOLADA).count() == 3


def test_the_command_names_a_broken_saved_file_and_writes_nothing(world: World, bound: Bound, tmp_path: Path) -> None:
    (tmp_path / "kpi.json").write_bytes((FIXTURES / "kpi_page1.json").read_bytes())
    (tmp_path / "trasig.json").write_text(json.dumps({"values": [{"kpi": "N00945", "municipality": "0764", "period": "x", "values": []}]}))
    with pytest.raises(CommandError) as refused:
        call_command("kolada_sync", "--from-dir", str(tmp_path), stdout=io.StringIO())
    assert "KOLADA-003" in str(refused.value) and "trasig.json" in str(refused.value)
    assert not KoladaKpi.objects.exists()


def test_the_command_refuses_an_unknown_group(world: World) -> None:
    with pytest.raises(CommandError, match="finns inte"):
        call_command("kolada_sync", "--group", "ingen-sadan", stdout=io.StringIO())


def test_the_command_says_kolada_001_when_kolada_is_down(world: World, bound: Bound, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOLADA_MAX_TRIES = 1
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{BASE}/kpi").mock(return_value=httpx.Response(502))
        with pytest.raises(CommandError, match="KOLADA-001"):
            call_command("kolada_sync", stdout=io.StringIO())


def test_a_group_without_settings_syncs_the_catalogue_and_remembers_it(world: World) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        result = kolada_sync(actor=world.users["ks_controller"], source=client(), group=world.group)
    assert not routes["data"].called and not routes["ou"].called
    assert result.kpis_created == 3 and result.synced_groups == ()
    assert AuditEvent.objects.get(action="kolada.synced").group == world.group


REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real" / "kolada"


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared real Kolada data is not here")
def test_the_real_saved_answers_import_offline_into_the_catalogue_and_values(world: World) -> None:
    """pykolada's v2 metadata, rKolada's catalogue and values (Stockholm's N00945 as the own
    municipality, Malmö and Göteborg to compare with) through the command's --from-dir."""
    from styr.followup.kolada_settings import kolada_settings_save
    from styr.planning.services import goal_create, indicator_create

    kolada_settings_save(actor=None, group=world.group, municipality="0180", comparison_municipalities=["1280", "1480"], first_year=2015)
    goal = goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Jämställd VAB", start_year=2018, end_year=2020)
    gi = indicator_create(actor=None, goal=goal, name="Mäns andel av VAB-dagar", baseline_year=2017, baseline_value=Decimal("30"))
    bind(gi, "N00945")
    out = io.StringIO()
    call_command("kolada_sync", "--from-dir", str(REAL), stdout=out)
    assert KoladaKpi.objects.count() == 5604 and KoladaMunicipality.objects.count() == 312 and KoladaMunicipalityGroup.objects.count() == 66
    assert KoladaOrgUnit.objects.filter(municipality="0764").count() == 0  # the units are Alvesta's; the own municipality here is 0180
    assert KoladaValue.objects.filter(kpi="N00945", year__gte=2015).values("municipality").distinct().count() == 3
    values = {m.period.year: m.value for m in Measurement.objects.filter(indicator=gi, source=ValueSource.KOLADA)}
    assert sorted(values) == [2017, 2018, 2019, 2020]
    real_2020 = KoladaValue.objects.get(kpi="N00945", municipality="0180", year=2020, gender="T").value
    assert real_2020 is not None and values[2020] == real_2020.quantize(Decimal("0.01"))
