"""The house's own rules (issue 8, §8): the plan page's kinds only use the page (the page imports
the kinds, never the other way round), and the document views read through selectors."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from django.http import Http404

from styr.domain.presets import load_preset_file
from styr.followup import services
from styr.followup.models import ReportingPeriod
from styr.followup.selectors import report_get, reporting_period_get
from styr.organisation.services import group_load_preset
from tests.conftest import EXEMPELBY, TODAY, World

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top, in functions or under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_plan_pages_kinds_do_not_import_the_page() -> None:
    kinds = imported_modules(ROOT / "styr/planning/plan_page/kinds.py")
    page = imported_modules(ROOT / "styr/planning/plan_page/page.py")
    assert not any(m.startswith("styr.planning.plan_page.page") for m in kinds), kinds
    assert "styr.planning.plan_page.kinds" in page


def test_the_document_views_query_no_model_themselves() -> None:
    path = ROOT / "styr/documents/views.py"
    modules = imported_modules(path)
    assert not [m for m in modules if m.endswith(".models") or ".models." in m], modules
    assert ".objects" not in path.read_text(encoding="utf-8")


def test_a_report_document_of_another_groups_period_is_not_found(world: World) -> None:
    other, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    calendar = services.calendar_create(actor=None, group=other, year=TODAY.year)
    foreign = ReportingPeriod.objects.filter(calendar=calendar).first()
    assert foreign is not None
    unit = world.unit("Utbildningsnämnden")
    client = world.client("committee_politician")
    assert client.get(f"/enheter/{unit.pk}/rapportering/{foreign.pk}/rapport.pdf").status_code == 404
    assert client.get(f"/enheter/{unit.pk}/rapportering/{foreign.pk}/rapport.xlsx").status_code == 404


def test_the_report_selectors_take_the_user_and_answer_404_out_of_scope(world: World) -> None:
    calendar = services.calendar_create(actor=None, group=world.group, year=TODAY.year)
    period = ReportingPeriod.objects.filter(calendar=calendar, end__gte=date(TODAY.year, 2, 1)).order_by("end").first()
    assert period is not None
    unit = world.unit("Utbildningsnämnden")
    assert reporting_period_get(world.users["committee_politician"], unit, period.pk) == period
    assert report_get(world.users["committee_politician"], unit, period) is None
    for persona in ("outsider", "other_committee_politician"):
        with pytest.raises(Http404):
            reporting_period_get(world.users[persona], unit, period.pk)
        with pytest.raises(Http404):
            report_get(world.users[persona], unit, period)


def test_every_table_on_a_page_scrolls_in_its_own_box() -> None:
    """Reflow at 320 px (issue 8, point 5): each table of a page template stands in one
    ``.table-scroll`` box (the PDF's templates are printed, not scrolled)."""
    unwrapped = []
    for path in sorted((ROOT / "styr").rglob("templates/**/*.html")):
        if "documents/templates" in path.as_posix() and not path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        if "table-responsive" in text or text.count("<table") > text.count('class="table-scroll"'):
            unwrapped.append(path.relative_to(ROOT).as_posix())
    assert not unwrapped, unwrapped
