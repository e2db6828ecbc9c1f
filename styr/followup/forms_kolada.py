"""The Kolada page's forms (issue 13 §1): the group's settings, and saved answers to import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.kolada import OLDEST_YEAR
from styr.planning.models import KoladaMunicipalityGroup


class KoladaSettingsForm(StyledFormMixin, forms.Form):
    municipality = forms.CharField(label=_("Own municipality in Kolada"), max_length=4, help_text=_("Kolada's four-digit id, for example 0764 for Alvesta."))
    comparison_group = forms.ChoiceField(
        label=_("Comparison group"), required=False, help_text=_("Kolada's municipality groups that include the own municipality.")
    )
    comparison_municipalities = forms.CharField(
        label=_("Municipalities to compare with"), required=False, max_length=400, help_text=_("Kolada ids separated by commas, for example 0760, 0765.")
    )
    first_year = forms.IntegerField(label=_("First year to fetch"), min_value=OLDEST_YEAR, max_value=2200)

    def __init__(self, *args: Any, groups: list[KoladaMunicipalityGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comparison_group"].choices = [("", _("None")), *((g.id, g.title) for g in groups)]  # type: ignore[attr-defined]
        self.fields["municipality"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def chosen(self) -> list[str]:
        return [m.strip() for m in self.cleaned_data["comparison_municipalities"].replace(";", ",").split(",") if m.strip()]


class KoladaImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Saved answers"), help_text=_("A JSON file of Kolada's values, a CSV of values saved by rKolada, or a zip of such files."))
