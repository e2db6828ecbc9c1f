"""Dialogue with citizens (seed §7, issue 15 §2): a committee opens a public dialogue on an adopted
goal or on its current-state analysis for a period; citizens comment without an account; the
committee's officials moderate each comment before it is shown and answer it in public; what was
said is gathered into a later analysis as a source. Not the internal threads between levels
(``followup.Comment``, seed §7 "Dialog som styrmedel")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.citizen_dialogue import NAME_LENGTH
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH


class CitizenDialogue(GroupOwned):
    """Medborgardialog: a unit's public question on one of its adopted goals or its current-state analysis."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="citizen_dialogues", verbose_name=_("unit"))
    goal = models.ForeignKey(
        "planning.DevelopmentGoal", on_delete=models.PROTECT, null=True, blank=True, related_name="citizen_dialogues", verbose_name=_("goal")
    )
    analysis = models.ForeignKey(
        "planning.CurrentStateAnalysis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citizen_dialogues",
        verbose_name=_("current-state analysis"),
    )
    title = models.CharField(_("question"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("opened by"))
    #: DIAL-005: the later analysis what citizens said was gathered into, as a source
    gathered_into = models.ForeignKey(
        "planning.CurrentStateAnalysis", on_delete=models.SET_NULL, null=True, blank=True, related_name="citizen_sources", verbose_name=_("gathered into")
    )
    #: DIAL-005: or the trend of a later environment analysis it is a source of (one target at a time)
    gathered_into_trend = models.ForeignKey(
        "planning.Trend", on_delete=models.SET_NULL, null=True, blank=True, related_name="citizen_sources", verbose_name=_("gathered into trend")
    )
    gathered_summary = models.TextField(_("what citizens said"), max_length=TEXT_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("citizen dialogue")
        verbose_name_plural = _("citizen dialogues")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__isnull=False, analysis__isnull=True) | Q(goal__isnull=True, analysis__isnull=False), name="citizen_dialogue_one_subject"
            ),
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="citizen_dialogue_closes_after_opening"),
            models.CheckConstraint(
                condition=Q(gathered_into__isnull=True) | Q(gathered_into_trend__isnull=True), name="citizen_dialogue_gathered_into_one_analysis"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.opens_on.year


class CommentState(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Shown")
    REJECTED = "rejected", _("Rejected")


class CitizenComment(GroupOwned):
    """A citizen's comment in a dialogue: shown only once an official approved it, with the unit's answer."""

    dialogue = models.ForeignKey(CitizenDialogue, on_delete=models.CASCADE, related_name="comments", verbose_name=_("dialogue"))
    #: the column takes the shared text limit; a citizen's comment is held to COMMENT_LENGTH by DIAL-002
    text = models.TextField(_("comment"), max_length=TEXT_LENGTH)
    #: personal data (DIAL-006): blank when anonymous, blanked after the preset's period or on request
    author_name = models.CharField(_("name"), max_length=NAME_LENGTH, blank=True)
    author_email = models.EmailField(_("email"), blank=True)
    #: given to the citizen when commenting: with it their details are removed on request (unique in
    #: the group: a group restored beside its original keeps its codes, and a request blanks both)
    receipt_code = models.CharField(_("receipt code"), max_length=20, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=CommentState.choices, default=CommentState.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("moderated by")
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=TEXT_LENGTH, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    personal_data_removed_at = models.DateTimeField(_("details removed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("citizen comment")
        verbose_name_plural = _("citizen comments")
        constraints = [
            models.CheckConstraint(condition=Q(answer="") | Q(state="approved"), name="citizen_comment_answered_only_when_shown"),
            models.UniqueConstraint(fields=["group", "receipt_code"], name="one_receipt_code_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.dialogue}: {self.text[:60]}"
