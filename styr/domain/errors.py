"""The one error a rule raises."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _(text: str) -> str:
    """Marks a message for translation; the web layer translates it (see core.errors)."""
    return text


class RuleViolation(Exception):
    """A governance-model rule was broken.

    ``code`` is the stable rule id (``GOAL-001``) shared by docs, code and tests;
    ``template`` is an English message with ``%(name)s`` placeholders, translated
    into Swedish by the web layer; ``detail`` carries the values, and ``field`` the
    input field the message belongs to, when there is one.
    """

    def __init__(
        self,
        code: str,
        template: str,
        detail: Mapping[str, Any] | None = None,
        *,
        field: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> None:
        self.code = code
        self.template = template
        self.detail = dict(detail or {})
        self.field = field
        #: the file and line the rule was broken in, for imports and presets
        self.source = source
        self.line = line
        super().__init__(f"{code}: {template % self.detail if self.detail else template}")

    def located(self, source: str, line: int | None) -> RuleViolation:
        """The same violation, pinned to a file and line (kept if already pinned)."""
        if self.source is not None:
            return self
        return RuleViolation(self.code, self.template, self.detail, field=self.field, source=source, line=line)
