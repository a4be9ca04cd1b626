from django.urls import path

from gongkai.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
]
