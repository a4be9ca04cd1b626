"""The portal's list of annual reports (政府信息公开工作年度报告), year by year. A report is
published as a catalogue document through the review chain; only published ones are listed."""

from django.shortcuts import render

from gongkai.publications.models import Document
from gongkai.publications.portal_cache import cached_page
from gongkai.reports.models import AnnualReport


@cached_page
def annual_list(request):
    reports = (
        AnnualReport.objects.filter(document__in=Document.public.all())
        .select_related("document")
        .order_by("-year")
    )
    return render(request, "reports/public_list.html", {"reports": reports, "section": "annual"})
