"""Forms of the companies' pages (issue 12 §5): a directive, a demand, an answer, an owner dialogue."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.control.models import DemandKind, DirectiveKind
from styr.core.forms import StyledFormMixin
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH
from styr.organisation.models import OrgUnit

DATE = forms.DateInput(attrs={"type": "date"})
#: the empty choice of a list, in the user's language (Django's own has no Swedish)
CHOOSE = _("— choose —")


class DirectiveForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of directive"), choices=DirectiveKind.choices)
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH)
    issuer: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(label=_("Decided by"), queryset=OrgUnit.objects.none(), empty_label=CHOOSE)
    company: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        label=_("Company"), queryset=OrgUnit.objects.none(), required=False, empty_label=CHOOSE, help_text=_("None for the general owner directive")
    )
    decision_reference = forms.CharField(label=_("Decision"), max_length=100, required=False, help_text=_("For example KF § 49/2020"))
    decided_on = forms.DateField(label=_("Decision date"), widget=DATE)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_to = forms.DateField(label=_("Valid to"), widget=DATE, required=False)

    def __init__(self, *args: Any, issuers: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]


class DemandForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of demand"), choices=DemandKind.choices)
    text = forms.CharField(label=_("Demand"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))
    target_value = forms.DecimalField(label=_("Target value"), max_digits=12, decimal_places=2, required=False)
    target_unit = forms.CharField(label=_("Unit"), max_length=20, required=False, help_text=_("For example %"))


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2, required=False)
    status = forms.ChoiceField(label=_("Status"))

    def __init__(self, *args: Any, scale: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = scale  # type: ignore[attr-defined]


class DialogueForm(StyledFormMixin, forms.Form):
    company: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(label=_("Subsidiary"), queryset=OrgUnit.objects.none(), empty_label=CHOOSE)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=NAME_LENGTH)
    notes = forms.CharField(label=_("Notes"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, subsidiaries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = subsidiaries  # type: ignore[attr-defined]
