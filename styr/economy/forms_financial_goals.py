"""The financial goals page's forms: the pension obligations outside the balance sheet, and the
council's judgement of good financial management."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.governance import GovernanceModel
from styr.domain.limits import MAX_YEAR, MIN_YEAR, TEXT_LENGTH


class PensionObligationForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, help_text=_("The obligations at the end of the year."))
    amount_sek = forms.DecimalField(
        label=_("Pension obligations incl. payroll tax (kr)"), min_value=0, max_digits=17, decimal_places=2, help_text=_("Reported as a contingent liability.")
    )
    source = forms.CharField(label=_("Source"), max_length=200, help_text=_("For example: KPA's pension statement 2025-12-31"))


class ManagementAssessmentForm(StyledFormMixin, forms.Form):
    conclusion = forms.ChoiceField(label=_("Conclusion"))
    judgement = forms.CharField(label=_("Summary judgement"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, model: GovernanceModel, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        english = (get_language() or "sv").startswith("en")
        field = self.fields["conclusion"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.code, s.label_en if english else s.label_sv) for s in model.status_scale]
