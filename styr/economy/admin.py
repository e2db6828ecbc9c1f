from django.contrib import admin

from styr.core.admin import ReadOnlyAdmin
from styr.economy.models import AllocationModel, GroupMember, InternalAccount, OperatingFrame, SieUpload

admin.site.register(OperatingFrame, ReadOnlyAdmin)
admin.site.register(SieUpload, ReadOnlyAdmin)
admin.site.register(AllocationModel, ReadOnlyAdmin)
admin.site.register(GroupMember, ReadOnlyAdmin)
admin.site.register(InternalAccount, ReadOnlyAdmin)
