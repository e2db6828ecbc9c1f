from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.organisation.models import GoverningDocument, MunicipalGroup, OrgUnit


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
            "owner_unit",
            "review_by",
            "carries_goals",
            "carries_indicators",
            "own_steering",
        ]
        widgets = {
            "decision_date": forms.DateInput(attrs={"type": "date"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "review_by": forms.DateInput(attrs={"type": "date"}),
            "own_steering": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"decision_reference": _("Decision (§)"), "review_by": _("Revise by")}

    def __init__(self, *args: Any, group: MunicipalGroup | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = cast(forms.ModelChoiceField, self.fields["owner_unit"])  # type: ignore[type-arg]
        owner.queryset = OrgUnit.objects.filter(group=group).order_by("name") if group is not None else OrgUnit.objects.none()
