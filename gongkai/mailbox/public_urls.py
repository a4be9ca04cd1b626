from django.urls import path

from gongkai.mailbox import public_views

app_name = "mailbox_public"
urlpatterns = [
    path("", public_views.write, name="write"),
    path("lookup/", public_views.lookup, name="lookup"),
    path("status/<str:tracking_no>/", public_views.status, name="status"),
    path("replies/", public_views.replies, name="replies"),
    path("replies/<int:pk>/", public_views.reply_detail, name="reply"),
]
