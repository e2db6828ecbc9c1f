"""Forms of the balance requirement page (/balanskrav/): a year's lines as a controller enters them,
the council's adoption, and its decision on a deficit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_DATE, MAX_YEAR, MIN_DATE, MIN_YEAR, TEXT_LENGTH
from styr.economy.services.balance import AMOUNT_FIELDS


def _kronor(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=17, decimal_places=2, localize=True, required=required, help_text=help_text)


#: the amounts a controller enters, in the statement's order (kronor): the service's own list
STATEMENT_FIELDS = AMOUNT_FIELDS


class BalanceStatementForm(StyledFormMixin, forms.Form):
    """A year's lines, in kronor; what is left empty among the optional ones stays unknown."""

    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    year_result_sek = _kronor(_("Result for the year (kr)"))
    realisation_gains_sek = _kronor(_("All realisation gains (kr)"), help_text=_("Entered as a positive amount; the statement subtracts it."))
    exception_gains_sek = _kronor(_("Realisation gains under the exception (kr)"))
    exception_losses_sek = _kronor(_("Realisation losses under the exception (kr)"))
    unrealised_securities_sek = _kronor(_("Unrealised gains and losses in securities (kr)"), help_text=_("Signed as it changes the result."))
    unrealised_reversal_sek = _kronor(_("Reversal of unrealised gains and losses (kr)"), help_text=_("Signed as it changes the result."))
    reserve_provision_sek = _kronor(_("Provision to the reserve (kr)"), help_text=_("As the council decided."))
    reserve_use_sek = _kronor(_("Use of the reserve (kr)"), help_text=_("As the council decided."))
    legacy_reserve_use_sek = _kronor(
        _("Use of the kept result equalisation reserve (kr)"), required=False, help_text=_("From 2024: a reserve built up before, used under the old rules.")
    )
    tax_and_grants_sek = _kronor(_("Tax revenue and general grants (kr)"), required=False, help_text=_("Needed to check the reserve's ceiling."))
    equity_sek = _kronor(_("Equity (kr)"), required=False)
    pension_obligations_sek = _kronor(_("Pension obligations outside the balance sheet (kr)"), required=False, help_text=_("Ansvarsförbindelsen."))
    reserve_opening_sek = _kronor(_("Reserve at the start of the year (kr)"), required=False, help_text=_("Only for the first year of the chain."))
    legacy_reserve_opening_sek = _kronor(
        _("Kept result equalisation reserve at the start of the year (kr)"),
        required=False,
        help_text=_("Only for a chain that starts in 2024 or later."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=TEXT_LENGTH, required=False)

    def changes(self) -> dict[str, Decimal | str | None]:
        """Only what the controller changed, so a line read from the accounts keeps its source."""
        data = self.cleaned_data
        changed = set(self.changed_data)
        found: dict[str, Decimal | str | None] = {name: data.get(name) for name in STATEMENT_FIELDS if name in changed}
        if found.get("legacy_reserve_use_sek", 0) is None:
            found["legacy_reserve_use_sek"] = Decimal(0)  # left empty: no use
        if "note" in changed:
            found["note"] = data.get("note") or ""
        return found


class _DecisionFields(StyledFormMixin, forms.Form):
    decided_on = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}, format="%Y-%m-%d")
    )
    paragraph = forms.CharField(label=_("Paragraph"), max_length=30, help_text=_("For example § 49"))
    registration_number = forms.CharField(label=_("Registration number"), max_length=50)


class BalanceAdoptForm(_DecisionFields):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=MIN_YEAR, max_value=MAX_YEAR)


class DeficitDecisionForm(_DecisionFields):
    origin_year = forms.IntegerField(widget=forms.HiddenInput, min_value=MIN_YEAR, max_value=MAX_YEAR)
    kind = forms.ChoiceField(label=_("Decision"), choices=[("recovery_plan", _("Recovery plan")), ("synnerliga_skal", _("Synnerliga skäl"))])
    text = forms.CharField(label=_("The plan, or the reasons"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_LENGTH)
    waived_sek = _kronor(_("Not to be restored (kr)"), required=False, help_text=_("Synnerliga skäl only."))
    extended_deadline_year = forms.IntegerField(
        label=_("Restore by the end of"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False, help_text=_("Synnerliga skäl only: a later year.")
    )
