"""The consultation's forms: the unit's draft, the public comment, a comment that came by
post, and the disposition of one comment or of identical ones together."""

from __future__ import annotations

from django import forms

from gongkai.consultations.models import (
    Article,
    Comment,
    CommentChannel,
    Consultation,
    Disposition,
)
from gongkai.core.forms import OnceForm
from gongkai.core.publicity import NotPublishedReason
from gongkai.forms_common import HoneypotForm
from gongkai.publications.models import Category

MAX_COMMENT_CHARS = 5000
DATE = {"type": "date"}


class ConsultationForm(OnceForm, forms.ModelForm):
    """起草/修改 意见征集; a 起草 form sent twice is one consultation (OnceForm)."""

    category = forms.ChoiceField(
        label="公开目录分类（征求意见公告）",
        choices=Category.choices,
        initial=Category.REGULATIONS_NORMATIVE_DOCS,
    )

    class Meta:
        model = Consultation
        fields = [
            "draft_title",
            "decision_type",
            "affects_business",
            "opens_on",
            "closes_on",
            "shortening_reason",
            "channels",
            "explanation",
            "draft_text",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "shortening_reason": forms.Textarea(attrs={"rows": 2}),
            "channels": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 6}),
            "draft_text": forms.Textarea(attrs={"rows": 14}),
        }


class CommentForm(HoneypotForm, forms.ModelForm):
    """提出意见 — on the whole draft or on one article."""

    class Meta:
        model = Comment
        fields = ["article", "text", "name", "contact", "publish_consent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_COMMENT_CHARS})}
        labels = {"article": "针对条目（选填，不选为总体意见）"}
        help_texts = {
            "publish_consent": "经您同意，本意见可在去除姓名、联系方式等个人信息后公开。",
        }
        error_messages = {"text": {"required": "请填写意见内容。"}}

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = (
            consultation.articles.all() if consultation else Article.objects.none()
        )
        self.fields["article"].empty_label = "总体意见"

    def clean_text(self):
        value = self.cleaned_data["text"].strip()
        if len(value) < 2:
            raise forms.ValidationError("意见内容过短。")
        if len(value) > MAX_COMMENT_CHARS:
            raise forms.ValidationError(
                f"意见请控制在{MAX_COMMENT_CHARS}字以内（现为{len(value)}字）。"
            )
        return value


class RegisterCommentForm(CommentForm):
    """来信来函: a comment that came by post, e-mail or fax, dated the day it was sent."""

    trap_fields = ()
    homepage = None

    class Meta(CommentForm.Meta):
        fields = ["channel", "sent_on", *CommentForm.Meta.fields]
        widgets = {
            **CommentForm.Meta.widgets,
            "sent_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        }
        labels = {**CommentForm.Meta.labels, "sent_on": "提交日期（信函以邮戳为准）"}

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, consultation=consultation, **kwargs)
        self.fields["channel"].choices = [
            c for c in CommentChannel.choices if c[0] != CommentChannel.ONLINE
        ]


class DecideForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(
        label="意见（相同意见可一并选择，合并答复）",
        queryset=Comment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    disposition = forms.ChoiceField(label="处理结果", choices=Disposition.choices)
    reason = forms.CharField(
        label="理由（采纳以外的须填写）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    not_published_reason = forms.ChoiceField(
        label="不予公开本意见的理由（选填）",
        choices=[("", "可以公开（提交人同意的）"), *NotPublishedReason.choices],
        required=False,
    )

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consultation is not None:
            self.fields["comments"].queryset = consultation.comments.all()
        self.fields["comments"].label_from_instance = lambda c: f"{c.number}：{c.text[:60]}"
