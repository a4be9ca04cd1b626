from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.core import views

# Included through gongkai.site.urls, which adds the staff home (core:dashboard) at "".
app_name = "core"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/<int:pk>/", views.unit_edit, name="unit_edit"),
    path("units/aliases/<int:pk>/", views.learned_alias_change, name="learned_alias_change"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_edit, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("deadline/", views.deadline_calculator, name="deadline"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/resend/", views.notification_resend, name="notification_resend"),
    path("holidays/", views.holidays, name="holidays"),
    path(
        "holidays/<int:year>/confirm/",
        views.holiday_schedule_confirm,
        name="holiday_schedule_confirm",
    ),
    path(
        "holidays/<int:pk>/delete/", views.holiday_override_delete, name="holiday_override_delete"
    ),
]
