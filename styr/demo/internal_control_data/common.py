"""KS's common controls, each body's plan adoption and last year's report, the action carried over
from last year, and KS's evaluation of last year's internal control across the group."""

from __future__ import annotations

from datetime import date

from styr.demo.internal_control_data.shapes import (
    ActionData,
    CommonControlData,
    ControlData,
    DecisionRef,
    DeviationData,
    EvaluationData,
    PlannedControl,
    ResultData,
)

ATTESTATION = "Attestering av leverantörsfakturor"
DIRECT_PROCUREMENT = "Efterlevnad av reglerna för direktupphandling"
OWNER_REPORTING = "Styrelsens uppföljning av ägardirektivets rapporteringsskyldighet"

#: The bodies whose plan for this year is still a draft (KS's page shows them as not adopted).
DRAFT_BODIES = ("Kultur- och fritidsnämnden", "Alvesta Utvecklings AB")


def common_controls(year: int) -> tuple[CommonControlData, ...]:
    """KS's kommungemensamma kontrollmoment for ``year``: two for every committee, one for every company."""
    del year  # the same controls every year
    return (
        CommonControlData(
            "committees",
            ControlData(
                ATTESTATION,
                "sample",
                "Stickprov om 20 leverantörsfakturor per nämnd ur ekonomisystemet: beslutsattest av behörig attestant enligt "
                "attestförteckningen, ingen har attesterat egna kostnader, rätt kontering, och representation med deltagare och syfte.",
                "twice",
                (5, 10),
                "Ekonomi",
                20,
            ),
        ),
        CommonControlData(
            "committees",
            ControlData(
                DIRECT_PROCUREMENT,
                "sample",
                "Stickprov om 10 direktupphandlingar över 100 000 kr: dokumentation enligt riktlinjerna, att ramavtal saknades "
                "och att värdet understiger direktupphandlingsgränsen.",
                "once",
                (9,),
                "Upphandling och inköp",
                10,
            ),
        ),
        CommonControlData(
            "companies",
            ControlData(
                OWNER_REPORTING,
                "review",
                "Granskning av styrelseprotokollen: styrelsen har behandlat bolagets rapport med svar på ägardirektivets krav, "
                "och rapporten har lämnats inom tidplanen.",
                "twice",
                (4, 9),
                "Ägarstyrning",
            ),
        ),
    )


#: name: (short name for the registration number, a summary of last year's internal control report)
_BODIES: dict[str, tuple[str, str]] = {
    "Kommunstyrelsen": (
        "KS",
        "Elva kontroller genomfördes. Attesteringen fungerar väl; brister fanns i dokumentationen av direktupphandlingar och i avslut i lönesystemet.",
    ),
    "Nämnden för arbete och lärande": (
        "NAL",
        "Åtta kontroller genomfördes. Handläggningen av försörjningsstöd brast i inkomstkontrollen; övriga kontroller utan väsentliga brister.",
    ),
    "Utbildningsnämnden": (
        "UN",
        "Nio kontroller genomfördes. Utredningar av kränkande behandling påbörjades för sent på flera skolor; betygshanteringen fungerade väl.",
    ),
    "Omsorgsnämnden": (
        "ON",
        "Tio kontroller genomfördes. Brister i signering av läkemedel och i rehabiliteringsarbetet; nämnden beslutade om digital signering.",
    ),
    "Samhällsbyggnadsnämnden": ("SBN", "Sju kontroller genomfördes. Handläggningstiden för bygglov överskreds i en fjärdedel av ärendena under hösten."),
    "Kultur- och fritidsnämnden": (
        "KFN",
        "Sex kontroller genomfördes. Aktivitetsbidragen var korrekt beräknade; registerkontroll saknades för två timanställda.",
    ),
    "Alvesta Kommunföretag AB": ("AKF", "Fyra kontroller genomfördes. Dotterbolagens rapportering kom in i tid med ett undantag."),
    "AllboHus Fastighets AB": (
        "AllboHus",
        "Åtta kontroller genomfördes. Det systematiska brandskyddsarbetet hade brister i utrymningsvägar; upphandlingarna följde LOU.",
    ),
    "Alvesta Energi AB": ("AEAB", "Sex kontroller genomfördes utan väsentliga brister; prissäkringen följde finanspolicyn."),
    "Alvesta Renhållnings AB": ("ARAB", "Fem kontroller genomfördes. Tillbud vid backning utreddes sent; kundregistret hade fel abonnemang."),
    "Alvesta Utvecklings AB": ("AUAB", "Fyra kontroller genomfördes. En markförsäljning saknade oberoende värdering före avtal."),
}


def registration_prefix(name: str) -> str:
    return _BODIES[name][0]


def last_year_summary(name: str) -> str:
    return _BODIES[name][1]


def plan_adoption(year: int, name: str, index: int) -> DecisionRef | None:
    """When the body adopted its plan for ``year``: November–December last year or January; None for a draft."""
    if name in DRAFT_BODIES:
        return None
    prefix = registration_prefix(name)
    decided = (date(year - 1, 11, 18), date(year - 1, 12, 9), date(year, 1, 27))[index % 3]
    return DecisionRef(decided.replace(day=decided.day + index % 5), f"§ {100 + 7 * index}", f"{prefix} {decided.year}/{60 + 9 * index}")


def report_adoption(year: int, name: str, index: int) -> DecisionRef:
    """When the body adopted its internal control report for ``year - 1`` (February–March of ``year``)."""
    decided = date(year, 2 + index % 2, 10 + index)
    return DecisionRef(decided, f"§ {20 + 3 * index}", f"{registration_prefix(name)} {year - 1}/{140 + 11 * index}")


def carried_over(year: int, name: str) -> PlannedControl:
    """Last year's attestation control of the body whose action is still open (it carries over)."""
    owner = "VD" if name.endswith(" AB") else "Förvaltningschef"
    return PlannedControl(
        ControlData(
            "Behörig attestant har attesterat leverantörsfakturor",
            "sample",
            "Stickprov om 20 leverantörsfakturor mot attestförteckningen.",
            "once",
            (10,),
            "Ekonomi",
            20,
        ),
        "Ekonomichef" if not name.endswith(" AB") else "Ekonomiansvarig",
        (
            ResultData(
                10,
                "partly_achieved",
                "Två av 20 fakturor var attesterade av person som inte fanns i attestförteckningen.",
                20,
                2,
                DeviationData(
                    "Attestförteckningen hade inte uppdaterats efter organisationsförändringar.",
                    "medium",
                    (
                        ActionData(
                            "proposed", "Attestförteckningen ses över två gånger per år och vid varje chefsbyte.", owner, date(year, 3, 31), "in_progress"
                        ),
                    ),
                ),
            ),
        ),
    )


def common_results(year: int, name: str, index: int) -> tuple[tuple[str, ResultData], ...]:
    """This year's results of KS's common controls in the body's plan (none in a draft plan)."""
    if name in DRAFT_BODIES:
        return ()
    if name.endswith(" AB"):
        return (
            (OWNER_REPORTING, ResultData(4, "achieved", "Styrelsen behandlade årsrapporten med svar på ägardirektivet.")),
            (OWNER_REPORTING, ResultData(9, "achieved", "Styrelsen behandlade delårsrapporten i tid.")),
        )
    deviations = index % 3
    attest = ResultData(5, "achieved", "Samtliga 20 fakturor korrekt attesterade.", 20, 0)
    if deviations:
        attest = ResultData(
            5,
            "partly_achieved",
            f"{deviations} av 20 fakturor saknade syfte eller deltagare för representation.",
            20,
            deviations,
            DeviationData(
                "Representation utan dokumenterat syfte och deltagarförteckning.",
                "low",
                (
                    ActionData(
                        "taken", "Påminnelse om reglerna för representation till alla attestanter.", "Ekonomichef", date(year, 6, 15), "done", date(year, 6, 5)
                    ),
                ),
            ),
        )
    return (
        (ATTESTATION, attest),
        (ATTESTATION, ResultData(10, "achieved", "Samtliga 20 fakturor korrekt attesterade.", 20, 0)),
        (DIRECT_PROCUREMENT, ResultData(9, "achieved", "Samtliga tio direktupphandlingar var dokumenterade.", 10, 0)),
    )


def oversight_evaluation(year: int) -> EvaluationData:
    """KS's evaluation of the group's internal control of ``year - 1``, adopted in April of ``year``."""
    return EvaluationData(
        year - 1,
        "Samtliga nämnder och bolagsstyrelser antog en internkontrollplan för året och rapporterade resultatet. "
        "Den interna kontrollen bedöms i huvudsak vara tillräcklig. Av 84 genomförda kontroller uppfyllde 61 kraven helt, 19 delvis "
        "och 4 inte. Återkommande brister finns i dokumentationen av direktupphandlingar, i attestförteckningarna efter "
        "organisationsförändringar och i anmälan av personuppgiftsincidenter. Brandskyddet i AllboHus bostäder och handläggningstiden "
        "för bygglov kräver fortsatt uppmärksamhet.",
        (
            "Kommundirektören ges i uppdrag att införa en gemensam utbildning i direktupphandling för alla budgetansvariga under året.",
            "Attestförteckningarna i samtliga nämnder och bolag ses över två gånger per år; kontrollen blir kommungemensam.",
            "Moderbolaget ska i delårsrapporten redovisa dotterbolagens åtgärder mot brister i brandskydd och upphandling.",
        ),
        DecisionRef(date(year, 4, 14), "§ 68", f"KS {year - 1}/402"),
    )
