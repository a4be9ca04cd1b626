"""The staff pages under /staff/: the core's own, and the staff home, which gathers every app
and so lives here, one floor up. It keeps the name every page links to, `core:dashboard`."""

from django.urls import path

from gongkai.core import urls as core_urls
from gongkai.site import views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    *core_urls.urlpatterns,
]
