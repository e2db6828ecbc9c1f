"""This year's risks, plans and results of Omsorgsnämnden, Samhällsbyggnadsnämnden and Kultur- och fritidsnämnden
(made up). Scores are (likelihood, consequence) on the 4 × 4 matrix."""

from __future__ import annotations

from datetime import date

from styr.demo.internal_control_data.shapes import (
    ActionData,
    ControlData,
    DeviationData,
    PlannedControl,
    ResultData,
    RiskData,
    Score,
)


def care_and_community_risks(year: int) -> dict[str, tuple[RiskData, ...]]:
    return {"Omsorgsnämnden": _on(year), "Samhällsbyggnadsnämnden": _sbn(year), "Kultur- och fritidsnämnden": _kfn(year)}


def _on(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Läkemedelshantering",
            "Läkemedel ges inte enligt ordination i hemtjänst och särskilt boende.",
            "Ofullständig signering och många timanställda.",
            "Vårdskada för den enskilde.",
            "Medicinskt ansvarig sjuksköterska",
            ("compliance", "risks"),
            Score(3, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Signeringslistor för läkemedel är fullständiga",
                    "sample",
                    "Stickprov om 30 signeringslistor per kvartal från hemtjänst och särskilt boende.",
                    "quarterly",
                    (3, 6, 9, 12),
                    "Läkemedelshantering",
                    30,
                ),
                "Medicinskt ansvarig sjuksköterska",
                (
                    ResultData(
                        3,
                        "partly_achieved",
                        "Fyra av 30 listor hade osignerade doser.",
                        30,
                        4,
                        DeviationData(
                            "Osignerade läkemedelsdoser på ett särskilt boende under helger.",
                            "medium",
                            (
                                ActionData(
                                    "taken",
                                    "Genomgång av signeringsrutinen på arbetsplatsträffar.",
                                    "Enhetschef särskilt boende",
                                    date(year, 4, 30),
                                    "done",
                                    date(year, 4, 22),
                                ),
                                ActionData(
                                    "proposed",
                                    "Digital signering av läkemedel på alla boenden.",
                                    "Medicinskt ansvarig sjuksköterska",
                                    date(year + 1, 3, 31),
                                    "open",
                                ),
                            ),
                        ),
                    ),
                    ResultData(6, "achieved", "Samtliga 30 listor fullständiga.", 30, 0),
                    ResultData(9, "achieved", "Samtliga 30 listor fullständiga.", 30, 0),
                ),
            ),
        ),
        RiskData(
            "Lex Sarah",
            "Rapporter om missförhållanden utreds inte och anmäls inte till IVO i tid.",
            "Otydlig ansvarsfördelning mellan enhetschef och kvalitetsfunktion.",
            "Missförhållanden kvarstår; brott mot socialtjänstlagen.",
            "Förvaltningschef",
            ("compliance", "risks"),
            Score(2, 4),
            Score(2, 4),
            PlannedControl(
                ControlData(
                    "Lex Sarah-rapporter utreds och anmäls i tid",
                    "review",
                    "Kvalitetsstrategen granskar samtliga lex Sarah-rapporter: utredning inom två månader och anmälan till IVO vid allvarligt missförhållande.",
                    "twice",
                    (6, 11),
                    "Lex Sarah",
                ),
                "Kvalitetsstrateg",
                (
                    ResultData(6, "achieved", "Sju rapporter, samtliga utredda i tid; en anmäld till IVO."),
                    ResultData(
                        11,
                        "partly_achieved",
                        "En av sex utredningar avslutades efter mer än två månader.",
                        None,
                        None,
                        DeviationData(
                            "En lex Sarah-utredning i hemtjänsten drog ut på tiden under semesterperioden.",
                            "low",
                            (
                                ActionData(
                                    "proposed",
                                    "Ersättare för utredningsansvaret utses inför semesterperioder.",
                                    "Förvaltningschef",
                                    date(year + 1, 5, 31),
                                    "open",
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            "IVO:s tillsyn förra året pekade på sena utredningar; nämnden vill följa upp att rutinen fungerar.",
        ),
        RiskData(
            "Sjukfrånvaro och rehabilitering",
            "Upprepad korttidsfrånvaro och långa sjukskrivningar följs inte upp med rehabilitering.",
            "Chefer med många medarbetare och bristande bevakning i personalsystemet.",
            "Hög sjukfrånvaro, kostnader för vikarier och brott mot arbetsmiljölagen.",
            "HR-strateg",
            ("effective", "compliance"),
            Score(4, 3),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Rehabiliteringsarbetet är dokumenterat",
                    "sample",
                    "Stickprov om 15 medarbetare med sex sjuktillfällen på tolv månader eller sjukskrivning över 30 dagar: rehabsamtal och plan för återgång.",
                    "twice",
                    (5, 10),
                    "Sjukfrånvaro och rehabilitering",
                    15,
                ),
                "HR-strateg",
                (
                    ResultData(
                        5,
                        "partly_achieved",
                        "Sex av 15 saknade dokumenterat rehabsamtal eller plan för återgång.",
                        15,
                        6,
                        DeviationData(
                            "Planer för återgång i arbete upprättades inte vid dag 30 i sex fall.",
                            "medium",
                            (
                                ActionData(
                                    "taken",
                                    "Automatisk påminnelse till chef vid sjätte sjuktillfället och dag 30.",
                                    "HR-strateg",
                                    date(year, 6, 30),
                                    "done",
                                    date(year, 6, 12),
                                ),
                            ),
                        ),
                    ),
                    ResultData(
                        10,
                        "partly_achieved",
                        "Tre av 15 saknade plan för återgång.",
                        15,
                        3,
                        DeviationData(
                            "Plan för återgång saknades i tre fall inom hemtjänsten.",
                            "low",
                            (
                                ActionData(
                                    "proposed", "Utbildning i rehabiliteringsprocessen för nya enhetschefer.", "HR-strateg", date(year + 1, 2, 28), "open"
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Hemtjänst",
            "Utförd tid i hemtjänsten avviker från beviljad tid.",
            "Planeringen följs inte upp mot biståndsbesluten.",
            "Kostnader utan motsvarande beslut.",
            "Enhetschef hemtjänst",
            ("effective", "financial_reporting"),
            Score(3, 3),
            Score(2, 3),
        ),
    )


def _sbn(year: int) -> tuple[RiskData, ...]:
    return (
        RiskData(
            "Bygglov",
            "Beslut om bygglov fattas inte inom den lagstadgade handläggningstiden.",
            "Vakanser bland bygglovshandläggarna och många ofullständiga ansökningar.",
            "Avgiften reduceras enligt plan- och bygglagen och sökande drabbas.",
            "Bygglovschef",
            ("compliance", "effective"),
            Score(3, 3),
            Score(4, 3),
            PlannedControl(
                ControlData(
                    "Bygglov beslutas inom tio veckor från komplett ansökan",
                    "sample",
                    "Stickprov om 20 bygglovsbeslut per tertial: tid från komplett ansökan till beslut och eventuell avgiftsreduktion.",
                    "tertial",
                    (4, 8, 12),
                    "Bygglov",
                    20,
                ),
                "Bygglovschef",
                (
                    ResultData(
                        4,
                        "partly_achieved",
                        "Fem av 20 beslut fattades efter tio veckor; avgiften reducerades i tre ärenden.",
                        20,
                        5,
                        DeviationData(
                            "Handläggningstiden överskreds i fem ärenden under vakansperioden.",
                            "medium",
                            (
                                ActionData(
                                    "taken", "Tillfällig förstärkning med konsult under våren.", "Bygglovschef", date(year, 5, 31), "done", date(year, 5, 2)
                                ),
                                ActionData(
                                    "proposed", "Veckovis bevakning av handläggningstiden i ärendesystemet.", "Bygglovschef", date(year, 10, 31), "in_progress"
                                ),
                            ),
                        ),
                    ),
                    ResultData(
                        8,
                        "partly_achieved",
                        "Två av 20 beslut fattades efter tio veckor.",
                        20,
                        2,
                        DeviationData(
                            "Två ärenden överskred tiden under semesterperioden.",
                            "low",
                            (ActionData("proposed", "Semesterplanering som säkrar bemanning för bygglov.", "Bygglovschef", date(year + 1, 4, 30), "open"),),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Livsmedelskontroll",
            "Planerade kontroller enligt kontrollplanen genomförs inte.",
            "Få livsmedelsinspektörer.",
            "Brister hos livsmedelsföretagen upptäcks inte.",
            "Miljöchef",
            ("compliance", "risks"),
            Score(2, 3),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Utförda livsmedelskontroller följer kontrollplanen",
                    "reconciliation",
                    "Avstämning av utförda kontroller mot kontrollplanen per tertial.",
                    "tertial",
                    (4, 8, 12),
                    "Livsmedelskontroll",
                ),
                "Miljöchef",
                (
                    ResultData(4, "achieved", "36 % av årets planerade kontroller utförda (mål 33 %)."),
                    ResultData(
                        8,
                        "partly_achieved",
                        "62 % av årets planerade kontroller utförda (mål 66 %).",
                        None,
                        None,
                        DeviationData(
                            "Kontrolltakten sjönk under sommaren.",
                            "low",
                            (ActionData("taken", "Kontroller omprioriterade till hösten.", "Miljöchef", date(year, 12, 31), "in_progress"),),
                        ),
                    ),
                ),
            ),
        ),
        RiskData(
            "Investeringar i gata och VA",
            "Investeringsprojekt överskrider budget.",
            "Ofullständiga kalkyler vid projektstart.",
            "Försämrat investeringsutrymme.",
            "Teknisk chef",
            ("effective", "financial_reporting"),
            Score(2, 4),
            Score(2, 4),
        ),
        RiskData(
            "Fordon och drivmedel",
            "Drivmedelskort används för privata inköp.",
            "Korten följer fordonen, inte förarna.",
            "Ekonomisk förlust.",
            "Teknisk chef",
            ("financial_reporting",),
            Score(1, 2),
            Score(1, 2),
        ),
    )


def _kfn(year: int) -> tuple[RiskData, ...]:
    # The committee has not adopted its plan: the controls are drafted but none is reported yet.
    return (
        RiskData(
            "Föreningsbidrag",
            "Aktivitetsbidrag betalas ut på felaktiga underlag.",
            "Föreningarna redovisar medlemmar och aktivitetstillfällen själva.",
            "Felaktiga utbetalningar och ojämlik fördelning mellan föreningar.",
            "Fritidschef",
            ("compliance", "financial_reporting"),
            Score(3, 3),
            Score(3, 3),
            PlannedControl(
                ControlData(
                    "Aktivitetsbidrag stämmer med föreningarnas närvaroredovisning",
                    "sample",
                    "Stickprov om 10 föreningars ansökningar: närvarokort och medlemsförteckning mot ansökan.",
                    "twice",
                    (4, 10),
                    "Föreningsbidrag",
                    10,
                ),
                "Fritidschef",
            ),
        ),
        RiskData(
            "Registerkontroll",
            "Anställda som arbetar med barn har inte visat utdrag ur belastningsregistret.",
            "Rutinen tillämpas inte vid korta anställningar i kulturskolan och på fritidsgårdarna.",
            "Barn kan utsättas för skada.",
            "Förvaltningschef",
            ("compliance", "risks"),
            Score(2, 4),
            Score(3, 4),
            PlannedControl(
                ControlData(
                    "Utdrag ur belastningsregistret finns för anställda som arbetar med barn",
                    "sample",
                    "Stickprov om 15 anställningar i kulturskolan och på fritidsgårdarna.",
                    "once",
                    (9,),
                    "Registerkontroll",
                    15,
                ),
                "Förvaltningschef",
            ),
        ),
        RiskData(
            "Uthyrning av lokaler",
            "Bokningar av idrottshallar faktureras inte.",
            "Nytt bokningssystem infört i år.",
            "Intäktsbortfall.",
            "Fritidschef",
            ("financial_reporting",),
            Score(3, 2),
            Score(3, 2),
            PlannedControl(
                ControlData(
                    "Bokningar faktureras",
                    "reconciliation",
                    "Avstämning av bokningar i bokningssystemet mot kundfakturor.",
                    "twice",
                    (5, 9),
                    "Uthyrning av lokaler",
                ),
                "Fritidschef",
            ),
            "Nytt bokningssystem infört i år; nämnden vill försäkra sig om att faktureringen fungerar.",
        ),
        RiskData(
            "Kontanthantering",
            "Kontanter vid simhallen och biblioteket redovisas inte.",
            "Få kontantbetalningar men ingen dubbelkontroll.",
            "Förlust och misstanke mot personal.",
            "Fritidschef",
            ("financial_reporting",),
            Score(2, 3),
            Score(2, 2),
        ),
    )
