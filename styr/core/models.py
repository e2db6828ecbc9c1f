"""Base model, audit events and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupOwned(models.Model):
    """Every table a municipality owns carries its municipal group (the tenant key)."""

    group = models.ForeignKey("organisation.MunicipalGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipal group"))
    #: raised by ``audit.record`` on every change; a stale one is refused (EDIT-001, ``core/versions.py``)
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True


#: Bookkeeping fields that say nothing to the reader of a history.
HIDDEN_IN_HISTORY = frozenset({"id", "group", "created_at", "recorded_at", "version"})

#: How each action code reads in a history.
ACTION_LABELS = {
    "municipal_group.created": _("Municipal group created"),
    "org_unit.created": _("Unit created"),
    "org_unit.moved": _("Unit moved"),
    "org_unit.closed": _("Unit closed"),
    "role.assigned": _("Role assigned"),
    "vision.set": _("Vision set"),
    "core_values.set": _("Core values set"),
    "governing_document.created": _("Governing document registered"),
    "governing_document.updated": _("Governing document changed"),
    "goal.created": _("Development goal created"),
    "goal.updated": _("Development goal changed"),
    "goal.adopted": _("Development goal adopted"),
    "goal_indicator.created": _("Goal indicator created"),
    "goal_indicator.target_set": _("Target set"),
    "goal_indicator.updated": _("Goal indicator changed"),
    "goal_indicator.deleted": _("Goal indicator removed"),
    "measurement.recorded": _("Follow-up value recorded"),
    "operating_frame.set": _("Frame proposal prepared"),
    "budget_assumption.set": _("Budget assumption entered"),
    "operating_frame.adopted": _("Frame adopted by the council"),
    "frame.adjusted": _("Frame adjusted by the executive board"),
    "investment_project.created": _("Investment project added"),
    "investment_project.updated": _("Investment project changed"),
    "investment_project.deleted": _("Investment project removed"),
    "investment_amount.set": _("Investment plan amount set"),
    "investment_plan.rolled": _("Investment plan rolled forward"),
    "ledger_object.project_mapped": _("Project object mapped to an investment project"),
    "carry_over.computed": _("Carry-over proposed"),
    "owner_directive.created": _("Owner directive recorded"),
    "owner_directive.updated": _("Owner directive changed"),
    "owner_directive.deleted": _("Owner directive removed"),
    "directive_demand.created": _("Demand of a directive added"),
    "directive_demand.updated": _("Demand of a directive changed"),
    "directive_demand.deleted": _("Demand of a directive removed"),
    "directive_answer.set": _("Answer to a directive given"),
    "owner_dialogue.created": _("Owner dialogue recorded"),
    "owner_dialogue.updated": _("Owner dialogue changed"),
    "carry_over.decided": _("Carry-over decided by the council"),
    "control_result.reported": _("Control result reported"),
    "control_result.updated": _("Control result reported again"),
    "control_attachment.added": _("File attached to a control result"),
    "control_attachment.deleted": _("Attachment of a control result removed"),
    "deviation.created": _("Deviation recorded"),
    "deviation.updated": _("Deviation changed"),
    "control_action.created": _("Action against a deviation recorded"),
    "control_action.updated": _("Action against a deviation changed"),
    "control_action.closed": _("Action against a deviation closed"),
    "control_report.created": _("Internal control report created"),
    "control_report.written": _("Internal control report written"),
    "control_report.submitted": _("Internal control report submitted"),
    "control_report.returned": _("Internal control report returned to draft"),
    "control_report.reviewed": _("Internal control report reviewed"),
    "control_report.adopted": _("Internal control report adopted"),
    "control_risk.created": _("Risk added to the risk analysis"),
    "control_risk.updated": _("Risk in the risk analysis changed"),
    "control_risk.deleted": _("Risk removed from the risk analysis"),
    "risk_score.created": _("Risk scored for the year"),
    "risk_score.updated": _("Risk's score of the year changed"),
    "risk_score.deleted": _("Risk's score removed"),
    "oversight_evaluation.created": _("KS's evaluation of the internal control written"),
    "oversight_evaluation.updated": _("KS's evaluation of the internal control changed"),
    "oversight_evaluation.adopted": _("KS's evaluation of the internal control adopted"),
    "control_plan.created": _("Internal control plan made"),
    "control_plan.proposed": _("Internal control plan proposed for decision"),
    "control_plan.withdrawn": _("Internal control plan proposal withdrawn"),
    "control_plan.adopted": _("Internal control plan adopted"),
    "control.created": _("Control added"),
    "control.updated": _("Control changed"),
    "control.deleted": _("Control removed"),
    "common_control.created": _("Common control drafted"),
    "common_control.updated": _("Common control changed"),
    "common_control.deleted": _("Common control removed"),
    "common_control.adopted": _("Common control adopted by the executive board"),
    "sie.imported": _("SIE file imported"),
    "group_member.set": _("Ownership share in the group's statements set"),
    "internal_account.set": _("Internal account of the group set"),
    "sie_upload.created": _("SIE file uploaded"),
    "sie_upload.finished": _("SIE upload finished"),
    "population_series.stored": _("Population series stored"),
    "population_series.deleted": _("Population series deleted"),
    "core_mission.created": _("Core mission described"),
    "core_mission.updated": _("Core mission changed"),
    "risk.created": _("Risk added"),
    "risk.updated": _("Risk changed"),
    "risk.deleted": _("Risk removed"),
    "quality_factor.created": _("Quality factor added"),
    "quality_factor.updated": _("Quality factor changed"),
    "quality_factor.deleted": _("Quality factor removed"),
    "quality_indicator.created": _("Quality indicator added"),
    "quality_indicator.updated": _("Quality indicator changed"),
    "quality_indicator.deleted": _("Quality indicator removed"),
    "trend.created": _("Trend added"),
    "trend.updated": _("Trend changed"),
    "trend.deleted": _("Trend removed"),
    "current_state.created": _("Current-state analysis written"),
    "current_state.updated": _("Current-state analysis changed"),
    "direction.set": _("Direction set"),
    "development_area.created": _("Development area added"),
    "development_area.updated": _("Development area changed"),
    "development_area.deleted": _("Development area removed"),
    "goal.deleted": _("Development goal removed"),
    "goal.reopened": _("Development goal reopened for a new revision"),
    "assignment.created": _("Special assignment given"),
    "assignment.updated": _("Special assignment changed"),
    "assignment.deleted": _("Special assignment removed"),
    "activity.created": _("Activity added"),
    "activity.updated": _("Activity changed"),
    "activity.deleted": _("Activity removed"),
    "project_milestone.created": _("Project milestone added"),
    "project_milestone.updated": _("Project milestone changed"),
    "project_milestone.deleted": _("Project milestone removed"),
    "project_member.created": _("Member of a project group or steering group added"),
    "project_member.deleted": _("Member of a project group or steering group removed"),
    "process_review.created": _("Review of a process planned"),
    "process_review.updated": _("Review of a process changed"),
    "process_review.deleted": _("Review of a process removed"),
    "financial_goal.created": _("Financial goal added"),
    "financial_goal.updated": _("Financial goal changed"),
    "financial_goal.deleted": _("Financial goal removed"),
    "pension_obligation.set": _("Pension obligations entered"),
    "financial_management.assessed": _("Good financial management assessed"),
    "plan.created": _("Plan started"),
    "plan.proposed": _("Plan proposed for decision"),
    "plan.withdrawn": _("Plan returned to draft"),
    "plan.adopted": _("Plan adopted"),
    "plan.revised": _("New revision of the plan started"),
    "decision.recorded": _("Decision recorded"),
    "assessment.recorded": _("Assessment recorded"),
    "measurement.corrected": _("Value corrected after the deadline"),
    "report.created": _("Report started"),
    "comment.added": _("Comment added"),
    "citizen_dialogue.opened": _("Dialogue with citizens opened"),
    "citizen_dialogue.gathered": _("Dialogue gathered into an analysis"),
    "citizen_dialogue.closed": _("Dialogue with citizens closed early"),
    "citizen_comment.posted": _("Citizen's comment received"),
    "citizen_comment.approved": _("Citizen's comment shown"),
    "citizen_comment.rejected": _("Citizen's comment rejected"),
    "citizen_comment.answered": _("Citizen's comment answered"),
    "citizen_comment.details_removed": _("Citizen's details removed on request"),
    "citizen_comment.details_expired": _("Citizen's details removed after the retention period"),
    "report.written": _("Report analysis written"),
    "report.submitted": _("Report submitted"),
    "report.returned": _("Report returned to draft"),
    "report.reviewed": _("Report reviewed"),
    "report.adopted": _("Report adopted"),
    "calendar.created": _("Planning calendar created"),
    "calendar.committee_months_set": _("Committee's monthly reports chosen"),
    "calendar.meeting_added": _("Meeting added"),
    "calendar.adopted": _("Planning calendar adopted"),
    "calendar.milestones_added": _("Planning steps added"),
    "calendar.milestone_moved": _("Planning step moved"),
    "calendar.milestone_confirmed": _("Planning step confirmed as done"),
    "calendar.report_sections_set": _("Required report sections set"),
    "calendar.body_sections_set": _("Committee's own report sections chosen"),
    "allocation_model.created": _("Resource allocation model created"),
    "allocation_model.updated": _("Resource allocation model changed"),
    "allocation_model.deleted": _("Resource allocation model removed"),
    "allocation_scenario.created": _("Scenario created from a resource allocation model"),
    "allocation_driver.added": _("Allocation driver added"),
    "allocation_driver.changed": _("Allocation driver changed"),
    "allocation_driver.removed": _("Allocation driver removed"),
    "allocation_fixed_amount.added": _("Fixed amount added"),
    "allocation_fixed_amount.changed": _("Fixed amount changed"),
    "allocation_fixed_amount.removed": _("Fixed amount removed"),
    "political_adjustment.added": _("Political adjustment added"),
    "political_adjustment.changed": _("Political adjustment changed"),
    "political_adjustment.removed": _("Political adjustment removed"),
    "allocation_count.overridden": _("Count given by hand"),
    "allocation_count.override_removed": _("Count given by hand removed"),
    "allocation.frames_proposed": _("Allocation taken as frame proposals"),
    "api_token.created": _("API token created"),
    "api_token.revoked": _("API token revoked"),
    "internal_budget.adopted": _("Internal budget adopted"),
    "internal_budget.reopened": _("Internal budget reopened for a new revision"),
    "position.created": _("Position added"),
    "position.updated": _("Position changed"),
    "position.deleted": _("Position removed"),
    "positions.imported": _("Positions imported from Excel"),
    "personnel_overhead_rate.set": _("Personnel overhead rate set"),
    "personnel_overhead_rate.deleted": _("Personnel overhead rate removed"),
    "measurements.bulk_recorded": _("A unit's values for a month written together"),
    "kolada.synced": _("Synced with Kolada"),
    "kolada.settings_saved": _("Kolada settings saved"),
    "measurement.from_kolada": _("Value from Kolada"),
    "kolada.catalogue_stored": _("Kolada's catalogue stored"),
    "kolada.values_stored": _("Kolada's values stored"),
    "goal_indicator.kolada_bound": _("Goal indicator bound to a Kolada KPI"),
    "goal_indicator.kolada_unbound": _("Goal indicator unbound from Kolada"),
    "goal_indicator.kolada_reviewed": _("Changed Kolada definition accepted for a goal indicator"),
    "quality_indicator.kolada_bound": _("Quality indicator bound to a Kolada KPI"),
    "quality_indicator.kolada_unbound": _("Quality indicator unbound from Kolada"),
    "quality_indicator.kolada_reviewed": _("Changed Kolada definition accepted for a quality indicator"),
    "idp_role_mapping.created": _("Role mapping added"),
    "idp_role_mapping.deleted": _("Role mapping removed"),
    "sso.roles_applied": _("Roles set at login through the identity provider"),
    "kolada.uploaded": _("Saved Kolada values uploaded"),
    "goal.ended": _("Development goal ended"),
    "goal_indicator.ended": _("Goal indicator ended"),
    "goal_indicator_target.deleted": _("Target of a goal indicator removed"),
    "goal_link.removed": _("Goal's contribution to a goal above removed"),
    "quality_factor.ended": _("Quality factor ended"),
    "quality_indicator.ended": _("Quality indicator ended"),
    "assignment.ended": _("Special assignment ended"),
    "activity.ended": _("Activity ended"),
    "investment_amount.deleted": _("Investment plan amount removed"),
    "auth.locked_out": _("Locked out after repeated failed logins"),
    "group.imported": _("Group restored from an archive"),
}


class AuditEvent(models.Model):
    """One change, written only by ``core.audit.record`` inside the service's transaction."""

    group = models.ForeignKey("organisation.MunicipalGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_name = models.CharField(_("who"), max_length=200)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(max_length=300, blank=True)
    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    #: Our own id of the request (a uuid), also answered in its ``X-Request-Id`` header.
    request_id = models.CharField(max_length=64, blank=True)
    #: The client's ``X-Request-Id``, kept only when short and plain (``core.middleware``).
    client_request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # a group's latest change, read by ``audit.group_stamp``
            models.Index(fields=["group", "-id"], name="audit_group_latest"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: The last call made with it, to the minute (``api_token_use`` writes it at most once a minute).
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    #: TOKEN-003: after this the token answers 401.
    expires_at = models.DateTimeField(_("expires"))
    #: TOKEN-001: only GET, HEAD and OPTIONS.
    read_only = models.BooleanField(_("read only"), default=False)
    #: TOKEN-002: the API areas (``styr/api/scopes.py``) it may call; empty is every area.
    areas = models.JSONField(_("areas"), default=list, blank=True)
    #: TOKEN-004: an HMAC of the user's password hash when the token was made (never the hash).
    password_stamp = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
