"""An adopted internal control plan of Utbildningsnämnden, set up with the ORM (the plan services
are another part's), with last year's plan carrying a deviation and an open action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage

from styr.control.models import Action, Control, ControlResult, Deviation, InternalControlPlan, ResultAttachment
from tests.conftest import YEAR, World

BODY = "Utbildningsnämnden"


@dataclass
class Setup:
    world: World
    plan: InternalControlPlan
    sample: Control
    review: Control
    old_action: Action


def make_plan(world: World, year: int, state: str = "adopted") -> InternalControlPlan:
    unit = world.unit(BODY)
    return InternalControlPlan.objects.create(group=world.group, org_unit=unit, year=year, state=state)


def make_control(plan: InternalControlPlan, **fields: Any) -> Control:
    values: dict[str, Any] = {"title": "Attest av fakturor", "method": "sample", "sample_size": 20, "report_months": [4, 10], "responsible": "Ekonomichef"}
    return Control.objects.create(group=plan.group, plan=plan, **(values | fields))


@pytest.fixture(name="setup")
def setup_fixture(world: World) -> Setup:
    plan = make_plan(world, YEAR)
    sample = make_control(plan)
    review = make_control(plan, title="Uppföljning av sjukfrånvaro", method="review", sample_size=None, report_months=[6])
    last = make_plan(world, YEAR - 1)
    old = make_control(last, title="Upphandling enligt LOU", method="review", sample_size=None, report_months=[11])
    result = ControlResult.objects.create(group=world.group, control=old, month=11, status="not_achieved")
    deviation = Deviation.objects.create(group=world.group, result=result, description="Direktupphandling över gränsen", severity="high")
    action = Action.objects.create(group=world.group, deviation=deviation, description="Utbilda beställare", owner="Inköpschef", deadline=date(YEAR, 2, 1))
    Action.objects.create(
        group=world.group, deviation=deviation, description="Klar sedan länge", owner="Inköpschef", status="done", closed_on=date(YEAR - 1, 12, 1)
    )
    return Setup(world, plan, sample, review, action)


@pytest.fixture(name="attachment_storage")
def attachment_storage_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "uploads"
    monkeypatch.setattr(ResultAttachment._meta.get_field("file"), "storage", FileSystemStorage(location=folder))
    return folder
