from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.planning.models import IndicatorDirection

MIN_YEAR, MAX_YEAR = 2000, 2100


class GoalForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=300)
    citizen_change = forms.CharField(label=_("Change for citizens"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    start_year = forms.IntegerField(label=_("Start year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    end_year = forms.IntegerField(label=_("End year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    measurable = forms.BooleanField(label=_("Measurable with indicators"), required=False, initial=True)
    indicator_name = forms.CharField(label=_("Goal indicator"), max_length=300, required=False)
    indicator_unit = forms.CharField(label=_("Unit of measure"), max_length=30, required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=IndicatorDirection.choices, initial=IndicatorDirection.HIGHER_IS_BETTER)
    baseline_year = forms.IntegerField(label=_("Baseline year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    baseline_value = forms.DecimalField(label=_("Baseline value"), required=False, max_digits=14, decimal_places=2, localize=True)
    target_year = forms.IntegerField(label=_("Target year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    target_value = forms.DecimalField(label=_("Target value"), required=False, max_digits=14, decimal_places=2, localize=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("indicator_name"):
            for name in ("baseline_year", "baseline_value", "target_year", "target_value"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Required when the goal has an indicator."))
        return data


class IndicatorForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Goal indicator"), max_length=300)
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=30, required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=IndicatorDirection.choices)
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    baseline_value = forms.DecimalField(label=_("Baseline value"), max_digits=14, decimal_places=2, localize=True)
    target_year = forms.IntegerField(label=_("Target year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=14, decimal_places=2, localize=True)
