from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.core.views import refusal_text
from styr.domain.errors import RuleViolation
from styr.domain.governing_documents import check_own_steering, check_review_by
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

    def clean(self) -> dict[str, Any]:
        """DOC-001 and DOC-002 at their fields, with the rule's message and id (the service checks
        them again); a field in error keeps the model's constraint from repeating it."""
        data: dict[str, Any] = super().clean() or {}
        try:
            check_own_steering(
                carries_goals=bool(data.get("carries_goals")),
                carries_indicators=bool(data.get("carries_indicators")),
                own_steering=data.get("own_steering") or "",
            )
        except RuleViolation as violation:
            self.add_error(violation.field, refusal_text(violation))
        try:
            check_review_by(review_by=data.get("review_by"), decision_date=data.get("decision_date"))
        except RuleViolation as violation:
            self.add_error(violation.field, refusal_text(violation))
        return data
