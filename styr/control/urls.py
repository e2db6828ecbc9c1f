"""Internal control and KS's oversight (seed §7): the pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from styr.control import views_common_controls, views_plans

app_name = "control"

urlpatterns: list[URLPattern | URLResolver] = [
    # the internal control plans (issue 12 §2)
    path("internkontroll/", views_plans.index_current, name="index_current"),
    path("internkontroll/<year:year>/", views_plans.index, name="index"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/", views_plans.plan_page, name="plan"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/skapa/", views_plans.plan_create, name="plan_create"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/uppdatera/", views_plans.plan_sync, name="plan_sync"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/foresla/", views_plans.plan_propose, name="plan_propose"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/ta-tillbaka/", views_plans.plan_withdraw, name="plan_withdraw"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/besluta/", views_plans.plan_adopt, name="plan_adopt"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/kontroller/ny/", views_plans.control_add, name="control_add"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/kontroller/<id:pk>/", views_plans.control_change, name="control_change"),
    path("internkontroll/<id:unit_pk>/plan/<year:year>/kontroller/<id:pk>/ta-bort/", views_plans.control_remove, name="control_remove"),
    path("internkontroll/gemensamma/<year:year>/", views_common_controls.common_page, name="common"),
    path("internkontroll/gemensamma/<year:year>/besluta/", views_common_controls.common_adopt, name="common_adopt"),
    path("internkontroll/gemensamma/<year:year>/<id:pk>/", views_common_controls.common_change, name="common_change"),
    path("internkontroll/gemensamma/<year:year>/<id:pk>/ta-bort/", views_common_controls.common_remove, name="common_remove"),
]
