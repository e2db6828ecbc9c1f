"""Special assignments to the level directly below, and the activities that carry out goals
and assignments (seed §5.C, §6.3, §7 "Uppdrag inom linjen, projekt och process")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH
from styr.planning.models.ending import Endable, end_constraint


class ExecutionForm(models.TextChoices):
    LINE = "line", _("In the line organisation")
    PROJECT = "project", _("Project")
    PROCESS = "process", _("Process")


class Assignment(Endable, GroupOwned):
    """Särskilt uppdrag: given by a unit to a directly subordinate unit (ASSIGN-001)."""

    issuer = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="issued_assignments", verbose_name=_("issued by"))
    receiver = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="received_assignments", verbose_name=_("given to"))
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("assignment"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    deadline = models.DateField(_("deadline"))
    execution_form = models.CharField(_("execution form"), max_length=10, choices=ExecutionForm.choices, default=ExecutionForm.LINE)
    reporting_requirement = models.TextField(_("reporting requirement"), max_length=TEXT_LENGTH, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner"))
    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("deputy"))
    # a project's own organisation (PROJ-001); empty for the line and a process
    project_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("project owner")
    )
    project_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("project lead")
    )
    project_budget_sek = models.DecimalField(_("project budget (SEK)"), max_digits=14, decimal_places=0, null=True, blank=True)
    closing_report = models.TextField(_("closing report"), max_length=TEXT_LENGTH, blank=True)
    # the process it follows (PROJ-002); empty for the line and a project
    process_name = models.CharField(_("process"), max_length=TITLE_LENGTH, blank=True)
    process_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("process owner")
    )
    process_documents = models.ManyToManyField(
        "organisation.GoverningDocument", blank=True, related_name="process_assignments", verbose_name=_("governing and supporting documents")
    )

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("special assignment")
        verbose_name_plural = _("special assignments")
        constraints = [
            models.CheckConstraint(condition=~Q(issuer=F("receiver")), name="assignment_not_to_itself"),
            end_constraint("assignment_ended_with_reason"),
            models.CheckConstraint(condition=Q(project_budget_sek__isnull=True) | Q(project_budget_sek__gte=0), name="assignment_project_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(Endable, GroupOwned):
    """Aktivitet in a goal's or an assignment's action plan (handlingsplan): what officials do."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="activities", verbose_name=_("unit"))
    goal = models.ForeignKey("planning.DevelopmentGoal", on_delete=models.CASCADE, null=True, blank=True, related_name="activities", verbose_name=_("goal"))
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="activities", verbose_name=_("assignment"))
    title = models.CharField(_("activity"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner"))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=(Q(goal__isnull=False) & Q(assignment__isnull=True)) | (Q(goal__isnull=True) & Q(assignment__isnull=False)),
                name="activity_under_goal_or_assignment",
            ),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="activity_ends_after_start"),
            end_constraint("activity_ended_with_reason"),
        ]

    def __str__(self) -> str:
        return self.title
