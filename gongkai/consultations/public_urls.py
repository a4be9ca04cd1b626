from django.urls import path

from gongkai.consultations import public_views

app_name = "consultations_public"
urlpatterns = [
    path("", public_views.consultation_list, name="list"),
    path("<int:pk>/", public_views.consultation_page, name="page"),
]
