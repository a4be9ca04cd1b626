from django.urls import path

from gongkai.answers import views

app_name = "answers"
urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("new/", views.entry_create, name="entry_create"),
    path("<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/act/<str:verb>/", views.entry_act, name="entry_act"),
    path("import/", views.import_jsonl, name="import"),
    path("passages/", views.passage_list, name="passage_list"),
    path("passages/<int:pk>/", views.passage_detail, name="passage_detail"),
    path("passages/<int:pk>/act/<str:verb>/", views.passage_act, name="passage_act"),
    path("unanswered/", views.unanswered, name="unanswered"),
    path("search/", views.search, name="search"),
]
