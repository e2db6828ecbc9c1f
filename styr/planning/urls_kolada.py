"""Kolada on indicators (issue 13 §1): the KPI picker, binding, review of changed definitions."""

from django.urls import path

from styr.planning import views_kolada

app_name = "planning_kolada"

urlpatterns = [
    path("kolada/nyckeltal/sok/", views_kolada.kpi_search, name="kpi_search"),
    path("kolada/granska/", views_kolada.review_list, name="review_list"),
    path("kolada/indikatorer/<slug:kind>/<int:pk>/koppla/", views_kolada.bind, name="bind"),
    path("kolada/indikatorer/<slug:kind>/<int:pk>/koppla-bort/", views_kolada.unbind, name="unbind"),
    path("kolada/indikatorer/<slug:kind>/<int:pk>/granska/", views_kolada.review, name="review"),
    path("kolada/jamforelse/<int:unit_pk>/<int:year>/", views_kolada.unit_comparisons, name="unit_comparisons"),
]
