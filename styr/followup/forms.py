from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import TEXT_LENGTH


class MeasurementForm(StyledFormMixin, forms.Form):
    period = forms.CharField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("YYYY-MM"),
    )
    value = forms.CharField(label=_("Value"), max_length=40)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=TEXT_LENGTH)
    reason = forms.CharField(
        label=_("Reason for a late correction"), max_length=TEXT_LENGTH, required=False, help_text=_("Needed when the month has closed (controllers only).")
    )

    def clean_period(self) -> object:
        from datetime import date

        raw = str(self.cleaned_data["period"]).strip()
        try:
            year, month = (int(part) for part in raw.split("-")[:2])
            return date(year, month, 1)
        except (ValueError, TypeError):
            raise forms.ValidationError(_("Give the month as YYYY-MM.")) from None
