from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.organisation.models import GoverningDocument


class GoverningDocumentForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = GoverningDocument
        fields = [
            "title",
            "doc_type",
            "decided_by",
            "decision_reference",
            "decision_date",
            "valid_from",
            "validity",
            "applies_to",
            "follow_up_responsible",
            "registration_number",
        ]
        widgets = {
            "decision_date": forms.DateInput(attrs={"type": "date"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"decision_reference": _("Decision (§)")}
