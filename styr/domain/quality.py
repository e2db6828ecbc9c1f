"""Quality in the core mission (seed §5.B) and the risks of the core mission (seed §6.1)."""

from __future__ import annotations

from collections.abc import Iterable

from styr.domain.errors import RuleViolation, _
from styr.domain.governance import GovernanceModel

#: Field names that would give a quality indicator a target; the model has no place for one.
TARGET_FIELDS = frozenset({"target", "target_value", "target_year", "targets", "goal_value", "malvarde"})


def check_no_target(fields: Iterable[str]) -> None:
    """QI-001: a quality indicator is never given a target ("Kvalitetsindikatorer målsätts inte", §5.B)."""
    given = sorted(set(fields) & TARGET_FIELDS)
    if given:
        raise RuleViolation(
            "QI-001",
            _("A quality indicator is never given a target: the governance model measures quality without targets."),
            {"fields": given},
            field=given[0],
        )


def check_risk(likelihood: int, consequence: int, model: GovernanceModel) -> None:
    """RISK-001: likelihood and consequence are steps of the model's risk matrix."""
    matrix = model.risk_matrix
    if not (1 <= likelihood <= matrix.likelihood_steps and 1 <= consequence <= matrix.consequence_steps):
        raise RuleViolation(
            "RISK-001",
            _("Likelihood must be 1–%(likelihood_steps)s and consequence 1–%(consequence_steps)s on the risk matrix."),
            {
                "likelihood": likelihood,
                "consequence": consequence,
                "likelihood_steps": matrix.likelihood_steps,
                "consequence_steps": matrix.consequence_steps,
            },
            field="likelihood" if not 1 <= likelihood <= matrix.likelihood_steps else "consequence",
        )
