"""The demo's plans (issues 3 and 8): core missions with quality, analysis, the council's direction,
development areas, goals and financial goals, the cascade below them, activities, an assignment,
and Mål och budget adopted (the education committee's plan in draft). All through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from styr.followup.services import measurement_record
from styr.organisation.models import OrgUnit

#: Vision 2027's four areas (Alvesta's Mål och budget), the council's development areas.
VISION_AREAS = (
    ("Hållbar tillväxt", "Alvesta växer med fler bostäder, företag och arbetstillfällen i hela kommunen."),
    ("Människors vardag", "En enkel och trygg vardag med god service nära invånarna."),
    ("Barns och ungas behov", "Barn och unga får goda förutsättningar att lyckas i skolan och i livet."),
    ("Trygg välfärd", "Välfärden är trygg, likvärdig och tillgänglig när den behövs."),
)

#: Each committee's core mission and quality: (unit, serves, purpose, governed by, [(factor, [(indicator, unit, direction, kolada)])]).
CORE_MISSIONS: tuple[tuple[str, str, str, str, tuple[tuple[str, tuple[tuple[str, str, str, str], ...]], ...]], ...] = (
    (
        "Kommunstyrelsen",
        "Invånare, företag och kommunens nämnder och bolag",
        "Leda, samordna och ha uppsikt över kommunkoncernen",
        "Kommunallagen, kommunstyrelsens reglemente, Mål och budget",
        (("God arbetsmiljö", (("Sjukfrånvaro bland kommunens anställda", "%", "lower", "N00090"),)),),
    ),
    (
        "Nämnden för arbete och lärande",
        "Arbetssökande, vuxenstuderande och nyanlända",
        "Ge vägar till arbete, studier och egen försörjning",
        "Skollagen (vuxenutbildning), socialtjänstlagen, nämndens reglemente",
        (("Vägar till arbete", (("Arbetslöshet bland inrikes födda 20–64 år", "%", "lower", "N00708"),)),),
    ),
    (
        "Utbildningsnämnden",
        "Barn i förskola och elever i grundskola och gymnasieskola",
        "Ge alla barn och elever en likvärdig utbildning av hög kvalitet",
        "Skollagen, läroplanerna, utbildningsnämndens reglemente",
        (
            ("Trygghet och studiero", (("Elever i åk 5 som känner sig trygga i skolan", "%", "higher", "N15557"),)),
            ("Kunskapsresultat", (("Elever i åk 9 som är behöriga till yrkesprogram", "%", "higher", "N15424"),)),
        ),
    ),
    (
        "Omsorgsnämnden",
        "Äldre och personer med funktionsnedsättning som behöver stöd",
        "Ge trygg vård och omsorg med hög kontinuitet",
        "Socialtjänstlagen, LSS, hälso- och sjukvårdslagen, omsorgsnämndens reglemente",
        (("Kontinuitet i hemtjänsten", (("Antal personal en hemtjänsttagare möter under 14 dagar", "antal", "lower", "U21401"),)),),
    ),
    (
        "Samhällsbyggnadsnämnden",
        "Invånare, byggherrar och företag",
        "Planera, bygga och sköta en hållbar och tillgänglig kommun",
        "Plan- och bygglagen, miljöbalken, nämndens reglemente",
        (
            ("Snabb och rättssäker handläggning", (("Handläggningstid för bygglov för en- och tvåbostadshus", "dagar", "lower", "U00810"),)),
            ("Fungerande avfallshantering", (("Invånare som tycker att hämtningen av hushållsavfall fungerar bra", "%", "higher", "N00632"),)),
        ),
    ),
    (
        "Kultur- och fritidsnämnden",
        "Invånare i alla åldrar, föreningar och besökare",
        "Ge möjligheter till kultur, idrott och en meningsfull fritid",
        "Bibliotekslagen, nämndens reglemente",
        (("Tillgängligt bibliotek", (("Besök per invånare i folkbiblioteken", "besök", "higher", ""),)),),
    ),
)


#: seed §5.B: the quality factors that answer a national requirement on systematic quality work (QUAL-001)
NATIONAL_REQUIREMENTS = {
    "Trygghet och studiero": "skollagen-4-kap",
    "Kunskapsresultat": "skollagen-4-kap",
    "Kontinuitet i hemtjänsten": "sosfs-2011-9",
}


def load_demo_plans(*, units: dict[str, OrgUnit], users: dict[str, Any], year: int) -> None:
    """A plausible full plan for the Alvesta group for ``year``: Mål och budget adopted, the
    education committee's operational plan in draft (issue 3, point 13)."""
    from styr.planning import services as p

    controller, chair = users["ks.controller"], users["kf.ordforande"]
    council, ks, un = units["Kommunfullmäktige"], units["Kommunstyrelsen"], units["Utbildningsnämnden"]

    # seed §7 Styrdokument: a strategy with goals and indicators of its own (DOC-001), past the date
    # it was to be revised by (DOC-002): KS sees it among the parallel steering and on its overview
    from styr.organisation.services import governing_document_create

    governing_document_create(
        actor=controller,
        group=ks.group,
        owner_unit=ks,
        title="Energi- och klimatstrategi (demo)",
        doc_type="STRATEGY",
        decided_by="Kommunfullmäktige",
        decision_reference="KF § 15/2021 (demo)",
        decision_date=date(2021, 2, 22),
        valid_from=date(2021, 3, 1),
        applies_to="Alvesta kommunkoncern",
        follow_up_responsible="Kommunledningsförvaltningen",
        registration_number="2021-00015 (demo)",
        carries_goals=True,
        carries_indicators=True,
        own_steering="Fyra egna klimatmål till 2030 och sex indikatorer för utsläpp och energi",
        review_by=date(year - 1, 12, 31),
    )

    # Core missions, with quality factors and target-free quality indicators (parts A and B)
    p.core_mission_set(
        actor=controller,
        org_unit=council,
        serves="Alla som bor, verkar och vistas i Alvesta kommun",
        purpose="Företräda invånarna, besluta i stora frågor och utveckla Alvesta som samhälle",
        governed_by="Kommunallagen, Agenda 2030 (Hållbara 2030), Vision 2027",
    )
    democracy = p.quality_factor_create(actor=controller, org_unit=council, title="Demokrati och delaktighet")
    p.quality_indicator_create(
        actor=controller,
        factor=democracy,
        name="Valdeltagande i senaste kommunalvalet",
        unit_label="%",
        direction="higher",
        source="kolada",
        kolada_kpi="N05401",
        frequency="yearly",
        owner=controller,
    )
    for unit_name, serves, purpose, governed_by, factors in CORE_MISSIONS:
        unit = units[unit_name]
        mission = p.core_mission_set(actor=controller, org_unit=unit, serves=serves, purpose=purpose, governed_by=governed_by)
        p.risk_create(
            actor=controller, core_mission=mission, description="Svårt att rekrytera och behålla personal med rätt kompetens", likelihood=3, consequence=3
        )
        for factor_title, indicators in factors:
            factor = p.quality_factor_create(
                actor=controller, org_unit=unit, title=factor_title, national_requirement=NATIONAL_REQUIREMENTS.get(factor_title, "")
            )
            for name, unit_label, direction, kpi in indicators:
                p.quality_indicator_create(
                    actor=controller,
                    factor=factor,
                    name=name,
                    unit_label=unit_label,
                    direction=direction,
                    source="kolada" if kpi else "manual",
                    kolada_kpi=kpi,
                    frequency="yearly",
                    owner=controller,
                )

    # Analysis (part C): a lower level's trend that the group-wide analysis builds on
    school_trend = p.trend_create(
        actor=users["uf.tjansteperson"],
        org_unit=units["Utbildningsförvaltningen"],
        year=year,
        category="social",
        title="Fler elever med annat modersmål",
        expected_impact="Ökat behov av studiehandledning och språkstöd",
        horizon_years=4,
    )
    p.trend_create(
        actor=controller,
        org_unit=council,
        year=year,
        category="social",
        title="Åldrande befolkning och fler unga",
        description="Andelen invånare över 80 år och under 19 år ökar samtidigt.",
        expected_impact="Ökade behov i både skola och äldreomsorg med samma skattebas",
        horizon_years=10,
        builds_on=[school_trend],
    )
    p.current_state_set(
        actor=controller,
        org_unit=council,
        year=year,
        core_mission_quality="Kvaliteten i grunduppdraget är god inom de flesta områden; kontinuiteten i hemtjänsten behöver förbättras.",
        goal_attainment="Två av tre mål bedömdes som delvis uppfyllda förra året.",
        economy="Resultatet för koncernen var positivt men lägre än målet om 2 procent.",
    )

    # Direction, development areas and the council's three goals
    p.direction_set(actor=chair, org_unit=council, year=year, text="Alvesta ska växa hållbart, med en trygg vardag och goda förutsättningar för barn och unga.")
    areas = {title: p.development_area_create(actor=controller, org_unit=council, year=year, title=title, description=text) for title, text in VISION_AREAS}
    growth = p.goal_create(
        actor=controller,
        org_unit=council,
        title="Fler invånare i hela Alvesta kommun",
        citizen_change="Fler väljer att bo, verka och stanna i Alvesta, i tätorten och på landsbygden.",
        start_year=year,
        end_year=year + 1,
        development_area=areas["Hållbar tillväxt"],
    )
    population = p.indicator_create(
        actor=controller,
        goal=growth,
        name="Antal invånare 31 december",
        unit_label="invånare",
        direction="higher",
        baseline_year=year - 1,
        baseline_value=Decimal("20134"),
        target_year=year + 1,
        target_value=Decimal("20400"),
    )
    everyday = p.goal_create(
        actor=controller,
        org_unit=council,
        title="Fler invånare upplever en trygg vardag",
        citizen_change="Invånarna känner sig trygga i sitt bostadsområde och får välfärd när de behöver den.",
        start_year=year,
        end_year=year + 2,
        development_area=areas["Trygg välfärd"],
    )
    p.indicator_create(
        actor=controller,
        goal=everyday,
        name="Andel invånare som känner sig trygga utomhus på kvällen",
        unit_label="%",
        direction="higher",
        baseline_year=year - 1,
        baseline_value=Decimal("62"),
        target_year=year + 2,
        target_value=Decimal("68"),
    )
    youth = p.goal_create(
        actor=controller,
        org_unit=council,
        title="Fler barn och unga fullföljer sin utbildning",
        citizen_change="Varje barn och ung får det stöd som behövs för att klara skolan.",
        start_year=year,
        end_year=year + 3,
        development_area=areas["Barns och ungas behov"],
    )
    p.indicator_create(
        actor=controller,
        goal=youth,
        name="Elever i åk 9 som är behöriga till yrkesprogram",
        unit_label="%",
        direction="higher",
        baseline_year=year - 1,
        baseline_value=Decimal("78"),
        target_year=year + 3,
        target_value=Decimal("85"),
    )
    p.financial_goal_create(
        actor=controller,
        org_unit=council,
        year=year,
        title="Resultatet ska vara minst 2 procent av skatteintäkter och generella statsbidrag",
        measure="result_share",
        target_value=Decimal("2"),
        unit_label="%",
    )
    p.financial_goal_create(
        actor=controller,
        org_unit=council,
        year=year,
        title="Investeringarna ska i huvudsak finansieras med egna medel",
        measure="self_financing",
        target_value=Decimal("100"),
        unit_label="%",
    )
    p.financial_goal_create(
        actor=controller,
        org_unit=council,
        year=year,
        title="Soliditeten inklusive pensionsförpliktelser ska inte sjunka under 30 procent",
        measure="equity_ratio_with_pensions",
        target_value=Decimal("30"),
    )
    p.financial_goal_create(
        actor=controller,
        org_unit=council,
        year=year,
        title="Nettokostnaderna ska inte överstiga 98 procent av skatteintäkter och generella statsbidrag",
        measure="net_cost_share",
        target_value=Decimal("98"),
    )

    # Committee and unit goals that contribute to the council's (the cascade)
    school_goal = p.goal_create(
        actor=users["un.politiker"],
        org_unit=un,
        title="Alla elever ska lämna grundskolan med godkända betyg",
        citizen_change="Fler elever klarar kunskapskraven och kan välja sin fortsatta utbildning.",
        start_year=year,
        end_year=year + 2,
        contributes_to=[youth],
    )
    p.indicator_create(
        actor=controller,
        goal=school_goal,
        name="Elever i åk 9 som är behöriga till yrkesprogram",
        unit_label="%",
        direction="higher",
        baseline_year=year - 1,
        baseline_value=Decimal("78"),
        target_year=year + 2,
        target_value=Decimal("84"),
    )
    calm = p.goal_create(
        actor=users["un.politiker"],
        org_unit=un,
        title="Trygg skolmiljö med studiero",
        start_year=year,
        end_year=year,
        contributes_to=[everyday, youth],
        measurable=False,
    )
    care_goal = p.goal_create(
        actor=controller,
        org_unit=units["Omsorgsnämnden"],
        title="Färre olika personal hos varje hemtjänsttagare",
        start_year=year,
        end_year=year + 1,
        contributes_to=[everyday],
    )
    p.indicator_create(
        actor=controller,
        goal=care_goal,
        name="Antal personal en hemtjänsttagare möter under 14 dagar",
        unit_label="antal",
        direction="lower",
        baseline_year=year - 1,
        baseline_value=Decimal("16"),
        target_year=year + 1,
        target_value=Decimal("12"),
    )
    haga_goal = p.goal_create(
        actor=users["enhetschef"],
        org_unit=units["Hagaskolan"],
        title="Lugna och trygga raster",
        start_year=year,
        end_year=year,
        contributes_to=[calm],
        measurable=False,
    )
    # the committee adopted its goal for a calm school ahead of its plan, and asks its citizens about it
    # (issue 15 §2, styr/demo/citizen_dialogue.py)
    p.goal_adopt(actor=users["un.politiker"], goal=calm)
    p.activity_create(
        actor=users["enhetschef"],
        goal=haga_goal,
        title="Rastvärdar och organiserade rastaktiviteter",
        owner=users["enhetschef"],
        start_date=date(year, 1, 15),
        end_date=date(year, 6, 15),
        status="ongoing",
    )
    p.activity_create(
        actor=users["uf.tjansteperson"],
        goal=school_goal,
        title="Läsfrämjande insatser i åk 1–3",
        owner=users["uf.tjansteperson"],
        start_date=date(year, 2, 1),
        end_date=date(year, 12, 15),
    )
    assignment = p.assignment_create(
        actor=controller,
        issuer=ks,
        receiver=un,
        year=year,
        title="Utred skolornas lokalbehov till 2035",
        description="Ta fram en lokalförsörjningsplan för förskola och grundskola.",
        deadline=date(year, 11, 30),
        execution_form="project",
        reporting_requirement="Delrapport i delårsbokslutet, slutrapport till KS i december.",
    )
    p.activity_create(
        actor=users["uf.tjansteperson"],
        assignment=assignment,
        title="Inventera lokaler och elevprognoser",
        owner=users["uf.tjansteperson"],
        start_date=date(year, 3, 1),
        end_date=date(year, 9, 30),
    )
    from styr.demo.projects import load_demo_projects

    load_demo_projects(units=units, users=users, year=year, ks_assignment=assignment)

    # One adopted plan (Mål och budget, adopted by the council in June the year before) and one in draft
    budget = p.plan_create(actor=controller, org_unit=council, year=year)
    p.plan_propose(actor=controller, plan=budget)
    # in an election year the new council adopts it, once in office (PLAN-006)
    model = council.group.governance
    decided_on = date(year - 1, 11, 16) if model.is_election_year(year - 1) else date(year - 1, 6, 16)
    p.plan_adopt(actor=chair, plan=budget, decided_on=decided_on, paragraph="§ 62", registration_number=f"{year - 1}-00071")
    p.plan_create(actor=controller, org_unit=un, year=year)
    measurement_record(
        actor=controller,
        indicator=population,
        period=date(year, 6, 1),
        value=Decimal("20187"),
        comment="Befolkning 30 juni enligt SCB.",
        reason="SCB publicerar halvårsstatistiken i augusti.",
    )
