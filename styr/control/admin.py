from django.contrib import admin

from styr.control import models
from styr.core.admin import ReadOnlyAdmin

for model in (
    models.ControlRisk,
    models.RiskScore,
    models.CommonControl,
    models.InternalControlPlan,
    models.Control,
    models.ControlResult,
    models.ResultAttachment,
    models.Deviation,
    models.Action,
    models.InternalControlReport,
    models.OversightEvaluation,
    models.OwnerDirective,
    models.DirectiveDemand,
    models.DirectiveAnswer,
    models.OwnerDialogue,
):
    admin.site.register(model, ReadOnlyAdmin)
