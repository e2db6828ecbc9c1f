"""A unique-constraint race answers the rule the constraint stands for, never a database error.

A service checks "does one exist?" before it creates (the rule's clear message); two requests
at once can both pass that check, and the database's unique constraint stops the second. Run
the create inside ``with unique_or(violation):`` so the constraint's refusal is rolled back to a
savepoint and answered as the rule (422, or 409 for a rule in ``LOCKED_RULES``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction

from styr.domain.errors import RuleViolation

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
