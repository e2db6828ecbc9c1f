"""A ledger (the books an org unit keeps) as read from its SIE files (issue 9 §2).

Amounts are kronor with öre: ``max_digits=17, decimal_places=2`` holds ±999 999 999 999 999.99."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned


class Ledger(GroupOwned):
    """The books of one org unit that keeps books (the municipality, a company)."""

    org_unit = models.OneToOneField("organisation.OrgUnit", on_delete=models.PROTECT, related_name="ledger", verbose_name=_("org unit"))
    name = models.CharField(_("company name"), max_length=200, blank=True)
    organisation_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    #: the dimension whose objects are the org units responsible (#DIM 1, "Ansvar", "Kostnadsställe")
    responsibility_dimension = models.CharField(_("responsibility dimension"), max_length=10, default="1")
    #: the dimension whose objects are the investment projects (#DIM 6, SIE's standard "Projekt")
    project_dimension = models.CharField(_("project dimension"), max_length=10, default="6")

    class Meta:
        verbose_name = _("ledger")
        verbose_name_plural = _("ledgers")

    def __str__(self) -> str:
        return self.name or str(self.org_unit)


class SieImport(GroupOwned):
    """One file read into a ledger: kept in the history also when a later file replaces it."""

    class State(models.TextChoices):
        IMPORTED = "imported", _("imported")
        REPLACED = "replaced", _("replaced by a later import")

    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="imports", verbose_name=_("ledger"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("imported by"))
    actor_name = models.CharField(_("imported by"), max_length=200)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    sie_type = models.CharField(_("SIE type"), max_length=2, blank=True)
    program = models.CharField(_("program"), max_length=200, blank=True)
    generated = models.DateField(_("exported on"), null=True, blank=True)
    counts = models.JSONField(_("records per type"), default=dict)
    fiscal_years = models.JSONField(_("fiscal years"), default=list)
    warnings = models.JSONField(_("warnings"), default=list)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.IMPORTED)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("SIE import")
        verbose_name_plural = _("SIE imports")
        constraints = [models.UniqueConstraint(fields=["ledger", "sha256"], name="one_import_per_file_and_ledger")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})" if self.imported_at else self.file_name


class FiscalYear(GroupOwned):
    """A fiscal year (#RAR) of a ledger; ``source`` is the import its figures come from, and
    ``complete`` says that it was that file's year 0 (a later file's year −1 does not replace it)."""

    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="fiscal_years", verbose_name=_("ledger"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    source = models.ForeignKey(SieImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("imported from"))
    complete = models.BooleanField(_("read as the file's current year"), default=False)

    class Meta:
        ordering = ["ledger", "start"]
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        constraints = [
            models.UniqueConstraint(fields=["ledger", "start"], name="one_fiscal_year_per_start"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="fiscal_year_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"


class Account(GroupOwned):
    class Type(models.TextChoices):
        ASSET = "T", _("asset")
        LIABILITY = "S", _("liability")
        COST = "K", _("cost")
        INCOME = "I", _("income")
        UNKNOWN = "", _("not stated")

    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="accounts", verbose_name=_("ledger"))
    number = models.CharField(_("account"), max_length=20)
    name = models.CharField(_("name"), max_length=200, blank=True)
    type = models.CharField(_("account type"), max_length=1, choices=Type.choices, blank=True)

    class Meta:
        ordering = ["ledger", "number"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [models.UniqueConstraint(fields=["ledger", "number"], name="one_account_per_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class Dimension(GroupOwned):
    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="dimensions", verbose_name=_("ledger"))
    number = models.CharField(_("dimension"), max_length=10)
    name = models.CharField(_("name"), max_length=200, blank=True)
    parent = models.CharField(_("super dimension"), max_length=10, blank=True)

    class Meta:
        ordering = ["ledger", "number"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [models.UniqueConstraint(fields=["ledger", "number"], name="one_dimension_per_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class LedgerObject(GroupOwned):
    """An object of a dimension (#OBJEKT). In the responsibility dimension it maps to the org
    unit responsible; an object not mapped yet keeps ``org_unit`` empty and is listed, not dropped.
    In the project dimension it maps to an investment project the same way."""

    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="dimension_objects", verbose_name=_("ledger"))
    dimension = models.CharField(_("dimension"), max_length=10)
    code = models.CharField(_("object"), max_length=40)
    name = models.CharField(_("name"), max_length=200, blank=True)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="ledger_objects", verbose_name=_("responsible unit")
    )
    #: in the project dimension: the investment project the object is (mapped by code, or by hand)
    investment_project = models.ForeignKey(
        "economy.InvestmentProject",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ledger_objects",
        verbose_name=_("investment project"),
    )

    class Meta:
        ordering = ["ledger", "dimension", "code"]
        verbose_name = _("dimension object")
        verbose_name_plural = _("dimension objects")
        constraints = [models.UniqueConstraint(fields=["ledger", "dimension", "code"], name="one_object_per_code")]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.code} {self.name}".strip()


class AccountBalance(GroupOwned):
    """An account's opening (#IB) and closing (#UB) balance or result (#RES) in a year."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="balances", verbose_name=_("fiscal year"))
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="balances", verbose_name=_("account"))
    opening_sek = models.DecimalField(_("opening balance"), null=True, blank=True, max_digits=17, decimal_places=2)
    closing_sek = models.DecimalField(_("closing balance"), null=True, blank=True, max_digits=17, decimal_places=2)
    result_sek = models.DecimalField(_("result"), null=True, blank=True, max_digits=17, decimal_places=2)

    class Meta:
        verbose_name = _("account balance")
        verbose_name_plural = _("account balances")
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "account"], name="one_balance_per_account_and_year")]


class ObjectBalance(GroupOwned):
    """An account's opening (#OIB) and closing (#OUB) balance for an object list in a year.

    ``object_list`` is the list as the file writes it (``[["1", "100"], ["6", "P1"]]``);
    ``dimension`` and ``object`` name the one it is looked up by: the responsibility
    dimension's object, else the list's first."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="object_balances", verbose_name=_("fiscal year"))
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="object_balances", verbose_name=_("account"))
    dimension = models.CharField(_("dimension"), max_length=10)
    object = models.CharField(_("object"), max_length=40)
    object_list = models.JSONField(_("object list"), default=list)
    opening_sek = models.DecimalField(_("opening balance"), null=True, blank=True, max_digits=17, decimal_places=2)
    closing_sek = models.DecimalField(_("closing balance"), null=True, blank=True, max_digits=17, decimal_places=2)

    class Meta:
        ordering = ["fiscal_year", "account", "dimension", "object", "id"]
        verbose_name = _("object balance")
        verbose_name_plural = _("object balances")
        indexes = [models.Index(fields=["fiscal_year", "account"], name="object_balance_lookup")]


class PeriodAmount(GroupOwned):
    """An account's actual (#PSALDO) or budget (#PBUDGET) amount for a month, for the account as a
    whole (no object) or for one object (the responsibility dimension's, else the row's first)."""

    class Kind(models.TextChoices):
        ACTUAL = "actual", _("actual")
        BUDGET = "budget", _("budget")

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="period_amounts", verbose_name=_("fiscal year"))
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="period_amounts", verbose_name=_("account"))
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    period = models.PositiveIntegerField(_("month (YYYYMM)"))
    dimension = models.CharField(_("dimension"), max_length=10, blank=True)
    object = models.CharField(_("object"), max_length=40, blank=True)
    amount_sek = models.DecimalField(_("amount"), max_digits=17, decimal_places=2)

    class Meta:
        verbose_name = _("period amount")
        verbose_name_plural = _("period amounts")
        indexes = [models.Index(fields=["fiscal_year", "account", "period"], name="period_amount_lookup")]
        constraints = [
            models.CheckConstraint(condition=models.Q(period__gte=100001, period__lte=999912), name="period_is_a_month"),
        ]


class LedgerTransaction(GroupOwned):
    """A booked #TRANS row, flat and compact (a ledger holds millions). The account and object
    are kept as the file writes them; ``sie_import`` says which file wrote the row."""

    #: no index of its own: the (ledger, date) index below serves every lookup by ledger, and each
    #: index is one more write per row of a million-row import
    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="transactions", verbose_name=_("ledger"), db_index=False)
    sie_import = models.ForeignKey(SieImport, on_delete=models.CASCADE, related_name="transactions", verbose_name=_("SIE import"))
    series = models.CharField(_("voucher series"), max_length=20, blank=True)
    number = models.CharField(_("voucher number"), max_length=20, blank=True)
    date = models.DateField(_("date"))
    text = models.CharField(_("text"), max_length=200, blank=True)
    account = models.CharField(_("account"), max_length=20)
    amount_sek = models.DecimalField(_("amount"), max_digits=17, decimal_places=2)
    dimension = models.CharField(_("dimension"), max_length=10, blank=True)
    object = models.CharField(_("object"), max_length=40, blank=True)
    line = models.PositiveIntegerField(_("line"))

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        indexes = [models.Index(fields=["ledger", "date"], name="transaction_by_date")]
