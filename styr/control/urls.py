"""Internal control and KS's oversight (seed §7): the pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from styr.control import views_common_controls, views_companies, views_followup, views_oversight, views_plans, views_risks

app_name = "control"

urlpatterns: list[URLPattern | URLResolver] = [
    # the companies and joint authorities under KS's oversight (issue 12 §5)
    path("bolagen/", views_companies.companies_current, name="companies_current"),
    path("bolagen/<year:year>/", views_companies.companies_page, name="companies"),
    path("bolagen/agardirektiv/", views_companies.directives_page, name="directives"),
    path("bolagen/agardirektiv/<id:pk>/", views_companies.directive_page, name="directive"),
    path("bolagen/<id:unit_id>/direktiv/<year:year>/", views_companies.company_page, name="company"),
    # §3 following up the controls (helper followup)
    path("internkontroll/<id:unit_pk>/uppfoljning/<year:year>/", views_followup.followup_year_page, name="followup_year"),
    path("internkontroll/kontroller/<id:pk>/", views_followup.control_page, name="control"),
    path("internkontroll/bilagor/<id:pk>/", views_followup.attachment_download, name="attachment"),
    path("internkontroll/<id:unit_pk>/rapport/<year:year>/", views_followup.report_page, name="report"),
    path("internkontroll/<id:unit_pk>/rapport/<year:year>.<str:fmt>", views_followup.report_document, name="report_document"),
    # risk analysis (issue 12 §1)
    path("internkontroll/<id:unit_pk>/risker/", views_risks.risks_current, name="risks_current"),
    path("internkontroll/<id:unit_pk>/risker/<year:year>/", views_risks.risks_page, name="risks"),
    path("internkontroll/<id:unit_pk>/risker/<year:year>/kopiera/", views_risks.risks_copy, name="risks_copy"),
    path("internkontroll/risker/<id:pk>/", views_risks.risk_page, name="risk"),
    path("internkontroll/risker/<id:pk>/ta-bort/", views_risks.risk_delete, name="risk_delete"),
    path("internkontroll/uppsikt/<year:year>/", views_oversight.oversight_page, name="oversight"),
    path("internkontroll/uppsikt/<year:year>/anta/", views_oversight.oversight_adopt, name="oversight_adopt"),
    path("internkontroll/uppsikt/<year:year>/utvardering.<str:fmt>", views_oversight.evaluation_document, name="evaluation_document"),
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
