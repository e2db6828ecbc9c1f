"""The demo's year-end carry-over (issue 11 §2): last year's results computed from the full books,
decided by the council in April with one amount changed and its reason, and this year's frames
showing the carried line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styr.demo.carry_over import COUNCIL_CHANGE
from styr.economy.models import CarryOver, CarryOverState
from styr.economy.selectors.frames import frame_figures_of_group
from styr.organisation.models import MunicipalGroup
from tests.demo.test_demo_economy import TODAY, _load, _no_shared


@pytest.mark.django_db
def test_the_demo_council_has_decided_last_years_carry_over_and_this_years_frames_show_it(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_shared(monkeypatch)
    _load(TODAY)
    carried = {c.org_unit.name: c for c in CarryOver.objects.select_related("org_unit", "decision")}
    assert len(carried) == 6 and all(c.year == 2025 and c.state == CarryOverState.DECIDED for c in carried.values())
    assert {c.decision.decided_on for c in carried.values() if c.decision is not None} == {date(2026, 4, 20)}
    name, share, reason = COUNCIL_CHANGE
    ks = carried[name]
    assert ks.proposed_tsek > 0 and ks.decided_tsek == (ks.proposed_tsek * share).quantize(Decimal("0.01")) and ks.comment == reason
    for c in carried.values():
        assert c.result_tsek == c.frame_tsek - c.actual_tsek
        if c.org_unit.name != name:
            assert c.decided_tsek == c.proposed_tsek
    figures = frame_figures_of_group(MunicipalGroup.objects.get(), 2026)
    for c in carried.values():
        f = figures[c.org_unit_id]
        assert f.carry_over_tsek == c.decided_tsek and f.in_force_tsek == f.current_tsek + c.decided_tsek  # type: ignore[operator]
