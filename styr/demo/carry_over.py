"""The demo's year-end carry-over (issue 11 §2): the council adopted last year's Mål och budget (so
last year's frames are the council's), the controller computes the committees' results against them
from last year's full books, and the council decides the carry-over in April, one amount changed
with its reason, so this year's frames show the carried line. Through the services, so audited;
the figures are made up, as the demo says everywhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from styr.economy.models import CarryOver
from styr.economy.services import Decided, carry_overs_compute, carry_overs_decide
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning import services as planning

#: The council's own amount for one committee, with its reason (made up): the surplus of
#: Kommunstyrelsen came from posts left vacant, so the council carries half the proposal.
COUNCIL_CHANGE = ("Kommunstyrelsen", Decimal("0.5"), "Överskottet beror på vakanta tjänster under hösten; hälften förs över.")


def adopt_last_years_goals_and_budget(*, units: dict[str, OrgUnit], users: dict[str, Any], year: int) -> None:
    """The council adopted Mål och budget for ``year`` (last year) in June the year before, or in
    November by the new council in an election year (PLAN-006); its frames with it."""
    council = units["Kommunfullmäktige"]
    plan = planning.plan_create(actor=users["ks.controller"], org_unit=council, year=year)
    planning.plan_propose(actor=users["ks.controller"], plan=plan)
    decided_on = date(year - 1, 11, 16) if council.group.governance.is_election_year(year - 1) else date(year - 1, 6, 16)
    planning.plan_adopt(actor=users["kf.ordforande"], plan=plan, decided_on=decided_on, paragraph="§ 62", registration_number=f"{year - 1}-00071")


def load_demo_carry_over(*, group: MunicipalGroup, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> list[CarryOver]:
    """Last year's carry-over, computed by KS's controller and decided by the council in April
    (or today, early in the year): every proposal as proposed but KS's, which the council halves."""
    last = today.year - 1
    adopt_last_years_goals_and_budget(units=units, users=users, year=last)
    proposals = carry_overs_compute(actor=users["ks.controller"], group=group, year=last, today=today)
    name, share, reason = COUNCIL_CHANGE
    changed = {c.pk: Decided((c.proposed_tsek * share).quantize(Decimal("0.01")), reason) for c in proposals if c.org_unit.name == name and c.proposed_tsek}
    return carry_overs_decide(
        actor=users["kf.ordforande"],
        group=group,
        year=last,
        decided_on=min(today, date(today.year, 4, 20)),
        paragraph="§ 38",
        registration_number=f"KS {today.year}/61",
        amounts=changed,
    )
