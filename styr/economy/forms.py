from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin


class FrameForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount_tsek = forms.DecimalField(label=_("Operating frame (tkr)"), max_digits=14, decimal_places=1, localize=True)
