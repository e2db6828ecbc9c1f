"""The public pages' forms: a citizen's comment in a dialogue (issue 15 §2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.citizen_dialogue import COMMENT_LENGTH, NAME_LENGTH


class CitizenCommentForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=COMMENT_LENGTH, widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(
        label=_("Name (optional)"), max_length=NAME_LENGTH, required=False, help_text=_("Shown with your comment. Leave it empty to comment anonymously.")
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("Never shown. With it, or with your receipt code, your details can be removed on request."),
    )
    #: DIAL-003's honeypot: hidden from people, filled in by robots
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    #: DIAL-003's time trap: when the form was shown, signed
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
