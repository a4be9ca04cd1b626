from django.urls import path

from gongkai.disclosure_requests import public_views

app_name = "disclosure_requests_public"
urlpatterns = [
    path("", public_views.apply, name="apply"),
    path("lookup/", public_views.lookup, name="lookup"),
    path("status/<str:tracking_no>/", public_views.status, name="status"),
    path("status/<str:tracking_no>/letter.<str:fmt>", public_views.letter, name="letter"),
    path(
        "status/<str:tracking_no>/supplement-notice.<str:fmt>",
        public_views.letter,
        {"kind": "supplement"},
        name="supplement_notice",
    ),
    path(
        "status/<str:tracking_no>/fee-notice.<str:fmt>",
        public_views.letter,
        {"kind": "fee"},
        name="fee_notice",
    ),
    path(
        "status/<str:tracking_no>/extension-notice.<str:fmt>",
        public_views.letter,
        {"kind": "extension"},
        name="extension_notice",
    ),
    path(
        "status/<str:tracking_no>/files/<int:attachment_pk>/",
        public_views.provided_file,
        name="file",
    ),
]
