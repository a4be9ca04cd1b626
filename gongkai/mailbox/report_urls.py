from django.urls import path

from gongkai.mailbox import report_views

app_name = "mailbox_reports"

urlpatterns = [
    path("", report_views.staff_statistics, name="statistics"),
    path("signals/", report_views.signals, name="signals"),
    path("signals/note/", report_views.signal_note, name="signal_note"),
    path(
        "signals/interpretation/", report_views.signal_interpretation, name="signal_interpretation"
    ),
]
