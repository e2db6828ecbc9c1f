"""The council's decision on the year's carry-overs: one decision (date, §, registration number)
and, per committee, the amount decided (the proposal unless changed) and the reason for a change."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_DATE, MIN_DATE, TEXT_LENGTH
from styr.economy.models import CarryOver


class CarryOverDecisionForm(StyledFormMixin, forms.Form):
    decided_on = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}, format="%Y-%m-%d")
    )
    paragraph = forms.CharField(label=_("Paragraph"), max_length=30, help_text=_("For example § 49"))
    registration_number = forms.CharField(label=_("Registration number"), max_length=50)

    def __init__(self, *args: Any, carry_overs: Sequence[CarryOver] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.carry_overs = list(carry_overs)
        for c in self.carry_overs:
            self.fields[f"amount_{c.pk}"] = forms.DecimalField(
                label=_("Decided carry-over of %(committee)s (tkr)") % {"committee": c.org_unit.name},
                max_digits=16,
                decimal_places=2,
                localize=True,
                initial=c.proposed_tsek,
                help_text=_("Proposed: %(amount)s tkr. A surplus positive, a deficit negative.") % {"amount": c.proposed_tsek},
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Reason for %(committee)s") % {"committee": c.org_unit.name},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=TEXT_LENGTH,
                required=False,
                help_text=_("Needed when the council decides another amount than proposed."),
            )
            for name in (f"amount_{c.pk}", f"comment_{c.pk}"):
                self.fields[name].widget.attrs["class"] = "form-control"

    def rows(self) -> list[tuple[CarryOver, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"amount_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.carry_overs]

    def amounts(self) -> dict[int, tuple[Decimal, str]]:
        return {c.pk: (self.cleaned_data[f"amount_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"] or "") for c in self.carry_overs}
