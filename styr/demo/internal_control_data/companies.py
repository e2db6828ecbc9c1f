"""The owner directives of the Alvesta group (seed §3), the companies' answers, the reporting chain
and the owner dialogues (made up; dates relative to ``year``, the demo's current year)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from styr.demo.internal_control_data.shapes import (
    AnswerData,
    AnswerStatus,
    CompanyReportData,
    DemandData,
    DirectiveData,
    OwnerDialogueData,
    ReportKind,
)

COUNCIL = "Kommunfullmäktige"
KS = "Kommunstyrelsen"
PARENT = "Alvesta Kommunföretag AB"
ALLBOHUS = "AllboHus Fastighets AB"
ENERGI = "Alvesta Energi AB"
RENHALLNING = "Alvesta Renhållnings AB"
UTVECKLING = "Alvesta Utvecklings AB"
SUBSIDIARIES = (ALLBOHUS, ENERGI, RENHALLNING, UTVECKLING)
COMPANIES = (PARENT, *SUBSIDIARIES)

#: The articles of association: each company's purpose (ändamål), as the council decided it.
_PURPOSES = {
    PARENT: "att äga och förvalta aktier i kommunens bolag och samordna dem mot kommunens mål",
    ALLBOHUS: "att främja bostadsförsörjningen i Alvesta kommun genom att förvärva, bebygga och förvalta bostäder och lokaler",
    ENERGI: "att producera och distribuera fjärrvärme och el och driva elnät i kommunen",
    RENHALLNING: "att samla in, transportera och behandla avfall i kommunen enligt renhållningsordningen",
    UTVECKLING: "att främja näringslivets utveckling i kommunen genom att förvärva, exploatera och sälja mark",
}


def _answer(company: str, year: int, period: ReportKind, text: str, status: AnswerStatus, value: str | None = None) -> AnswerData:
    return AnswerData(company, year, period, text, status, Decimal(value) if value is not None else None)


def owner_directives(year: int) -> tuple[DirectiveData, ...]:
    """The council's articles and general directive, KS's directive for the parent company and the
    parent company's for each subsidiary, with the companies' answers for ``year - 1`` (annual)
    and, for some, for ``year`` (interim report per 31 August)."""
    last = year - 1
    council_day = date(year - 3, 11, 27)
    articles = tuple(
        DirectiveData(
            "articles",
            f"Bolagsordning för {company}",
            COUNCIL,
            (company,),
            f"KF § {88 + n}/{year - 3}",
            council_day,
            (
                DemandData(
                    "other",
                    f"Bolagets ändamål är {purpose}, med iakttagande av de kommunalrättsliga principerna.",
                    answers=(_answer(company, last, "annual", "Verksamheten har bedrivits inom bolagsordningens ändamål.", "achieved"),),
                ),
            ),
        )
        for n, (company, purpose) in enumerate(_PURPOSES.items())
    )
    general = DirectiveData(
        "general",
        "Generellt ägardirektiv för bolagen i Alvesta kommunkoncern",
        COUNCIL,
        COMPANIES,
        f"KF § 93/{year - 3}",
        council_day,
        (
            DemandData(
                "reporting",
                "Bolaget ska två gånger per år, per 31 augusti och i årsredovisningen, rapportera till KS via moderbolaget med svar på ägardirektivens krav.",
                answers=tuple(
                    _answer(c, last, "annual", "Delårsrapport och årsrapport lämnade enligt tidplanen.", "achieved")
                    if c != UTVECKLING
                    else _answer(c, last, "annual", "Årsrapporten lämnades nio dagar efter tidplanen.", "partly_achieved")
                    for c in COMPANIES
                ),
            ),
            DemandData(
                "other",
                "Bolaget ska i tillämpliga delar följa kommunens policyer och riktlinjer efter beslut i bolagets styrelse.",
                answers=tuple(_answer(c, last, "annual", "Styrelsen har antagit kommunens policyer i tillämpliga delar.", "achieved") for c in COMPANIES),
            ),
            DemandData(
                "other",
                "Bolaget ska utan dröjsmål informera moderbolaget och kommunstyrelsen om händelser av väsentlig betydelse (informationsplikt).",
                answers=(_answer(ENERGI, last, "annual", "Styrelsen informerade ägaren om elprisernas effekt på resultatet i februari.", "achieved"),),
            ),
            DemandData(
                "other",
                "Ärenden av principiell beskaffenhet eller annars av större vikt ska underställas kommunfullmäktige innan beslut fattas.",
            ),
        ),
    )
    parent = DirectiveData(
        "parent",
        "Specifikt ägardirektiv för Alvesta Kommunföretag AB",
        KS,
        (PARENT,),
        f"KS § 45/{year - 2}",
        date(year - 2, 3, 5),
        (
            DemandData(
                "reporting",
                "Moderbolaget ska sammanställa dotterbolagens rapporter och rapportera koncernens utfall till KS per 31 augusti och vid årsbokslut.",
                answers=(_answer(PARENT, last, "annual", "Koncernens delårs- och årsrapport lämnade till kommunstyrelsen.", "achieved"),),
            ),
            DemandData(
                "other",
                "Moderbolaget ska hålla ägardialog med varje dotterbolag minst två gånger per år.",
                Decimal(2),
                "dialoger per bolag",
                ">=",
                (
                    _answer(PARENT, last, "annual", "Två ägardialoger hölls med varje dotterbolag.", "achieved", "2"),
                    _answer(PARENT, year, "interim", "Vårens ägardialoger hållna; höstens planerade.", "partly_achieved", "1"),
                ),
            ),
            DemandData(
                "return",
                "Koncernens resultat efter finansiella poster ska vara positivt.",
                Decimal(0),
                "mnkr",
                ">=",
                (_answer(PARENT, last, "annual", "Koncernens resultat efter finansiella poster blev 38,4 mnkr.", "achieved", "38.4"),),
            ),
        ),
    )
    decided = date(year - 2, 4, 18)
    subsidiaries = (
        DirectiveData(
            "subsidiary",
            "Specifikt ägardirektiv för AllboHus Fastighets AB",
            PARENT,
            (ALLBOHUS,),
            f"AKF § 12/{year - 2}",
            decided,
            (
                DemandData(
                    "return",
                    "Avkastning på justerat eget kapital.",
                    Decimal(4),
                    "%",
                    ">=",
                    (
                        _answer(ALLBOHUS, last, "annual", "Avkastningen blev 4,6 %.", "achieved", "4.6"),
                        _answer(ALLBOHUS, year, "interim", "Prognosen för helåret är 3,8 % efter höjda räntekostnader.", "partly_achieved", "3.8"),
                    ),
                ),
                DemandData(
                    "solidity",
                    "Soliditet.",
                    Decimal(12),
                    "%",
                    ">=",
                    (
                        _answer(ALLBOHUS, last, "annual", "Soliditeten var 13,1 %.", "achieved", "13.1"),
                        _answer(ALLBOHUS, year, "interim", "Soliditeten per 31 augusti var 12,9 %.", "achieved", "12.9"),
                    ),
                ),
                DemandData(
                    "other",
                    "Bolaget ska bidra till bostadsförsörjningen med minst 30 nya lägenheter per år.",
                    Decimal(30),
                    "lägenheter",
                    ">=",
                    (_answer(ALLBOHUS, last, "annual", "22 lägenheter färdigställdes i Moheda; 24 i Alvesta är försenade till i år.", "not_achieved", "22"),),
                ),
            ),
        ),
        DirectiveData(
            "subsidiary",
            "Specifikt ägardirektiv för Alvesta Energi AB",
            PARENT,
            (ENERGI,),
            f"AKF § 13/{year - 2}",
            decided,
            (
                DemandData(
                    "solidity",
                    "Soliditet.",
                    Decimal(30),
                    "%",
                    ">=",
                    (
                        _answer(ENERGI, last, "annual", "Soliditeten var 34,2 %.", "achieved", "34.2"),
                        _answer(ENERGI, year, "interim", "Soliditeten per 31 augusti var 33,5 %.", "achieved", "33.5"),
                    ),
                ),
                DemandData(
                    "return",
                    "Avkastning på totalt kapital.",
                    Decimal(5),
                    "%",
                    ">=",
                    (_answer(ENERGI, last, "annual", "Avkastningen blev 5,4 %.", "achieved", "5.4"),),
                ),
                DemandData(
                    "other",
                    "Genomsnittlig avbrottstid i elnätet (SAIDI) per kund och år.",
                    Decimal(60),
                    "minuter",
                    "<=",
                    (_answer(ENERGI, last, "annual", "Avbrottstiden blev 74 minuter efter stormen i januari.", "not_achieved", "74"),),
                ),
            ),
        ),
        DirectiveData(
            "subsidiary",
            "Specifikt ägardirektiv för Alvesta Renhållnings AB",
            PARENT,
            (RENHALLNING,),
            f"AKF § 14/{year - 2}",
            decided,
            (
                DemandData(
                    "other",
                    "Avfallstaxan ska täcka kostnaderna för verksamheten (självkostnadsprincipen).",
                    Decimal(100),
                    "% kostnadstäckning",
                    ">=",
                    (
                        _answer(
                            RENHALLNING,
                            last,
                            "annual",
                            "Taxan täckte 98 % av kostnaderna; underskottet täcks av tidigare års överskott.",
                            "partly_achieved",
                            "98",
                        ),
                        _answer(RENHALLNING, year, "interim", "Kostnadstäckningen per 31 augusti är 101 % efter taxehöjningen.", "achieved", "101"),
                    ),
                ),
                DemandData(
                    "other",
                    "Andelen hushållsavfall som går till materialåtervinning.",
                    Decimal(40),
                    "%",
                    ">=",
                    (_answer(RENHALLNING, last, "annual", "38 % av hushållsavfallet gick till materialåtervinning.", "partly_achieved", "38"),),
                ),
            ),
        ),
        DirectiveData(
            "subsidiary",
            "Specifikt ägardirektiv för Alvesta Utvecklings AB",
            PARENT,
            (UTVECKLING,),
            f"AKF § 15/{year - 2}",
            decided,
            (
                DemandData(
                    "other",
                    "Bolaget ska ha en reserv av byggklar verksamhetsmark.",
                    Decimal(10),
                    "hektar",
                    ">=",
                    (_answer(UTVECKLING, last, "annual", "Reserven var 12 hektar i Alvesta och Moheda.", "achieved", "12"),),
                ),
                DemandData(
                    "other",
                    "Mark ska säljas till marknadsvärde enligt oberoende värdering.",
                    answers=(
                        _answer(UTVECKLING, last, "annual", "En försäljning saknade värdering före avtal; värderingen gjordes i efterhand.", "partly_achieved"),
                    ),
                ),
                DemandData(
                    "return",
                    "Resultat efter finansiella poster.",
                    Decimal(0),
                    "mnkr",
                    ">=",
                    (_answer(UTVECKLING, last, "annual", "Resultatet blev 1,2 mnkr.", "achieved", "1.2"),),
                ),
            ),
        ),
    )
    return (*articles, general, parent, *subsidiaries)


_REPORT_TEXTS = {
    ALLBOHUS: "Uthyrningsgraden är 98,9 %. Höjda räntor pressar resultatet; nyproduktionen i Alvesta färdigställs under hösten.",
    ENERGI: "Stabil leverans; elpriserna lägre än budget. Soliditeten över ägarens krav.",
    RENHALLNING: "Taxehöjningen har gett full kostnadstäckning; sjukfrånvaron bland chaufförerna har minskat.",
    UTVECKLING: "Två tomter i Moheda verksamhetsområde sålda; exploateringen av Spåningslanda fortsätter enligt kalkyl.",
}


def company_reports(year: int) -> tuple[CompanyReportData, ...]:
    """The chain in ``year``: each subsidiary's annual report for ``year - 1`` and interim report per
    31 August to the parent company, and the parent company's reports gathering them to KS."""
    last = year - 1
    reports: list[CompanyReportData] = []
    for n, company in enumerate(SUBSIDIARIES):
        late = company == UTVECKLING
        reports.append(
            CompanyReportData(
                company,
                PARENT,
                "annual",
                last,
                date(last, 12, 31),
                date(year, 2, 20),
                date(year, 3, 1) if late else date(year, 2, 12 + n),
                f"Årsrapport {last}. {_REPORT_TEXTS[company]}",
            )
        )
        reports.append(
            CompanyReportData(
                company,
                PARENT,
                "interim",
                year,
                date(year, 8, 31),
                date(year, 9, 20),
                date(year, 9, 15 + n),
                f"Delårsrapport per 31 augusti {year}. {_REPORT_TEXTS[company]}",
            )
        )
    reports.append(
        CompanyReportData(
            PARENT,
            KS,
            "annual",
            last,
            date(last, 12, 31),
            date(year, 3, 15),
            date(year, 3, 12),
            f"Koncernens årsrapport {last}: resultat efter finansiella poster 38,4 mnkr. Dotterbolagens svar på ägardirektiven bifogas.",
        )
    )
    reports.append(
        CompanyReportData(
            PARENT,
            KS,
            "interim",
            year,
            date(year, 8, 31),
            date(year, 10, 1),
            date(year, 9, 29),
            "Koncernens delårsrapport per 31 augusti: prognosen för helåret är 31 mnkr. AllboHus avkastning under ägarens krav på grund av räntorna.",
        )
    )
    return tuple(reports)


_DIALOGUES = {
    ALLBOHUS: (
        "Nyproduktionen i Alvesta, räntekänsligheten och underhållsplanen. Brandskyddsbristerna och åtgärderna redovisades.",
        "Prognosen under avkastningskravet; bolaget återkommer med en plan för att nå kravet nästa år.",
    ),
    ENERGI: (
        "Elprisernas utveckling, prissäkringen och kablifieringen av luftledningar.",
        "Avvikelsen i prissäkringen och den nya rutinen med dubbelkontroll; förberedelser för cybersäkerhetslagen.",
    ),
    RENHALLNING: (
        "Taxan efter höjningen, arbetsmiljön vid insamling och matavfallsinsamlingen.",
        "Kostnadstäckningen och målet för materialåtervinning; ny återvinningscentral i Moheda diskuterades.",
    ),
    UTVECKLING: (
        "Markreserven och efterfrågan på verksamhetsmark; den sena årsrapporten.",
        "Exploateringskalkylen för Spåningslanda och rutinen för värdering före försäljning.",
    ),
}


def owner_dialogues(year: int) -> tuple[OwnerDialogueData, ...]:
    """Two ägardialoger per subsidiary in ``year``: spring and autumn."""
    return tuple(
        dialogue
        for n, company in enumerate(SUBSIDIARIES)
        for dialogue in (
            OwnerDialogueData(company, date(year, 4, 14 + n), _DIALOGUES[company][0]),
            OwnerDialogueData(company, date(year, 10, 13 + n), _DIALOGUES[company][1]),
        )
    )
