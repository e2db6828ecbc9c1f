"""The forms of the group's statements page: a company's ownership share, its capital elimination's
data, an internal account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class OwnershipForm(forms.Form):
    org_unit = forms.TypedChoiceField(label=_("Company"), coerce=int)
    ownership_percent = forms.DecimalField(label=_("Ownership share (%)"), max_digits=7, decimal_places=2, localize=True)

    def __init__(self, *args: Any, companies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].choices = companies  # type: ignore[attr-defined]


class InternalAccountForm(forms.Form):
    org_unit = forms.TypedChoiceField(label=_("Member"), coerce=int)
    account = forms.CharField(
        label=_("Account or its leading digits"), max_length=10, validators=[RegexValidator(r"^[0-9]+$", _("Give an account number: digits only."))]
    )
    counterpart = forms.TypedChoiceField(label=_("Counterpart"), coerce=int)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].choices = members  # type: ignore[attr-defined]
        self.fields["counterpart"].choices = members  # type: ignore[attr-defined]


class CapitalForm(forms.Form):
    """The capital elimination's data of a company in the group (GROUP-005); all empty to stop eliminating."""

    org_unit = forms.TypedChoiceField(label=_("Company"), coerce=int)
    shares_book_value_sek = forms.DecimalField(label=_("book value of the shares (kr)"), max_digits=16, decimal_places=2, localize=True, required=False)
    shares_account = forms.CharField(
        label=_("account of the shares"), max_length=10, required=False, validators=[RegexValidator(r"^[0-9]+$", _("Give an account number: digits only."))]
    )
    equity_at_acquisition_sek = forms.DecimalField(label=_("equity at acquisition (kr)"), max_digits=16, decimal_places=2, localize=True, required=False)

    def __init__(self, *args: Any, companies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].choices = companies  # type: ignore[attr-defined]
