from django.contrib import admin
from django.urls import include, path

from gongkai.core import public_views, views
from gongkai.publications import public_views as portal

admin.site.site_header = admin.site.site_title = "政务公开平台 系统管理"
# One sign-in page for the whole site: the admin's own would be a second door without the
# lockout or the audit log.
admin.site.login = views.admin_login

urlpatterns = [
    path("", portal.home, name="home"),
    path("staff/", include("gongkai.site.urls")),  # the core's pages and the staff home
    path("staff/plans/", include("gongkai.plans.urls")),
    path("staff/publications/", include("gongkai.publications.urls")),
    path("staff/requests/", include("gongkai.disclosure_requests.urls")),
    path("staff/meetings/", include("gongkai.meetings.urls")),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("staff/mailbox/reports/", include("gongkai.mailbox.report_urls")),
    path("staff/mailbox/", include("gongkai.mailbox.urls")),
    path("staff/consultations/", include("gongkai.consultations.urls")),
    path("staff/answers/", include("gongkai.answers.urls")),
    path("gk/annual-reports/", include("gongkai.reports.public_urls")),
    path("gk/qa/", include("gongkai.answers.public_urls")),
    path("gk/", include("gongkai.publications.public_urls")),
    path("apply/", include("gongkai.disclosure_requests.public_urls")),
    # 互动交流: the mailbox, its statistics, consultations, meetings with public attendance
    path("hudong/statistics/", include("gongkai.mailbox.public_report_urls")),
    path("hudong/consultations/", include("gongkai.consultations.public_urls")),
    path("hudong/meetings/", include("gongkai.meetings.public_urls")),
    path("hudong/", include("gongkai.mailbox.public_urls")),
    path("admin/", admin.site.urls),
]

handler400 = public_views.bad_request
