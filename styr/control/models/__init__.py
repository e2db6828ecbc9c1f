"""Internal control and KS's oversight (seed §7 "Internkontroll", "Kommunstyrelsens roll"), split by concept."""

from styr.control.models.companies import DemandKind, DirectiveAnswer, DirectiveDemand, DirectiveKind, OwnerDialogue, OwnerDirective
from styr.control.models.followup import (
    Action,
    ActionKind,
    ActionStatus,
    ControlResult,
    Deviation,
    InternalControlReport,
    ResultAttachment,
    Severity,
)
from styr.control.models.oversight import OversightEvaluation
from styr.control.models.plans import CommonControl, CommonScope, Control, ControlFrequency, ControlMethod, InternalControlPlan
from styr.control.models.risks import ControlAim, ControlRisk, RiskScore

__all__ = [
    "Action",
    "ActionKind",
    "ActionStatus",
    "CommonControl",
    "CommonScope",
    "Control",
    "ControlAim",
    "ControlFrequency",
    "ControlMethod",
    "ControlResult",
    "ControlRisk",
    "DemandKind",
    "Deviation",
    "DirectiveAnswer",
    "DirectiveDemand",
    "DirectiveKind",
    "InternalControlPlan",
    "InternalControlReport",
    "OversightEvaluation",
    "OwnerDialogue",
    "OwnerDirective",
    "ResultAttachment",
    "RiskScore",
    "Severity",
]
