from django.urls import path

from styr.economy import views, views_allocation, views_frames, views_investments, views_ledger, views_long_term, views_personnel, views_population

app_name = "economy"
urlpatterns = [
    path("resursfordelning/", views_allocation.allocation_list, name="allocation_list"),
    path("resursfordelning/<id:pk>/", views_allocation.allocation_detail, name="allocation"),
    path("resursfordelning/<id:pk>/jamfor/", views_allocation.allocation_compare_choose, name="allocation_compare_choose"),
    path("resursfordelning/<id:pk>/jamfor/<id:other>/", views_allocation.allocation_compare_page, name="allocation_compare"),
    path("enheter/<id:unit_pk>/driftram/", views_frames.frame_page, name="frame"),
    path("enheter/<id:unit_pk>/driftram/justeringar/", views_frames.frame_adjustment_create, name="frame_adjustment_create"),
    path("enheter/<id:unit_pk>/internbudget/", views.internal_budget, name="internal_budget"),
    path("enheter/<id:unit_pk>/internbudget/mall.xlsx", views.internal_budget_template, name="internal_budget_template"),
    path("enheter/<id:unit_pk>/internbudget/internbudget.se", views.internal_budget_sie, name="internal_budget_sie"),
    path("enheter/<id:unit_pk>/internbudget/beslut/<id:pk>/", views.internal_budget_adoption, name="internal_budget_adoption"),
    path("enheter/<id:unit_pk>/budget/", views.unit_budget, name="unit_budget"),
    path("enheter/<id:unit_pk>/lonebudget/", views_personnel.personnel_budget, name="personnel_budget"),
    path("enheter/<id:unit_pk>/lonebudget/mall.xlsx", views_personnel.personnel_template, name="personnel_template"),
    path("enheter/<id:unit_pk>/lonebudget/tjanster/<id:pk>/", views_personnel.position_edit, name="position_edit"),
    path("enheter/<id:unit_pk>/resultatrakning/", views.statement, name="statement"),
    path("enheter/<id:unit_pk>/bokforing/", views_ledger.ledger_overview, name="ledger"),
    path("enheter/<id:unit_pk>/bokforing/las-in/", views_ledger.upload_create, name="upload_create"),
    path("enheter/<id:unit_pk>/bokforing/inlasningar/<id:pk>/", views_ledger.upload_detail, name="upload"),
    path("enheter/<id:unit_pk>/bokforing/objekt/", views_ledger.ledger_objects, name="ledger_objects"),
    path("enheter/<id:unit_pk>/bokforing/projekt/", views_investments.ledger_projects, name="ledger_projects"),
    path("investeringar/", views_investments.investment_plan_current, name="investment_plan_current"),
    path("investeringar/<year:year>/", views_investments.investment_plan_page, name="investment_plan"),
    path("investeringar/<year:year>/nytt-projekt/", views_investments.investment_project_create, name="investment_project_create"),
    path("investeringar/<year:year>/rulla/", views_investments.investment_plan_roll, name="investment_plan_roll"),
    path("investeringar/projekt/<id:pk>/", views_investments.investment_project_page, name="investment_project"),
    path("budgetforutsattningar/", views_long_term.budget_assumptions_current, name="budget_assumptions_current"),
    path("budgetforutsattningar/<year:year>/", views_long_term.budget_assumptions_page, name="budget_assumptions"),
    path("investeringsutrymme/<year:year>/", views_long_term.investment_room_page, name="investment_room"),
    path("befolkning/", views_population.population_list, name="population_list"),
    path("befolkning/<id:pk>/", views_population.population_detail, name="population"),
    path("befolkning/mall.<str:kind>", views_population.population_template, name="population_template"),
]
