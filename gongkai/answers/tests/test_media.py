"""图解 beside an answer: a picture, a PDF or a short video (issue 13)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.answers.models import Entry
from gongkai.answers.tests.helpers import YUETAN, entry_form, published

# The first box of an MP4 file (ISO base media, brand isom), then some media data.
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x10mdat" + b"\x00" * 8
QUICKTIME = b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  " + b"\x00" * 16


def _form(document, media):
    return entry_form(document, media=media)


def test_an_entry_answers_with_its_short_video(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    video = SimpleUploadedFile("约谈解读.mp4", MP4, content_type="video/mp4")
    response = client.post(reverse("answers:entry_create"), _form(document, video))
    assert response.status_code == 302
    item = Entry.objects.get()
    assert item.media_kind == "mp4"
    item.submit(by=cast.clerk)
    item.approve(by=cast.head)
    client.logout()

    page = client.post(reverse("answers_public:ask"), {"q": "老板为什么会被应急局叫去谈话"})
    media_url = reverse("answers_public:media", args=[item.pk])
    assert f'<video controls preload="metadata" src="{media_url}"' in page.content.decode()
    served = client.get(media_url)
    assert served["Content-Type"] == "video/mp4"
    assert b"".join(served.streaming_content) == MP4


def test_a_quicktime_file_named_mp4_is_refused_and_nothing_is_saved(cast, client):
    document = published(cast, "广州市应急管理局安全生产约谈办法", YUETAN)
    client.force_login(cast.clerk)
    movie = SimpleUploadedFile("约谈解读.mp4", QUICKTIME, content_type="video/mp4")
    response = client.post(reverse("answers:entry_create"), _form(document, movie))
    assert response.status_code == 200
    assert "不是可接受的文件类型（PNG图片、JPEG图片、PDF、MP4视频）" in response.content.decode()
    assert not Entry.objects.exists()
