"""Wires the policy into Django's permission checks (``user.has_perm("styr.goal_write", unit)``)."""

from __future__ import annotations

from typing import Any

import rules

from styr.core.permissions import ACTION_ROLES, can


def _predicate(action: str) -> Any:
    def check(user: Any, unit: Any = None) -> bool:
        return can(user, action, unit)

    return rules.predicate(check, name=f"can_{action}")


for _action in ACTION_ROLES:
    rules.add_perm(f"styr.{_action.replace('.', '_')}", _predicate(_action))
