"""The balance requirement (kommunallagen 11 kap. 10–14 §§): published balanskravsutredningar
reproduced to the unit they were published in, a chain of years with a deficit and its restoration,
and the reserve's rules BAL-001…BAL-006, BAL-008…BAL-010."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from styr.domain.balance_deficits import DeficitDecisions
from styr.domain.balance_requirement import YearInputs, run_chain, statement_lines
from styr.domain.balance_settings import LAW_DEFAULT, BalanceSettings, ReserveCeiling, balance_settings_to_mapping, parse_balance_settings
from styr.domain.errors import RuleViolation

RUR_2013 = ReserveCeiling(date(2013, 1, 1), D(1), D(2))


def amounts(year: YearInputs) -> dict[str, D]:
    return {line.key: line.amount for line in statement_lines(year)}


VANSBRO = [
    YearInputs(2015, D(8960), realisation_gains=D(280), reserve_provision=D(4904)),
    YearInputs(2016, D(6877), reserve_provision=D(2882)),
    YearInputs(2017, D(-3617), realisation_gains=D(57)),
    YearInputs(2018, D(-13507), reserve_use=D(7786)),
    YearInputs(2019, D(-35507)),
]


def test_vansbro_2015_to_2019_reproduced_to_the_thousand_kronor() -> None:
    """Vansbro kommun, årsredovisning 2019, "Balanskravsresultat" (tkr):
    https://finansiellinfo.se/Vansbro_2019/Balanskravsresultat.html

    Five chained years: provisions to RUR in 2015 (4 904) and 2016 (2 882), the whole reserve
    (7 786) used in 2018 to cover part of a negative result (BAL-003, BAL-004 hold with equality),
    deficits in 2017 (−3 674, restore by 2020), 2018 (−5 721, by 2021) and 2019 (−35 507), where
    the council decided on synnerliga skäl not to restore 16 064 and to restore the remaining
    19 443 over a longer time, by 2025. The published closing balance of open deficits is −28 838.
    The table does not show the reserve before 2015; it starts here at 0, which the published use of
    exactly the two provisions bears out. Tax revenue is not in the table, so the ceiling (BAL-001)
    is not checked (``reserve_room`` is None)."""
    chain = run_chain(
        VANSBRO,
        ceilings={y: RUR_2013 for y in range(2015, 2020)},
        decisions={2019: DeficitDecisions(has_waiver_decision=True, waived=D(16064), deadline_year=2025)},
    )
    assert [y.result_after for y in chain.years] == [D(8680), D(6877), D(-3674), D(-13507), D(-35507)]
    assert [y.balance_result for y in chain.years] == [D(3776), D(3995), D(-3674), D(-5721), D(-35507)]
    assert [y.reserve_closing for y in chain.years] == [D(4904), D(7786), D(7786), D(0), D(0)]
    assert amounts(VANSBRO[0])["realisation_gains"] == D(-280) and amounts(VANSBRO[0])["reserve_provision"] == D(-4904)
    assert amounts(VANSBRO[3])["reserve_use"] == D(7786)
    assert chain.years[0].reserve_room is None
    assert [(d.origin_year, d.amount, d.deadline_year, d.open) for d in chain.deficits] == [
        (2017, D(3674), 2020, D(3674)),
        (2018, D(5721), 2021, D(5721)),
        (2019, D(35507), 2025, D(19443)),
    ]
    # "Ingående balans ackumulerade ej återställda negativa resultat": 0, −3 674, −9 395; utgående −28 838
    assert [y.deficits_opening for y in chain.years[2:]] == [D(0), D(3674), D(9395)]
    assert chain.years[-1].deficits_closing == D(28838)
    assert not any(d.overdue for d in chain.deficits)


MALMO = [
    YearInputs(2014, D(-149), realisation_gains=D(56), reserve_use=D(12)),
    YearInputs(2015, D(563), realisation_gains=D(23), reserve_provision=D(185)),
]


def test_malmo_deficit_of_2014_restored_in_2015_reproduced_to_the_million() -> None:
    """Malmö stad, årsredovisning 2015, "Balanskrav" (mnkr):
    http://redovisningar.malmo.se/2015/arsredovisning-2015/forvaltningsberattelse/balanskrav/
    and "Återställning av negativt balanskravsresultat 2014" on the same site.

    2014: −149 − 56 = −205 after adjustments, 12 from the reserve, balanskravsresultat −193 to
    restore by 2017. 2015: 563 − 23 = 540, 185 to the reserve, balanskravsresultat 355, of which 193
    restores 2014's deficit ("SUMMA 162", "att återställa 0"). The table does not give the reserve's
    opening balance; any balance of at least 12 gives the same rows, so 12 is used."""
    chain = run_chain(MALMO, reserve_opening=D(12), ceilings={2014: RUR_2013, 2015: RUR_2013})
    y2014, y2015 = chain.years
    assert (y2014.result_after, y2014.balance_result, y2014.deficits_closing) == (D(-205), D(-193), D(193))
    assert (y2015.result_after, y2015.balance_result) == (D(540), D(355))
    assert (y2015.deficits_opening, y2015.restored, y2015.balance_result - y2015.restored, y2015.deficits_closing) == (D(193), D(193), D(162), D(0))
    deficit = chain.deficit(2014)
    assert deficit.deadline_year == 2017 and deficit.restorations == ((2015, D(193)),) and deficit.open == 0 and not deficit.overdue


def test_hallsberg_2019_provision_within_the_one_per_cent_ceiling() -> None:
    """Hallsbergs kommun, årsredovisning 2019, "Resultaträkning" with its balanskravsutredning (mnkr):
    https://www.finansiellinfo.se/Hallsberg_2019/Resultatrakning.html

    Result after adjustments 42, skatteintäkter 705 + generella statsbidrag och utjämning 212 = 917;
    1 % of it is 9.17, so up to 32.83 may go to RUR; Hallsberg provided 15 (balanskravsresultat 27).
    33 would be above the ceiling (BAL-001). Had equity incl. pensions been negative, 2 % applies:
    42 − 18.34 = 23.66."""
    year = YearInputs(2019, D(42), reserve_provision=D(15), tax_and_grants=D(917))
    chain = run_chain([year], ceilings={2019: RUR_2013})
    assert chain.years[0].balance_result == D(27)
    assert chain.years[0].reserve_room == D("32.83")
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2019, D(42), reserve_provision=D(33), tax_and_grants=D(917))], ceilings={2019: RUR_2013})
    assert err.value.code == "BAL-001"
    negative = YearInputs(2019, D(42), reserve_provision=D(15), tax_and_grants=D(917), equity_incl_pensions=D(-1))
    assert run_chain([negative], ceilings={2019: RUR_2013}).years[0].reserve_room == D("23.66")


def test_bal_001_no_provision_without_a_ceiling_in_force_or_without_a_surplus() -> None:
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2012, D(100), reserve_provision=D(1))], ceilings={2012: None})
    assert err.value.code == "BAL-001"
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2020, D(-5), reserve_provision=D(1))], ceilings={2020: RUR_2013})
    assert err.value.code == "BAL-001"


def test_bal_002_bal_003_bal_004_use_of_the_reserve() -> None:
    ceilings = {2020: RUR_2013}
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2020, D(10), reserve_use=D(1))], reserve_opening=D(50), ceilings=ceilings)
    assert err.value.code == "BAL-002"
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2020, D(-10), reserve_use=D(11))], reserve_opening=D(50), ceilings=ceilings)
    assert err.value.code == "BAL-003"
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2020, D(-10), reserve_use=D(8))], reserve_opening=D(7), ceilings=ceilings)
    assert err.value.code == "BAL-004"


def test_bal_005_an_open_deficit_past_its_deadline_is_flagged_and_restoration_takes_the_oldest_first() -> None:
    years = [YearInputs(2020, D(-10)), YearInputs(2021, D(-4)), YearInputs(2022, D(3)), YearInputs(2023, D(2))]
    chain = run_chain(years, decisions={2020: DeficitDecisions(has_recovery_plan=True)})
    first, second = chain.deficits
    assert first.restorations == ((2022, D(3)), (2023, D(2))) and first.open == D(5) and first.overdue and first.has_recovery_plan
    assert second.restorations == () and second.open == D(4) and not second.overdue


def test_bal_006_synnerliga_skal_need_the_councils_decision() -> None:
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2020, D(-10))], decisions={2020: DeficitDecisions(waived=D(10))})
    assert err.value.code == "BAL-006"
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2020, D(-10))], decisions={2020: DeficitDecisions(has_waiver_decision=True, waived=D(11))})
    assert err.value.code == "BAL-006"
    waived = run_chain([YearInputs(2020, D(-10))], decisions={2020: DeficitDecisions(has_waiver_decision=True, waived=D(10))})
    assert waived.deficit(2020).open == 0 and not waived.deficit(2020).overdue


def test_bal_008_amounts_without_their_sign_and_bal_009_consecutive_years() -> None:
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2020, D(5), realisation_gains=D(-1))])
    assert err.value.code == "BAL-008"
    with pytest.raises(RuleViolation) as err:
        run_chain([YearInputs(2020, D(5)), YearInputs(2022, D(5))])
    assert err.value.code == "BAL-009"


def test_bal_010_the_presets_dated_ceilings_a_law_change_is_a_new_row() -> None:
    settings = parse_balance_settings(
        {
            "reserve_ceilings": [
                {"from": date(2013, 1, 1), "share_of_tax_revenue": 1, "share_when_equity_incl_pensions_negative": 2},
                {"from": "2030-01-01", "share_of_tax_revenue": "0.5", "share_when_equity_incl_pensions_negative": 1},
            ],
            "realisation_gain_accounts": ["38", "843"],
        }
    )
    assert settings.ceiling_for(2012) is None
    assert settings.ceiling_for(2029) == RUR_2013
    assert settings.ceiling_for(2030) == ReserveCeiling(date(2030, 1, 1), D("0.5"), D(1))
    assert settings.is_realisation_gain_account("3811") and settings.is_realisation_gain_account("843")
    assert not settings.is_realisation_gain_account("3611")
    assert parse_balance_settings(balance_settings_to_mapping(settings)) == settings
    # a stored model from before the section reads the law as it stands
    assert parse_balance_settings(None) == LAW_DEFAULT and LAW_DEFAULT.ceiling_for(2020) == RUR_2013
    assert parse_balance_settings({}) == BalanceSettings()
    broken: dict[str, Any]
    for broken in (
        {"reserve_ceilings": [{"from": "2013-01-01", "share_of_tax_revenue": 1}]},
        {"reserve_ceilings": [{"from": "igår", "share_of_tax_revenue": 1, "share_when_equity_incl_pensions_negative": 2}]},
        {"reserve_ceiling": []},
    ):
        with pytest.raises(RuleViolation) as err:
            parse_balance_settings(broken)
        assert err.value.code == "BAL-010"
