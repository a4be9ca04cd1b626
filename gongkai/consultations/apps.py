from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = "意见征集"

    def ready(self):
        from gongkai.consultations import services
        from gongkai.publications.models import (
            document_composed,
            document_published,
            document_sending,
            document_signing_notes,
        )

        document_published.connect(services.on_document_published, dispatch_uid="consultations")
        document_sending.connect(services.on_document_sending, dispatch_uid="consultations")
        document_signing_notes.connect(services.before_signing, dispatch_uid="consultations")
        document_composed.connect(services.composed_from, dispatch_uid="consultations")
