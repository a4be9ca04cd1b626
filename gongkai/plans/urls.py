from django.urls import path

from gongkai.plans import import_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("import/", import_views.plan_import, name="plan_import"),
    path(
        "import/headers/<int:pk>/",
        import_views.header_synonym_change,
        name="header_synonym_change",
    ),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/q<int:quarter>.<str:fmt>", views.plan_export, name="plan_export"),
    path("<int:pk>/archive.zip", views.plan_archive, name="plan_archive"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("tasks/<int:pk>/units/", views.assign_units, name="assign_units"),
    path("tasks/<int:pk>/evidence-kinds/", views.task_evidence_kinds, name="task_evidence_kinds"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
