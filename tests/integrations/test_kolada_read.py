"""Kolada's answers read through one adapter (issue 13 §1): v3 answers (fixtures), the real v2
metadata pykolada saved and the values and catalogue rKolada saved (../shared/data/real/kolada/,
skipped when absent), and offline answers from a directory or a zip (KOLADA-003, KOLADA-005)."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from styr.domain import kolada_read
from styr.domain.errors import RuleViolation
from styr.integrations import kolada_offline
from styr.integrations.kolada_offline import SavedAnswers
from tests.integrations.kolada_answers import FIXTURES

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real" / "kolada"
real = pytest.mark.skipif(not REAL.is_dir(), reason="the shared real Kolada data is not here")


@real
def test_the_real_catalogue_of_5604_kpis_loads_through_the_adapter() -> None:
    kpis = kolada_read.kpis_from_csv((REAL / "rkolada_kpi_df.csv").read_text(encoding="utf-8"), source="rkolada_kpi_df.csv")
    assert len(kpis) == 5604 and len({k.id for k in kpis}) == 5604
    by_id = {k.id: k for k in kpis}
    assert by_id["N01951"].title == "Invånare  totalt, antal" and by_id["N01951"].operating_area == "Befolkning"
    assert by_id["N01951"].municipality_type == "A"
    assert by_id["N00003"].title == "Personalkostnader, kr/inv" and str(by_id["N00003"].publication_date) == "2023-08-31"
    assert len({k.metadata_hash() for k in kpis}) > 5000


@real
def test_the_real_values_of_n00945_for_stockholm_malmo_and_goteborg() -> None:
    csv_values = kolada_read.values_from_csv((REAL / "rkolada_n00945.csv").read_text(encoding="utf-8"), source="rkolada_n00945.csv")
    assert len(csv_values) == 75 and {v.municipality for v in csv_values} == {"0180", "1280", "1480"}
    assert sum(1 for v in csv_values if v.value is not None) == 69 and {v.gender for v in csv_values} == {"T"}
    saved = SavedAnswers()
    saved.add_file("v2.json", (REAL / "RECONSTRUCTED_v2shape_N00945_0180_1280_1480.json").read_bytes())
    v2 = {(v.municipality, v.year, v.gender): v.value for v in saved.saved.values}
    assert v2 == {(v.municipality, v.year, v.gender): v.value for v in csv_values}
    assert saved.values(["N00945"], ["1480"], [2020])[0].value == v2[("1480", 2020, "T")]


@real
def test_the_real_group_values_read() -> None:
    values = kolada_read.values_from_csv((REAL / "rkolada_grp_data.csv").read_text(encoding="utf-8"))
    assert len(values) == 256 and {v.kpi for v in values} == {"N03700", "N03701", "N03702", "N03703"}


@real
def test_the_real_v2_metadata_pykolada_saved_is_read_by_kind() -> None:
    saved = SavedAnswers.from_dir(REAL)
    assert len(saved.saved.municipalities) == 312 and {"0764"} <= {m.id for m in saved.saved.municipalities}
    assert len(saved.saved.groups) == 66 and all("0764" in g.members for g in saved.saved.groups)
    assert len(saved.saved.org_units) == 58 and saved.org_units("0764")[0].municipality == "0764"
    assert len(saved.saved.kpis) == 5604  # rKolada's catalogue; the KPI groups are not municipality groups
    assert len(saved.saved.values) == 75 + 256 + 75


def test_a_v3_value_answer_keeps_each_gender() -> None:
    data = json.loads((FIXTURES / "data_N00945.json").read_text(encoding="utf-8"))
    values = kolada_read.values(kolada_read.answer_values(data))
    assert len(values) == 18
    assert {(v.gender, v.value) for v in values if v.municipality == "0764" and v.year == 2023} == {
        ("T", Decimal("21.4")),
        ("K", Decimal("20.1")),
        ("M", Decimal("22.9")),
    }


def test_kinds_are_told_apart() -> None:
    for name, kind in [
        ("kpi_page1.json", kolada_read.KPIS),
        ("municipality.json", kolada_read.MUNICIPALITIES),
        ("municipality_group.json", kolada_read.GROUPS),
        ("ou_0764.json", kolada_read.ORG_UNITS),
        ("data_N00945.json", kolada_read.VALUES),
    ]:
        assert kolada_read.kind_of(kolada_read.answer_values(json.loads((FIXTURES / name).read_text(encoding="utf-8")))) == kind
    assert kolada_read.kind_of([{"id": "G2KPI1", "title": "Befolkning", "members": [{"member_id": "N01951", "member_title": "x"}]}]) == kolada_read.KPI_GROUPS


def test_an_offline_directory_is_read_whole(tmp_path: Path) -> None:
    for name in ["kpi_page1.json", "kpi_page2.json", "municipality.json", "data_N00945.json"]:
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    saved = SavedAnswers.from_dir(tmp_path)
    assert len(saved.kpis()) == 3 and len(saved.municipalities()) == 4
    assert len(saved.values(["N00945"], ["0764"], [2024])) == 3


def test_a_broken_file_is_named_in_the_error(tmp_path: Path) -> None:
    (tmp_path / "a_ok.json").write_bytes((FIXTURES / "municipality.json").read_bytes())
    (tmp_path / "b_broken.json").write_text('{"values": [', encoding="utf-8")
    with pytest.raises(RuleViolation) as refused:
        SavedAnswers.from_dir(tmp_path)
    assert refused.value.code == "KOLADA-003" and refused.value.source == "b_broken.json"


def test_an_unknown_shape_is_kolada_003(tmp_path: Path) -> None:
    (tmp_path / "odd.json").write_text('{"values": [{"colour": "blue"}]}', encoding="utf-8")
    with pytest.raises(RuleViolation, match="KOLADA-003"):
        SavedAnswers.from_dir(tmp_path)


def test_a_zip_is_read_and_a_zip_bomb_stops_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("kolada/municipality.json", (FIXTURES / "municipality.json").read_bytes())
    saved = SavedAnswers.from_uploads([("svar.zip", packed.getvalue())])
    assert saved.files == ["svar.zip/kolada/municipality.json"]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.json", b" " * 2_000_000)
    assert len(bomb.getvalue()) < 20_000
    monkeypatch.setattr(kolada_offline, "MAX_FILE_BYTES", 1_000_000)
    with pytest.raises(RuleViolation) as refused:
        SavedAnswers.from_uploads([("bomb.zip", bomb.getvalue())])
    assert refused.value.code == "KOLADA-005" and refused.value.source == "bomb.zip/big.json"
