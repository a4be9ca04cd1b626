from django.contrib import admin
from django.urls import include, path

from gongkai.core import public_views

admin.site.site_header = admin.site.site_title = "政务公开平台 系统管理"

urlpatterns = [
    path("", public_views.home, name="home"),
    path("staff/", include("gongkai.core.urls")),
    path("staff/plans/", include("gongkai.plans.urls")),
    path("admin/", admin.site.urls),
]
