"""Forms of the follow-up of the controls: a result, an attachment, a deviation, an action, the
report's summary and the body's decision. The rules are the services'; the forms only read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.control.models import ActionKind, ActionStatus, Severity
from styr.core.forms import StyledFormMixin
from styr.domain.control_followup import ALLOWED_EXTENSIONS
from styr.domain.limits import MAX_DATE, MIN_DATE, NAME_LENGTH, TEXT_LENGTH


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}, format="%Y-%m-%d")


class ResultForm(StyledFormMixin, forms.Form):
    month = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)
    status = forms.ChoiceField(label=_("Result"))
    findings = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_LENGTH, required=False)
    checked_count = forms.IntegerField(label=_("Items checked"), min_value=0, max_value=10_000_000, required=False)
    deviation_count = forms.IntegerField(label=_("Deviations found"), min_value=0, max_value=10_000_000, required=False)

    def __init__(self, *args: Any, scale: Any = (), sample: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [("", "–"), *((s.code, s.label_sv) for s in scale)]
        if sample:
            self.fields["checked_count"].help_text = _("Required for a sample (IC-032).")


class AttachmentForm(StyledFormMixin, forms.Form):
    result = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("File"), help_text=_("PDF, image, xlsx, docx, ods, odt, csv or txt."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_EXTENSIONS)


class DeviationForm(StyledFormMixin, forms.Form):
    result = forms.IntegerField(widget=forms.HiddenInput)
    description = forms.CharField(label=_("Deviation"), widget=forms.Textarea(attrs={"rows": 2}), max_length=TEXT_LENGTH)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.MEDIUM)


class ActionForm(StyledFormMixin, forms.Form):
    deviation = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActionKind.choices, initial=ActionKind.PROPOSED)
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}), max_length=TEXT_LENGTH)
    owner = forms.CharField(label=_("Owner"), max_length=NAME_LENGTH)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=_date_widget())
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.OPEN)


class ActionStatusForm(StyledFormMixin, forms.Form):
    action = forms.IntegerField(widget=forms.HiddenInput)
    #: the action's version the row was read with (EDIT-001)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class SummaryForm(StyledFormMixin, forms.Form):
    summary = forms.CharField(label=_("Summary and assessment"), widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_LENGTH, required=False)


class ControlDecisionForm(StyledFormMixin, forms.Form):
    decided_on = forms.DateField(label=_("Decision date"), widget=_date_widget())
    paragraph = forms.CharField(label=_("Paragraph"), max_length=30, help_text=_("For example § 49"))
    registration_number = forms.CharField(label=_("Registration number"), max_length=50)
