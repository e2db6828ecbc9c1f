"""The demo's budget process (issue 10): Alvesta's made-up population, the resource allocation
model for next year with a scenario beside it, its result taken as next year's frame proposals,
this year's personnel budget at Hagaskolan and Utbildningsnämnden's internal budget adopted.
All through the services, so audited; the figures are made up, as the demo says everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from styr.demo.population import load_population
from styr.economy.models import AllocationModel
from styr.economy.services import (
    allocation_adjustment_add,
    allocation_driver_add,
    allocation_driver_update,
    allocation_fixed_amount_add,
    allocation_frames_propose,
    allocation_model_create,
    allocation_scenario_create,
    internal_budget_adopt,
    overhead_rate_set,
    position_create,
)
from styr.organisation.models import MunicipalGroup, OrgUnit

D = Decimal


@dataclass(frozen=True)
class DemoDriver:
    committee: str
    name: str
    age_from: int
    age_to: int
    price_sek: Decimal
    wage_share_percent: Decimal


#: Drivers and prices per resident at last year's price level (made up, of a plausible size).
DRIVERS = (
    DemoDriver("Utbildningsnämnden", "Förskola 1–5 år", 1, 5, D("138000"), D(75)),
    DemoDriver("Utbildningsnämnden", "Grundskola och fritidshem 6–15 år", 6, 15, D("118000"), D(72)),
    DemoDriver("Nämnden för arbete och lärande", "Gymnasieskola 16–18 år", 16, 18, D("112000"), D(55)),
    DemoDriver("Nämnden för arbete och lärande", "Vuxenutbildning och försörjningsstöd 19–64 år", 19, 64, D("1200"), D(40)),
    DemoDriver("Omsorgsnämnden", "Äldreomsorg 80 år och äldre", 80, 100, D("215000"), D(80)),
    DemoDriver("Omsorgsnämnden", "Hemtjänst 65–79 år", 65, 79, D("20500"), D(85)),
    DemoDriver("Kultur- och fritidsnämnden", "Kultur och fritid per invånare", 0, 100, D("2275"), D(55)),
    DemoDriver("Samhällsbyggnadsnämnden", "Samhällsbyggnad per invånare", 0, 100, D("2480"), D(35)),
)

#: Fixed amounts per committee, with their reasons (made up).
FIXED = (
    ("Utbildningsnämnden", "Anpassad grundskola, modersmål och skolskjuts", D("77000000")),
    ("Omsorgsnämnden", "Stöd enligt LSS", D("107500000")),
    ("Nämnden för arbete och lärande", "Arbetsmarknadsenhet", D("4800000")),
    ("Samhällsbyggnadsnämnden", "Gator, parker och räddningstjänst", D("12450000")),
    ("Kommunstyrelsen", "Kommunledning och gemensam service", D("143200000")),
)

#: The majority's political adjustments (politiska viljeinriktningar), with their reasons.
ADJUSTMENTS = (
    ("Utbildningsnämnden", 0, D("3000000"), "Satsning på läsning i lågstadiet"),
    ("Omsorgsnämnden", 1, D("2500000"), "Fler platser i särskilt boende från plan år 1"),
    ("Kultur- och fritidsnämnden", 0, D("-400000"), "Effektivisering av lokaler"),
)

#: Hagaskolan's positions this year: (title, monthly salary, employment rate %, how many).
POSITIONS = (
    ("Rektor", D("62000"), D(100), 1),
    ("Lärare F–3", D("38500"), D(100), 9),
    ("Lärare 4–6", D("39200"), D(100), 8),
    ("Lärare 4–6", D("39200"), D(80), 1),
    ("Fritidspedagog", D("31800"), D(100), 5),
    ("Elevassistent", D("26100"), D(75), 3),
    ("Skoladministratör", D("31000"), D(100), 1),
)


def load_demo_budget_process(*, group: MunicipalGroup, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> AllocationModel:
    """The population, next year's allocation model and scenario with frame proposals, this year's
    personnel budget at Hagaskolan and Utbildningsnämnden's internal budget adopted."""
    controller = users["ks.controller"]
    year = today.year
    series = load_population(group=group, controller=controller, year=year + 1)
    model = allocation_model_create(
        actor=controller,
        group=group,
        budget_year=year + 1,
        name=f"Resursfördelning {year + 1}",
        description="Påhittad modell för demon: volymmått ur den påhittade befolkningen, priser på föregående års nivå.",
        population_series=series,
        wage_index_n=D("3.2"),
        wage_index_n1=D("3.0"),
        wage_index_n2=D("3.0"),
        price_index_n=D("2.1"),
        price_index_n1=D("2.0"),
        price_index_n2=D("2.0"),
    )
    for driver in DRIVERS:
        allocation_driver_add(
            actor=controller,
            model=model,
            committee=units[driver.committee],
            name=driver.name,
            age_from=driver.age_from,
            age_to=driver.age_to,
            price_sek=driver.price_sek,
            wage_share_percent=driver.wage_share_percent,
        )
    for committee, reason, amount_sek in FIXED:
        allocation_fixed_amount_add(actor=controller, model=model, committee=units[committee], reason=reason, amount_sek=amount_sek)
    for committee, offset, amount_sek, reason in ADJUSTMENTS:
        allocation_adjustment_add(actor=controller, model=model, committee=units[committee], year_offset=offset, amount_sek=amount_sek, reason=reason)
    scenario = allocation_scenario_create(actor=controller, model=model, name=f"Resursfördelning {year + 1}: högre pris i grundskolan")
    school = scenario.drivers.get(name="Grundskola och fritidshem 6–15 år")
    allocation_driver_update(actor=controller, driver=school, price_sek=D("121500"))
    allocation_frames_propose(actor=controller, model=model)

    overhead_rate_set(actor=controller, group=group, valid_from=date(year, 1, 1), rate_percent=D("40.15"), note="Påhittad sats för demon")
    haga = units["Hagaskolan"]
    for title, salary, rate, count in POSITIONS:
        for _ in range(count):
            position_create(
                actor=controller,
                org_unit=haga,
                year=year,
                title=title,
                monthly_salary_sek=salary,
                employment_rate=rate,
                salary_increase_percent=D("2.8"),
                salary_increase_month=4,
            )

    committee = units["Utbildningsnämnden"]
    internal_budget_adopt(
        actor=users["un.politiker"],
        committee=committee,
        year=year,
        decided_on=date(year - 1, 11, 19),
        paragraph="§ 88",
        registration_number=f"UN {year - 1}/88",
    )
    return model
