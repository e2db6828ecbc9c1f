from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import TITLE_LENGTH
from styr.organisation.models import OrgUnit, Role


class IdpRoleMappingForm(StyledFormMixin, forms.Form):
    """A group or app role of the identity provider, and the role it gives on a unit (SSO-002, SSO-003)."""

    provider = forms.ChoiceField(label=_("Identity provider"))
    claim_value = forms.CharField(
        label=_("Group or role in the identity provider"),
        max_length=TITLE_LENGTH,
        help_text=_("As the provider sends it: in Entra ID the group's object id, or the app role's value. Upper and lower case count as the same."),
    )
    role = forms.ChoiceField(label=_("Role in Styr"), choices=Role.choices)
    org_unit: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("On the unit"))

    def __init__(self, *args: Any, providers: dict[str, str], units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ChoiceField)
        provider.choices = [(key, f"{name} ({key})") for key, name in providers.items()]
        unit = self.fields["org_unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units
