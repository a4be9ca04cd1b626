from django.urls import path

from gongkai.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("annual/<int:year>/", views.annual, name="annual"),
    path("annual/<int:year>/edit/", views.annual_edit, name="annual_edit"),
    path("annual/<int:year>/submit/", views.annual_submit, name="annual_submit"),
    path("annual/<int:year>/cell/", views.cell_records, name="cell_records"),
    path("annual/<int:year>/report.<str:fmt>", views.annual_download, name="annual_download"),
]
