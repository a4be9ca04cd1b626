"""The staff home (工作台): one section from each app, "my work, overdue first"."""

from django.shortcuts import render
from django.utils import timezone

from gongkai.core.access import staff_required
from gongkai.core.calendar import missing_next_year
from gongkai.site import parts


@staff_required
def dashboard(request):
    sections = [section(request.user) for section in parts.DASHBOARD_SECTIONS]
    context = {
        "sections": [s for s in sections if s],
        "missing_year": missing_next_year(timezone.localdate()),
    }
    return render(request, "site/dashboard.html", context)
