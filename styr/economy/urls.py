from django.urls import path

from styr.economy import views, views_frames, views_ledger

app_name = "economy"
urlpatterns = [
    path("enheter/<id:unit_pk>/driftram/", views_frames.frame_page, name="frame"),
    path("enheter/<id:unit_pk>/driftram/justeringar/", views_frames.frame_adjustment_create, name="frame_adjustment_create"),
    path("enheter/<id:unit_pk>/internbudget/", views.internal_budget, name="internal_budget"),
    path("enheter/<id:unit_pk>/internbudget/mall.xlsx", views.internal_budget_template, name="internal_budget_template"),
    path("enheter/<id:unit_pk>/internbudget/internbudget.se", views.internal_budget_sie, name="internal_budget_sie"),
    path("enheter/<id:unit_pk>/budget/", views.unit_budget, name="unit_budget"),
    path("enheter/<id:unit_pk>/resultatrakning/", views.statement, name="statement"),
    path("enheter/<id:unit_pk>/bokforing/", views_ledger.ledger_overview, name="ledger"),
    path("enheter/<id:unit_pk>/bokforing/las-in/", views_ledger.upload_create, name="upload_create"),
    path("enheter/<id:unit_pk>/bokforing/inlasningar/<id:pk>/", views_ledger.upload_detail, name="upload"),
    path("enheter/<id:unit_pk>/bokforing/objekt/", views_ledger.ledger_objects, name="ledger_objects"),
]
