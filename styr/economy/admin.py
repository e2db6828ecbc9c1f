from django.contrib import admin

from styr.core.admin import ReadOnlyAdmin
from styr.economy.models import OperatingFrame

admin.site.register(OperatingFrame, ReadOnlyAdmin)
