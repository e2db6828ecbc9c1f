"""Follow-up values (seed §6.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH


class ValueSource(models.TextChoices):
    """Where a value came from: a person, or Kolada's sync (shown as "Källa: Kolada" wherever
    the value is shown, KOLADA-002). A sync never overwrites a value a person entered."""

    MANUAL = "manual", _("Entered by hand")
    KOLADA = "kolada", _("Kolada")


class Measurement(GroupOwned):
    """The value of a goal indicator or a quality indicator for one month (the period's first day)."""

    indicator = models.ForeignKey(
        "planning.GoalIndicator", on_delete=models.CASCADE, null=True, blank=True, related_name="measurements", verbose_name=_("goal indicator")
    )
    quality_indicator = models.ForeignKey(
        "planning.QualityIndicator", on_delete=models.CASCADE, null=True, blank=True, related_name="measurements", verbose_name=_("quality indicator")
    )
    period = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("comment"), max_length=TEXT_LENGTH, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    source = models.CharField(_("source"), max_length=10, choices=ValueSource.choices, default=ValueSource.MANUAL)

    class Meta:
        ordering = ["period"]
        verbose_name = _("follow-up value")
        verbose_name_plural = _("follow-up values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_value_per_indicator_and_period"),
            models.UniqueConstraint(fields=["quality_indicator", "period"], name="one_value_per_quality_indicator_and_period"),
            models.CheckConstraint(
                condition=(Q(indicator__isnull=False) & Q(quality_indicator__isnull=True)) | (Q(indicator__isnull=True) & Q(quality_indicator__isnull=False)),
                name="measurement_of_one_indicator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator or self.quality_indicator} {self.period:%Y-%m}: {self.value}"


class PeriodKind(models.TextChoices):
    MONTHLY_REPORT = "monthly_report", _("Monthly report")
    INTERIM_ACCOUNTS = "interim_accounts", _("Interim accounts")
    INTERIM_REPORT = "interim_report", _("Interim report")
    QUALITY_REPORT = "quality_report", _("Quality report")
    ANNUAL_REPORT = "annual_report", _("Annual report")


class PlanningCalendar(GroupOwned):
    """Årshjul: the year's reporting periods, deadlines and meetings, adopted yearly by KS."""

    year = models.PositiveIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=[("draft", _("Draft")), ("adopted", _("Adopted"))], default="draft")
    decision = models.OneToOneField("planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="calendar")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("planning calendar")
        verbose_name_plural = _("planning calendars")
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="one_calendar_per_group_and_year")]

    def __str__(self) -> str:
        return f"{self.group} {self.year}"


class ReportingPeriod(GroupOwned):
    """A period to report. ``org_unit`` is empty for the whole group, or names the committee whose
    own, more frequent monthly report it is (seed §6.5: the committee decides content and frequency)."""

    calendar = models.ForeignKey(PlanningCalendar, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("committee"))

    class Meta:
        ordering = ["end", "kind"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.end:%Y-%m}"


class Deadline(GroupOwned):
    """When one level reports a period; staggered so units report before their administration,
    administrations before their committee and committees before KS."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="deadlines")
    level = models.CharField(_("level"), max_length=20)
    due = models.DateField(_("deadline"))

    class Meta:
        ordering = ["due"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [models.UniqueConstraint(fields=["period", "level"], name="one_deadline_per_period_and_level")]

    def __str__(self) -> str:
        return f"{self.period} {self.level} {self.due}"


class Meeting(GroupOwned):
    """A body's meeting that adopts a report (or a plan)."""

    calendar = models.ForeignKey(PlanningCalendar, on_delete=models.CASCADE, related_name="meetings")
    body = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("body"))
    date = models.DateField(_("date"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings", verbose_name=_("adopts"))
    title = models.CharField(_("meeting"), max_length=NAME_LENGTH)

    class Meta:
        ordering = ["date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.body} {self.date}"


class Assessment(GroupOwned):
    """Bedömning: a development goal's or an assignment's status on the shared scale for one
    reporting period, with the analysis; a measurable goal also keeps the suggested status."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("period"))
    goal = models.ForeignKey("planning.DevelopmentGoal", on_delete=models.CASCADE, null=True, blank=True, related_name="assessments")
    assignment = models.ForeignKey("planning.Assignment", on_delete=models.CASCADE, null=True, blank=True, related_name="assessments")
    status = models.CharField(_("status"), max_length=30)
    suggested_status = models.CharField(_("suggested status"), max_length=30, blank=True)
    analysis = models.TextField(_("analysis"), max_length=TEXT_LENGTH, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    assessed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period__end"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["goal", "period"], name="one_assessment_per_goal_and_period"),
            models.UniqueConstraint(fields=["assignment", "period"], name="one_assessment_per_assignment_and_period"),
            models.CheckConstraint(
                condition=(Q(goal__isnull=False) & Q(assignment__isnull=True)) | (Q(goal__isnull=True) & Q(assignment__isnull=False)),
                name="assessment_of_goal_or_assignment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal or self.assignment} {self.period}: {self.status}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")
    ADOPTED = "adopted", _("Adopted")


class Report(GroupOwned):
    """A unit's report for a period (monthly report, interim report, quality report …):
    draft → submitted → reviewed → adopted; adoption records a Decision and freezes a snapshot."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="reports", verbose_name=_("unit"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("period"))
    state = models.CharField(_("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    analysis = models.TextField(_("analysis"), max_length=TEXT_LENGTH, blank=True)
    decision = models.OneToOneField("planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="report")
    snapshot = models.JSONField(_("adopted content"), null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period__end"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["org_unit", "period"], name="one_report_per_unit_and_period")]

    def __str__(self) -> str:
        return f"{self.period} – {self.org_unit}"


class Comment(GroupOwned):
    """Dialog: a comment in the thread of a goal, an assessment or a report, between levels
    (seed §7 "Dialog som styrmedel"); ``@username`` mentions notify."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    goal = models.ForeignKey("planning.DevelopmentGoal", on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author"))
    author_name = models.CharField(_("author"), max_length=NAME_LENGTH)
    text = models.TextField(_("comment"), max_length=TEXT_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(goal__isnull=False) & Q(assessment__isnull=True) & Q(report__isnull=True))
                | (Q(goal__isnull=True) & Q(assessment__isnull=False) & Q(report__isnull=True))
                | (Q(goal__isnull=True) & Q(assessment__isnull=True) & Q(report__isnull=False)),
                name="comment_on_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"


class ReportRequirement(GroupOwned):
    """What a kind of report must contain (seed §6.5): with no ``org_unit``, KS's minimum for every
    report of the kind in the group, set as part of the årshjul it adopts; with one, the sections
    that committee or company adds for the reports in its part of the tree."""

    calendar = models.ForeignKey(PlanningCalendar, on_delete=models.CASCADE, related_name="report_requirements")
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("committee"))
    sections = models.JSONField(_("required sections"), default=list)

    class Meta:
        ordering = ["calendar", "kind"]
        verbose_name = _("report requirement")
        verbose_name_plural = _("report requirements")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "kind"], condition=Q(org_unit__isnull=True), name="one_minimum_per_calendar_and_kind"),
            models.UniqueConstraint(fields=["calendar", "kind", "org_unit"], condition=Q(org_unit__isnull=False), name="one_addition_per_body_and_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.calendar} {self.kind} {self.org_unit or 'KS'}: {', '.join(self.sections)}"


class MilestoneKind(models.TextChoices):
    """The steps of the planning year (seed §5.D, §6.3; ``styr.domain.planning_year``)."""

    CARRY_OVER = "carry_over", _("Carry-over")
    ALLOCATION_MODEL = "allocation_model", _("Resource allocation model")
    FRAMES = "frames", _("Frames")
    GOALS_AND_BUDGET = "goals_and_budget", _("Mål och budget")
    INTERNAL_BUDGET = "internal_budget", _("Internal budget")
    OPERATIONAL_PLAN = "operational_plan", _("Operational plan")
    INTERNAL_CONTROL_PLAN = "internal_control_plan", _("Internal control plan")


class PlanningMilestone(GroupOwned):
    """A step of the planning year in the årshjul of ``calendar.year``, planning the year after:
    due on a day, answered for by a level (the council, KS, or each committee and the board).
    Adopted and locked with the calendar (CAL-006); what completes it is read from what exists
    (``styr.followup.milestones``), or confirmed by a controller (``MilestoneConfirmation``)."""

    calendar = models.ForeignKey(PlanningCalendar, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("step"), max_length=30, choices=MilestoneKind.choices)
    due = models.DateField(_("due"))
    level = models.CharField(_("responsible level"), max_length=20)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("planning step")
        verbose_name_plural = _("planning steps")
        constraints = [models.UniqueConstraint(fields=["calendar", "kind"], name="one_milestone_per_calendar_and_kind")]

    @property
    def plan_year(self) -> int:
        return self.calendar.year + 1

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.calendar.year + 1}: {self.due}"


class MilestoneConfirmation(GroupOwned):
    """A controller's record that a body has taken a step no checker can read from the data yet
    (the allocation model): when, by whom, with an optional note."""

    milestone = models.ForeignKey(PlanningMilestone, on_delete=models.CASCADE, related_name="confirmations")
    body = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("body"))
    confirmed_on = models.DateField(_("confirmed on"))
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    confirmed_by_name = models.CharField(_("confirmed by"), max_length=NAME_LENGTH, blank=True)
    note = models.TextField(_("note"), max_length=TEXT_LENGTH, blank=True)

    class Meta:
        ordering = ["confirmed_on", "pk"]
        verbose_name = _("confirmed planning step")
        verbose_name_plural = _("confirmed planning steps")
        constraints = [models.UniqueConstraint(fields=["milestone", "body"], name="one_confirmation_per_milestone_and_body")]

    def __str__(self) -> str:
        return f"{self.milestone} – {self.body}: {self.confirmed_on}"
