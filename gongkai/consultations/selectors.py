"""Who sees which consultations, and what the public sees."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from gongkai.consultations.models import Comment, Consultation
from gongkai.core.roles import Role
from gongkai.publications.models import Document


def visible_consultations(user) -> QuerySet[Consultation]:
    """The press office and leaders see all; a unit sees its own."""
    found = Consultation.objects.select_related("document", "unit")
    if user.has_role(Role.PRESS_OFFICE, Role.LEADER, Role.AUDITOR):
        return found
    if user.unit_id and user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return found.filter(unit_id=user.unit_id)
    return found.none()


def public_consultations() -> QuerySet[Consultation]:
    """Opened, with their notice still on the portal (a withdrawn notice takes them down)."""
    return (
        Consultation.objects.filter(
            opened_at__isnull=False, document__in=Document.public.values("pk")
        )
        .select_related("document", "unit", "feedback")
        .annotate(comment_count=Count("comments"))
        .order_by("-opens_on", "-pk")
    )


def published_comments(consultation: Consultation) -> QuerySet[Comment]:
    """After the feedback is published: the comments their writers let be published and no
    exclusion of 第六条 applies to (shown masked)."""
    if consultation.concluded_at is None:
        return Comment.objects.none()
    return consultation.comments.filter(
        publish_consent=True, not_published_reason=""
    ).select_related("article")
