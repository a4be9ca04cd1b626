from django.urls import path, re_path

from gongkai.publications import views

app_name = "publications"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.document_create, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("<int:pk>/accept/", views.accept_hit, name="accept_hit"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    re_path(
        r"^(?P<pk>[0-9]+)/(?P<verb>submit|approve|return|withdraw)/$",
        views.document_act,
        name="document_act",
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("pages/<slug:slug>/", views.portal_page_edit, name="portal_page_edit"),
    path("cleanup/", views.campaign_list, name="campaign_list"),
    path("cleanup/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("cleanup/<int:pk>/export.xlsx", views.campaign_export, name="campaign_export"),
    path("cleanup/items/<int:pk>/", views.cleanup_decide, name="cleanup_decide"),
]
