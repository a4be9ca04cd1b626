from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    label = "publications"
    verbose_name = "主动公开"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

        from gongkai.core.models import Unit
        from gongkai.publications import pages, search
        from gongkai.publications.models import (
            Attachment,
            Document,
            PortalPage,
            document_published,
            document_withdrawn,
        )
        from gongkai.publications.portal_cache import invalidate

        post_delete.connect(
            lambda instance, **kwargs: search.unindex(instance.pk),
            sender=Document,
            dispatch_uid="search_unindex_deleted_document",
            weak=False,
        )
        document_published.connect(
            lambda document, **kwargs: search.index(document),
            sender=Document,
            dispatch_uid="search_index_published_document",
            weak=False,
        )
        document_withdrawn.connect(
            lambda document, **kwargs: search.unindex(document.pk),
            sender=Document,
            dispatch_uid="search_unindex_withdrawn_document",
            weak=False,
        )
        for model in (Document, Attachment, Unit, PortalPage):
            for signal in (post_save, post_delete):
                signal.connect(
                    invalidate,
                    sender=model,
                    dispatch_uid=f"portal_cache_{model.__name__}_{signal}",
                    weak=False,
                )
        # Each document's generated page (静态化): dropped and generated again per document.
        for signal, model, receiver in (
            (pre_save, Document, pages.document_saving),
            (post_save, Document, pages.document_changed),
            (pre_delete, Document, pages.document_changed),
            (post_save, Attachment, pages.attachment_changed),
            (post_delete, Attachment, pages.attachment_changed),
            (post_save, Unit, pages.unit_changed),
        ):
            signal.connect(
                receiver,
                sender=model,
                dispatch_uid=f"document_page_{model.__name__}_{receiver.__name__}_{signal}",
                weak=False,
            )
