"""Bootstrap classes on every form widget, set once here rather than in each template; a text
that is too long is refused with a message naming its field (TEXT-001's limits)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext


class StyledFormMixin:
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(field, forms.CharField) and field.max_length is not None:
                label = str(capfirst(field.label or "")).replace("%", "%%")
                keep = {"limit_value": "%(limit_value)s", "show_value": "%(show_value)s"}
                message = gettext("%(label)s can be at most %(limit_value)s characters; it has %(show_value)s.") % {"label": label, **keep}
                field.error_messages = {**field.error_messages, "max_length": message}


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes with the widget's class (Bootstrap's ``form-check-input``) on each box, not on the
    list around them: on the list it made a 1 em box the options spilled out of, under the next field."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] = {**context["widget"]["attrs"], "class": "checkbox-list"}
        return context
