from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_YEAR, MIN_YEAR
from styr.organisation.models import OrgUnit


class FrameForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    amount_tsek = forms.DecimalField(label=_("Operating frame (tkr)"), max_digits=14, decimal_places=1, localize=True)


class SieUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("SIE file"),
        help_text=_("A SIE file of type 1, 2, 3 or 4 (.se, .si, .sie), as the accounting program exports it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".se,.si,.sie,.txt"}),
    )


class LedgerObjectMapForm(StyledFormMixin, forms.Form):
    """One object of the responsibility dimension and the unit that answers for it (empty: unmapped)."""

    org_unit: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(), required=False, label=_("Responsible unit"), empty_label=_("— not mapped —")
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
