"""Proactive disclosure (主动公开): documents, their three-step review, index numbers, validity
of normative documents and the yearly clean-up campaign.

One module per concern; every name is importable from here, as before the split:
`choices` (what a document is), `documents` (a document and what hangs on it), `cleanup`
(the yearly campaign) and `portal` (the portal's own pages)."""

from gongkai.core.errors import DomainError
from gongkai.publications.models.choices import (
    CATEGORY_NUMERALS,
    ENDED_VALIDITIES,
    REGULATORY_KINDS,
    REVIEW_STAGES,
    Attribute,
    Category,
    DocumentStatus,
    Kind,
    Validity,
    Withdrawal,
)
from gongkai.publications.models.cleanup import CleanupCampaign, CleanupItem
from gongkai.publications.models.documents import (
    PUBLISH_WITHIN_WORKDAYS,
    STAGE_ROLES,
    TRANSITIONS,
    VERB_LABELS,
    Attachment,
    Document,
    DocumentQuerySet,
    IndexCounter,
    PublicManager,
    ReviewStep,
    ScanDecision,
    StaleEdit,
    attachment_path,
    document_composed,
    document_published,
    document_sending,
    document_signing_notes,
    document_withdrawn,
)
from gongkai.publications.models.portal import (
    PORTAL_PAGE_DEFAULTS,
    DocumentPage,
    PortalGeneration,
    PortalPage,
)

__all__ = [
    "CATEGORY_NUMERALS",
    "ENDED_VALIDITIES",
    "PORTAL_PAGE_DEFAULTS",
    "PUBLISH_WITHIN_WORKDAYS",
    "REGULATORY_KINDS",
    "REVIEW_STAGES",
    "STAGE_ROLES",
    "TRANSITIONS",
    "VERB_LABELS",
    "Attachment",
    "Attribute",
    "Category",
    "CleanupCampaign",
    "CleanupItem",
    "Document",
    "DocumentPage",
    "DocumentQuerySet",
    "DocumentStatus",
    "DomainError",  # imported from here by views and tests
    "IndexCounter",
    "Kind",
    "PortalGeneration",
    "PortalPage",
    "PublicManager",
    "ReviewStep",
    "ScanDecision",
    "StaleEdit",
    "Validity",
    "Withdrawal",
    "attachment_path",
    "document_composed",
    "document_published",
    "document_sending",
    "document_signing_notes",
    "document_withdrawn",
]
