from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "gongkai.answers"
    label = "answers"
    verbose_name = "政策问答"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from gongkai.answers import index
        from gongkai.answers.models import Passage
        from gongkai.publications.models import Document, document_published, document_withdrawn

        # Published: split into passages. Withdrawn, or saved with its validity ended (废止,
        # 修订 = replaced, 失效): passages gone and the entries citing it withdrawn.
        document_published.connect(
            lambda document, **kwargs: index.sync_document(document),
            sender=Document,
            dispatch_uid="answers_document_published",
            weak=False,
        )
        document_withdrawn.connect(
            lambda document, **kwargs: index.sync_document(document),
            sender=Document,
            dispatch_uid="answers_document_withdrawn",
            weak=False,
        )
        # However a passage goes (withdrawn, replaced, its document deleted), its words go too.
        post_delete.connect(
            lambda instance, **kwargs: index.unindex(instance.pk),
            sender=Passage,
            dispatch_uid="answers_passage_unindex",
            weak=False,
        )
        post_save.connect(
            _validity_changed,
            sender=Document,
            dispatch_uid="answers_document_validity",
            weak=False,
        )


def _validity_changed(instance, raw=False, **kwargs):
    from gongkai.answers import index
    from gongkai.answers.models import EntrySource, Passage, PassageStatus
    from gongkai.answers.passages import answers_from

    if raw or instance.status != "published":
        return
    if answers_from(instance):
        # back in force (现行有效 again): its retired passages give way to live ones
        retired = Passage.objects.filter(document=instance, status=PassageStatus.WITHDRAWN)
        if retired.exists():
            index.sync_document(instance)
        return
    cited = EntrySource.objects.filter(document=instance).exists()
    if cited or Passage.objects.filter(document=instance).exists():
        index.sync_document(instance)
