from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_YEAR, MIN_YEAR


class FrameForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    amount_tsek = forms.DecimalField(label=_("Operating frame (tkr)"), max_digits=14, decimal_places=1, localize=True)
