from django.urls import path

from gongkai.mailbox import report_views

app_name = "mailbox_reports_public"

urlpatterns = [
    path("", report_views.public_statistics, name="statistics"),
]
