"""Värends Räddningstjänstförbund, the joint authority (kommunalförbund) under KS's oversight: its
risks and plan for ``year`` (made up; the förbundsdirektion adopts it)."""

from __future__ import annotations

from datetime import date

from styr.demo.internal_control_data.shapes import (
    ActionData,
    ControlData,
    DecisionRef,
    DeviationData,
    PlannedControl,
    ResultData,
    RiskData,
    Score,
)

JOINT_AUTHORITY = "Värends Räddningstjänstförbund"


def joint_authority_risks(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Räddningsinsats",
            "Insatstiden överskrids i kommunens ytterområden.",
            "Deltidsbrandmän är svåra att rekrytera i Moheda och Vislanda.",
            "Liv, egendom och miljö skadas innan räddningstjänsten är på plats.",
            "Räddningschef",
            ("effective", "risks"),
            Score(3, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Insatstiden följer handlingsprogrammet",
                    "review",
                    "Genomgång av insatsrapporterna: tid från larm till framme jämförs med handlingsprogrammets mål per område.",
                    "twice",
                    (6, 11),
                    "Räddningsinsats",
                ),
                "Räddningschef",
                (
                    ResultData(
                        6,
                        "partly_achieved",
                        "Insatstiden överskreds i 7 av 41 larm i Vislanda och Moheda.",
                        None,
                        None,
                        DeviationData(
                            "Deltidsstyrkan i Vislanda var underbemannad under semesterperioden.",
                            "medium",
                            (
                                ActionData(
                                    "proposed",
                                    "Rekryteringskampanj för deltidsbrandmän och avtal med arbetsgivare i orten.",
                                    "Räddningschef",
                                    date(year + 1, 3, 31),
                                    "in_progress",
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Tillsyn",
            "Tillsyn enligt lagen om skydd mot olyckor görs inte enligt tillsynsplanen.",
            "Tillsynsförrättarna används i utbildning och insatser.",
            "Brister i brandskyddet hos verksamheter upptäcks inte.",
            "Chef förebyggande",
            ("compliance",),
            Score(2, 3),
            Score(2, 3),
            PlannedControl(
                ControlData(
                    "Tillsynsplanen följs",
                    "reconciliation",
                    "Avstämning av genomförda tillsyner mot tillsynsplanen per tertial.",
                    "tertial",
                    (4, 8, 12),
                    "Tillsyn",
                ),
                "Chef förebyggande",
                (
                    ResultData(4, "achieved", "36 av 36 planerade tillsyner genomförda."),
                    ResultData(8, "achieved", "Tillsynsplanen följs; två extra tillsyner efter bränder i flerbostadshus."),
                ),
            ),
            "Tillsynen är förbundets lagstadgade kärnuppgift; kontrollen efterfrågades av medlemskommunernas revisorer.",
        ),
        RiskData(
            "Ekonomi",
            "Medlemsavgifterna räcker inte för ökade kostnader för fordon.",
            "Priserna på räddningsfordon har stigit kraftigt.",
            "Investeringar skjuts upp och beredskapen försämras.",
            "Förbundsdirektör",
            ("financial_reporting", "effective"),
            Score(2, 2),
            Score(3, 2),
        ),
    )


def joint_authority_adoption(year: int) -> DecisionRef:
    return DecisionRef(date(year - 1, 12, 3), "§ 41", f"VRF {year - 1}/58")
