from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class GraphicProfileForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or SVG, at most 512 kB. Shown on the PDF documents."),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.svg,image/png,image/svg+xml"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    word_template = forms.FileField(
        label=_("Word template"),
        required=False,
        help_text=_("A .docx or .dotx without macros, at most 2 MB. Every Word document starts from it: its fonts, header, footer and styles."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.dotx"}),
    )
    remove_word_template = forms.BooleanField(label=_("Remove the Word template"), required=False)
    primary_colour = forms.CharField(
        label=_("Primary colour"), required=False, max_length=20, help_text=_("Written #RRGGBB, e.g. #005A9C. Used for the headings of the PDF documents.")
    )
