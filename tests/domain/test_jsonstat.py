"""SCB's population table read into cells (issue 10 §1, POP-005, POP-006): the recorded real
answers in ../shared (both API versions give the same cell) and Styr's own fixtures."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styr.domain.errors import RuleViolation
from styr.domain.jsonstat import (
    PopulationCell,
    population_cells,
    population_from_jsonstat2,
    population_from_v1,
    read_jsonstat2,
    read_v1,
    residents,
    totals_by,
)

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "data" / "real" / "scb"
FIXTURES = ROOT / "tests" / "fixtures" / "scb"
V2_ALVESTA = FIXTURES / "v2_TAB638_alvesta_0764_2022-2024.json"
V1_ALVESTA = FIXTURES / "v1_BefolkningNy_alvesta_0764_2022-2024.json"

V2_SHAPE = json.loads(V2_ALVESTA.read_text(encoding="utf-8"))
shared = pytest.mark.shared
needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/real/scb is not here")


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def real(name: str) -> Any:
    return load(REAL / name)


@shared
@needs_shared
def test_the_real_v1_and_v2_answers_give_the_same_cell_50937() -> None:
    v2 = population_from_jsonstat2(real("scb_v2_TAB638_data_POST_35e0e2-5aec69_riket_ogifta_0ar_man_2024.json"))
    v1 = population_from_v1(real("scb_v1_BefolkningNy_POST_3e8562_riket_ogifta_0ar_man_2024.json"))
    assert v2 == v1 == [PopulationCell(region="00", year=2024, age=0, count=50937)]


@shared
@needs_shared
def test_the_real_v1_answers_give_their_documented_values() -> None:
    riket = read_v1(real("scb_v1_BefolkningNy_POST_b51455_riket_2010-2012.json"))
    assert totals_by(riket, "Tid") == {("2010",): 9415570, ("2011",): 9482855, ("2012",): 9555893}
    assert totals_by(riket, "Tid", contents="BE0101N2") == {("2010",): 74888, ("2011",): 67285, ("2012",): 73038}
    civil = totals_by(read_v1(real("scb_v1_BefolkningNy_POST_21059a_civilstand_2015-2017.json")), "Civilstand", "Tid")
    assert len(civil) == 12 and civil[("OG", "2017")] == 5347489 and civil[("ÄNKL", "2015")] == 444759
    one_year = {"2015": "scb_v1_BefolkningNy_POST_74adc2_civilstand_2015.json", "2016": "scb_v1_BefolkningNy_POST_4f411e_civilstand_2016.json"}
    for year, name in one_year.items():
        alone = totals_by(read_v1(real(name)), "Civilstand", "Tid")
        assert alone == {key: value for key, value in civil.items() if key[1] == year}
    assert totals_by(read_v1(real("scb_v1_BefolkningNy_POST_e57f52_man_2017.json")), "Kon", "Tid") == {("1", "2017"): 5082662}


@shared
@needs_shared
def test_a_real_table_without_ages_is_refused_as_a_population_by_age_pop_006() -> None:
    with pytest.raises(RuleViolation) as error:
        population_from_v1(real("scb_v1_BefolkningNy_POST_b51455_riket_2010-2012.json"))
    assert error.value.code == "POP-006" and error.value.detail == {"missing": "Alder"}


def test_the_fixtures_of_alvesta_give_the_same_cells_in_both_versions() -> None:
    v2 = population_from_jsonstat2(load(V2_ALVESTA), region="9999")
    v1 = population_from_v1(load(V1_ALVESTA))
    assert v2 == v1
    assert {c.region for c in v2} == {"0764"} and {c.year for c in v2} == {2022, 2023, 2024}
    assert sorted({c.age for c in v2}) == list(range(101))
    assert [residents(v2, year=y) for y in (2022, 2023, 2024)] == [20989, 21201, 21084]
    assert next(c.count for c in v2 if (c.year, c.age) == (2022, 0)) == 249
    assert sum(c.count for c in v2 if c.year == 2024 and 6 <= c.age <= 15) == 2260


def test_sex_is_summed_and_100_plus_is_age_100() -> None:
    data = load(V2_ALVESTA)
    table = read_jsonstat2(data)
    men_and_women = [o for o in table.observations if o.codes["Alder"] == "100+" and o.codes["Tid"] == "2024"]
    assert {o.codes["Kon"] for o in men_and_women} == {"1", "2"}
    cells = population_cells(table)
    assert next(c.count for c in cells if (c.year, c.age) == (2024, 100)) == sum(o.value for o in men_and_women)


def test_an_eliminated_region_is_the_region_asked_for() -> None:
    data = load(V2_ALVESTA)
    data["id"] = data["id"][1:]
    data["size"] = data["size"][1:]
    del data["dimension"]["Region"]
    assert {c.region for c in population_from_jsonstat2(data, region="0764")} == {"0764"}


def test_the_total_age_is_left_out_and_missing_values_skipped() -> None:
    answer = {
        "columns": [{"code": "Alder", "type": "d"}, {"code": "Tid", "type": "t"}, {"code": "BE0101N1", "type": "c"}],
        "data": [
            {"key": ["0", "2024"], "values": ["10"]},
            {"key": ["100+", "2024"], "values": ["2"]},
            {"key": ["tot", "2024"], "values": ["12"]},
            {"key": ["1", "2024"], "values": [".."]},
        ],
    }
    assert population_from_v1(answer, region="0764") == [PopulationCell("0764", 2024, 0, 10), PopulationCell("0764", 2024, 100, 2)]
    assert totals_by(read_v1(answer), "Tid") == {("2024",): 12}


def test_a_sparse_value_object_is_read_by_index() -> None:
    data = load(V2_ALVESTA)
    data["value"] = {"0": 5, "3": 7}  # age 0: men 2022, women 2022
    assert population_from_jsonstat2(data) == [PopulationCell("0764", 2022, 0, 12)]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d.update({"class": "collection"}),
        lambda d: d.update({"version": "1.0"}),
        lambda d: d.update({"value": d["value"][:-1]}),
        lambda d: d.update({"size": d["size"][:-1]}),
        lambda d: d["dimension"]["Tid"].pop("category"),
        lambda d: d["dimension"]["Tid"]["category"].update({"index": {"2022": 0, "2023": 1, "2024": 7}}),
        lambda d: d.update({"value": ["många"] * len(d["value"])}),
        lambda d: d.update({"value": None}),
    ],
)
def test_an_answer_that_is_not_json_stat_2_is_refused_pop_005(spoil: Any) -> None:
    data = load(V2_ALVESTA)
    spoil(data)
    with pytest.raises(RuleViolation) as error:
        population_from_jsonstat2(data)
    assert error.value.code == "POP-005"


def test_a_v1_answer_is_not_a_json_stat_dataset_and_the_reverse_pop_005() -> None:
    with pytest.raises(RuleViolation) as error:
        population_from_jsonstat2(load(V1_ALVESTA))
    assert error.value.code == "POP-005"
    with pytest.raises(RuleViolation) as error:
        population_from_v1(load(V2_ALVESTA))
    assert error.value.code == "POP-005"
    broken = load(V1_ALVESTA)
    broken["data"][0]["key"] = ["0764", "0"]
    with pytest.raises(RuleViolation) as error:
        population_from_v1(broken)
    assert error.value.code == "POP-005"


def test_a_table_without_age_year_or_folkmangd_is_refused_pop_006() -> None:
    data = load(V1_ALVESTA)
    data["columns"][-1]["code"] = "BE0101N2"
    with pytest.raises(RuleViolation) as error:
        population_from_v1(data)
    assert error.value.code == "POP-006" and error.value.detail == {"contents": "BE0101N1"}
    monthly = load(V1_ALVESTA)
    monthly["data"][0]["key"][3] = "2024M01"
    with pytest.raises(RuleViolation) as error:
        population_from_v1(monthly)
    assert error.value.code == "POP-006" and error.value.detail == {"period": "2024M01"}
    odd = load(V1_ALVESTA)
    odd["data"][0]["key"][1] = "-1"
    with pytest.raises(RuleViolation) as error:
        population_from_v1(odd)
    assert error.value.code == "POP-006" and error.value.detail == {"age": "-1"}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.tuples(st.integers(0, 100), st.sampled_from(["1", "2"])), st.integers(0, 500), min_size=1, max_size=20))
def test_v1_and_json_stat_2_of_the_same_cube_give_the_same_cells(value: dict[tuple[int, str], int]) -> None:
    """Any cube of ages × sexes in one year, written both ways, reads to the same cells."""
    ages = sorted({a for a, _k in value})
    code = {a: "100+" if a == 100 else str(a) for a in ages}
    v1 = {
        "columns": [{"code": "Alder", "type": "d"}, {"code": "Kon", "type": "d"}, {"code": "Tid", "type": "t"}, {"code": "BE0101N1", "type": "c"}],
        "data": [{"key": [code[a], k, "2025"], "values": [str(value.get((a, k), 0))]} for a in ages for k in ("1", "2")],
    }
    v2 = copy.deepcopy(V2_SHAPE)
    v2["id"], v2["size"] = ["Alder", "Kon", "Tid"], [len(ages), 2, 1]
    v2["dimension"] = {
        "Alder": {"category": {"index": [code[a] for a in ages]}},
        "Kon": {"category": {"index": {"1": 0, "2": 1}}},
        "Tid": {"category": {"label": {"2025": "2025"}}},
    }
    v2["value"] = [value.get((a, k), 0) for a in ages for k in ("1", "2")]
    cells = population_from_v1(v1, region="0764")
    assert cells == population_from_jsonstat2(v2, region="0764")
    assert residents(cells) == sum(value.values())
