"""The admin shows Styr's data read-only: every write goes through a service that audits it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from styr.core.models import ApiToken, AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "actor_name", "action", "object_repr", "org_unit")
    list_filter = ("action",)
    search_fields = ("object_repr", "actor_name", "action")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
