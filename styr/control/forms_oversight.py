"""KS's evaluation of the group's internal control: its text and decision on actions (a draft), and
KS's decision adopting it (date, §, registration number)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_DATE, MIN_DATE, TEXT_LENGTH


class EvaluationForm(StyledFormMixin, forms.Form):
    evaluation = forms.CharField(
        label=_("KS's evaluation of the group's internal control"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_LENGTH,
        required=False,
    )
    measures = forms.CharField(
        label=_("KS's decision on actions"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LENGTH,
        required=False,
        help_text=_("What KS decides to do, or that no actions are needed."),
    )


class EvaluationAdoptForm(StyledFormMixin, forms.Form):
    decided_on = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}, format="%Y-%m-%d")
    )
    paragraph = forms.CharField(label=_("Paragraph"), max_length=30, help_text=_("For example § 49"))
    registration_number = forms.CharField(label=_("Registration number"), max_length=50)
