"""Forms of the resource allocation pages. What a rule decides (an age band, a price, a reason)
is left to the service, so its message comes with the rule id (ALLOC-…)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_YEAR, MIN_YEAR, NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH

Choices = Sequence[tuple[Any, str]]


class SwedishDecimalField(forms.DecimalField):
    """A figure written the Swedish way or not: "150 000", "1\u00a0234,50", "2.5", "−3"."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
        return super().to_python(value)


def _amount(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    field = SwedishDecimalField(label=label, max_digits=14, decimal_places=2, required=required, help_text=help_text)
    field.widget.attrs["inputmode"] = "decimal"
    return field


def _percent(label: Any, *, required: bool = True) -> forms.DecimalField:
    field = SwedishDecimalField(label=label, max_digits=5, decimal_places=2, required=required)
    field.widget.attrs["inputmode"] = "decimal"
    return field


class _WithChoices(StyledFormMixin, forms.Form):
    def __init__(self, *args: Any, choices: Mapping[str, Choices] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, values in (choices or {}).items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = list(values)


class ModelCreateForm(_WithChoices):
    name = forms.CharField(label=_("Name"), max_length=TITLE_LENGTH, required=False)
    budget_year = forms.IntegerField(label=_("Budget year"), min_value=MIN_YEAR, max_value=MAX_YEAR - 2)
    population_series = forms.TypedChoiceField(label=_("Population series"), coerce=int, required=False, empty_value=None)
    description = forms.CharField(label=_("Description"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ModelSettingsForm(_WithChoices):
    """The model's own parameters: name, population series and the index of each year."""

    name = forms.CharField(label=_("Name"), max_length=TITLE_LENGTH, required=False)
    population_series = forms.TypedChoiceField(label=_("Population series"), coerce=int, required=False, empty_value=None)
    description = forms.CharField(label=_("Description"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    wage_share_percent = _percent(_("Wage share of new rows (%)"))
    wage_index_n = _percent(_("Wages, budget year (%)"))
    price_index_n = _percent(_("Prices, budget year (%)"))
    wage_index_n1 = _percent(_("Wages, plan year 1 (%)"))
    price_index_n1 = _percent(_("Prices, plan year 1 (%)"))
    wage_index_n2 = _percent(_("Wages, plan year 2 (%)"))
    price_index_n2 = _percent(_("Prices, plan year 2 (%)"))

    index_names = ("wage_index_n", "price_index_n", "wage_index_n1", "price_index_n1", "wage_index_n2", "price_index_n2")


class DriverForm(_WithChoices):
    committee = forms.TypedChoiceField(label=_("Committee"), coerce=int)
    name = forms.CharField(label=_("Driver"), max_length=TITLE_LENGTH, required=False, help_text=_("For example: Grundskola 6–15 år"))
    age_from = forms.IntegerField(label=_("Age from"))
    age_to = forms.IntegerField(label=_("Age to"), help_text=_("100 stands for 100 or older."))
    area = forms.CharField(label=_("Area"), max_length=NAME_LENGTH, required=False, help_text=_("Empty: the whole municipality."))
    price_sek = _amount(_("Price per resident (kr)"), help_text=_("At the price level of the year before the budget year."))
    wage_share_percent = _percent(_("Wage share (%)"), required=False)


class FixedAmountForm(_WithChoices):
    committee = forms.TypedChoiceField(label=_("Committee"), coerce=int)
    reason = forms.CharField(label=_("What it is for"), max_length=TITLE_LENGTH, required=False)
    amount_sek = _amount(_("Amount (kr)"), help_text=_("At the price level of the year before the budget year."))
    wage_share_percent = _percent(_("Wage share (%)"), required=False)
    indexed = forms.BooleanField(label=_("Indexed"), required=False, initial=True)


class AdjustmentForm(_WithChoices):
    committee = forms.TypedChoiceField(label=_("Committee"), coerce=int)
    year_offset = forms.TypedChoiceField(label=_("Year"), coerce=int)
    amount_sek = _amount(_("Amount (kr)"), help_text=_("Negative for a saving."))
    reason = forms.CharField(label=_("Reason"), max_length=TITLE_LENGTH, required=False)


class OverrideForm(_WithChoices):
    driver = forms.TypedChoiceField(label=_("Driver"), coerce=int)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    count = forms.IntegerField(label=_("Number of residents"), min_value=-(2**31), max_value=2**31 - 1)
    reason = forms.CharField(label=_("Reason"), max_length=TITLE_LENGTH, required=False)


class ScenarioForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the scenario"), max_length=TITLE_LENGTH, required=False)
