"""The population page's forms: upload a forecast, fetch from SCB."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import NAME_LENGTH
from styr.integrations import scb


class PopulationUploadForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH, help_text=_("For example “Befolkningsprognos 2026–2035”."))
    file = forms.FileField(
        label=_("Forecast file (CSV or Excel)"),
        help_text=_("Columns år, område (optional), ålder (0–100, 100+) and antal; CSV separated by ; or , in UTF-8 or Windows-1252, or .xlsx."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    region = forms.CharField(label=_("Region code (optional)"), max_length=10, required=False, help_text=_("SCB's code, for example 0764 for Alvesta"))


class PopulationFetchForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH, help_text=_("For example “Folkmängd Alvesta 2020–2024 (SCB)”."))
    region = forms.CharField(label=_("Region code"), max_length=10, help_text=_("SCB's code, for example 0764 for Alvesta"))
    first_year = forms.IntegerField(label=_("From year"), min_value=scb.FIRST_YEAR, max_value=scb.LAST_YEAR)
    last_year = forms.IntegerField(label=_("To year"), min_value=scb.FIRST_YEAR, max_value=scb.LAST_YEAR)
    api = forms.ChoiceField(label=_("SCB's API"), choices=[(scb.V2, "PxWebApi 2 (JSON-stat 2)"), (scb.V1, "PxWebApi 1")], initial=scb.V2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def years(self) -> list[int]:
        first, last = self.cleaned_data["first_year"], self.cleaned_data["last_year"]
        return list(range(first, last + 1)) if first <= last else []
