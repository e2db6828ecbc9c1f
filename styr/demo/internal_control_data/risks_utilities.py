"""This year's risks, plans and results of the utility and development companies: Alvesta Energi AB,
Alvesta Renhållnings AB and Alvesta Utvecklings AB (made up)."""

from __future__ import annotations

from datetime import date

from styr.demo.internal_control_data.shapes import (
    ActionData,
    ControlData,
    PlannedControl,
    ResultData,
    RiskData,
    Score,
    deviation,
)


def energi(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Elhandel och prissäkring",
            "Elhandel och prissäkring görs utanför finanspolicyns mandat.",
            "Volatila elpriser och få personer som handlar.",
            "Stora förluster och felaktig finansiell rapportering.",
            "VD",
            ("financial_reporting", "risks"),
            Score(2, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Prissäkringar ligger inom finanspolicyns intervall",
                    "reconciliation",
                    "Avstämning varje kvartal av ingångna prissäkringar mot finanspolicyns intervall och mandat.",
                    "quarterly",
                    (3, 6, 9, 12),
                    "Elhandel",
                ),
                "Ekonomichef",
                (
                    ResultData(3, "achieved", "Samtliga prissäkringar inom intervallet."),
                    ResultData(6, "achieved", "Samtliga prissäkringar inom intervallet."),
                    ResultData(
                        9,
                        "partly_achieved",
                        "En prissäkring i juli låg utanför intervallet för kommande år.",
                        None,
                        None,
                        deviation(
                            "Prissäkringsgraden för nästa år översteg policyns tak med åtta procentenheter.",
                            "medium",
                            ActionData("taken", "Styrelsen informerad; positionen justerad.", "VD", date(year, 10, 15), "done", date(year, 10, 8)),
                            ActionData("proposed", "Dubbelkontroll av varje prissäkring före avslut.", "Ekonomichef", date(year, 12, 31), "in_progress"),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Leveranssäkerhet",
            "Långa avbrott i elnätet vid storm.",
            "Luftledningar i skogsmark.",
            "Avbrottsersättning till kunder och krav från Energimarknadsinspektionen.",
            "Nätchef",
            ("effective", "risks"),
            Score(3, 4),
            Score(2, 4),
            PlannedControl(
                ControlData(
                    "Avbrott rapporteras och följs upp enligt Energimarknadsinspektionens föreskrifter",
                    "review",
                    "Granskning av avbrottsrapporteringen och planen för vädersäkring av ledningar.",
                    "once",
                    (3,),
                    "Leveranssäkerhet",
                ),
                "Nätchef",
                (ResultData(3, "achieved", "Rapporteringen komplett; 14 km luftledning ersatt med kabel förra året."),),
            ),
            "Riskvärdet har sjunkit efter kablifieringen, men Energimarknadsinspektionens krav gör att styrelsen behåller kontrollen.",
        ),
        RiskData(
            "Informationssäkerhet i driftsystem",
            "Intrång i styrsystemen för elnät och fjärrvärme.",
            "Ökad hotnivå och nya krav enligt NIS2.",
            "Avbrott i leveranser till samhällsviktig verksamhet.",
            "IT-säkerhetsansvarig",
            ("risks", "compliance"),
            Score(2, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Styrsystemen uppfyller kraven i cybersäkerhetslagen",
                    "self_assessment",
                    "Självskattning mot kraven i cybersäkerhetslagen (NIS2) med extern granskare.",
                    "twice",
                    (5, 11),
                    "Informationssäkerhet",
                ),
                "IT-säkerhetsansvarig",
                (
                    ResultData(
                        5,
                        "partly_achieved",
                        "Incidentrapportering och leverantörsstyrning uppfyller inte kraven fullt ut.",
                        None,
                        None,
                        deviation(
                            "Avtalen med leverantörerna av styrsystem saknar krav på informationssäkerhet.",
                            "medium",
                            ActionData(
                                "proposed",
                                "Säkerhetsbilagor i avtalen med leverantörer av styrsystem.",
                                "IT-säkerhetsansvarig",
                                date(year + 1, 6, 30),
                                "in_progress",
                            ),
                        ),
                    ),
                    ResultData(11, "achieved", "Incidentrapporteringen är på plats."),
                ),
            ),
        ),
        RiskData(
            "Mätvärden och fakturering",
            "Kunder faktureras på felaktiga mätvärden.",
            "Byte av mätarsystem.",
            "Felaktiga intäkter.",
            "Kundchef",
            ("financial_reporting",),
            Score(2, 3),
            Score(2, 3),
        ),
    )


def renhallning(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Arbetsmiljö vid insamling",
            "Olyckor vid backning och belastningsskador vid hämtning.",
            "Trånga hämtställen och tunga kärl.",
            "Personskador och sjukfrånvaro.",
            "Arbetsmiljöansvarig",
            ("compliance", "risks"),
            Score(3, 4),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Tillbud och arbetsskador utreds inom två veckor",
                    "review",
                    "Granskning av alla anmälda tillbud och arbetsskador: utredning, åtgärd och återkoppling inom två veckor.",
                    "tertial",
                    (4, 8, 12),
                    "Arbetsmiljö",
                ),
                "Arbetsmiljöansvarig",
                (
                    ResultData(
                        4,
                        "partly_achieved",
                        "Tre av elva tillbud utreddes efter mer än två veckor.",
                        None,
                        None,
                        deviation(
                            "Tillbud vid backning utreddes sent.",
                            "medium",
                            ActionData("taken", "Backkamera på de två sista bilarna.", "VD", date(year, 6, 30), "done", date(year, 6, 15)),
                        ),
                    ),
                    ResultData(8, "achieved", "Samtliga tillbud utredda inom två veckor."),
                ),
            ),
        ),
        RiskData(
            "Avfallstaxa och kundregister",
            "Tömningar sker utan att debiteras enligt taxan.",
            "Kundregistret uppdateras inte när abonnemang ändras.",
            "Taxan täcker inte kostnaderna.",
            "Ekonomichef",
            ("financial_reporting", "effective"),
            Score(3, 3),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Tömningar debiteras enligt abonnemang",
                    "sample",
                    "Stickprov om 50 hämtställen: tömningar enligt fordonsdatorerna mot fakturerade abonnemang.",
                    "twice",
                    (4, 10),
                    "Avfallstaxa",
                    50,
                ),
                "Ekonomichef",
                (
                    ResultData(
                        4,
                        "partly_achieved",
                        "Fyra av 50 hämtställen hade fel abonnemang i kundregistret.",
                        50,
                        4,
                        deviation(
                            "Ändrade abonnemang registrerades inte.",
                            "low",
                            ActionData(
                                "taken", "Abonnemangen rättade och fakturering i efterhand.", "Kundtjänst", date(year, 5, 31), "done", date(year, 5, 15)
                            ),
                        ),
                    ),
                    ResultData(10, "achieved", "Inga fel i stickprovet.", 50, 0),
                ),
            ),
        ),
        RiskData(
            "Sjukfrånvaro och rehabilitering",
            "Sjukfrånvaron bland chaufförerna följs inte upp.",
            "Tungt arbete och få arbetsledare.",
            "Vikariekostnader och missad hämtning.",
            "VD",
            ("effective",),
            Score(3, 3),
            Score(2, 3),
        ),
        RiskData(
            "Farligt avfall",
            "Farligt avfall på återvinningscentralen hanteras fel.",
            "Besökare sorterar själva.",
            "Miljöskada.",
            "Driftchef",
            ("compliance",),
            Score(2, 3),
            Score(2, 3),
        ),
    )


def utveckling(year: int) -> tuple[RiskData, ...]:
    # The board has not adopted its plan: controls drafted, nothing reported yet.
    return (
        RiskData(
            "Markförsäljning",
            "Mark säljs under marknadsvärde.",
            "Förhandlingar med enskilda köpare utan oberoende värdering.",
            "Otillåtet statsstöd och förlust för bolaget.",
            "VD",
            ("compliance", "effective"),
            Score(2, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Mark säljs till marknadsvärde enligt oberoende värdering",
                    "review",
                    "Granskning av årets markförsäljningar: oberoende värdering före avtal och pris minst värderingen.",
                    "twice",
                    (6, 11),
                    "Markförsäljning",
                ),
                "VD",
            ),
        ),
        RiskData(
            "Projektekonomi",
            "Exploateringsprojekt överskrider sina kalkyler.",
            "Höjda entreprenadpriser och osäkra markförhållanden.",
            "Förlust och kapitaltillskott från ägaren.",
            "Projektchef",
            ("effective", "financial_reporting"),
            Score(3, 3),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Projektens prognoser följs upp mot kalkyl",
                    "review",
                    "Granskning av projektuppföljningen per tertial: prognos mot kalkyl och styrelsens beslut vid avvikelse över tio procent.",
                    "tertial",
                    (4, 8, 12),
                    "Projektekonomi",
                ),
                "Projektchef",
            ),
        ),
        RiskData(
            "Jäv och bisysslor",
            "Anställda eller ledamöter deltar i affärer där de är jäviga.",
            "Liten organisation med många lokala kontakter.",
            "Ogiltiga beslut och förtroendeskada.",
            "Styrelsens ordförande",
            ("compliance",),
            Score(2, 3),
            Score(2, 3),
        ),
    )
