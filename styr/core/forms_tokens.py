"""The account page's form for a new personal API token (TOKEN-002, TOKEN-003)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styr.api.scopes import AREAS
from styr.core.forms import CheckboxList, StyledFormMixin
from styr.core.tokens import end_of_day, max_days


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. the BI system's import."))
    read_only = forms.BooleanField(label=_("Read only"), required=False, help_text=_("The token may only read (GET), never change anything."))
    areas = forms.MultipleChoiceField(
        label=_("Areas"),
        choices=[(key, label) for key, label in AREAS.items() if key != "public"],
        required=False,
        widget=CheckboxList,
        help_text=_("None chosen: every area."),
    )
    expires_at = forms.DateField(label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].widget.attrs["class"] = "form-check-input"  # a tick box each, not a text field's bar
        days = max_days()
        self.fields["expires_at"].initial = timezone.localdate() + datetime.timedelta(days=min(90, days))
        self.fields["expires_at"].help_text = _("At most %(days)s days ahead.") % {"days": days}

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "read_only": data["read_only"],
            "areas": data["areas"],
            "expires_at": end_of_day(data["expires_at"]),
        }
