"""The reserve across the law change of 2024 (kommunallagen 11 kap. 14 §, prop. 2022/23:119
"Effektiv ekonomistyrning i kommuner och regioner", adopted by the Riksdag on 25 October 2023):
the result equalisation reserve (resultatutjämningsreserv) up to 2023, the result reserve
(resultatreserv) with its 5 % cap from 2024 (BAL-014), an existing reserve kept beside it under
the old rules, and the preset's dated rows that say so (BAL-010).

Sources: https://lagen.nu/prop/2022/23:119 , https://data.riksdagen.se/dokument/HA03119.html ,
SKR's summary of the decision
https://webbutik.skr.se/skr/ekonomijuridik/ekonomi/godekonomiskhushallning/utredninggodkommunalhushallning.68641.html
(the 5 % cap "gäller alltså den nya resultatreserven och avser alltså inte en eventuell RUR").

The figures are made up and checked by hand in tkr; tax revenue and general grants (T) is
1 000 000 in 2023, 1 040 000 in 2024, 1 060 000 in 2025 and 1 100 000 in 2026."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from styr.domain.balance_requirement import YearInputs, run_chain, statement_lines
from styr.domain.balance_settings import LAW_DEFAULT, RER, RUR, parse_balance_settings
from styr.domain.errors import RuleViolation
from styr.domain.presets import load_preset_file

ROOT = Path(__file__).resolve().parents[2]
ALVESTA = load_preset_file(ROOT / "presets" / "alvesta-2020.yaml").model.balance_requirement
CEILINGS = {year: ALVESTA.ceiling_for(year) for year in range(2020, 2030)}

Y2023 = YearInputs(2023, D(30000), tax_and_grants=D(1000000), reserve_provision=D(15000))
Y2024 = YearInputs(2024, D(70000), tax_and_grants=D(1040000), reserve_provision=D(52000))
Y2025 = YearInputs(2025, D(-20000), tax_and_grants=D(1060000), legacy_reserve_use=D(12000), reserve_use=D(30000))
Y2026 = YearInputs(2026, D(40000), tax_and_grants=D(1100000), reserve_use=D(5000))


def labels(chain_year: object) -> dict[str, str]:
    return {line.key: line.label_sv for line in chain_year.lines}  # type: ignore[attr-defined]


def test_the_preset_holds_both_rules_as_dated_rows() -> None:
    """Alvesta's preset: the 2013 row (resultatutjämningsreserv, no cap, use only against a negative
    result) in force up to 2023, the 2024 row (resultatreserv, 5 %, use as the council's guidelines
    say) from 2024; the law's default for a model stored before the section reads the same."""
    old, new = ALVESTA.ceiling_for(2023), ALVESTA.ceiling_for(2024)
    assert old is not None and new is not None
    assert (old.reserve_name, old.cap_share_of_tax_revenue, old.use_only_against_negative_result) == (RUR, None, True)
    assert (new.reserve_name, new.cap_share_of_tax_revenue, new.use_only_against_negative_result) == (RER, D(5), False)
    assert (new.share_of_tax_revenue, new.share_when_equity_incl_pensions_negative) == (D(1), D(2))
    assert ALVESTA.reserve_ceilings == LAW_DEFAULT.reserve_ceilings


def test_across_2023_to_2024_the_rur_is_kept_and_the_result_reserve_capped_bal_014() -> None:
    """2023, old rule: 1 % of T = 10 000, room 20 000, 15 000 to the RUR (10 000 → 25 000).
    2024, new rule: the RUR's 25 000 is kept beside the result reserve, which opens at 0; 1 % of T =
    10 400 leaves 59 600, the cap 5 % of T = 52 000 allows 52 000 (room min(59 600, 52 000));
    balanskravsresultat 70 000 − 52 000 = 18 000.
    2025: −20 000 after adjustments; 12 000 from the kept RUR (old rules: ≤ 20 000, ≤ 25 000) and
    30 000 from the result reserve (the council's guidelines, no condition in law) give 22 000; the
    RUR closes at 13 000, the result reserve at 22 000 (cap 53 000).
    2026: the result reserve used (5 000) with a positive result, which the 2013 rule forbade."""
    chain = run_chain([Y2023, Y2024, Y2025, Y2026], reserve_opening=D(10000), ceilings=CEILINGS)
    y23, y24, y25, y26 = chain.years
    assert (y23.reserve_name, y23.reserve_room, y23.reserve_closing, y23.balance_result, y23.reserve_cap) == (RUR, D(20000), D(25000), D(15000), None)
    assert y23.legacy_name is None and "legacy_reserve_use" not in labels(y23)
    assert labels(y23)["reserve_provision"] == "Reservering till resultatutjämningsreserv"
    assert (y24.reserve_name, y24.legacy_name) == (RER, RUR)
    assert (y24.legacy_reserve_opening, y24.legacy_reserve_closing, y24.reserve_opening, y24.reserve_closing) == (D(25000), D(25000), D(0), D(52000))
    assert (y24.reserve_cap, y24.reserve_room, y24.balance_result) == (D(52000), D(52000), D(18000))
    assert labels(y24)["reserve_provision"] == "Reservering till resultatreserv"
    assert labels(y24)["reserve_use"] == "Användning av medel från resultatreserv"
    assert labels(y24)["legacy_reserve_use"] == "Användning av medel från resultatutjämningsreserv"
    assert (y25.result_after, y25.balance_result, y25.legacy_reserve_closing, y25.reserve_closing, y25.reserve_cap) == (
        D(-20000),
        D(22000),
        D(13000),
        D(22000),
        D(53000),
    )
    assert {line.key: line.amount for line in y25.lines}["legacy_reserve_use"] == D(12000)
    assert (y26.balance_result, y26.reserve_closing, y26.legacy_reserve_closing) == (D(45000), D(17000), D(13000))
    assert chain.deficits == ()
    with pytest.raises(RuleViolation) as err:
        run_chain([Y2023, YearInputs(2024, D(70000), tax_and_grants=D(1040000), reserve_provision=D(52001))], reserve_opening=D(10000), ceilings=CEILINGS)
    assert err.value.code == "BAL-014" and err.value.field == "reserve_provision"


def test_up_to_2023_the_old_rule_applies_no_cap_and_use_only_against_a_negative_result() -> None:
    """2023 under the 2013 rule: 60 000 + 20 000 = 80 000 in the RUR, above 5 % of T (50 000), is
    allowed (BAL-014 has no cap to apply); using it with a positive result is BAL-002."""
    chain = run_chain([YearInputs(2023, D(30000), tax_and_grants=D(1000000), reserve_provision=D(20000))], reserve_opening=D(60000), ceilings=CEILINGS)
    assert chain.years[0].reserve_closing == D(80000) and chain.years[0].reserve_cap is None
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2023, D(30000), reserve_use=D(1))], reserve_opening=D(60000), ceilings=CEILINGS)
    assert err.value.code == "BAL-002"


def test_the_kept_rur_is_used_under_the_old_rules_bal_002_to_bal_004() -> None:
    """A chain that starts in 2024 with 25 000 kept in the RUR: its use is limited to the negative
    result after adjustments (BAL-002, BAL-003) and to its balance (BAL-004)."""
    start = {"reserve_opening": D(0), "legacy_reserve_opening": D(25000), "ceilings": CEILINGS}
    chain = run_chain([YearInputs(2024, D(-20000), legacy_reserve_use=D(20000))], **start)  # type: ignore[arg-type]
    assert (chain.years[0].balance_result, chain.years[0].legacy_reserve_closing, chain.years[0].legacy_name) == (D(0), D(5000), RUR)
    for inputs, code in (
        (YearInputs(2024, D(10000), legacy_reserve_use=D(1)), "BAL-002"),
        (YearInputs(2024, D(-20000), legacy_reserve_use=D(21000)), "BAL-003"),
        (YearInputs(2024, D(-30000), legacy_reserve_use=D(26000)), "BAL-004"),
        (YearInputs(2024, D(-30000), reserve_use=D(1)), "BAL-004"),
        (YearInputs(2024, D(5), legacy_reserve_use=D(-1)), "BAL-008"),
    ):
        with pytest.raises(RuleViolation) as err:
            run_chain([inputs], **start)  # type: ignore[arg-type]
        assert err.value.code == code and (err.value.field or "").endswith("reserve_use")


def test_bal_014_a_reserve_above_its_cap_after_falling_tax_revenue_takes_no_more() -> None:
    """Result reserve 60 000 with T = 1 100 000 (cap 55 000): the year may keep it (no provision),
    but a provision of 1 is refused, and the room shown is 0."""
    kept = run_chain([YearInputs(2026, D(40000), tax_and_grants=D(1100000))], reserve_opening=D(60000), ceilings=CEILINGS)
    assert (kept.years[0].reserve_closing, kept.years[0].reserve_room) == (D(60000), D(0))
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2026, D(40000), tax_and_grants=D(1100000), reserve_provision=D(1))], reserve_opening=D(60000), ceilings=CEILINGS)
    assert err.value.code == "BAL-014"


def test_bal_010_the_reserve_rows_optional_keys() -> None:
    """reserve_name, cap_share_of_tax_revenue and use_only_against_negative_result are optional
    (a row without them is the 2013 rule) and checked; the stored mapping reads back the same."""
    base = {"from": "2024-01-01", "share_of_tax_revenue": 1, "share_when_equity_incl_pensions_negative": 2}
    plain = parse_balance_settings({"reserve_ceilings": [base]}).ceiling_for(2024)
    assert plain is not None and (plain.reserve_name, plain.cap_share_of_tax_revenue, plain.use_only_against_negative_result) == (RUR, None, True)
    assert parse_balance_settings(
        {"reserve_ceilings": [dict(base, reserve_name="resultatreserv", cap_share_of_tax_revenue="5", use_only_against_negative_result=False)]}
    ) == parse_balance_settings({"reserve_ceilings": [{**base, "reserve_name": RER, "cap_share_of_tax_revenue": 5, "use_only_against_negative_result": False}]})
    for bad in ({"reserve_name": "fond"}, {"cap_share_of_tax_revenue": 101}, {"use_only_against_negative_result": "ja"}, {"cap": 5}):
        with pytest.raises(RuleViolation) as err:
            parse_balance_settings({"reserve_ceilings": [{**base, **bad}]})
        assert err.value.code == "BAL-010"


def test_statement_lines_keep_the_2013_labels_by_default() -> None:
    lines = {line.key: line.label_sv for line in statement_lines(YearInputs(2020, D(1)))}
    assert lines["reserve_use"] == "Användning av medel från resultatutjämningsreserv" and "legacy_reserve_use" not in lines
