from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.budget import EVEN, GIVEN, MONTHS, PROFILE
from styr.domain.limits import MAX_DATE, MAX_YEAR, MIN_DATE, MIN_YEAR, TEXT_LENGTH, TITLE_LENGTH
from styr.organisation.models import OrgUnit
from styr.planning.forms import PlanAdoptForm, _date


class FrameForm(StyledFormMixin, forms.Form):
    """A frame proposal for the council's Mål och budget (before it adopts)."""

    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    amount_tsek = forms.DecimalField(label=_("Operating frame (tkr)"), max_digits=14, decimal_places=1, localize=True)
    investment_tsek = forms.DecimalField(
        label=_("Investment frame (tkr)"), max_digits=14, decimal_places=1, localize=True, required=False, help_text=_("Empty: left as it is.")
    )


class FrameAdjustmentForm(StyledFormMixin, forms.Form):
    """KS's adjustment of an adopted frame: its decision (date, §, registration number), reason and change."""

    decided_on = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}, format="%Y-%m-%d")
    )
    paragraph = forms.CharField(label=_("Paragraph"), max_length=30, help_text=_("For example § 49"))
    registration_number = forms.CharField(label=_("Registration number"), max_length=50)
    operating_tsek = forms.DecimalField(
        label=_("Change of the operating frame (tkr)"),
        max_digits=14,
        decimal_places=1,
        localize=True,
        required=False,
        help_text=_("Negative lowers the frame."),
    )
    investment_tsek = forms.DecimalField(label=_("Change of the investment frame (tkr)"), max_digits=14, decimal_places=1, localize=True, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False)


class BudgetEnterForm(StyledFormMixin, forms.Form):
    """A unit's budget for the year: a total spread by a key, or twelve months as given. Amounts
    are text here and checked by the rule (ECON-004), so the message names the rule."""

    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)
    key = forms.ChoiceField(label=_("Periodisation key"), choices=[(EVEN, _("Even")), (PROFILE, _("By profile")), (GIVEN, _("Month by month, as given"))])
    profile = forms.ChoiceField(label=_("Profile"), required=False, help_text=_("Used with the key “By profile”."))
    total_sek = forms.CharField(label=_("Budget for the year (kr)"), required=False, max_length=40, help_text=_("Net cost: costs positive, income negative."))

    def __init__(self, *args: Any, units: Sequence[tuple[int, str]] | None = None, profiles: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            unit_field = self.fields["unit"]
            assert isinstance(unit_field, forms.ChoiceField)
            unit_field.choices = list(units)
        profile_field = self.fields["profile"]
        assert isinstance(profile_field, forms.ChoiceField)
        profile_field.choices = [(name, name) for name in profiles]
        for month in range(1, MONTHS + 1):
            self.fields[f"m{month}"] = forms.CharField(label=str(MONTHS_3[month]).capitalize(), required=False, max_length=40)
        for name in self.month_names:
            self.fields[name].widget.attrs["class"] = "form-control"
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        self.fields["total_sek"].widget.attrs["inputmode"] = "decimal"

    @property
    def month_names(self) -> list[str]:
        return [f"m{month}" for month in range(1, MONTHS + 1)]

    def month_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.month_names]

    def months(self) -> list[str]:
        """The twelve months as written, an empty one as 0."""
        return [self.cleaned_data.get(name) or "0" for name in self.month_names]


class BudgetUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Filled-in Excel template"))


class SieUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("SIE file"),
        help_text=_("A SIE file of type 1, 2, 3 or 4 (.se, .si, .sie), as the accounting program exports it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".se,.si,.sie,.txt"}),
    )


class LedgerObjectMapForm(StyledFormMixin, forms.Form):
    """One object of the responsibility dimension and the unit that answers for it (empty: unmapped)."""

    org_unit: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(), required=False, label=_("Responsible unit"), empty_label=_("— not mapped —")
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units


class InternalBudgetAdoptForm(PlanAdoptForm):
    """The committee's decision adopting its internal budget: date, § and registration number."""


class InternalBudgetReopenForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is it reopened?"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example a changed frame or a reorganisation; kept with the adoption's history."),
    )


class PositionForm(StyledFormMixin, forms.Form):
    """A position of the personnel budget. Amounts are text here and checked by the rules
    (PAY-001…PAY-004), so the message names the rule."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH)
    monthly_salary_sek = forms.CharField(label=_("Monthly salary, full time (kr)"), max_length=40)
    employment_rate = forms.CharField(label=_("Employment rate (%)"), max_length=40, initial="100")
    start_month = forms.IntegerField(label=_("From month"), min_value=1, max_value=MONTHS, initial=1)
    end_month = forms.IntegerField(label=_("To month"), min_value=1, max_value=MONTHS, initial=MONTHS)
    salary_increase_percent = forms.CharField(label=_("Salary increase (%)"), max_length=40, initial="0")
    salary_increase_month = forms.IntegerField(label=_("Salary increase from month"), min_value=1, max_value=MONTHS, initial=4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("monthly_salary_sek", "employment_rate", "salary_increase_percent"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"


class OverheadRateForm(StyledFormMixin, forms.Form):
    valid_from = forms.DateField(label=_("Valid from"), widget=_date())
    rate_percent = forms.CharField(label=_("Personnel overhead (%)"), max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    note = forms.CharField(label=_("Source"), max_length=TEXT_LENGTH, required=False, help_text=_("For example SKR's circular that publishes the rate"))
