"""Frames change only by the council's adoption of Mål och budget or by KS's recorded adjustment
(issue 10 §2): the issue's "today" reproduced, and its fix."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from styr.economy.models import OperatingFrame
from styr.economy.services import frame_set
from styr.planning import services as planning
from styr.planning.models import Plan
from tests.conftest import YEAR, World


def adopt_goals_and_budget(world: World, year: int = YEAR, *, decided_on: date | None = None) -> Plan:
    """The council adopts its Mål och budget for ``year`` (in June the year before)."""
    controller = world.users["ks_controller"]
    plan = planning.plan_create(actor=controller, org_unit=world.unit("Kommunfullmäktige"), year=year)
    plan = planning.plan_propose(actor=controller, plan=plan)
    return planning.plan_adopt(
        actor=world.users["council_chair"],
        plan=plan,
        decided_on=decided_on or date(year - 1, 6, 16),
        paragraph="§ 62",
        registration_number=f"KS {year - 1}/71",
    )


def test_after_the_council_adopted_mal_och_budget_a_controller_cannot_overwrite_a_frame(world: World) -> None:
    """Today: 100 became 200 on the unit page while the snapshot kept 100."""
    committee = world.unit("Utbildningsnämnden")
    controller = world.users["ks_controller"]
    frame_set(actor=controller, org_unit=committee, year=YEAR, amount_tsek=Decimal(100))
    plan = adopt_goals_and_budget(world)
    assert plan.snapshot is not None and plan.snapshot["sections"]["frames"][0]["amount_tsek"] == "100.0"
    from styr.domain.errors import RuleViolation

    with pytest.raises(RuleViolation) as refused:
        frame_set(actor=controller, org_unit=committee, year=YEAR, amount_tsek=Decimal(200))
    assert refused.value.code == "FRAME-001"
    assert OperatingFrame.objects.get(org_unit=committee, year=YEAR).amount_tsek == Decimal(100)
    page = world.client("ks_controller").get(f"/enheter/{committee.pk}/?ar={YEAR}").content.decode()
    assert "200 tkr" not in page


def test_a_ks_politician_records_an_adjustment_as_a_decision(world: World) -> None:
    """Today a KS politician cannot change a frame at all; KS may adjust it during the year."""
    from styr.economy.services import frame_adjust

    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, amount_tsek=Decimal(100))
    adopt_goals_and_budget(world)
    frame_adjust(
        actor=world.users["ks_politician"],
        org_unit=committee,
        year=YEAR,
        operating_tsek=Decimal(5),
        reason="Fler elever i grundskolan än i prognosen.",
        decided_on=date(YEAR, 3, 1),
        paragraph="§ 40",
        registration_number=f"KS {YEAR}/12",
    )
    assert OperatingFrame.objects.get(org_unit=committee, year=YEAR).amount_tsek == Decimal(105)


# -- the rules -------------------------------------------------------------------------------

from styr.core.errors import NotAllowed  # noqa: E402
from styr.core.models import AuditEvent  # noqa: E402
from styr.domain.errors import RuleViolation  # noqa: E402
from styr.economy.models import FrameAdjustment  # noqa: E402
from styr.economy.selectors import frame_figures  # noqa: E402
from styr.economy.services import frame_adjust  # noqa: E402


def adopted_frame(world: World, amount: str = "512300", investment: str | None = "40000") -> None:
    frame_set(
        actor=world.users["ks_controller"],
        org_unit=world.unit("Utbildningsnämnden"),
        year=YEAR,
        amount_tsek=Decimal(amount),
        investment_tsek=Decimal(investment) if investment is not None else None,
    )
    adopt_goals_and_budget(world)


def adjust(world: World, persona: str = "ks_politician", **given: object) -> FrameAdjustment:
    values: dict[str, object] = {
        "org_unit": world.unit("Utbildningsnämnden"),
        "year": YEAR,
        "operating_tsek": Decimal("2400"),
        "reason": "Fler elever i grundskolan än i prognosen.",
        "decided_on": date(YEAR, 2, 24),
        "paragraph": "§ 31",
        "registration_number": f"KS {YEAR}/44",
    }
    values.update(given)
    return frame_adjust(actor=world.users[persona], **values)  # type: ignore[arg-type]


def test_adopting_mal_och_budget_adopts_the_years_frames_with_its_decision_and_they_are_in_the_snapshot(world: World) -> None:
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=Decimal("498700"))
    adopted_frame(world)
    figures = frame_figures(world.unit("Utbildningsnämnden"), YEAR)
    assert figures.is_adopted and figures.adopted_tsek == Decimal("512300") and figures.current_tsek == Decimal("512300")
    assert figures.investment_tsek == figures.adopted_investment_tsek == Decimal("40000")
    plan = Plan.objects.get(kind="goals_and_budget", year=YEAR)
    assert figures.decision == plan.decision
    # an investment frame never proposed is adopted as 0
    assert frame_figures(world.unit("Omsorgsnämnden"), YEAR).adopted_investment_tsek == Decimal(0)
    frames = plan.snapshot["sections"]["frames"]  # type: ignore[index]
    assert [(f["title"], f["amount_tsek"], f["investment_tsek"]) for f in frames] == [
        ("Utbildningsnämnden", "512300.0", "40000.0"),
        ("Omsorgsnämnden", "498700.0", "0"),
    ]
    assert (plan.snapshot["meta"]["frames_total"], plan.snapshot["meta"]["investment_total"]) == ("1\u00a0011\u00a0000", "40\u00a0000")  # type: ignore[index]
    assert AuditEvent.objects.filter(action="operating_frame.adopted").count() == 2


def test_frame_001_refused_after_adoption_answers_409(world: World) -> None:
    from styr.core.errors import violation_status

    adopted_frame(world)
    with pytest.raises(RuleViolation) as refused:
        frame_set(actor=world.users["council_chair"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal(1))
    assert refused.value.code == "FRAME-001" and violation_status(refused.value) == 409
    # another year is still open for proposals
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR + 1, amount_tsek=Decimal(1))


def test_a_ks_adjustment_is_a_decision_with_reason_and_the_frame_stands_as_adopted_plus_adjustments(world: World) -> None:
    adopted_frame(world)
    first = adjust(world)
    adjust(world, operating_tsek=Decimal("-400"), investment_tsek=Decimal("5000"), decided_on=date(YEAR, 9, 1), paragraph="§ 90")
    frame = OperatingFrame.objects.get(org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    assert frame.amount_tsek == Decimal("514300") and frame.adopted_tsek == Decimal("512300") and frame.investment_tsek == Decimal("45000")
    assert first.decision.body == world.unit("Kommunstyrelsen") and first.decision.paragraph == "§ 31"
    figures = frame_figures(world.unit("Utbildningsnämnden"), YEAR)
    assert (figures.adjustment_count, figures.adjustments_tsek, figures.investment_adjustments_tsek) == (2, Decimal(2000), Decimal(5000))
    event = AuditEvent.objects.filter(action="frame.adjusted").order_by("pk").first()
    assert event is not None and event.before["amount_tsek"] == "512300.0" and event.after["amount_tsek"] == "514700.0"
    assert event.after["reason"] == "Fler elever i grundskolan än i prognosen."


@pytest.mark.parametrize("persona", ["council_chair", "ks_controller", "committee_politician", "auditor", "outsider"])
def test_only_a_politician_on_ks_itself_records_an_adjustment(world: World, persona: str) -> None:
    adopted_frame(world)
    with pytest.raises(NotAllowed):
        adjust(world, persona)
    assert not FrameAdjustment.objects.exists()


def test_frame_002_no_adjustment_before_the_council_adopted(world: World) -> None:
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal(100))
    with pytest.raises(RuleViolation) as refused:
        adjust(world)
    assert refused.value.code == "FRAME-002"


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"reason": "   "}, "FRAME-003"),
        ({"reason": "x" * 10_001}, "TEXT-001"),
        ({"decided_on": date(YEAR + 1, 1, 10)}, "FRAME-004"),
        ({"decided_on": date(YEAR - 1, 6, 1)}, "FRAME-004"),  # before the council adopted it (2025-06-16)
        ({"operating_tsek": Decimal(0)}, "FRAME-005"),
        ({"operating_tsek": Decimal(0), "investment_tsek": Decimal("-40001")}, "FRAME-006"),
        ({"operating_tsek": Decimal("2400.05")}, "FRAME-007"),  # more than one decimal: kept to 0.1 tkr
        ({"operating_tsek": Decimal(0), "investment_tsek": Decimal("0.25")}, "FRAME-007"),
    ],
)
def test_an_adjustment_is_refused_by_its_rule_and_nothing_is_written(world: World, given: dict[str, Any], code: str) -> None:
    adopted_frame(world)
    from styr.planning.models import Decision

    decisions = Decision.objects.count()
    with pytest.raises(RuleViolation) as refused:
        adjust(world, **given)
    assert refused.value.code == code
    assert not FrameAdjustment.objects.exists() and Decision.objects.count() == decisions
    assert OperatingFrame.objects.get(org_unit=world.unit("Utbildningsnämnden"), year=YEAR).amount_tsek == Decimal("512300")


def test_frame_006_an_investment_frame_is_not_proposed_below_zero(world: World) -> None:
    with pytest.raises(RuleViolation) as refused:
        frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal(1), investment_tsek=Decimal(-1))
    assert refused.value.code == "FRAME-006"


@pytest.mark.parametrize(
    ("amount", "investment", "field"),
    [("1000.25", None, "amount_tsek"), ("1000", "40.01", "investment_tsek"), ("1E+13", None, "amount_tsek"), ("0.05", None, "amount_tsek")],
)
def test_frame_007_a_proposal_is_in_tkr_with_at_most_one_decimal_and_nothing_is_written(world: World, amount: str, investment: str | None, field: str) -> None:
    committee = world.unit("Utbildningsnämnden")
    with pytest.raises(RuleViolation) as refused:
        frame_set(
            actor=world.users["ks_controller"],
            org_unit=committee,
            year=YEAR,
            amount_tsek=Decimal(amount),
            investment_tsek=Decimal(investment) if investment else None,
        )
    assert refused.value.code == "FRAME-007" and refused.value.field == field
    assert not OperatingFrame.objects.exists() and not AuditEvent.objects.filter(action="operating_frame.set").exists()
    # one decimal, even written with a trailing zero, is a frame
    frame_set(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, amount_tsek=Decimal("1000.40"), investment_tsek=Decimal("40.1"))
    assert OperatingFrame.objects.get().amount_tsek == Decimal("1000.4")


def test_a_revision_of_mal_och_budget_reopens_proposals_while_the_adopted_frame_stays_in_force(world: World) -> None:
    adopted_frame(world)
    adjust(world)  # 512 300 + 2 400
    plan = Plan.objects.get(kind="goals_and_budget", year=YEAR)
    revision = planning.plan_revise(actor=world.users["ks_controller"], plan=plan)
    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, amount_tsek=Decimal("520000"))
    frame = OperatingFrame.objects.get(org_unit=committee, year=YEAR)
    assert frame.amount_tsek == Decimal("514700") and frame.proposed_tsek == Decimal("520000")  # in force: as adopted + KS
    planning.plan_propose(actor=world.users["ks_controller"], plan=revision)
    planning.plan_adopt(actor=world.users["council_chair"], plan=revision, decided_on=date(YEAR, 4, 20), paragraph="§ 44", registration_number="KS 2026/80")
    figures = frame_figures(committee, YEAR)
    assert figures.adopted_tsek == figures.current_tsek == Decimal("520000") and figures.adjustment_count == 0
    assert figures.decision == Plan.objects.get(pk=revision.pk).decision
    # the earlier adjustment stays in the history, taken into the revision
    from styr.economy.selectors import frame_history

    rows = frame_history(world.users["auditor"], committee, YEAR).adjustments
    assert len(rows) == 1 and rows[0].counts is False
    with pytest.raises(RuleViolation):
        frame_set(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, amount_tsek=Decimal(1))


def test_the_investment_frame_is_what_the_plan_of_the_year_holds_for_the_committee_and_ks_adjusts_it_on_top(world: World) -> None:
    from styr.economy.models import InvestmentProject
    from styr.economy.services import investment_amount_set, investment_project_create

    committee = world.unit("Utbildningsnämnden")
    # entered 0 while the plan of the year holds 1 500 for it: the plan decides (issue 11 §3)
    frame_set(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, amount_tsek=Decimal("512300"), investment_tsek=Decimal(0))
    frame_set(
        actor=world.users["ks_controller"], org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=Decimal("498700"), investment_tsek=Decimal(2000)
    )
    school = investment_project_create(actor=None, committee=committee, name="Ny skola", category="expansion", start_year=YEAR, end_year=YEAR + 1)
    investment_amount_set(actor=None, project=school, plan_year=YEAR, year=YEAR, amount_tsek=Decimal("1500"))
    investment_amount_set(actor=None, project=school, plan_year=YEAR, year=YEAR + 1, amount_tsek=Decimal("800"))  # next year's, not this frame
    gym = investment_project_create(
        actor=None, committee=committee, name="Idrottshall", category="expansion", start_year=YEAR, end_year=YEAR, status=InvestmentProject.Status.CANCELLED
    )
    investment_amount_set(actor=None, project=gym, plan_year=YEAR, year=YEAR, amount_tsek=Decimal("300"))  # cancelled: does not count
    # the frame page and KS's overview read the plan's frame before the adoption
    assert frame_figures(committee, YEAR).investment_tsek == Decimal("1500")
    assert frame_figures(world.unit("Omsorgsnämnden"), YEAR).investment_tsek == Decimal("2000")  # no project: the frame entered stands
    adopt_goals_and_budget(world)
    figures = frame_figures(committee, YEAR)
    assert figures.adopted_investment_tsek == figures.investment_tsek == Decimal("1500")
    assert frame_figures(world.unit("Omsorgsnämnden"), YEAR).adopted_investment_tsek == Decimal("2000")
    snapshot = Plan.objects.get(kind="goals_and_budget", year=YEAR).snapshot
    frames = {f["title"]: f["investment_tsek"] for f in snapshot["sections"]["frames"]}  # type: ignore[index]
    assert frames == {"Utbildningsnämnden": "1500.0", "Omsorgsnämnden": "2000.0"}
    # KS's later investment adjustments apply on top of the adopted plan figure
    adjust(world, operating_tsek=Decimal(0), investment_tsek=Decimal("250"))
    figures = frame_figures(committee, YEAR)
    assert (figures.adopted_investment_tsek, figures.investment_adjustments_tsek, figures.investment_tsek) == (Decimal("1500"), Decimal("250"), Decimal("1750"))
    # a revision keeps KS's adjustment on top of the plan's figure
    revision = planning.plan_revise(actor=world.users["ks_controller"], plan=Plan.objects.get(kind="goals_and_budget", year=YEAR))
    planning.plan_propose(actor=world.users["ks_controller"], plan=revision)
    planning.plan_adopt(actor=world.users["council_chair"], plan=revision, decided_on=date(YEAR, 4, 20), paragraph="§ 44", registration_number="KS 2026/80")
    assert frame_figures(committee, YEAR).adopted_investment_tsek == Decimal("1750")
