"""静态化: each published document's portal page, generated when it is published and again when
anything it shows changes, and served with one indexed query and no template.

A crawler asks for pages nobody asked for before, so a cache filled on first visit does not
help it; Chinese government CMSs generate a document's page when it is published instead.
Here the page's <article> (everything that depends on the document) is stored in
`DocumentPage`; the site chrome around it (head, nav, footer) is the same for every document
page, so each process renders it once and splices the stored article into it (portal_html).

- **Never a withdrawn page.** The look-up joins the document's own row under `Document.public`'s
  conditions, so a page is served only while its document is public, whatever the table holds.
- **Per document, not one global token.** A change to a document, its attachments or its unit
  drops the pages that show it (its own, the documents it interprets or replaces, the ones that
  interpret or replace it) in the same transaction, and generates them again once it commits.
- **Self-mending.** A page missing (never generated, or dropped) or generated with other
  templates or settings (`version()`) is generated on its next visit.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.http import HttpResponse
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.html import escape

from gongkai.publications import portal_html
from gongkai.publications.models import Attachment, Document, DocumentPage
from gongkai.publications.selectors import public_documents

ARTICLE = "publications/portal/_document.html"
_TABLE = DocumentPage._meta.db_table
_DOCUMENT = Document._meta.db_table

logger = logging.getLogger(__name__)


def version() -> str:
    """What a stored page depends on besides the data: its templates and the agency's name."""
    return _version(settings.AGENCY_NAME)


@functools.cache
def _version(agency_name: str) -> str:
    sources = [
        get_template(name).template.source for name in (ARTICLE, "publications/_meta_rows.html")
    ]
    return hashlib.sha256("\n".join([agency_name, *sources]).encode()).hexdigest()[:16]


# ---- serving --------------------------------------------------------------------------------


def response(request, pk: int) -> HttpResponse | None:
    """The document's page, or None if it is not public (the view answers 404)."""
    if not 0 < pk < 2**63:  # no such id; the database would refuse the number (a 500)
        return None
    page = _stored(pk) or generate(pk, replace=False)
    if page is None:
        return None
    title, article = page
    return portal_html.page(request, title=title, content=article)


def _stored(pk: int) -> tuple[str, str] | None:
    with connection.cursor() as cursor:
        cursor.execute(_lookup_sql(connection.vendor), [pk, version(), *_public_params()])
        return cursor.fetchone()


@functools.cache
def _public_where(vendor: str) -> tuple[str, tuple]:
    """`Document.shown`'s own conditions (public, or withdrawn as 更正 and replaced by its
    published correction), compiled once: the page is served under the rule it is made by."""
    query = Document.shown.all().query
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql, tuple(params)


def _public_params() -> tuple:
    return _public_where(connection.vendor)[1]


@functools.cache
def _lookup_sql(vendor: str) -> str:
    where = _public_where(vendor)[0]
    return (
        f"SELECT p.title, p.html FROM {_TABLE} p JOIN {_DOCUMENT} "  # noqa: S608
        f"ON {_DOCUMENT}.id = p.document_id WHERE p.document_id = %s AND p.version = %s AND {where}"
    )


# ---- generating -----------------------------------------------------------------------------


def generate(pk: int, *, replace: bool) -> tuple[str, str] | None:
    """Render the document's article and store it; None (and nothing stored) if it is not public.

    `replace=False` (a visit that found no page) stores only where no page of this version is:
    a visit that read the document just before a change must not overwrite the page that the
    change generated."""
    return generate_many([pk], replace=replace).get(pk)


def generate_many(pks, *, replace: bool) -> dict[int, tuple[str, str]]:
    """`generate` for many documents, in the same few queries."""
    found = public_documents(pks)
    attachments = defaultdict(list)
    for attachment in Attachment.objects.filter(document_id__in=list(found)):
        attachments[attachment.document_id].append(attachment)
    generated = {}
    for pk, (doc, related) in found.items():
        context = {
            "doc": doc,
            "attachments": attachments[pk],
            "AGENCY_NAME": settings.AGENCY_NAME,
            **related,
        }
        generated[pk] = (escape(doc.title), render_to_string(ARTICLE, context))
    if generated:
        guard = "" if replace else f" WHERE {_TABLE}.version <> excluded.version"
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {_TABLE} (document_id, version, title, html, generated_at) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (document_id) DO UPDATE SET "
                "version = excluded.version, title = excluded.title, html = excluded.html, "
                f"generated_at = excluded.generated_at{guard}",
                [(pk, version(), title, html, now) for pk, (title, html) in generated.items()],
            )
    return generated


def generate_all(*, missing_only: bool = False, chunk: int = 500) -> int:
    """Every public document's page (after an upgrade, or for documents loaded in bulk), one
    transaction per `chunk` documents; `missing_only`: those with no page of this version."""
    ids = Document.public.order_by("pk")
    if missing_only:
        ids = ids.exclude(pk__in=DocumentPage.objects.filter(version=version()).values("pk"))
    ids = list(ids.values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), chunk):
        with transaction.atomic():
            count += len(generate_many(ids[start : start + chunk], replace=True))
    return count


# ---- invalidating ---------------------------------------------------------------------------


def refresh(ids) -> None:
    """Drop these documents' pages now (in the caller's transaction) and generate them again
    once it commits."""
    ids = sorted({pk for pk in ids if pk})
    if not ids:
        return
    DocumentPage.objects.filter(document_id__in=ids).delete()
    transaction.on_commit(functools.partial(_regenerate, ids))


def _regenerate(ids) -> None:
    try:
        generate_many(ids, replace=True)
    except Exception:  # noqa: BLE001 — the change is committed; the pages mend on their next visit
        logger.exception("document pages %s not generated", ids)
        DocumentPage.objects.filter(document_id__in=ids).delete()


def linked_ids(document) -> set[int]:
    """The documents whose pages show this one: itself, what it interprets or replaces (as stored
    now, and as it was loaded), and those that interpret or replace it."""
    ids = {document.pk, document.interprets_id, document.replaced_by_id}
    ids |= getattr(document, "_page_links_before", set())
    pointing = Q(interprets_id=document.pk) | Q(replaced_by_id=document.pk)
    ids |= set(Document.objects.filter(pointing).values_list("pk", flat=True))
    return ids


# Signal receivers (wired in apps.py)


def document_saving(instance, **kwargs) -> None:
    """pre_save: remember what the document pointed at before, whose pages showed it."""
    if instance.pk:
        before = (
            Document.objects.filter(pk=instance.pk)
            .values_list("interprets_id", "replaced_by_id")
            .first()
        )
        instance._page_links_before = set(before or ())


def document_changed(instance, **kwargs) -> None:
    """post_save, pre_delete."""
    refresh(linked_ids(instance))


def attachment_changed(instance, **kwargs) -> None:
    refresh([instance.document_id])


def unit_changed(instance, **kwargs) -> None:
    """A unit's name is on every page of its documents: drop them; each is generated again on
    its next visit (a unit may have thousands)."""
    DocumentPage.objects.filter(document__unit_id=instance.pk).delete()
