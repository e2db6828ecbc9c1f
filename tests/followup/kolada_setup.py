"""A group with Kolada settings and indicators bound to N00945, for the Kolada tests."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from styr.followup.kolada_settings import kolada_settings_save
from styr.planning.models import GoalIndicator, KoladaSettings, QualityIndicator
from styr.planning.services import goal_create, indicator_create
from styr.planning.services.mission import quality_factor_create, quality_indicator_create
from tests.conftest import World


@dataclass
class Bound:
    settings: KoladaSettings
    goal_indicator: GoalIndicator
    quality_indicator: QualityIndicator


def bind(indicator: GoalIndicator | QualityIndicator, kpi: str, reviewed_hash: str = "") -> None:
    """Binding is kolada-ui's service (kolada_bindings); here the two fields are set directly."""
    type(indicator).objects.filter(pk=indicator.pk).update(kolada_kpi=kpi, kolada_hash=reviewed_hash)
    indicator.refresh_from_db()


def bound_world(world: World) -> Bound:
    settings = kolada_settings_save(actor=None, group=world.group, municipality="0764", comparison_municipalities=["0760", "0765"], first_year=2023)
    goal = goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Jämställd föräldraledighet", start_year=2025, end_year=2026)
    gi = indicator_create(actor=None, goal=goal, name="Mäns andel av VAB-dagar", baseline_year=2024, baseline_value=Decimal("20"))
    bind(gi, "N00945")
    factor = quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Jämställdhet")
    qi = quality_indicator_create(actor=None, factor=factor, name="VAB, mäns andel", direction="higher", source="kolada", kolada_kpi="N00945")
    return Bound(settings, gi, qi)
