"""Kolada's catalogue as shared reference data (issue 13 §1): its KPIs, municipalities,
municipality groups and organisational units, and the values read from it. None of these rows
belongs to a municipality: every municipal group reads the same catalogue, as it reads the
Agenda 2030 goals. What a municipality chooses (its own Kolada id, its comparison group) is in
``KoladaSettings``; which indicator follows which KPI is on the indicator (``kolada_kpi``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH


class KoladaKpi(models.Model):
    """One KPI of Kolada's catalogue (nyckeltal), with the hash of its metadata: a sync that
    finds another hash has found a changed definition (KOLADA-004)."""

    id = models.CharField(_("KPI id"), max_length=20, primary_key=True)
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("definition"), max_length=TEXT_LENGTH, blank=True)
    operating_area = models.CharField(_("operating area"), max_length=400, blank=True)
    #: K (kommun), L (region) or A (both), as Kolada writes it
    municipality_type = models.CharField(_("municipality type"), max_length=4, blank=True)
    is_divided_by_gender = models.BooleanField(_("divided by gender"), default=False)
    has_ou_data = models.BooleanField(_("has values for organisational units"), default=False)
    perspective = models.CharField(_("perspective"), max_length=200, blank=True)
    auspices = models.CharField(_("auspices"), max_length=20, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    prel_publication_date = models.DateField(_("preliminary publication date"), null=True, blank=True)
    ou_publication_date = models.DateField(_("publication date for units"), null=True, blank=True)
    publ_period = models.CharField(_("publication period"), max_length=40, blank=True)
    metadata_hash = models.CharField(_("metadata hash"), max_length=64)
    #: set by the sync that last found another hash than before (None: never changed)
    definition_changed_at = models.DateTimeField(_("definition changed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Kolada KPI")
        verbose_name_plural = _("Kolada KPIs")

    def __str__(self) -> str:
        return f"{self.id} {self.title}"


class KoladaMunicipality(models.Model):
    """A municipality (type K) or region (type L) in Kolada; 0000 is Riket."""

    id = models.CharField(_("Kolada id"), max_length=10, primary_key=True)
    title = models.CharField(_("name"), max_length=TITLE_LENGTH)
    type = models.CharField(_("type"), max_length=2, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Kolada municipality")
        verbose_name_plural = _("Kolada municipalities")

    def __str__(self) -> str:
        return self.title


class KoladaMunicipalityGroup(models.Model):
    """A municipality group Kolada keeps (e.g. "Liknande kommuner socioekonomi"), members as ids."""

    id = models.CharField(_("Kolada id"), max_length=20, primary_key=True)
    title = models.CharField(_("name"), max_length=400)
    members = models.JSONField(_("members"), default=list)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Kolada municipality group")
        verbose_name_plural = _("Kolada municipality groups")

    def __str__(self) -> str:
        return self.title


class KoladaOrgUnit(models.Model):
    """An organisational unit in Kolada (a school, a care home), with its municipality."""

    id = models.CharField(_("Kolada id"), max_length=20, primary_key=True)
    municipality = models.CharField(_("municipality"), max_length=10, db_index=True)
    title = models.CharField(_("name"), max_length=400)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Kolada organisational unit")
        verbose_name_plural = _("Kolada organisational units")

    def __str__(self) -> str:
        return self.title


class KoladaGender(models.TextChoices):
    TOTAL = "T", _("Total")
    WOMEN = "K", _("Women")
    MEN = "M", _("Men")


class KoladaValue(models.Model):
    """One value Kolada published: a KPI for a municipality (or an organisational unit) in a year,
    for all (T), women (K) or men (M). ``value`` is None where Kolada publishes the row without a
    value (suppressed or missing)."""

    kpi = models.CharField(_("KPI id"), max_length=20)
    #: a municipality's id, or an organisational unit's when ``is_ou``
    municipality = models.CharField(_("municipality or unit"), max_length=20)
    is_ou = models.BooleanField(_("organisational unit"), default=False)
    year = models.PositiveIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=1, choices=KoladaGender.choices, default=KoladaGender.TOTAL)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    fetched_at = models.DateTimeField(_("fetched"), auto_now=True)

    class Meta:
        ordering = ["kpi", "municipality", "year", "gender"]
        verbose_name = _("Kolada value")
        verbose_name_plural = _("Kolada values")
        constraints = [models.UniqueConstraint(fields=["kpi", "municipality", "is_ou", "year", "gender"], name="one_kolada_value_per_key")]
        indexes = [models.Index(fields=["kpi", "year"], name="kolada_value_kpi_year")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.municipality} {self.year} {self.gender}: {self.value}"


class KoladaSettings(GroupOwned):
    """A municipal group's own Kolada id and its comparison: a Kolada municipality group, or a list
    of municipalities it chooses itself (either, or both: the list is added to the group)."""

    municipality = models.CharField(_("own municipality in Kolada"), max_length=10)
    comparison_group = models.CharField(_("comparison group in Kolada"), max_length=20, blank=True)
    comparison_municipalities = models.JSONField(_("municipalities to compare with"), default=list, blank=True)
    first_year = models.PositiveIntegerField(_("first year to fetch"), default=2015)

    class Meta:
        verbose_name = _("Kolada settings")
        verbose_name_plural = _("Kolada settings")
        constraints = [
            models.UniqueConstraint(fields=["group"], name="one_kolada_settings_per_group"),
            models.CheckConstraint(condition=~Q(municipality=""), name="kolada_settings_have_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.group} ({self.municipality})"
