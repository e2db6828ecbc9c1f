"""The demo's investment plan (issue 11 §3): a dozen Alvesta-like projects across the committees,
planned in last year's and this year's Mål och budget (before the council adopts this year's), and
rolled forward as next year's draft. Their spend is booked by the demo ledger (``styr.demo.ledgers``)
on the fixed-asset accounts with the project in ``#DIM 6``, so the follow-up shows real figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from styr.demo.investment_projects import DEMO_PROJECTS
from styr.economy.services import investment_amount_set, investment_plan_roll, investment_project_create
from styr.organisation.models import OrgUnit


def load_demo_investments(*, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    """Projects and their amounts in the plans of last year and this year, then this year's plan
    rolled forward into next year's draft. Through the services, deterministic."""
    controller = users["ks.controller"]
    year = today.year
    for p in DEMO_PROJECTS:
        status = "finished" if p.finished else ("ongoing" if p.start <= 0 else "planned")
        project = investment_project_create(
            actor=controller,
            committee=units[p.committee],
            name=p.name,
            category=p.category,
            start_year=year + p.start,
            end_year=year + p.end,
            status=status,
            code=p.code,
            total_tsek=p.total_tsek,
            description=p.description,
        )
        for plan_offset in (-1, 0):
            for offset in range(plan_offset, plan_offset + 3):
                amount = p.spend.get(offset)
                if amount is None:
                    continue
                capital, running = p.costs if offset > p.start else (Decimal(0), Decimal(0))
                investment_amount_set(
                    actor=controller,
                    project=project,
                    plan_year=year + plan_offset,
                    year=year + offset,
                    amount_tsek=amount,
                    capital_cost_tsek=capital,
                    running_cost_tsek=running,
                )
    investment_plan_roll(actor=controller, group=units["Kommunstyrelsen"].group, from_year=year)
