"""The site's URLs, plus a stand-in for the staff message page while the mailbox's own staff
views are written in parallel: Message.notify links to `mailbox:detail`. Once the real one is
mounted this adds nothing."""

from django.http import HttpResponse
from django.urls import include, path

from gongkai.urls import handler400  # noqa: F401
from gongkai.urls import urlpatterns as site_patterns

_mounted = any(getattr(p, "namespace", None) == "mailbox" for p in site_patterns)
_stand_in = ([path("<int:pk>/", lambda request, pk: HttpResponse(), name="detail")], "mailbox")

urlpatterns = site_patterns + ([] if _mounted else [path("staff/mailbox/", include(_stand_in))])
