"""Forms of the officials' pages of the dialogue with citizens (issue 15 §2)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH
from styr.planning.forms import _date
from styr.planning.models import CurrentStateAnalysis, DevelopmentGoal, Trend


class DialogueOpenForm(StyledFormMixin, forms.Form):
    subject = forms.ChoiceField(label=_("About"))
    title = forms.CharField(label=_("Question to citizens"), max_length=TITLE_LENGTH)
    description = forms.CharField(label=_("Description"), max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    opens_on = forms.DateField(label=_("Opens"), widget=_date())
    closes_on = forms.DateField(label=_("Closes"), widget=_date())

    def __init__(self, *args: Any, goals: list[DevelopmentGoal], analyses: list[CurrentStateAnalysis], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = {f"goal:{g.pk}": g for g in goals}
        self.analyses = {f"analysis:{a.pk}": a for a in analyses}
        cast(forms.ChoiceField, self.fields["subject"]).choices = [
            (str(_("Adopted goals")), [(key, f"{g.org_unit.name}: {g.title}") for key, g in self.goals.items()]),
            (str(_("Current-state analyses")), [(key, f"{a.org_unit.name}: {a.year}") for key, a in self.analyses.items()]),
        ]

    def chosen(self) -> tuple[DevelopmentGoal | None, CurrentStateAnalysis | None]:
        key = self.cleaned_data["subject"]
        return self.goals.get(key), self.analyses.get(key)


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(label=_("Public answer"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GatherForm(StyledFormMixin, forms.Form):
    analysis = forms.ChoiceField(
        label=_("Gather into"),
        help_text=_("The current-state analysis, or the trend of the environment analysis that what citizens said is a source of."),
    )
    summary = forms.CharField(label=_("What citizens said, in short"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, analyses: list[CurrentStateAnalysis], trends: list[Trend], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.analyses = {f"analysis:{a.pk}": a for a in analyses}
        self.trends = {f"trend:{t.pk}": t for t in trends}
        choices: list[tuple[str, list[tuple[str, str]]]] = []
        if self.analyses:
            choices.append((str(_("Current-state analyses")), [(key, str(a.year)) for key, a in self.analyses.items()]))
        if self.trends:
            choices.append((str(_("Trends of the environment analysis")), [(key, f"{t.year}: {t.title}") for key, t in self.trends.items()]))
        cast(forms.ChoiceField, self.fields["analysis"]).choices = choices

    def chosen(self) -> tuple[CurrentStateAnalysis | None, Trend | None]:
        key = self.cleaned_data["analysis"]
        return self.analyses.get(key), self.trends.get(key)


class RemovalForm(StyledFormMixin, forms.Form):
    receipt_code = forms.CharField(label=_("Receipt code"), max_length=20, required=False, help_text=_("The code the citizen was given when commenting."))
    email = forms.EmailField(label=_("Email"), required=False, help_text=_("Or the email address the comments were left with."))
