"""The internal budget's adoption rules (issue 10 §2): the split sums to the frame (ECON-012),
there is a frame (ECON-013), an adopted one is locked (ECON-014), adopted once per revision and
reopened only when adopted (ECON-015), with a reason (ECON-016)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.domain.errors import RuleViolation
from styr.domain.internal_budget import (
    ADOPTED,
    DRAFT,
    REOPENED,
    SplitRow,
    check_can_adopt,
    check_can_reopen,
    check_frame_decided,
    check_not_adopted,
    check_reason,
    check_split_matches_frame,
    split_snapshot,
    split_total,
)

D = Decimal


def test_econ_012_the_refusal_names_the_frame_the_sum_and_the_difference_in_kronor() -> None:
    check_split_matches_frame(D("1000000.00"), D("1000000"))
    with pytest.raises(RuleViolation) as refused:
        check_split_matches_frame(D("1000000.00"), D("850000.50"))
    assert refused.value.code == "ECON-012"
    assert refused.value.detail == {"frame": "1\u00a0000\u00a0000", "total": "850\u00a0000,5", "difference": "149\u00a0999,5"}
    with pytest.raises(RuleViolation) as over:
        check_split_matches_frame(D("100000"), D("100000.01"))
    assert over.value.detail["difference"] == "-0,01"


@given(frame=st.decimals(min_value=-(10**9), max_value=10**9, places=2), off=st.decimals(min_value=D("-1000"), max_value=D("1000"), places=2))
def test_econ_012_only_an_exact_sum_passes(frame: Decimal, off: Decimal) -> None:
    if off == 0:
        check_split_matches_frame(frame, frame + off)
    else:
        with pytest.raises(RuleViolation):
            check_split_matches_frame(frame, frame + off)


def test_econ_013_to_016_the_state_rules() -> None:
    with pytest.raises(RuleViolation) as no_frame:
        check_frame_decided(None, adopted=False, committee="UN", year=2026)
    assert no_frame.value.code == "ECON-013"
    with pytest.raises(RuleViolation) as proposal:
        check_frame_decided(Decimal("1000000"), adopted=False, committee="UN", year=2026)
    assert proposal.value.code == "ECON-013"
    assert check_frame_decided(Decimal("1000000"), adopted=True, committee="UN", year=2026) == Decimal("1000000")
    check_not_adopted(DRAFT, committee="UN", year=2026)
    check_not_adopted(REOPENED, committee="UN", year=2026)
    for rule, state in ((check_not_adopted, ADOPTED), (check_can_adopt, ADOPTED), (check_can_reopen, DRAFT), (check_can_reopen, REOPENED)):
        with pytest.raises(RuleViolation) as refused:
            rule(state, committee="UN", year=2026)
        assert refused.value.code == ("ECON-014" if rule is check_not_adopted else "ECON-015")
    assert check_reason("  Omfördelning efter KS beslut ") == "Omfördelning efter KS beslut"
    for bad in ("", "   ", "x" * 10_001):
        with pytest.raises(RuleViolation) as refused:
            check_reason(bad)
        assert refused.value.code == "ECON-016"


def test_the_snapshot_keeps_each_units_months_and_year_as_text() -> None:
    rows = [
        SplitRow(unit_id=1, name="UN", depth=0, months=[None] * 12),
        SplitRow(unit_id=2, name="Hagaskolan", depth=1, months=[D("100.5")] * 12, source="entered"),
    ]
    snapshot = split_snapshot(committee_id=1, committee="UN", year=2026, revision=2, frame_tsek=D("1.2"), rows=rows)
    assert split_total(rows) == D("1206.00")
    assert snapshot["meta"]["frame_sek"] == "1200.00" and snapshot["meta"]["total_sek"] == "1206.00" and snapshot["meta"]["revision"] == 2
    assert snapshot["units"][0]["months"] == [None] * 12 and snapshot["units"][0]["total_sek"] is None
    assert snapshot["units"][1]["months"][0] == "100.50" and snapshot["units"][1]["total_sek"] == "1206.00"
