"""The plan page's economy tab (issue 10 §4): in the council's Mål och budget every committee's
operating and investment frame (with the total); in a committee's (or KS's) operational plan its
frame as adopted, KS's adjustments and as it stands now, and its internal budget, the split over
its units; the council's tab loads the chart of the frames by committee over the years
(``council_frames_chart``) after the page. Read through the economy's selectors: a page may read
from several areas."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from styr.documents.charts import Chart
from styr.domain.economy import FRAME_RECEIVERS
from styr.domain.frames import ZERO
from styr.domain.plans import GOALS_AND_BUDGET
from styr.economy.frame_charts import frames_chart
from styr.economy.selectors import frame_figures_of_group, frame_history, internal_budget
from styr.economy.selectors.frames import LOCKED, FrameFigures, frame_figures_of_years, goals_and_budget_stage
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import org_unit_list


@dataclass(frozen=True)
class CouncilRow:
    """A committee's line in the council's Mål och budget: what the plan says, and the frame now."""

    unit: OrgUnit
    f: FrameFigures
    operating: Decimal | None
    investment: Decimal | None


def economy_tab(user: Any, unit: OrgUnit, year: int, plan_kind: str) -> dict[str, Any]:
    if plan_kind == GOALS_AND_BUDGET:
        figures = frame_figures_of_group(unit.group, year)
        stage = goals_and_budget_stage(unit.group, year)
        rows: list[CouncilRow] = []
        for committee in org_unit_list(user, group=unit.group):
            if committee.pk not in figures:
                continue
            f = figures[committee.pk]
            # what Mål och budget says: as adopted while it stands adopted, else the proposal
            decided = stage == LOCKED and f.is_adopted
            operating = f.adopted_tsek if decided else f.proposal_tsek
            investment = f.adopted_investment_tsek if decided else f.proposal_investment_tsek
            rows.append(CouncilRow(unit=committee, f=f, operating=operating, investment=investment))
        return {
            "council_frames": rows,
            "frames_stage": stage,
            "operating_total": sum((r.operating or ZERO for r in rows), ZERO),
            "investment_total": sum((r.investment or ZERO for r in rows), ZERO),
            "current_total": sum((r.f.current_tsek or ZERO for r in rows), ZERO),
            # the surpluses and deficits the council decided to carry into the year (issue 11 §2)
            "carry_overs": any(r.f.carry_over_tsek is not None for r in rows),
            "carry_over_total": sum((r.f.carry_over_tsek or ZERO for r in rows), ZERO),
            "is_council": True,
        }
    if unit.level_kind not in FRAME_RECEIVERS:
        return {"receives_no_frame": True}
    history = frame_history(user, unit, year)
    budget = internal_budget(user, unit, year)
    split = [(row.unit, row.depth, row.total) for row in budget.rows if row.total is not None]
    undistributed: Decimal | None = budget.undistributed if split else None
    return {"history": history, "figures": history.figures, "budget": budget, "split": split, "undistributed": undistributed}


def council_frames_chart(user: Any, unit: OrgUnit, year: int) -> Chart | None:
    """The council's chart of the operating frames by committee over the years around the plan's
    year: the year before, the year, and next year (its proposals) — those of them that have
    frames — for the committees the user sees. ``None`` when there are none. The same number of
    queries however many committees and years (three)."""
    years = [year - 1, year, year + 1]
    by_year = frame_figures_of_years(unit.group, years)
    years = [y for y in years if by_year[y]]
    committees = [c for c in org_unit_list(user, group=unit.group) if any(c.pk in by_year[y] for y in years)]
    if not committees:
        return None
    title = _("Operating frames by committee %(first)s–%(last)s") % {"first": years[0], "last": years[-1]}
    return frames_chart(title=title, years=years, committees=[(c.name, [by_year[y].get(c.pk) for y in years]) for c in committees])
