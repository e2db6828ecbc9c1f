"""Forms of the internal control plan and KS's common controls (issue 12 §2). The rules
(IC-021…IC-029) are the services'; the forms only read the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from styr.control.models import CommonControl, Control
from styr.core.forms import CheckboxList, StyledFormMixin
from styr.domain.control_plans import COMMON_FIXED_FIELDS

MONTH_CHOICES = [(m, MONTHS[m]) for m in range(1, 13)]


class MonthsField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=MONTH_CHOICES,
            coerce=int,
            label=_("Reported in"),
            widget=CheckboxList,
            required=False,
            help_text=_("As many months as how often it is made: once a year one month, quarterly four."),
            **kwargs,
        )


class _ControlFieldsForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    report_months = MonthsField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the months are checkboxes: Bootstrap's classes go on each one
        self.fields["report_months"].widget.attrs["class"] = "form-check-input"
        self.fields["sample_size"].help_text = _("Needed when the method is a sample (IC-024).")

    def fields_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["report_months"] = sorted(data.get("report_months") or [])
        return data


class ControlForm(_ControlFieldsForm):
    """A control of a plan; a common control shows only who is responsible and when it is reported
    (``fixed``: what it checks and how are KS's, IC-023)."""

    class Meta:
        model = Control
        fields = ["title", "area", "method", "method_text", "sample_size", "frequency", "report_months", "responsible"]
        widgets = {"method_text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fixed:
            for name in COMMON_FIXED_FIELDS:
                self.fields.pop(name, None)


class CommonControlForm(_ControlFieldsForm):
    class Meta:
        model = CommonControl
        fields = ["title", "area", "applies_to", "method", "method_text", "sample_size", "frequency", "report_months"]
        widgets = {"method_text": forms.Textarea(attrs={"rows": 2})}
