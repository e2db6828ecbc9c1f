"""How an assignment is carried out (seed §7 "Uppdrag inom linjen, projekt och process"): a project's
own organisation and timetable (PROJ-001…004), a process's reviews (PROJ-002)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH


class ProjectBody(models.TextChoices):
    GROUP = "group", _("Project group")
    STEERING = "steering", _("Steering group")


class ProjectMember(GroupOwned):
    """A member of a project's project group or steering group: a person, or a role on a unit
    ("förvaltningschef, Socialförvaltningen") when the seat follows the post (PROJ-001)."""

    assignment = models.ForeignKey("planning.Assignment", on_delete=models.CASCADE, related_name="project_members", verbose_name=_("assignment"))
    body = models.CharField(_("group"), max_length=10, choices=ProjectBody.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person"))
    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit"))
    role_title = models.CharField(_("role"), max_length=TITLE_LENGTH, blank=True)

    class Meta:
        ordering = ["body", "pk"]
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(org_unit__isnull=True) & Q(role_title=""))
                | (Q(person__isnull=True) & Q(org_unit__isnull=False) & ~Q(role_title="")),
                name="project_member_person_or_role",
            ),
        ]

    def __str__(self) -> str:
        if self.person_id is not None:
            return str(self.person)
        return f"{self.role_title}, {self.org_unit}"


class DatedStep(GroupOwned):
    """A date in an assignment's timetable: due on a day, done on a day (or not yet)."""

    assignment = models.ForeignKey("planning.Assignment", on_delete=models.CASCADE, related_name="+", verbose_name=_("assignment"))
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    due = models.DateField(_("date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("comment"), max_length=TEXT_LENGTH, blank=True)

    class Meta:
        abstract = True
        ordering = ["due", "pk"]


class ProjectMilestone(DatedStep):
    """Delmål/milstolpe in a project's timetable (PROJ-003): late when its day has passed and it is not done."""

    assignment = models.ForeignKey("planning.Assignment", on_delete=models.CASCADE, related_name="project_milestones", verbose_name=_("assignment"))

    class Meta(DatedStep.Meta):
        verbose_name = _("project milestone")
        verbose_name_plural = _("project milestones")


class ProcessReview(DatedStep):
    """A review of the process an assignment follows (PROJ-002): the process owner keeps it improving."""

    assignment = models.ForeignKey("planning.Assignment", on_delete=models.CASCADE, related_name="process_reviews", verbose_name=_("assignment"))

    class Meta(DatedStep.Meta):
        verbose_name = _("process review")
        verbose_name_plural = _("process reviews")
