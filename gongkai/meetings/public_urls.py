from django.urls import path

from gongkai.meetings import public_views

app_name = "meetings_public"
urlpatterns = [
    path("", public_views.meeting_list, name="list"),
    path("<int:pk>/", public_views.meeting_detail, name="detail"),
    path("<int:pk>/signup/", public_views.signup, name="signup"),
    path("<int:pk>/result/", public_views.result, name="result"),
    path("<int:pk>/list.txt", public_views.list_text, name="list_text"),
    path("draw.py", public_views.draw_script, name="draw_script"),
    path("lookup/", public_views.lookup, name="lookup"),
    path("status/<str:receipt_no>/", public_views.status, name="status"),
]
