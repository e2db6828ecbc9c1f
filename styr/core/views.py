"""Helpers shared by the thin views."""

from __future__ import annotations

from collections.abc import Callable

from django import forms

from styr.core.errors import violation_message
from styr.domain.errors import RuleViolation


def call_service[T](form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Run a service; a rule violation becomes the form's error next to its field, with the rule id."""
    try:
        return call()
    except RuleViolation as violation:
        field = violation.field if violation.field in form.fields else None
        form.add_error(field, f"{violation_message(violation)} ({violation.code})")
        return None
