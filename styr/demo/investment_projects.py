"""Alvesta kommun's made-up investment projects (issue 11 §3): a school extension, streets and water
renewed, a new waterworks, an exploitation area, care and culture. Pure data, no Django: the loader
(``styr.demo.investments``) plans them through the services, and the demo ledger
(``styr.demo.ledgers``) books their spend on fixed-asset accounts with the project in ``#DIM 6``.

Years are offsets from the demo's year; ``spend`` maps an offset to the amount (tkr) the plans hold
for that year; ``pace`` is how much of a year's plan the ledger spends (some behind, some ahead)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

BUILDINGS = "1180"  # Pågående ny-, till- och ombyggnad
EQUIPMENT = "1210"  # Maskiner och inventarier


@dataclass(frozen=True)
class DemoProject:
    committee: str
    code: str
    name: str
    category: str
    start: int
    end: int
    spend: dict[int, Decimal]
    pace: Decimal = Decimal("0.9")
    account: str = BUILDINGS
    total_tsek: Decimal | None = None
    finished: bool = False
    #: operating-cost consequences per year once in use (capital cost, running cost; tkr)
    costs: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))
    description: str = ""


def _d(**years: int) -> dict[int, Decimal]:
    """``_d(m1=8000, y0=30000, p1=24000)``: amounts (tkr) by offset (m1 = last year, y0 = this year, p1 = next)."""
    offsets = {"m1": -1, "y0": 0, "p1": 1, "p2": 2, "p3": 3}
    return {offsets[k]: Decimal(v) for k, v in years.items()}


D = Decimal
DEMO_PROJECTS = (
    DemoProject(
        "Kommunstyrelsen",
        "P2001",
        "Reinvestering gator och vägar",
        "reinvestment",
        -1,
        4,
        _d(m1=6000, y0=6000, p1=6500, p2=6500),
        D("0.95"),
        costs=(D("420"), D(0)),
        description="Beläggningsprogram för de kommunala gatorna, enligt underhållsplanen.",
    ),
    DemoProject(
        "Kommunstyrelsen",
        "P2002",
        "Exploatering verksamhetsområde Hjortsberga",
        "exploitation",
        0,
        2,
        _d(y0=12000, p1=8000, p2=5000),
        D("0.6"),
        total_tsek=D("25000"),
        description="Gator, VA och belysning för ett nytt verksamhetsområde; tomterna säljs.",
    ),
    DemoProject(
        "Kommunstyrelsen",
        "P2003",
        "IT-infrastruktur och nätverk",
        "reinvestment",
        -1,
        3,
        _d(m1=2500, y0=2500, p1=2500, p2=2500),
        D("1.02"),
        EQUIPMENT,
        costs=(D("600"), D("150")),
    ),
    DemoProject(
        "Samhällsbyggnadsnämnden",
        "P5001",
        "Förnyelse vatten- och avloppsledningar Alvesta tätort",
        "reinvestment",
        -1,
        5,
        _d(m1=9000, y0=9000, p1=9500, p2=9500),
        D("0.88"),
        costs=(D("380"), D(0)),
    ),
    DemoProject(
        "Samhällsbyggnadsnämnden",
        "P5002",
        "Nytt vattenverk Moheda",
        "expansion",
        0,
        3,
        _d(y0=15000, p1=25000, p2=10000),
        D("0.75"),
        total_tsek=D("60000"),
        costs=(D("2100"), D("900")),
        description="Ersätter det gamla vattenverket; klart för drift under planperioden.",
    ),
    DemoProject(
        "Samhällsbyggnadsnämnden",
        "P5003",
        "Gång- och cykelväg Vislanda-Alvesta",
        "expansion",
        -1,
        0,
        _d(m1=4000, y0=3500),
        D("1.05"),
        total_tsek=D("7500"),
        costs=(D("160"), D("40")),
    ),
    DemoProject(
        "Samhällsbyggnadsnämnden",
        "P5004",
        "Exploatering bostadsområde Spåningslöv etapp 2",
        "exploitation",
        0,
        2,
        _d(y0=6000, p1=9000, p2=4000),
        D("0.8"),
        total_tsek=D("19000"),
    ),
    DemoProject(
        "Utbildningsnämnden",
        "P3001",
        "Tillbyggnad Prästängsskolan",
        "expansion",
        -1,
        1,
        _d(m1=8000, y0=30000, p1=24000),
        D("0.92"),
        total_tsek=D("62000"),
        costs=(D("2600"), D("1100")),
        description="Sex nya klassrum, matsal och idrottshall för en växande elevgrupp.",
    ),
    DemoProject(
        "Utbildningsnämnden", "P3002", "Ny förskola Moheda", "expansion", 1, 2, _d(p1=10000, p2=18000), total_tsek=D("40000"), costs=(D("1700"), D("650"))
    ),
    DemoProject(
        "Utbildningsnämnden", "P3003", "Inventarier skolor och förskolor", "reinvestment", -1, 3, _d(m1=1500, y0=1500, p1=1500, p2=1500), D("0.97"), EQUIPMENT
    ),
    DemoProject(
        "Omsorgsnämnden",
        "P4001",
        "Ombyggnad särskilt boende Hagalund",
        "reinvestment",
        0,
        1,
        _d(y0=7000, p1=6000),
        D("1.1"),
        total_tsek=D("13000"),
        costs=(D("520"), D(0)),
    ),
    DemoProject(
        "Omsorgsnämnden",
        "P4002",
        "Välfärdsteknik i hemtjänsten",
        "expansion",
        -1,
        2,
        _d(m1=1200, y0=1200, p1=1200),
        D("0.85"),
        EQUIPMENT,
        costs=(D("300"), D("120")),
    ),
    DemoProject(
        "Kultur- och fritidsnämnden",
        "P6001",
        "Konstgräsplan Alvesta IP",
        "reinvestment",
        -1,
        -1,
        _d(m1=4500),
        D("1.0"),
        total_tsek=D("4500"),
        finished=True,
        costs=(D("260"), D("80")),
    ),
)

#: A project object the ledger books on that no project in Styr answers to yet: the mapping page lists it.
UNPLANNED = ("P9001", "Bredband Grimslöv", Decimal("350"))


def ledger_spend(year_offset: int) -> list[tuple[str, str, str, Decimal]]:
    """What the ledger capitalises on each project in the year at ``year_offset`` (tkr), the year's
    plan times the project's pace: (code, name, account, tkr)."""
    found = [(p.code, p.name, p.account, (p.spend[year_offset] * p.pace).quantize(Decimal(1))) for p in DEMO_PROJECTS if year_offset in p.spend]
    if year_offset == 0:
        found.append((UNPLANNED[0], UNPLANNED[1], BUILDINGS, UNPLANNED[2]))
    return found
