from __future__ import annotations

from django import forms
from django.conf import settings

from gongkai.answers.models import Entry
from gongkai.core.forms import OnceForm, SeenForm
from gongkai.lib.uploads import UploadError, sniff_upload
from gongkai.publications.models import ENDED_VALIDITIES, Document

MEDIA_KINDS = ("png", "jpg", "pdf", "mp4")  # 图解: a picture, a PDF or a short video


class AskForm(forms.Form):
    q = forms.CharField(
        label="您的问题",
        max_length=200,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "用自己的话说，例如：我想要一份你们的文件，怎么申请？"}
        ),
        error_messages={"required": "请先写下您的问题", "max_length": "问题请控制在200字以内"},
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="问题", max_length=200, required=False)


class EntryForm(OnceForm, SeenForm, forms.ModelForm):
    """An entry and up to three sources (a published document by 文号 or title, and 第X条).
    Editing a saved one, it carries the wording the form was opened on (Entry.seen_token,
    core.forms.SeenForm): a save from a form opened before another edit is refused."""

    class Meta:
        model = Entry
        fields = ["question", "phrasings", "answer", "topics", "checked_on", "media"]
        widgets = {
            "phrasings": forms.Textarea(attrs={"rows": 3}),
            "answer": forms.Textarea(attrs={"rows": 6}),
            "checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"media": "图片（PNG、JPEG）、PDF或MP4短视频"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a new entry has nothing to have changed
            self.SEEN_REQUIRED = "页面缺少问答条目版本，请刷新后重新修改。"
            self.shows(self.instance)
        documents = Document.public.exclude(validity__in=ENDED_VALIDITIES).order_by("title")
        current = list(self.instance.sources.all()) if self.instance.pk else []
        for n in range(1, 4):
            self.fields[f"source{n}"] = forms.ModelChoiceField(
                label=f"依据{n}",
                queryset=documents,
                required=n == 1,
                empty_label="（不选）",
                error_messages={"required": "请至少选择一项依据文件"},
            )
            self.fields[f"article{n}"] = forms.CharField(
                label=f"依据{n}的条款", max_length=30, required=False, help_text="如：第三十三条"
            )
            if n <= len(current):
                self.initial[f"source{n}"] = current[n - 1].document_id
                self.initial[f"article{n}"] = current[n - 1].article

    def clean_media(self):
        upload = self.cleaned_data.get("media")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            try:
                checked = sniff_upload(
                    upload, allowed=MEDIA_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES
                )
            except UploadError as error:
                raise forms.ValidationError(str(error)) from error
            self.instance.media_kind = checked.kind
        return upload

    def sources(self) -> list[dict]:
        return [
            {
                "document": self.cleaned_data[f"source{n}"],
                "article": self.cleaned_data[f"article{n}"],
            }
            for n in range(1, 4)
            if self.cleaned_data.get(f"source{n}")
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label="JSON Lines 文件", help_text="每行一个问答条目或段落，UTF-8 编码")


class ActForm(forms.Form):
    comment = forms.CharField(label="意见或理由", required=False, max_length=500)


class ReviewForm(SeenForm):
    """审核通过 / 退回 (Entry.SEEN_STEPS): the wording the page showed, required."""

    SEEN_REQUIRED = "页面缺少问答条目版本，请刷新后重新审核。"
