from django.urls import path

from gongkai.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/edit/", views.consultation_edit, name="edit"),
    path("<int:pk>/comments/", views.comment_register, name="comment_register"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/feedback/", views.draft_feedback, name="draft_feedback"),
]
