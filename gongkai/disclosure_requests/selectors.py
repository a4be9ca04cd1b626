"""Who sees which applications, and the figures the annual report and dashboards need."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from gongkai.core.roles import Role
from gongkai.disclosure_requests.models import ApplicantType, DisclosureRequest
from gongkai.disclosure_requests.taxonomy import Outcome


def visible_requests(user) -> QuerySet[DisclosureRequest]:
    """The disclosure office (政务公开管理员) sees every application; a unit sees those it handles.
    Applicants' identity data is for the people handling the case, so no one else sees any;
    an auditor (审计查阅, read-only) reads every case as the office keeps it."""
    if user.has_role(Role.PRESS_OFFICE, Role.AUDITOR):  # 审计查阅 reads every unit's
        return DisclosureRequest.objects.all()
    if user.unit_id and user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return DisclosureRequest.objects.filter(handling_unit_id=user.unit_id)
    return DisclosureRequest.objects.none()


def statistics(start: dt.date, end: dt.date) -> dict:
    """Counts for a period, in the database: by month, applicant type, outcome and unit."""
    received = DisclosureRequest.objects.filter(received_on__gte=start, received_on__lte=end)
    replied = DisclosureRequest.objects.filter(replied_on__gte=start, replied_on__lte=end)

    def grouped(qs, *fields):
        return list(qs.values(*fields).annotate(n=Count("pk")).order_by(*fields))

    types = dict(ApplicantType.choices)
    outcomes = dict(Outcome.choices)
    by_type = [
        {**row, "label": types[row["applicant_type"]]}
        for row in grouped(received, "applicant_type")
    ]
    by_outcome = [
        {**row, "label": outcomes.get(row["outcome"], "—")} for row in grouped(replied, "outcome")
    ]
    return {
        "received": received.count(),
        "replied": replied.count(),
        "by_month": grouped(received.annotate(month=TruncMonth("received_on")), "month"),
        "by_applicant_type": by_type,
        "by_outcome": by_outcome,
        "by_unit": grouped(received, "handling_unit__name"),
    }
