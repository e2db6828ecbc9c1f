"""The form of a year's budget assumptions (issue 11 §6): for each line of the fixed list its amount
(tkr), its source and the source's date, edited in place on one form per year."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_DATE, MIN_DATE, TITLE_LENGTH
from styr.domain.long_term_budget import ASSUMPTION_KEYS


class _Lines(forms.Form):
    """Fields ``<key>-amount_tsek``, ``<key>-source`` and ``<key>-source_date`` per line; an empty
    amount leaves the line as it is (or not entered)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for line in ASSUMPTION_KEYS:
            label = _(line.label)
            self.fields[f"{line.key}-amount_tsek"] = forms.DecimalField(
                label=_("%(line)s (tkr)") % {"line": label}, max_digits=14, decimal_places=1, localize=True, required=False
            )
            self.fields[f"{line.key}-source"] = forms.CharField(label=_("Source of %(line)s") % {"line": label}, max_length=TITLE_LENGTH, required=False)
            self.fields[f"{line.key}-source_date"] = forms.DateField(
                label=_("Date of the source of %(line)s") % {"line": label},
                required=False,
                widget=forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}, format="%Y-%m-%d"),
            )


class AssumptionsForm(StyledFormMixin, _Lines):
    """The year's lines, styled as the house's forms (the mixin styles the fields ``_Lines`` adds)."""

    def lines(self) -> list[tuple[Any, Any, Any, Any]]:
        """(line, amount field, source field, date field) in the result budget's order."""
        return [(line, self[f"{line.key}-amount_tsek"], self[f"{line.key}-source"], self[f"{line.key}-source_date"]) for line in ASSUMPTION_KEYS]
