"""The balance requirement (balanskravsutredning, kommunallagen 11 kap. 10–14 §§; issue 11 §4): one
statement per year of the municipality, prepared by controllers and adopted by the council with
the annual report, and the deficit ledger (balanskravsunderskott) with the council's decisions."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH

SEK = {"max_digits": 17, "decimal_places": 2}


class AmountSource(models.TextChoices):
    ACCOUNTS = "accounts", _("from the accounts")
    ENTERED = "entered", _("entered")


class BalanceStatementState(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")


class BalanceStatementYear(GroupOwned):
    """A year's balanskravsutredning, in kronor. Each line a controller prepares; the result, the
    realisation gains, tax revenue and equity come ``from the accounts`` (the municipality's ledger)
    or are ``entered`` (past years before Styr held the books, or gains not told apart by account).
    The reserve's provision and use are as the council decided. ``pension_obligations_sek`` is the
    entered ansvarsförbindelse for pensions outside the balance sheet (equity incl. pensions =
    equity − it; kept here so the reserve's ceiling does not depend on another model).
    ``reserve_opening_sek`` is the reserve's balance at the start of the chain's first year;
    ``legacy_reserve_opening_sek`` a result equalisation reserve kept from before 2024 beside the
    result reserve, where the chain starts after the change, and ``legacy_reserve_use_sek`` its use
    under the old rules (prop. 2022/23:119's transitional provision).
    Adopted by the council (``decision``) it is locked (BAL-007), with its statement frozen."""

    year = models.PositiveIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=BalanceStatementState.choices, default=BalanceStatementState.DRAFT)
    year_result_sek = models.DecimalField(_("result for the year (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    year_result_source = models.CharField(_("source of the result"), max_length=10, choices=AmountSource.choices, default=AmountSource.ENTERED)
    realisation_gains_sek = models.DecimalField(_("all realisation gains (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    realisation_gains_source = models.CharField(_("source of the realisation gains"), max_length=10, choices=AmountSource.choices, default=AmountSource.ENTERED)
    exception_gains_sek = models.DecimalField(_("realisation gains under the exception (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    exception_losses_sek = models.DecimalField(_("realisation losses under the exception (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    unrealised_securities_sek = models.DecimalField(_("unrealised gains and losses in securities (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    unrealised_reversal_sek = models.DecimalField(_("reversal of unrealised gains and losses (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    reserve_provision_sek = models.DecimalField(_("provision to the reserve (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    reserve_use_sek = models.DecimalField(_("use of the reserve (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    legacy_reserve_use_sek = models.DecimalField(_("use of the kept result equalisation reserve (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    tax_and_grants_sek = models.DecimalField(_("tax revenue and general grants (kr)"), null=True, blank=True, **SEK)  # type: ignore[arg-type]
    tax_and_grants_source = models.CharField(_("source of tax revenue"), max_length=10, choices=AmountSource.choices, default=AmountSource.ENTERED)
    equity_sek = models.DecimalField(_("equity (kr)"), null=True, blank=True, **SEK)  # type: ignore[arg-type]
    equity_source = models.CharField(_("source of equity"), max_length=10, choices=AmountSource.choices, default=AmountSource.ENTERED)
    pension_obligations_sek = models.DecimalField(_("pension obligations outside the balance sheet (kr)"), null=True, blank=True, **SEK)  # type: ignore[arg-type]
    reserve_opening_sek = models.DecimalField(_("reserve at the start of the year (kr)"), null=True, blank=True, **SEK)  # type: ignore[arg-type]
    legacy_reserve_opening_sek = models.DecimalField(_("kept result equalisation reserve at the start of the year (kr)"), null=True, blank=True, **SEK)  # type: ignore[arg-type]
    note = models.TextField(_("note"), max_length=TEXT_LENGTH, blank=True)
    decision = models.OneToOneField(
        "planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="balance_statement", verbose_name=_("the council's decision")
    )
    snapshot = models.JSONField(_("adopted statement"), null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["group", "year"]
        verbose_name = _("balance requirement statement")
        verbose_name_plural = _("balance requirement statements")
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="one_balance_statement_per_group_and_year"),
            models.CheckConstraint(
                condition=Q(state="draft", decision__isnull=True) | Q(state="adopted", decision__isnull=False), name="balance_adopted_with_decision"
            ),
            models.CheckConstraint(
                condition=Q(
                    realisation_gains_sek__gte=0,
                    exception_gains_sek__gte=0,
                    exception_losses_sek__gte=0,
                    reserve_provision_sek__gte=0,
                    reserve_use_sek__gte=0,
                    legacy_reserve_use_sek__gte=0,
                ),
                name="balance_amounts_without_sign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.year}"

    @property
    def is_adopted(self) -> bool:
        return self.state == BalanceStatementState.ADOPTED


class BalanceDeficit(GroupOwned):
    """A negative balanskravsresultat to restore within three years (11 kap. 12 §). ``amount_sek``,
    ``restored_sek`` and ``deadline_year`` are kept from the chain of statements by the services; the
    council's recovery plan (åtgärdsplan) or its decision on synnerliga skäl (11 kap. 13 §: ``waived_sek``
    not restored, and/or a later ``extended_deadline_year``) are recorded here."""

    origin_year = models.PositiveIntegerField(_("year of the deficit"))
    amount_sek = models.DecimalField(_("deficit (kr)"), **SEK)  # type: ignore[arg-type]
    restored_sek = models.DecimalField(_("restored (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    deadline_year = models.PositiveIntegerField(_("restore by the end of"))
    recovery_plan_decision = models.ForeignKey(
        "planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("recovery plan decision")
    )
    recovery_plan = models.TextField(_("recovery plan"), max_length=TEXT_LENGTH, blank=True)
    waiver_decision = models.ForeignKey(
        "planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decision on synnerliga skäl")
    )
    waived_sek = models.DecimalField(_("not to be restored (kr)"), default=0, **SEK)  # type: ignore[arg-type]
    extended_deadline_year = models.PositiveIntegerField(_("restore by (synnerliga skäl)"), null=True, blank=True)
    waiver_reason = models.TextField(_("synnerliga skäl"), max_length=TEXT_LENGTH, blank=True)

    class Meta:
        ordering = ["group", "origin_year"]
        verbose_name = _("balance requirement deficit")
        verbose_name_plural = _("balance requirement deficits")
        constraints = [
            models.UniqueConstraint(fields=["group", "origin_year"], name="one_balance_deficit_per_group_and_year"),
            models.CheckConstraint(condition=Q(waived_sek=0) | Q(waiver_decision__isnull=False), name="balance_waiver_with_decision"),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.origin_year}: {self.amount_sek}"

    @property
    def open_sek(self) -> Decimal:
        return self.amount_sek - self.waived_sek - self.restored_sek
