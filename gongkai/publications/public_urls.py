from django.urls import path

from gongkai.publications import public_views

app_name = "publications_public"
urlpatterns = [
    path("", public_views.catalogue, name="catalogue"),
    path("doc/<int:pk>/", public_views.document, name="document"),
    path("files/<int:pk>/", public_views.attachment, name="attachment"),
    path("business/", public_views.business, name="business"),
    path("regulations/", public_views.regulations, name="regulations"),
    path("search/", public_views.search, name="search"),
    path("guide/", public_views.guide, name="guide"),
    path("rules/", public_views.rules, name="rules"),
    path("feed.atom", public_views.feed, name="feed"),
    path("sitemap.xml", public_views.sitemap, name="sitemap"),
]
