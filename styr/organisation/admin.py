from django.contrib import admin

from styr.core.admin import ReadOnlyAdmin
from styr.organisation.models import CoreValues, GoverningDocument, MunicipalGroup, OrgUnit, RoleAssignment, Vision


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "parent", "valid_from", "valid_to", "group")
    list_filter = ("kind", "group")
    search_fields = ("name",)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "org_unit")
    list_filter = ("role",)


admin.site.register([MunicipalGroup, Vision, CoreValues, GoverningDocument], ReadOnlyAdmin)
