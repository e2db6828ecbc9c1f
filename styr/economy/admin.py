from django.contrib import admin

from styr.core.admin import ReadOnlyAdmin
from styr.economy.models import AllocationModel, OperatingFrame, SieUpload

admin.site.register(OperatingFrame, ReadOnlyAdmin)
admin.site.register(SieUpload, ReadOnlyAdmin)
admin.site.register(AllocationModel, ReadOnlyAdmin)
