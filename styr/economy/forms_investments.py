"""Forms of the investment plan's pages: a project, its amounts in a plan, and the mapping of a
ledger's project objects to projects (the rules are the services', shown beside the field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_YEAR, MIN_YEAR, TEXT_LENGTH
from styr.economy.models import InvestmentProject
from styr.organisation.models import OrgUnit


def _tsek(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=14, decimal_places=1, localize=True, required=required, help_text=help_text)


class InvestmentProjectForm(StyledFormMixin, forms.Form):
    committee: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(label=_("Committee"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=InvestmentProject.Category.choices)
    status = forms.ChoiceField(label=_("Status"), choices=InvestmentProject.Status.choices)
    start_year = forms.IntegerField(label=_("Start year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    end_year = forms.IntegerField(label=_("End year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    code = forms.CharField(label=_("Project code"), max_length=40, required=False, help_text=_("The project's object in the ledgers' project dimension"))
    total_tsek = _tsek(_("Total cost (tkr)"), required=False, help_text=_("Used when the plan rolls forward: what remains goes into the new plan year."))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_LENGTH, required=False)

    def __init__(self, *args: Any, committees: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]


class InvestmentYearForm(StyledFormMixin, forms.Form):
    """A project's figures for one year of a plan: the investment and its operating-cost consequences."""

    amount_tsek = _tsek(_("Investment (tkr)"))
    capital_cost_tsek = _tsek(_("Capital cost (tkr)"), required=False)
    running_cost_tsek = _tsek(_("Running cost (tkr)"), required=False)


class ProjectObjectMapForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Investment project"), queryset=InvestmentProject.objects.none(), required=False)

    def __init__(self, *args: Any, projects: QuerySet[InvestmentProject], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
