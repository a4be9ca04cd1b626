from django.urls import path

from gongkai.answers import public_views

app_name = "answers_public"
urlpatterns = [
    path("", public_views.ask, name="ask"),
    path("media/<int:pk>/", public_views.media, name="media"),
]
