from django.urls import path

from gongkai.mailbox import views

app_name = "mailbox"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("hotline/", views.hotline_register, name="hotline"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/step/<str:verb>/", views.message_step, name="step"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="file"),
]
