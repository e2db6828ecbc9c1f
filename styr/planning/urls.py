from django.urls import path

from styr.planning import views, views_citizen_dialogue, views_end, views_overview, views_plan

app_name = "planning"
urlpatterns = [
    path("enheter/<id:unit_pk>/mal/ny/", views.goal_create, name="goal_create"),
    path("mal/<id:pk>/", views.goal_detail, name="goal"),
    path("mal/<id:pk>/besluta/", views.goal_adopt, name="goal_adopt"),
    path("mal/<id:pk>/indikatorer/ny/", views.indicator_create, name="indicator_create"),
    path("malindikatorer/<id:pk>/malvarde/", views.target_set, name="target_set"),
    path("mal/<id:pk>/kommentarer/", views.comment_create, name="comment_create"),
    # The plan page of a unit and year, its parts as tabs, edited in place (seed §5.A–5.C, §6.1–6.3)
    path("enheter/<id:unit_pk>/plan/<year:year>/", views_plan.plan_page, name="plan"),
    path("enheter/<id:unit_pk>/plan/<year:year>/skapa/", views_plan.plan_create, name="plan_create"),
    path("enheter/<id:unit_pk>/plan/<year:year>/ramdiagram/", views_plan.plan_frames_chart, name="plan_frames_chart"),
    path("enheter/<id:unit_pk>/plan/<year:year>/<slug:kind>/ny/", views_plan.plan_item_create, name="plan_item_create"),
    path("enheter/<id:unit_pk>/plan/<year:year>/<slug:kind>/<id:pk>/", views_plan.plan_item_update, name="plan_item_update"),
    path("enheter/<id:unit_pk>/plan/<year:year>/<slug:kind>/<id:pk>/ta-bort/", views_plan.plan_item_delete, name="plan_item_delete"),
    path("enheter/<id:unit_pk>/plan/<year:year>/<slug:kind>/<id:pk>/avsluta/", views_end.plan_item_end, name="plan_item_end"),
    path("planer/", views_overview.plans, name="plans"),
    # Dialogue with citizens (issue 15 §2): the officials' side of the public dialogues
    path("medborgardialog/", views_citizen_dialogue.dialogues, name="citizen_dialogues"),
    path("medborgardialog/<id:pk>/", views_citizen_dialogue.dialogue, name="citizen_dialogue"),
    path("medborgardialog/<id:pk>/sammanfatta/", views_citizen_dialogue.gather, name="citizen_dialogue_gather"),
    path("medborgardialog/<id:pk>/stang/", views_citizen_dialogue.close, name="citizen_dialogue_close"),
    path("medborgardialog/kommentarer/<id:pk>/moderera/", views_citizen_dialogue.moderate, name="citizen_comment_moderate"),
    path("medborgardialog/kommentarer/<id:pk>/svara/", views_citizen_dialogue.answer, name="citizen_comment_answer"),
    path("medborgardialog/personuppgifter/", views_citizen_dialogue.removal, name="citizen_data_removal"),
    path("planer/<id:pk>/foresla/", views_plan.plan_propose, name="plan_propose"),
    path("planer/<id:pk>/ta-tillbaka/", views_plan.plan_withdraw, name="plan_withdraw"),
    path("planer/<id:pk>/besluta/", views_plan.plan_adopt, name="plan_adopt"),
    path("planer/<id:pk>/revidera/", views_plan.plan_revise, name="plan_revise"),
    path("planer/<id:pk>/nasta-ar/", views_plan.plan_start_next_year, name="plan_next_year"),
    path("planer/<id:a>/jamfor/<id:b>/", views_plan.plan_compare, name="plan_compare"),
    # Across the group
    path("mal/kaskad/", views_overview.cascade_current, name="cascade_current"),
    path("mal/kaskad/<year:year>/", views_overview.cascade, name="cascade"),
    path("agenda-2030/", views_overview.agenda, name="agenda"),
    path("sok/", views_overview.search_page, name="search"),
]
