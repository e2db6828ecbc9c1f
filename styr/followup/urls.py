from django.urls import path

from styr.followup import views, views_calendar, views_overview

app_name = "followup"
urlpatterns = [
    path("att-gora/", views.todo_page, name="todo"),
    path("indikatorer/<id:pk>/varden/", views.measurement_create, name="measurement_create"),
    path("arshjul/", views_calendar.calendar_current, name="calendar_current"),
    path("enheter/<id:unit_pk>/rapportering/<id:period_pk>/", views.reporting_page, name="reporting"),
    path("enheter/<id:unit_pk>/rapportering/<id:period_pk>/diagram/", views.reporting_charts, name="reporting_charts"),
    path("enheter/<id:unit_pk>/rapportering/<id:period_pk>/ekonomidiagram/", views.reporting_economy_chart, name="reporting_economy_chart"),
    path("enheter/<id:unit_pk>/rapportering/<id:period_pk>/mall.xlsx", views.reporting_template, name="reporting_template"),
    path("oversikt/", views_overview.overview_current, name="overview_current"),
    path("oversikt/<year:year>/", views_overview.overview_page, name="overview"),
    path("arshjul/<year:year>/", views_calendar.calendar_page, name="calendar"),
    path("arshjul/<year:year>/arshjul.ics", views_calendar.calendar_ics, name="calendar_ics"),
]

from styr.followup import views_kolada  # noqa: E402

urlpatterns += [
    path("kolada/", views_kolada.kolada_page, name="kolada"),
    path("kolada/synkronisera/", views_kolada.kolada_sync_start, name="kolada_sync"),
    path("kolada/forlopp/", views_kolada.kolada_progress, name="kolada_progress"),
]
