"""This year's risks, plans and results of the parent company and its four subsidiaries (made up)."""

from __future__ import annotations

from datetime import date

from styr.demo.internal_control_data.risks_utilities import energi, renhallning, utveckling
from styr.demo.internal_control_data.shapes import (
    ActionData,
    ControlData,
    PlannedControl,
    ResultData,
    RiskData,
    Score,
    deviation,
)


def company_risks(year: int) -> dict[str, tuple[RiskData, ...]]:
    """The risks of each company board for ``year``, by the company's name."""
    return {
        "Alvesta Kommunföretag AB": _akf(year),
        "AllboHus Fastighets AB": _allbohus(year),
        "Alvesta Energi AB": energi(year),
        "Alvesta Renhållnings AB": renhallning(year),
        "Alvesta Utvecklings AB": utveckling(year),
    }


def _akf(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Koncernrapportering",
            "Dotterbolagens rapporter kommer in sent eller utan svar på ägardirektivens krav.",
            "Bolagen har olika rapportmallar och egna tidplaner.",
            "Moderbolagets rapport till kommunstyrelsen försenas och uppsikten försvagas.",
            "VD",
            ("financial_reporting", "compliance"),
            Score(3, 3),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Dotterbolagens rapporter inkommer i tid och besvarar ägardirektiven",
                    "review",
                    "Granskning av att dotterbolagens årsrapport och delårsrapport kommit in enligt tidplanen med svar på varje krav i ägardirektiven.",
                    "twice",
                    (3, 9),
                    "Koncernrapportering",
                ),
                "Koncernekonom",
                (
                    ResultData(
                        3,
                        "partly_achieved",
                        "Alvesta Utvecklings AB:s årsrapport kom in nio dagar sent.",
                        None,
                        None,
                        deviation(
                            "En årsrapport kom in efter tidplanen och utan svar på kravet om markreserv.",
                            "low",
                            ActionData(
                                "taken",
                                "Tidplanen för bolagens rapportering har beslutats i moderbolagets styrelse.",
                                "VD",
                                date(year, 4, 30),
                                "done",
                                date(year, 4, 17),
                            ),
                        ),
                    ),
                    ResultData(9, "achieved", "Samtliga delårsrapporter kom in i tid med svar på ägardirektiven."),
                ),
            ),
        ),
        RiskData(
            "Koncernbidrag och skatt",
            "Koncernbidrag lämnas eller redovisas felaktigt.",
            "Beslut fattas sent i bokslutsprocessen.",
            "Felaktig skatt och felaktiga bokslut.",
            "Ekonomichef",
            ("financial_reporting",),
            Score(2, 3),
            Score(2, 3),
        ),
        RiskData(
            "Finansiering",
            "Bolagens upplåning överskrider den borgensram kommunfullmäktige beslutat.",
            "Stora investeringar i bostäder och energi.",
            "Otillåten borgen och ökad finansiell risk för kommunen.",
            "VD",
            ("compliance", "risks"),
            Score(2, 4),
            Score(2, 4),
        ),
    )


def _allbohus(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Systematiskt brandskyddsarbete",
            "Brandskyddet i flerbostadshusen kontrolleras inte enligt det systematiska brandskyddsarbetet.",
            "Många fastigheter och brandfarligt material i trapphus och källare.",
            "Brand med personskador och egendomsskador.",
            "Fastighetschef",
            ("compliance", "risks"),
            Score(3, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Brandskyddskontroller är gjorda och trapphus är fria från brandfarligt material",
                    "sample",
                    "Stickprov om 20 trapphus per kvartal: dokumenterad brandskyddskontroll, fria utrymningsvägar och stängande branddörrar.",
                    "quarterly",
                    (3, 6, 9, 12),
                    "Systematiskt brandskyddsarbete",
                    20,
                ),
                "Fastighetschef",
                (
                    ResultData(
                        3,
                        "not_achieved",
                        "I sex av 20 trapphus stod barnvagnar och möbler; två branddörrar stängde inte.",
                        20,
                        6,
                        deviation(
                            "Brandfarligt material i utrymningsvägar och branddörrar som inte stänger.",
                            "high",
                            ActionData(
                                "taken", "Materialet forslades bort och dörrstängarna byttes.", "Fastighetschef", date(year, 4, 15), "done", date(year, 4, 2)
                            ),
                            ActionData(
                                "proposed", "Informationskampanj till hyresgästerna och kvartalsvisa ronder.", "Kommunikatör", date(year, 12, 31), "in_progress"
                            ),
                        ),
                    ),
                    ResultData(
                        6,
                        "partly_achieved",
                        "Två av 20 trapphus hade cyklar i utrymningsvägen.",
                        20,
                        2,
                        deviation(
                            "Cyklar i utrymningsvägar i två trapphus.",
                            "low",
                            ActionData("taken", "Hyresgästerna informerade; cyklarna flyttade.", "Bovärd", date(year, 7, 15), "done", date(year, 7, 1)),
                        ),
                    ),
                    ResultData(9, "achieved", "Samtliga 20 trapphus utan anmärkning.", 20, 0),
                ),
            ),
        ),
        RiskData(
            "Upphandling av entreprenader",
            "Entreprenader och ramavtalsavrop görs utan att följa LOU.",
            "Många mindre underhållsuppdrag och tidspress.",
            "Upphandlingsskadeavgift och högre kostnader.",
            "VD",
            ("compliance", "effective"),
            Score(3, 3),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Köp av entreprenader följer LOU och ramavtalen",
                    "sample",
                    "Stickprov om 10 beställningar av entreprenader och avrop över 100 000 kr.",
                    "twice",
                    (5, 10),
                    "Upphandling",
                    10,
                ),
                "Ekonomichef",
                (
                    ResultData(5, "achieved", "Samtliga tio beställningar följde ramavtal.", 10, 0),
                    ResultData(
                        10,
                        "partly_achieved",
                        "Två avrop från ramavtal gjordes utan förnyad konkurrensutsättning.",
                        10,
                        2,
                        deviation(
                            "Avrop utan förnyad konkurrensutsättning trots att ramavtalet kräver det.",
                            "medium",
                            ActionData(
                                "proposed", "Avropsrutin med checklista för förnyad konkurrensutsättning.", "Ekonomichef", date(year + 1, 1, 31), "open"
                            ),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Hyresdebitering",
            "Hyror debiteras fel efter den årliga hyresförhandlingen.",
            "Manuell uppdatering av hyresavtalen.",
            "Felaktiga intäkter och missnöjda hyresgäster.",
            "Ekonomichef",
            ("financial_reporting",),
            Score(2, 3),
            Score(2, 3),
        ),
        RiskData(
            "Underhållsplanering",
            "Planerat underhåll skjuts upp.",
            "Höjda räntor och kostnader.",
            "Eftersatt underhåll och sjunkande fastighetsvärden.",
            "Fastighetschef",
            ("effective",),
            Score(3, 3),
            Score(3, 2),
        ),
    )
