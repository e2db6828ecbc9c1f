"""Internal control and KS's oversight (seed §7): the pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from styr.control import views_companies

app_name = "control"

urlpatterns: list[URLPattern | URLResolver] = [
    # the companies and joint authorities under KS's oversight (issue 12 §5)
    path("bolagen/", views_companies.companies_current, name="companies_current"),
    path("bolagen/<year:year>/", views_companies.companies_page, name="companies"),
    path("bolagen/agardirektiv/", views_companies.directives_page, name="directives"),
    path("bolagen/agardirektiv/<id:pk>/", views_companies.directive_page, name="directive"),
    path("bolagen/<id:unit_id>/direktiv/<year:year>/", views_companies.company_page, name="company"),
]
