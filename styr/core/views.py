"""Helpers shared by the thin views."""

from __future__ import annotations

from collections.abc import Callable

from django import forms

from styr.core.errors import violation_message, violation_status
from styr.domain.errors import RuleViolation

_VIOLATION = "_styr_violation"


def call_service[T](form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Run a service; a rule violation becomes the form's error next to its field, with the rule id.
    The violation is kept on the form (``form_violation``) for the answer's status and for pages
    that no longer show the form (a locked object: the rule's message goes above it instead)."""
    try:
        return call()
    except RuleViolation as violation:
        field = violation.field if violation.field in form.fields else None
        form.add_error(field, f"{violation_message(violation)} ({violation.code})")
        setattr(form, _VIOLATION, violation)
        return None


def form_violation(form: forms.BaseForm) -> RuleViolation | None:
    """The rule a service refused the form's data with (``call_service``), if any."""
    found = getattr(form, _VIOLATION, None)
    return found if isinstance(found, RuleViolation) else None


def form_status(form: forms.BaseForm) -> int:
    """The status of a refused form: the rule's own (409 for locked data), else 422."""
    violation = form_violation(form)
    return violation_status(violation) if violation is not None else 422


def refusal_text(violation: RuleViolation) -> str:
    """A rule's message as a page shows it, with the rule id."""
    return f"{violation_message(violation)} ({violation.code})"
