"""Municipal group, organisation tree, roles, vision, values and governing documents."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode

from styr.core.models import GroupOwned
from styr.domain.governance import GovernanceModel, governance_model_from_mapping
from styr.domain.levels import LevelKind
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH


class MunicipalGroup(models.Model):
    """Kommunkoncern: the root of one municipality's data (the tenant)."""

    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    slug = models.SlugField(_("short name"), unique=True)
    preset_key = models.CharField(_("preset"), max_length=100)
    model_config = models.JSONField(_("governance model"))
    #: the economy's figures are made up (the demo): the pages say so in their footer
    demo_figures = models.BooleanField(_("made-up demo figures"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("municipal group")
        verbose_name_plural = _("municipal groups")

    def __str__(self) -> str:
        return self.name

    @cached_property
    def governance(self) -> GovernanceModel:
        return governance_model_from_mapping(self.model_config, source=self.preset_key)


class LevelKindChoices(models.TextChoices):
    COUNCIL = LevelKind.COUNCIL.value, _("Municipal council")
    EXECUTIVE_BOARD = LevelKind.EXECUTIVE_BOARD.value, _("Municipal executive board")
    COMMITTEE = LevelKind.COMMITTEE.value, _("Committee")
    ADMINISTRATION = LevelKind.ADMINISTRATION.value, _("Administration")
    OPERATION = LevelKind.OPERATION.value, _("Operation")
    UNIT = LevelKind.UNIT.value, _("Unit")
    PARENT_COMPANY = LevelKind.PARENT_COMPANY.value, _("Parent company")
    COMPANY = LevelKind.COMPANY.value, _("Subsidiary company")
    JOINT_AUTHORITY = LevelKind.JOINT_AUTHORITY.value, _("Joint authority")


class OrgUnit(GroupOwned, TreeNode):  # type: ignore[misc,django-manager-missing]
    """A node of the group's tree; its kind says which rules apply."""

    kind = models.CharField(_("level"), max_length=20, choices=LevelKindChoices.choices)
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    short_name = models.CharField(_("abbreviation"), max_length=20, blank=True)
    members = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    #: The nearest committee, KS, company or joint authority above the unit (``OVERSEEN_KINDS``; None
    #: where none is): KS's overview sums its counts per body in the database by it. Kept by the
    #: services that place units (``organisation.services.refresh_overseen_by``).
    overseen_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+")

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        # the bodies of a group (its committees, KS, companies: tens among 10,000 units) read by kind
        indexes = [models.Index(fields=["group", "kind"], name="org_unit_group_kind")]
        constraints = [
            models.UniqueConstraint(fields=["group"], condition=Q(kind="COUNCIL"), name="one_council_per_group"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="org_unit_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(kind="COUNCIL", parent__isnull=True) | (~Q(kind="COUNCIL") & Q(parent__isnull=False)),
                name="only_council_is_root",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def level_kind(self) -> LevelKind:
        return LevelKind(self.kind)

    def level_label(self, language: str = "sv") -> str:
        return self.group.governance.level_label(self.kind, language)


class Role(models.TextChoices):
    POLITICIAN = "POLITICIAN", _("Politician")
    OFFICIAL = "OFFICIAL", _("Official")
    CONTROLLER = "CONTROLLER", _("Controller")
    AUDITOR = "AUDITOR", _("Auditor")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")


class RoleAssignment(GroupOwned):
    """A person's role on an org unit; it covers the unit's whole subtree."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="styr_roles")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["user", "org_unit", "role"], name="unique_role_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.org_unit}"


class DatedText(GroupOwned):
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    text = models.TextField(_("text"), max_length=TEXT_LENGTH)
    valid_from = models.DateField(_("valid from"))

    class Meta:
        abstract = True
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.title


class Vision(DatedText):
    """The group's vision (Vision 2027), dated."""

    class Meta(DatedText.Meta):
        verbose_name = _("vision")
        verbose_name_plural = _("visions")


class CoreValues(DatedText):
    """The group's shared values (värdegrund), dated."""

    class Meta(DatedText.Meta):
        verbose_name = _("core values")
        verbose_name_plural = _("core values")


class DocumentType(models.TextChoices):
    LAW = "LAW", _("Law")
    REGULATION = "REGULATION", _("Regulation")
    GENERAL_ADVICE = "GENERAL_ADVICE", _("General advice")
    MODEL = "MODEL", _("Governance model")
    POLICY = "POLICY", _("Policy")
    STRATEGY = "STRATEGY", _("Strategy")
    PROGRAMME = "PROGRAMME", _("Programme")
    PLAN = "PLAN", _("Plan")
    GUIDELINE = "GUIDELINE", _("Guideline")
    RULE = "RULE", _("Rules")
    CHARTER = "CHARTER", _("Charter")
    ARTICLES_OF_ASSOCIATION = "ARTICLES_OF_ASSOCIATION", _("Articles of association")
    OWNER_DIRECTIVE = "OWNER_DIRECTIVE", _("Owner directive")


class GoverningDocument(GroupOwned):
    """A governing document with the metadata of the styrmodell's own cover page."""

    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    doc_type = models.CharField(_("document type"), max_length=30, choices=DocumentType.choices)
    decided_by = models.CharField(_("decided by"), max_length=200)
    decision_reference = models.CharField(_("decision"), max_length=100, blank=True, help_text=_("For example KF § 49/2020"))
    decision_date = models.DateField(_("decision date"))
    valid_from = models.DateField(_("valid from"))
    validity = models.CharField(_("validity"), max_length=100, default="Tills vidare")
    applies_to = models.CharField(_("applies to"), max_length=300)
    follow_up_responsible = models.CharField(_("responsible for follow-up"), max_length=300)
    registration_number = models.CharField(_("registration number"), max_length=50)
    owner_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="governing_documents", verbose_name=_("owning unit"))
    #: seed §7 Styrdokument: documents with goals and/or indicators of their own steer in parallel (DOC-001)
    carries_goals = models.BooleanField(_("has goals of its own"), default=False)
    carries_indicators = models.BooleanField(_("has indicators of its own"), default=False)
    own_steering = models.TextField(
        _("its goals and indicators"), max_length=TEXT_LENGTH, blank=True, help_text=_("Briefly: which goals and indicators the document sets")
    )
    #: "revideras senast": the date by which the document must be revised (DOC-002)
    review_by = models.DateField(_("revise by"), null=True, blank=True)

    class Meta:
        ordering = ["-decision_date", "title"]
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")
        constraints = [
            models.UniqueConstraint(fields=["group", "registration_number", "title"], name="unique_document_per_registration"),
            # DOC-001: a document that carries goals or indicators says which
            models.CheckConstraint(
                condition=Q(carries_goals=False, carries_indicators=False) | ~Q(own_steering=""), name="governing_document_names_its_own_steering"
            ),
        ]

    @property
    def steers_in_parallel(self) -> bool:
        return self.carries_goals or self.carries_indicators

    def __str__(self) -> str:
        return self.title


class IdpRoleMapping(GroupOwned):
    """A group or role of the identity provider that gives a Styr role on a unit (SSO-001, SSO-002).

    At each login through the provider, a person whose claims hold ``claim_value`` gets ``role`` on
    ``org_unit``; the mapping is data, kept by the group's administrators (role_mapping.manage)."""

    provider = models.CharField(_("identity provider"), max_length=100)
    claim_value = models.CharField(_("group or role in the identity provider"), max_length=TITLE_LENGTH)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="idp_role_mappings", verbose_name=_("unit"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["provider", "claim_value", "role"]
        verbose_name = _("role mapping")
        verbose_name_plural = _("role mappings")
        constraints = [
            # SSO-003: a group of the IdP once per role and unit, whatever its case (kept case folded)
            models.UniqueConstraint(F("group"), F("provider"), Lower("claim_value"), F("role"), F("org_unit"), name="unique_idp_role_mapping_any_case"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.claim_value} → {self.get_role_display()} – {self.org_unit}"


class IdpRoleGrant(GroupOwned):
    """Marks a role the identity provider gave: a later login takes it away when the mapping no longer
    gives it (SSO-001). A role given by hand has no mark and stays."""

    assignment = models.OneToOneField(RoleAssignment, on_delete=models.CASCADE, related_name="idp_grant")
    provider = models.CharField(_("identity provider"), max_length=100)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role from the identity provider")
        verbose_name_plural = _("roles from the identity provider")

    def __str__(self) -> str:
        return f"{self.assignment} ({self.provider})"
