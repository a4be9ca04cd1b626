"""Reading publications: what a staff member sees, and what the portal may show."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet

from gongkai.core import review
from gongkai.core.roles import Role
from gongkai.publications.models import STAGE_ROLES, Document, DocumentStatus
from gongkai.publications.models.documents import authors_and_writers


def visible_documents(user) -> QuerySet[Document]:
    """The user's unit's documents; everything for bureau-wide roles; and for the
    confidentiality reviewer, whatever has left its unit's drafts."""
    documents = Document.objects.select_related("unit")
    if user.sees_all_units:
        return documents
    scope = Q(unit_id=user.unit_id)
    if user.has_role(Role.CONFIDENTIALITY_REVIEWER):
        scope |= ~Q(status=DocumentStatus.DRAFT)
    return documents.filter(scope)


def waiting_for(user) -> QuerySet[Document]:
    """待我审核: documents at a stage the user's role decides (一审 in their own unit only, or a
    head's own draft for a 签发领导, and never one they wrote: the verb would refuse them, so
    the list does not offer it)."""
    scope = Q(pk__in=[])
    for stage, role in STAGE_ROLES.items():
        if user.has_role(role) and stage != DocumentStatus.REVIEW_1:
            scope |= Q(status=stage)
    first_stage = Document.objects.filter(status=DocumentStatus.REVIEW_1)
    if not user.has_role(Role.UNIT_HEAD, Role.LEADER):
        first_stage = first_stage.none()
    elif not user.has_role(Role.LEADER):
        first_stage = first_stage.filter(unit_id=user.unit_id)
    first_stage = list(first_stage.only("pk", "unit_id", "created_by_id"))
    heads = review.head_ids({d.unit_id for d in first_stage})
    authors, writers = authors_and_writers(first_stage)  # as Document.may_review
    mine = [
        d.pk
        for d in first_stage
        if review.may_check(user, d.unit_id, authors[d.pk], heads)
        or review.may_check(user, d.unit_id, writers[d.pk], heads)
    ]
    found = Document.objects.select_related("unit").filter(scope | Q(pk__in=mine))
    return found.order_by("publish_due", "id")


def unit_drafts(user) -> QuerySet[Document]:
    return (
        Document.objects.select_related("unit")
        .filter(unit_id=user.unit_id, status=DocumentStatus.DRAFT)
        .order_by("publish_due", "-updated_at")
    )


def unit_published(user) -> QuerySet[Document]:
    return (
        Document.objects.select_related("unit")
        .filter(
            unit_id=user.unit_id, status__in=[DocumentStatus.PUBLISHED, DocumentStatus.WITHDRAWN]
        )
        .order_by("-published_at")
    )


def in_review_of_unit(user) -> QuerySet[Document]:
    return (
        Document.objects.select_related("unit")
        .filter(unit_id=user.unit_id, status__in=[*STAGE_ROLES, DocumentStatus.APPROVED])
        .order_by("publish_due")
    )


def public_catalogue(*, category="", unit=None, year=None, validity="", business=None, kinds=()):
    """Portal lists: always from Document.public, narrowed by the visitor's filters."""
    documents = Document.public.select_related("unit")
    if category:
        documents = documents.filter(category=category)
    if unit is not None:
        documents = documents.filter(unit=unit)
    if year:
        documents = documents.filter(published_at__year=year)
    if validity:
        documents = documents.filter(validity=validity)
    if business:
        documents = documents.filter(business_related=True)
    if kinds:
        documents = documents.filter(kind__in=kinds)
    return documents


def public_document(pk: int) -> tuple[Document, dict] | None:
    """A published document and the published documents its portal page lists beside it (its
    interpretations, the document it interprets, the one that replaced it and those it
    replaced), in one query for most documents: the document and the ones pointing at it come
    together; a second query only for an interpretation or a replaced document. None if `pk`
    is not published."""
    return public_documents([pk]).get(pk)


def public_documents(pks) -> dict[int, tuple[Document, dict]]:
    """`public_document` for many documents at once, in the same two queries."""
    pks = list(pks)
    rows = list(
        Document.public.select_related("unit").filter(
            Q(interprets_id__in=pks) | Q(replaced_by_id__in=pks)
        )
        | Document.shown.select_related("unit").filter(pk__in=pks)
    )
    by_pk = {d.pk: d for d in rows}
    wanted = [by_pk[pk] for pk in pks if pk in by_pk]
    linked = {i for d in wanted for i in (d.interprets_id, d.replaced_by_id) if i} - set(by_pk)
    if linked:
        by_pk.update((d.pk, d) for d in Document.public.filter(pk__in=linked))
    # 已被更正: only a withdrawn document can be shown for its correction; a page of a
    # published one costs no query for it
    withdrawn = [d.pk for d in wanted if d.status == DocumentStatus.WITHDRAWN]
    corrections = {}
    if withdrawn:
        corrections = {c.corrects_id: c for c in Document.public.filter(corrects_id__in=withdrawn)}
    interpretations, replaces = defaultdict(list), defaultdict(list)
    for d in rows:
        if d.interprets_id:
            interpretations[d.interprets_id].append(d)
        if d.replaced_by_id:
            replaces[d.replaced_by_id].append(d)
    return {
        doc.pk: (
            doc,
            {
                "interpretations": interpretations[doc.pk],
                "interprets": by_pk.get(doc.interprets_id),
                "replaced_by": by_pk.get(doc.replaced_by_id),
                "replaces": replaces[doc.pk],
                "correction": corrections.get(doc.pk),
            },
        )
        for doc in wanted
    }
