from django.urls import path  # noqa: F401

app_name = "disclosure_requests_public"
urlpatterns = []
