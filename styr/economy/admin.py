from django.contrib import admin

from styr.core.admin import ReadOnlyAdmin
from styr.economy.models import OperatingFrame, SieUpload

admin.site.register(OperatingFrame, ReadOnlyAdmin)
admin.site.register(SieUpload, ReadOnlyAdmin)
