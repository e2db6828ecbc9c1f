"""Forms of the companies' pages (issue 12 §5): a directive, a demand, an answer, an owner dialogue."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.control.models import DemandKind, DirectiveKind
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH
from styr.organisation.models import OrgUnit

DATE = forms.DateInput(attrs={"type": "date"})


class DirectiveForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind of directive"), choices=DirectiveKind.choices)
    title = forms.CharField(label=_("title"), max_length=TITLE_LENGTH)
    issuer: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(label=_("decided by"), queryset=OrgUnit.objects.none())
    company: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        label=_("company"), queryset=OrgUnit.objects.none(), required=False, help_text=_("None for the general owner directive")
    )
    decision_reference = forms.CharField(label=_("decision"), max_length=100, required=False, help_text=_("For example KF § 49/2020"))
    decided_on = forms.DateField(label=_("decision date"), widget=DATE)
    valid_from = forms.DateField(label=_("valid from"), widget=DATE)
    valid_to = forms.DateField(label=_("valid to"), widget=DATE, required=False)

    def __init__(self, *args: Any, issuers: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]


class DemandForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind of demand"), choices=DemandKind.choices)
    text = forms.CharField(label=_("demand"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))
    target_value = forms.DecimalField(label=_("target value"), max_digits=12, decimal_places=2, required=False)
    target_unit = forms.CharField(label=_("unit"), max_length=20, required=False, help_text=_("For example %"))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(label=_("value"), max_digits=12, decimal_places=2, required=False)
    status = forms.ChoiceField(label=_("status"))

    def __init__(self, *args: Any, scale: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = scale  # type: ignore[attr-defined]


class DialogueForm(forms.Form):
    company: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(label=_("subsidiary"), queryset=OrgUnit.objects.none())
    held_on = forms.DateField(label=_("date"), widget=DATE)
    title = forms.CharField(label=_("title"), max_length=NAME_LENGTH)
    notes = forms.CharField(label=_("notes"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, subsidiaries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = subsidiaries  # type: ignore[attr-defined]
