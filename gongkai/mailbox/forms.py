"""The mailbox's forms: the citizen's message, the lookup, the rating, and one form per staff
step whose field names are the verb's keywords (the view calls the verb with them)."""

from __future__ import annotations

from django import forms

from gongkai.core.forms import SeenForm
from gongkai.core.models import Unit
from gongkai.disclosure_requests.models import ApplicantType, DeliveryForm, DeliveryMethod
from gongkai.forms_common import (
    CitizenForm,
    HoneypotForm,
    KeepsNoFiles,
    MultipleFileField,
)
from gongkai.lib import phones
from gongkai.mailbox.models import (
    PHONE_INVALID,
    Category,
    Channel,
    Message,
    NotPublishedReason,
    Route,
    Satisfaction,
    tidy_order_no,
)

MAX_BODY_CHARS = 5000


class MessageForm(KeepsNoFiles, CitizenForm, HoneypotForm, forms.ModelForm):
    """写信 — what a citizen sends to the leader mailbox. Sent back with an error, it says the
    chosen attachments must be chosen again (a browser cannot keep them; probe 8 M2)."""

    attachments = MultipleFileField(
        label="附件（选填）", required=False, kinds=("pdf", "png", "jpg")
    )

    class Meta:
        model = Message
        fields = [
            "category",
            "subject",
            "body",
            "name",
            "phone",
            "email",
            "address",
            "publish_consent",
        ]
        widgets = {
            "category": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 8, "maxlength": MAX_BODY_CHARS}),
        }
        labels = {"publish_consent": "我同意在去除姓名、电话等个人信息后公开本留言及答复（选填）"}
        help_texts = {
            "publish_consent": (
                "个人信息保护法第二十五条：须经您单独同意方可公开；检举类留言一律不公开。"
            ),
            "name": "仅用于办理和答复，不会公开。",
        }
        error_messages = {
            "category": {"required": "请选择留言类型。"},
            "subject": {"required": "请填写留言标题。", "max_length": "标题请控制在100字以内。"},
            "body": {"required": "请填写留言内容。"},
            "name": {"required": "请填写姓名，以便答复。"},
            "phone": {"required": "请填写联系电话，以便答复。"},
            "email": {"invalid": "电子邮箱格式不正确。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = Category.choices  # no blank radio button

    def clean_body(self):
        value = self.cleaned_data["body"].strip()
        if len(value) < 5:
            raise forms.ValidationError("留言内容过短，请写明您要咨询、建议或反映的事项。")
        if len(value) > MAX_BODY_CHARS:
            raise forms.ValidationError(
                f"留言内容请控制在{MAX_BODY_CHARS}字以内（现为{len(value)}字），较长材料可作为附件上传。"
            )
        return value

    def clean_phone(self):
        value = phones.tidy(self.cleaned_data["phone"])
        if not phones.is_phone(value):
            raise forms.ValidationError(PHONE_INVALID)
        return value


class HotlineForm(forms.ModelForm):
    """登记12345工单: staff copy an order the hotline passed to the bureau."""

    class Meta:
        model = Message
        fields = [
            "hotline_order_no",
            "submitted_at",
            "category",
            "subject",
            "body",
            "name",
            "phone",
        ]
        widgets = {
            "submitted_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "body": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"submitted_at": "工单派发时间"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hotline_order_no"].required = True
        self.instance.channel = Channel.HOTLINE  # the model's checks speak of 派发时间
        self.fields["submitted_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean_hotline_order_no(self):
        return tidy_order_no(self.cleaned_data["hotline_order_no"])


class LookupForm(CitizenForm, forms.Form):
    tracking_no = forms.CharField(label="留言编号", max_length=20)
    code = forms.CharField(label="查询码", max_length=12)


class RateForm(CitizenForm, forms.Form):
    satisfaction = forms.ChoiceField(
        label="您对答复的评价", choices=Satisfaction.choices, widget=forms.RadioSelect
    )


class ReopenForm(CitizenForm, forms.Form):
    reason = forms.CharField(
        label="不满意的理由", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


def _text(label, rows=3, **kwargs):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class StepForm(forms.Form):
    """A step's form, built for one message (a step may show fields only where they apply)."""

    def __init__(self, *args, message=None, **kwargs):
        self.message = message
        super().__init__(*args, **kwargs)


def _units():
    return Unit.objects.active()


NO_NAMED_UNIT = "none"


class _AccusedUnit(StepForm):
    """被检举单位 as one choice: a unit of the bureau, or expressly none (a company, a person):
    a 检举 goes nowhere until the office has said which (Message.assign)."""

    def add_named_unit(self, *, required: bool) -> None:
        units = [(str(unit.pk), unit.name) for unit in _units()]
        self.fields["named_unit"] = forms.ChoiceField(
            label="被检举单位（本局内设或直属单位）",
            choices=[("", "请选择"), (NO_NAMED_UNIT, "未指向本局具体单位（检举企业、个人等）")]
            + units,
            required=required,
            initial=self.message.named_unit_id if self.message else None,
            help_text="检举材料不得转给被检举单位（信访工作条例第三十条第三款）",
            error_messages={"required": "请选择被检举单位，或选择“未指向本局具体单位”。"},
        )

    def clean(self):
        data = super().clean()
        if "named_unit" in self.fields:
            value = data.get("named_unit") or ""
            data["no_named_unit"] = value == NO_NAMED_UNIT
            chosen = value if value.isdigit() else None
            data["named_unit"] = _units().filter(pk=chosen).first() if chosen else None
        return data


class AssignForm(_AccusedUnit):
    unit = forms.ModelChoiceField(label="办理单位", queryset=Unit.objects.none())
    note = _text("交办意见", rows=2, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()
        if self.message is not None and self.message.category == Category.REPORT:
            self.add_named_unit(required=True)
            self.order_fields(["named_unit", "unit", "note"])


class ReclassifyForm(_AccusedUnit):
    """更改留言类型: to 检举 with the unit it accuses (only then is 被检举单位 read)."""

    category = forms.ChoiceField(label="改为", choices=Category.choices)
    reason = _text("更改理由", rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.message is not None:
            self.fields["category"].choices = [
                c for c in Category.choices if c[0] != self.message.category
            ]
        self.add_named_unit(required=False)
        self.fields["named_unit"].label = "被检举单位（改为检举时必选）"


class DeclineForm(StepForm):
    reason = _text("不予受理的理由（留言人可见）")


class MergeForm(StepForm):
    into = forms.CharField(label="重复的留言编号", max_length=20)
    note = _text("说明", rows=2, required=False)

    def clean_into(self):
        number = self.cleaned_data["into"].strip().upper()
        found = Message.objects.filter(tracking_no=number).first()
        if found is None:
            raise forms.ValidationError(f"没有编号为 {number} 的留言。")
        return found


class RouteForm(StepForm):
    channel = forms.ChoiceField(label="转办渠道", choices=Route.choices)
    notice = _text("告知留言人（留言人可见）", rows=4)
    applicant_type = forms.ChoiceField(
        label="申请人类型（转为政府信息公开申请时）",
        choices=ApplicantType.choices,
        initial=ApplicantType.NATURAL_PERSON,
    )
    delivery_form = forms.ChoiceField(
        label="提供形式", choices=DeliveryForm.choices, initial=DeliveryForm.ELECTRONIC
    )
    delivery_method = forms.ChoiceField(
        label="获取方式", choices=DeliveryMethod.choices, initial=DeliveryMethod.ONLINE
    )
    id_document = forms.CharField(
        label="申请人身份证明（转为政府信息公开申请时）",
        required=False,
        max_length=60,
        help_text="身份证件号码或统一社会信用代码（第二十九条）；留空的，登记后即一次性告知申请人补正",
    )

    def clean(self):
        data = super().clean()
        if data.get("channel") != Route.GOV_INFO:  # the application's fields only when it is one
            for name in ("applicant_type", "delivery_form", "delivery_method", "id_document"):
                data.pop(name, None)
        return data


class DraftForm(StepForm):
    text = _text("答复内容", rows=8, max_length=10000)


class _SeenDraft(SeenForm, StepForm):
    """The draft the page showed (Message.seen_token): a review step from a tab that showed an
    earlier draft is refused (core.workflow.ShownState)."""

    SEEN_REQUIRED = "页面缺少答复稿版本，请刷新后重新审核。"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shows(self.message)


class ApproveForm(_SeenDraft):
    note = _text("审核意见", rows=2, required=False)


class CommentForm(_SeenDraft):
    comment = _text("退回意见")


class ReleaseForm(_SeenDraft):
    note = _text("签发意见", rows=2, required=False)


class PublishForm(StepForm):
    """The public copy, prefilled masked (masking.suggested_copy); the verb re-checks it."""

    public_subject = forms.CharField(label="公开标题", max_length=100)
    public_body = _text("公开的留言内容（已去除个人信息，请核对）", rows=6)
    public_reply = _text("公开的答复内容", rows=6)
    names_checked = forms.BooleanField(
        label="我已逐字核对，公开内容不含他人姓名等个人信息",
        required=False,  # the verb refuses, at this field (Message.publish)
        help_text=(
            "系统已去除留言人的姓名、电话、地址等，并把“邻居李大明”“安全员王建军”这类写明身份的"
            "他人姓名改为“李某”；没有身份词的姓名、单位内的人名、绰号等系统不能可靠识别，须人工核对。"
        ),
    )


class WithholdForm(StepForm):
    reason = forms.ChoiceField(label="不予公开的理由", choices=NotPublishedReason.choices)


class NoteForm(StepForm):
    text = _text("备注")


class ResendMailForm(StepForm):
    """No fields: the mail is the one that failed (Message.unsent_mail)."""


STEP_FORMS = {
    "assign": AssignForm,
    "reclassify": ReclassifyForm,
    "decline": DeclineForm,
    "merge": MergeForm,
    "route": RouteForm,
    "draft": DraftForm,
    "approve": ApproveForm,
    "return_draft": CommentForm,
    "release": ReleaseForm,
    "return_reply": CommentForm,
    "publish": PublishForm,
    "withhold": WithholdForm,
    "resend_mail": ResendMailForm,
    "note": NoteForm,
}
