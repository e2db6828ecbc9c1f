from django.contrib import admin

from styr.core.admin import ReadOnlyAdmin
from styr.followup.models import Measurement

admin.site.register(Measurement, ReadOnlyAdmin)
