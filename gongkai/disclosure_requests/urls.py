from django.urls import path

from gongkai.disclosure_requests import views

app_name = "disclosure_requests"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("register/", views.request_register, name="register"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/step/<str:verb>/", views.request_step, name="step"),
    path("<int:pk>/remedies/", views.remedy_add, name="remedy_add"),
    path("<int:pk>/letter.<str:fmt>", views.letter_download, name="letter"),
    path(
        "<int:pk>/supplement-notice.<str:fmt>",
        views.letter_download,
        {"kind": "supplement"},
        name="supplement_notice",
    ),
    path(
        "<int:pk>/fee-notice.<str:fmt>",
        views.letter_download,
        {"kind": "fee"},
        name="fee_notice",
    ),
    path(
        "<int:pk>/extension-notice.<str:fmt>",
        views.letter_download,
        {"kind": "extension"},
        name="extension_notice",
    ),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment"),
]
