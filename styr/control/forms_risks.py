"""Forms of the risk analysis: a risk (with, when added, its score of the year), a score of a year,
and the copy of the core mission's risks. The steps are plain numbers here and the aims may be left
empty: the service answers with IC-001 and IC-003 next to the field, as the API does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.control.models import ControlAim, ControlRisk
from styr.core.forms import CheckboxList, StyledFormMixin
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH

STEP_BOUND = 32767


def _step(label: Any, steps: int, *, required: bool = True) -> forms.IntegerField:
    field = forms.IntegerField(label=label, min_value=-STEP_BOUND, max_value=STEP_BOUND, required=required, help_text=_("1–%(steps)s") % {"steps": steps})
    # the browser offers the matrix's steps; a step off it is the service's IC-001
    field.widget.attrs.update({"min": 1, "max": steps})
    return field


class ControlRiskForm(StyledFormMixin, forms.Form):
    area = forms.CharField(label=_("Process or area"), max_length=TITLE_LENGTH)
    description = forms.CharField(label=_("Risk"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))
    cause = forms.CharField(label=_("Cause"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    effect = forms.CharField(label=_("Effect"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Risk owner"), max_length=NAME_LENGTH, required=False)
    aims = forms.MultipleChoiceField(label=_("Aims threatened"), choices=ControlAim.choices, required=False, widget=CheckboxList, help_text=_("At least one."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aims"].widget.attrs["class"] = "form-check-input"

    @classmethod
    def for_risk(cls, risk: ControlRisk, **kwargs: Any) -> ControlRiskForm:
        initial = {name: getattr(risk, name) for name in ("area", "description", "cause", "effect", "owner", "aims")}
        return cls(initial=initial, **kwargs)


class RiskScoreForm(StyledFormMixin, forms.Form):
    """A score of the year; on the register with the risk to score chosen from the unit's."""

    risk = forms.TypedChoiceField(label=_("Risk"), coerce=int, choices=[])
    likelihood = forms.IntegerField()
    consequence = forms.IntegerField()
    chosen = forms.BooleanField(label=_("Chosen for the plan"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when a risk below the threshold is chosen."),
    )

    def __init__(self, *args: Any, steps: tuple[int, int], risks: Iterable[ControlRisk] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["likelihood"] = _step(_("Likelihood"), steps[0])
        self.fields["consequence"] = _step(_("Consequence"), steps[1])
        if risks is None:
            del self.fields["risk"]
        else:
            choice = self.fields["risk"]
            assert isinstance(choice, forms.TypedChoiceField)
            choice.choices = [(r.pk, f"{r.area}: {r.description[:60]}") for r in risks]
        for name in ("likelihood", "consequence"):
            self.fields[name].widget.attrs["class"] = "form-control"


class NewRiskForm(ControlRiskForm):
    """A new risk and, optionally, its score of the year at once."""

    likelihood = forms.IntegerField(required=False)
    consequence = forms.IntegerField(required=False)
    chosen = forms.BooleanField(label=_("Chosen for the plan"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, steps: tuple[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["likelihood"] = _step(_("Likelihood"), steps[0], required=False)
        self.fields["consequence"] = _step(_("Consequence"), steps[1], required=False)
        for name in ("likelihood", "consequence"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("likelihood") is None) != (data.get("consequence") is None):
            missing = "likelihood" if data.get("likelihood") is None else "consequence"
            self.add_error(missing, _("Give both likelihood and consequence, or neither."))
        return data


class CopyRisksForm(StyledFormMixin, forms.Form):
    aims = forms.MultipleChoiceField(label=_("Aims threatened"), choices=ControlAim.choices, required=False, widget=CheckboxList, help_text=_("At least one."))
    area = forms.CharField(label=_("Process or area"), max_length=TITLE_LENGTH, required=False, help_text=_("Left empty: “Core mission”."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aims"].widget.attrs["class"] = "form-check-input"
