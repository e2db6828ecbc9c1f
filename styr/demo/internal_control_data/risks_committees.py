"""This year's risks, plans and results of KS and the five committees (KS, Nämnden för arbete och lärande and
Utbildningsnämnden here, the others in ``risks_care_and_community``) (made up, plausible for a
municipality of some 20 000 residents). Scores are (likelihood, consequence) on the 4 × 4 matrix."""

from __future__ import annotations

from datetime import date

from styr.demo.internal_control_data.risks_care_and_community import care_and_community_risks
from styr.demo.internal_control_data.shapes import (
    ActionData,
    ControlData,
    DeviationData,
    PlannedControl,
    ResultData,
    RiskData,
    Score,
)


def committee_risks(year: int) -> dict[str, tuple[RiskData, ...]]:
    """The risks of KS and each committee for ``year``, by the body's name."""
    return {
        "Kommunstyrelsen": _ks(year),
        "Nämnden för arbete och lärande": _nal(year),
        "Utbildningsnämnden": _un(year),
        **care_and_community_risks(year),
    }


def _ks(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Upphandling och inköp",
            "Köp görs utanför gällande ramavtal eller som direktupphandling utan dokumentation.",
            "Inköpen är decentraliserade och kunskapen om ramavtalen varierar mellan budgetansvariga.",
            "Risk för upphandlingsskadeavgift, sämre villkor och skadat förtroende.",
            "Upphandlingschef",
            ("compliance", "effective"),
            Score(3, 3),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Inköp över 100 000 kr görs mot ramavtal eller dokumenterad upphandling",
                    "sample",
                    "Stickprov om 25 leverantörsfakturor över 100 000 kr ur ekonomisystemet, kontrollerade mot avtalsdatabasen och diariet.",
                    "twice",
                    (6, 10),
                    "Upphandling och inköp",
                    25,
                ),
                "Upphandlingschef",
                (
                    ResultData(
                        6,
                        "partly_achieved",
                        "Tre av 25 inköp av konsulttjänster saknade avtal och dokumenterad direktupphandling.",
                        25,
                        3,
                        DeviationData(
                            "Konsulttjänster (IT och kommunikation) köptes utan ramavtal och utan dokumenterad direktupphandling.",
                            "medium",
                            (
                                ActionData(
                                    "taken",
                                    "Berörda chefer informerade om rutinen för direktupphandling.",
                                    "Upphandlingschef",
                                    date(year, 6, 30),
                                    "done",
                                    date(year, 6, 24),
                                ),
                                ActionData(
                                    "proposed",
                                    "Utbildning i direktupphandling för alla budgetansvariga.",
                                    "Upphandlingschef",
                                    date(year, 12, 15),
                                    "in_progress",
                                ),
                            ),
                        ),
                    ),
                    ResultData(10, "achieved", "Samtliga 25 inköp gjordes mot ramavtal eller dokumenterad upphandling.", 25, 0),
                ),
            ),
        ),
        RiskData(
            "Informationssäkerhet och dataskydd",
            "Personuppgiftsincidenter anmäls inte till IMY inom 72 timmar.",
            "Låg kännedom om rutinen för personuppgiftsincidenter bland chefer.",
            "Sanktionsavgift enligt dataskyddsförordningen och skadat förtroende hos invånarna.",
            "Kanslichef",
            ("compliance", "risks"),
            Score(2, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Personuppgiftsincidenter bedöms och anmäls inom 72 timmar",
                    "review",
                    "Dataskyddssamordnaren granskar incidentloggen: varje incident ska vara bedömd och vid behov anmäld till IMY inom 72 timmar.",
                    "tertial",
                    (4, 8, 12),
                    "Informationssäkerhet och dataskydd",
                ),
                "Dataskyddssamordnare",
                (
                    ResultData(4, "achieved", "Fem incidenter, samtliga bedömda inom ett dygn; en anmäld till IMY i tid."),
                    ResultData(
                        8,
                        "not_achieved",
                        "Två av nio incidenter anmäldes till IMY först efter 72 timmar.",
                        None,
                        None,
                        DeviationData(
                            "Två e-postmeddelanden med känsliga personuppgifter gick till fel mottagare; anmälan till IMY gjordes efter fyra och sex dagar.",
                            "high",
                            (
                                ActionData(
                                    "taken",
                                    "Rutinen för personuppgiftsincidenter förtydligad och publicerad på intranätet.",
                                    "Kanslichef",
                                    date(year, 9, 15),
                                    "done",
                                    date(year, 9, 10),
                                ),
                                ActionData(
                                    "proposed", "Obligatorisk e-utbildning i dataskydd för alla chefer.", "Kanslichef", date(year, 11, 30), "in_progress"
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Lön och personal",
            "Lön betalas ut till medarbetare efter att anställningen avslutats.",
            "Avslut rapporteras sent i personalsystemet.",
            "Felaktiga utbetalningar och återkrav.",
            "HR-chef",
            ("financial_reporting", "effective"),
            Score(3, 3),
            Score(2, 3),
            PlannedControl(
                ControlData(
                    "Avslutade anställningar avslutas i lönesystemet i tid",
                    "sample",
                    "Stickprov om 20 anställningar som avslutats under året: sista löneutbetalningen mot slutdatum.",
                    "once",
                    (9,),
                    "Lön och personal",
                    20,
                ),
                "Lönechef",
                (ResultData(9, "achieved", "Inga felaktiga utbetalningar i stickprovet.", 20, 0),),
            ),
            "Förra årets kontroll visade brister; kontrollen behålls ett år för att se att åtgärderna fått effekt.",
        ),
        RiskData(
            "Ekonomisk rapportering",
            "Helårsprognoserna i delårsrapporten avviker väsentligt från utfallet.",
            "Prognoserna bygger på periodiserade budgetar utan analys.",
            "Fel underlag för beslut om åtgärder.",
            "Ekonomichef",
            ("financial_reporting",),
            Score(2, 3),
            Score(2, 3),
        ),
    )


def _nal(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Försörjningsstöd",
            "Beslut om försörjningsstöd fattas utan fullständig utredning och kontroll av inkomster.",
            "Hög ärendebelastning och personalomsättning bland handläggarna.",
            "Felaktiga utbetalningar och rättsosäkra beslut.",
            "Enhetschef försörjningsstöd",
            ("compliance", "financial_reporting"),
            Score(3, 3),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Beslut om försörjningsstöd är utredda och inkomstkontrollerade",
                    "sample",
                    "Stickprov om 20 beslut per tertial: dokumenterad utredning, kontroll via SSBTEK och beslut enligt delegationsordningen.",
                    "tertial",
                    (4, 8, 12),
                    "Försörjningsstöd",
                    20,
                ),
                "Enhetschef försörjningsstöd",
                (
                    ResultData(
                        4,
                        "partly_achieved",
                        "I fyra av 20 ärenden saknades kontroll av inkomster via SSBTEK före beslut.",
                        20,
                        4,
                        DeviationData(
                            "Inkomstkontroll via SSBTEK gjordes inte före beslut i fyra ärenden.",
                            "medium",
                            (
                                ActionData(
                                    "taken",
                                    "Checklista för nybesök med obligatorisk SSBTEK-kontroll införd.",
                                    "Enhetschef försörjningsstöd",
                                    date(year, 5, 31),
                                    "done",
                                    date(year, 5, 20),
                                ),
                                ActionData(
                                    "proposed",
                                    "Månatlig egenkontroll av fem ärenden per handläggare.",
                                    "Enhetschef försörjningsstöd",
                                    date(year, 12, 31),
                                    "in_progress",
                                ),
                            ),
                        ),
                    ),
                    ResultData(8, "achieved", "Samtliga 20 beslut var utredda och inkomstkontrollerade.", 20, 0),
                ),
            ),
        ),
        RiskData(
            "Arbetsmarknadsinsatser",
            "Statliga ersättningar för anställningsstöd rekvireras inte i tid.",
            "Manuell bevakning av rekvisitioner från Arbetsförmedlingen.",
            "Intäktsbortfall.",
            "Arbetsmarknadschef",
            ("financial_reporting", "effective"),
            Score(3, 2),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Ersättningar från Arbetsförmedlingen rekvireras för varje anställning",
                    "reconciliation",
                    "Avstämning varje kvartal av rekvirerade ersättningar mot anställningar i extratjänster och lönebidrag.",
                    "quarterly",
                    (3, 6, 9, 12),
                    "Arbetsmarknadsinsatser",
                ),
                "Arbetsmarknadschef",
                (
                    ResultData(3, "achieved", "Alla ersättningar rekvirerade."),
                    ResultData(6, "achieved", "Alla ersättningar rekvirerade."),
                    ResultData(
                        9,
                        "partly_achieved",
                        "Ersättning för två anställningar i augusti hade inte rekvirerats (cirka 38 000 kr).",
                        None,
                        None,
                        DeviationData(
                            "Två rekvisitioner för augusti missades under semesterperioden.",
                            "low",
                            (ActionData("taken", "Ersättningen rekvirerad i efterhand.", "Arbetsmarknadschef", date(year, 10, 15), "done", date(year, 10, 2)),),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Vuxenutbildning",
            "Betyg i Komvux registreras sent eller felaktigt.",
            "Många kursstarter och inhyrda lärare.",
            "Elever får felaktiga betygsdokument.",
            "Rektor Komvux",
            ("compliance",),
            Score(2, 3),
            Score(2, 3),
        ),
        RiskData(
            "Sekretess",
            "Uppgifter om enskilda lämnas ut utan sekretessprövning.",
            "Många kontakter med andra myndigheter och arbetsgivare.",
            "Skada för enskilda och brott mot offentlighets- och sekretesslagen.",
            "Förvaltningschef",
            ("compliance", "risks"),
            Score(2, 4),
            Score(2, 4),
        ),
    )


def _un(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Skolplacering",
            "Placering i förskoleklass och grundskola följer inte riktlinjerna för skolval.",
            "Trångboddhet på skolorna i Alvesta tätort och manuell hantering.",
            "Överklaganden och elever som placeras orättvist.",
            "Förvaltningschef",
            ("compliance",),
            Score(2, 3),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Placeringsbeslut följer riktlinjerna och är motiverade",
                    "sample",
                    "Stickprov om 15 placeringsbeslut inför höstterminen: vårdnadshavarnas önskemål, närhetsprincipen och motivering av avsteg.",
                    "once",
                    (6,),
                    "Skolplacering",
                    15,
                ),
                "Skolchef",
                (
                    ResultData(
                        6,
                        "partly_achieved",
                        "Två av 15 beslut saknade motivering av avsteg från närhetsprincipen.",
                        15,
                        2,
                        DeviationData(
                            "Avsteg från närhetsprincipen motiverades inte i två placeringsbeslut.",
                            "low",
                            (
                                ActionData(
                                    "taken",
                                    "Mallen för placeringsbeslut kompletterad med fält för motivering.",
                                    "Skolchef",
                                    date(year, 8, 1),
                                    "done",
                                    date(year, 7, 3),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Betyg och bedömning",
            "Betyg i årskurs 9 registreras felaktigt i elevregistret.",
            "Manuell överföring från betygskatalog till elevregister.",
            "Felaktiga slutbetyg och antagning till gymnasiet på fel grund.",
            "Rektor",
            ("compliance", "risks"),
            Score(2, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Registrerade slutbetyg stämmer med betygskatalogen",
                    "sample",
                    "Stickprov om 40 elever i årskurs 9 (20 per skola): betygskatalog mot registrerade betyg.",
                    "once",
                    (9,),
                    "Betyg och bedömning",
                    40,
                ),
                "Rektor",
                (ResultData(9, "achieved", "Inga avvikelser mellan betygskatalog och elevregister.", 40, 0),),
            ),
        ),
        RiskData(
            "Kränkande behandling",
            "Anmälningar om kränkande behandling utreds inte skyndsamt.",
            "Rektorerna får anmälningarna sent och utredningsmallen används inte.",
            "Brott mot skollagen 6 kap. och elever som inte får stöd.",
            "Skolchef",
            ("compliance", "effective"),
            Score(3, 4),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Kränkande behandling anmäls till huvudmannen och utreds skyndsamt",
                    "sample",
                    "Stickprov om 20 anmälningar per tertial: anmälan till huvudmannen samma vecka, utredning inom fem dagar och dokumenterade åtgärder.",
                    "tertial",
                    (4, 8, 12),
                    "Kränkande behandling",
                    20,
                ),
                "Skolchef",
                (
                    ResultData(
                        4,
                        "partly_achieved",
                        "I fem av 20 ärenden påbörjades utredningen senare än fem dagar efter händelsen.",
                        20,
                        5,
                        DeviationData(
                            "Utredningar av kränkande behandling påbörjades sent på två skolor.",
                            "medium",
                            (
                                ActionData(
                                    "proposed",
                                    "Digital anmälan till huvudmannen i elevhälsosystemet med bevakning.",
                                    "Skolchef",
                                    date(year, 12, 31),
                                    "in_progress",
                                ),
                            ),
                        ),
                    ),
                    ResultData(8, "achieved", "Samtliga 20 ärenden anmäldes och utreddes i tid.", 20, 0),
                ),
            ),
        ),
        RiskData(
            "Skolskjuts",
            "Skolskjuts beviljas utan prövning mot riktlinjerna.",
            "Ansökningar handläggs av flera personer.",
            "Ökade kostnader.",
            "Skolskjutssamordnare",
            ("effective",),
            Score(2, 2),
            Score(2, 2),
        ),
    )
