import io

import pytest

from gongkai.lib.uploads import UploadError, sniff_upload


class Named(io.BytesIO):
    def __init__(self, data, name):
        super().__init__(data)
        self.name = name
        self.size = len(data)


def _docx_bytes():
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def test_it_recognises_files_by_content():
    assert sniff_upload(Named(b"%PDF-1.7\n...", "a.pdf")).kind == "pdf"
    assert sniff_upload(Named(b"\x89PNG\r\n\x1a\n....", "a.png")).kind == "png"
    assert sniff_upload(Named(_docx_bytes(), "报告.docx")).kind == "docx"


def test_it_refuses_a_renamed_executable():
    with pytest.raises(UploadError, match="不是可接受的文件类型"):
        sniff_upload(Named(b"MZ\x90\x00 not a pdf", "evil.pdf"))


def test_it_refuses_empty_and_oversize_files():
    with pytest.raises(UploadError, match="空文件"):
        sniff_upload(Named(b"", "a.pdf"))
    with pytest.raises(UploadError, match="超过1MB"):
        sniff_upload(Named(b"%PDF-" + b"0" * (1024 * 1024), "a.pdf"), max_bytes=1024 * 1024)


def test_it_fingerprints_the_content():
    a = sniff_upload(Named(b"%PDF-1.7 a", "a.pdf"))
    b = sniff_upload(Named(b"%PDF-1.7 b", "a.pdf"))
    assert a.sha256 != b.sha256 and len(a.sha256) == 64


def test_an_mp4_video_is_recognised_but_not_accepted_where_documents_are_expected():
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 16
    assert sniff_upload(Named(mp4, "解读.mp4"), allowed=("mp4",)).kind == "mp4"
    with pytest.raises(UploadError, match="不是可接受的文件类型"):
        sniff_upload(Named(mp4, "解读.pdf"))


def test_it_refuses_a_file_whose_content_does_not_match_its_extension():
    """Probe finding 17(c): a PDF renamed .png was accepted and kept as .png."""
    with pytest.raises(UploadError, match="“扫描件.png”的内容是PDF，与文件扩展名不符.*改为.pdf"):
        sniff_upload(Named(b"%PDF-1.7\n...", "扫描件.png"))
    with pytest.raises(UploadError, match="与文件扩展名不符"):
        sniff_upload(Named(b"\xff\xd8\xff\xe0....", "照片"))
    assert sniff_upload(Named(b"\xff\xd8\xff\xe0....", "照片.JPEG")).kind == "jpg"
