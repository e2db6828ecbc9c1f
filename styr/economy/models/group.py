"""The group's statements (sammanställda räkenskaper, seed §3 the kommunkoncern; issue 11 §5): each
company's ownership share and the accounts that hold its trade with the other members, kept as
data by KS's controllers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned


class ConsolidationMethod(models.TextChoices):
    PROPORTIONAL = "proportional", _("proportional consolidation")


class GroupMember(GroupOwned):
    """A company in the group's statements, consolidated at its ownership share (GROUP-001: above 0,
    at most 100 per cent). The municipality itself is always in, at 100 per cent."""

    org_unit = models.OneToOneField("organisation.OrgUnit", on_delete=models.PROTECT, related_name="group_member", verbose_name=_("company"))
    ownership_percent = models.DecimalField(_("ownership share (%)"), max_digits=5, decimal_places=2)
    method = models.CharField(_("method"), max_length=20, choices=ConsolidationMethod.choices, default=ConsolidationMethod.PROPORTIONAL)
    #: the capital elimination (GROUP-005): the municipality's book value of its shares in the company,
    #: the account they sit on (class 13) and the company's (whole) equity at the acquisition
    shares_book_value_sek = models.DecimalField(_("book value of the shares (kr)"), max_digits=16, decimal_places=2, null=True, blank=True)
    shares_account = models.CharField(_("account of the shares"), max_length=10, blank=True)
    equity_at_acquisition_sek = models.DecimalField(_("equity at acquisition (kr)"), max_digits=16, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.CheckConstraint(condition=Q(ownership_percent__gt=0, ownership_percent__lte=100), name="group_member_share_0_100")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.ownership_percent} %"


class InternalAccount(GroupOwned):
    """The accounts of a member's ledger (``account``: a number or its leading digits) that hold
    its trade with ``counterpart``, another member: eliminated in the group's statements."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="internal_accounts", verbose_name=_("member"))
    account = models.CharField(_("account or its leading digits"), max_length=10)
    counterpart = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("counterpart"))

    class Meta:
        verbose_name = _("internal account")
        verbose_name_plural = _("internal accounts")
        constraints = [models.UniqueConstraint(fields=["org_unit", "account"], name="internal_account_unique")]
        ordering = ["org_unit", "account"]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.account} → {self.counterpart}"
