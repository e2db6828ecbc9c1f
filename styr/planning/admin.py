from django.contrib import admin

from styr.core.admin import ReadOnlyAdmin
from styr.planning.models import DevelopmentGoal, GoalIndicator, GoalIndicatorTarget

admin.site.register([DevelopmentGoal, GoalIndicator, GoalIndicatorTarget], ReadOnlyAdmin)
