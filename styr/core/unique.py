"""A unique-constraint race answers the rule the constraint stands for, never a database error.

A service checks "does one exist?" before it creates (the rule's clear message); two requests
at once can both pass that check, and the database's unique constraint stops the second. Run
the create inside ``with unique_or(violation):`` so the constraint's refusal is rolled back to a
savepoint and answered as the rule (422, or 409 for a rule in ``LOCKED_RULES``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from django.db import IntegrityError, models, transaction

from styr.domain.errors import RuleViolation
from styr.domain.versions import check_version

#: SQLSTATE unique_violation (PostgreSQL).
_UNIQUE_VIOLATION = "23505"


def is_unique_violation(error: IntegrityError) -> bool:
    """PostgreSQL's unique_violation, or SQLite's "UNIQUE constraint failed"."""
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) == _UNIQUE_VIOLATION:
        return True
    return "UNIQUE constraint failed" in str(error)


@contextmanager
def unique_or(violation: RuleViolation | Callable[[], object]) -> Iterator[None]:
    """Run the block (the create) in a savepoint; a unique constraint it hits raises ``violation``
    (or whatever ``violation()``, the rule's own check called as if the row were taken, raises)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        if isinstance(violation, RuleViolation):
            raise violation from error
        violation()
        raise  # the rule's check did not refuse: the error was not its constraint


def created_once(model: type[models.Model], **lookup: Any) -> AbstractContextManager[None]:
    """The create of a set-or-replace service ("the target for a year", "the frame of a committee"):
    it looked for the row, found none and creates it. Another writer who created the same row at the
    same moment has the unique constraint refuse this one: answered as EDIT-001 (409) with the row
    that writer saved, as a write over a version read before it would be, never a database error."""

    def taken() -> None:
        saved = model._base_manager.filter(**lookup).first()
        if saved is not None:
            from styr.core.versions import current_values

            check_version(current=int(getattr(saved, "version", 1)), expected=0, what=str(saved), values=current_values(saved))

    return unique_or(taken)
