"""A request body too large to be a real form is refused before anything reads it."""

from django.conf import settings
from django.http import HttpResponse


class RequestSizeLimitMiddleware:
    """413 with a Chinese sentence when Content-Length is over `REQUEST_MAX_BYTES`.

    Django streams file uploads to disk whatever their size, so without this a 300 MB
    anonymous POST is read in full. The body is never touched here; a body without a
    Content-Length is read by Django as empty."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            response = HttpResponse(
                f"提交的内容过大（超过{limit // 2**20}MB），请压缩或拆分附件后重新提交。",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            return response
        return self.get_response(request)
