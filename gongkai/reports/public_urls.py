from django.urls import path

from gongkai.reports import public_views

app_name = "reports_public"
urlpatterns = [path("", public_views.annual_list, name="annual_list")]
