from django.urls import path

from styr.followup import views

app_name = "followup"
urlpatterns = [
    path("att-gora/", views.todo_page, name="todo"),
    path("indikatorer/<int:pk>/varden/", views.measurement_create, name="measurement_create"),
    path("arshjul/", views.calendar_current, name="calendar_current"),
    path("enheter/<int:unit_pk>/rapportering/<int:period_pk>/", views.reporting_page, name="reporting"),
    path("enheter/<int:unit_pk>/rapportering/<int:period_pk>/diagram/", views.reporting_charts, name="reporting_charts"),
    path("enheter/<int:unit_pk>/rapportering/<int:period_pk>/mall.xlsx", views.reporting_template, name="reporting_template"),
    path("oversikt/", views.overview_current, name="overview_current"),
    path("oversikt/<int:year>/", views.overview_page, name="overview"),
    path("arshjul/<int:year>/", views.calendar_page, name="calendar"),
    path("arshjul/<int:year>/arshjul.ics", views.calendar_ics, name="calendar_ics"),
]
