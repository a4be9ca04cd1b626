"""A request body too large to be a real form is refused before anything reads it; files past
the site's count are read and dropped, not stored."""

import io
from collections import Counter

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.shortcuts import render

# Files kept per request, whatever their fields: a form has at most a few file fields.
FILE_FIELDS_PER_REQUEST = 4


class DroppedFile(UploadedFile):
    """Stands in request.FILES for a file past the count: empty, never written anywhere."""

    def __init__(self, name):
        super().__init__(io.BytesIO(b""), name, "application/octet-stream", 0)


class FileCountHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS. A file past settings.UPLOAD_MAX_FILES in its field (or
    past FILE_FIELDS_PER_REQUEST times that in the request) is read and dropped, and a
    DroppedFile takes its place, so the form counts it and refuses at the field with the typed
    text kept. Django's own cap (DATA_UPLOAD_MAX_NUMBER_FILES) throws the whole request away
    with a 400: 101 files lost a whole application (probe 10, finding 3)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.per_field = Counter()
        self.dropping = False

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.per_field[field_name] += 1
        most = settings.UPLOAD_MAX_FILES
        self.dropping = (
            self.per_field[field_name] > most
            or self.per_field.total() > most * FILE_FIELDS_PER_REQUEST
        )
        if self.dropping:
            raise StopFutureHandlers  # the other handlers never open a file for it

    def receive_data_chunk(self, raw_data, start):
        return None if self.dropping else raw_data

    def file_complete(self, file_size):
        if not self.dropping:
            return None  # the next handler (memory or disk) has it
        self.dropping = False
        return DroppedFile(self.file_name)


class RequestSizeLimitMiddleware:
    """413 with a page in the site's frame when Content-Length is over `REQUEST_MAX_BYTES`:
    what the limits are, what to do, and the way back to the form.

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
            context = {
                "limit_mb": limit // 2**20,
                "file_mb": settings.UPLOAD_MAX_BYTES // 2**20,
                "total_mb": settings.UPLOAD_TOTAL_MAX_BYTES // 2**20,
                "back": request.path,
            }
            return render(request, "413.html", context, status=413)
        return self.get_response(request)
