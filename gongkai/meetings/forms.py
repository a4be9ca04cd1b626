"""The meetings' forms: the notice a unit drafts, the citizen's sign-up and lookup, and one form
per staff step whose field names are the verb's keywords (the view calls the verb with them)."""

from __future__ import annotations

from django import forms
from django.conf import settings

from gongkai.core.forms import OnceForm, SeenForm
from gongkai.forms_common import EmailField, HoneypotForm
from gongkai.lib.phones import is_phone, tidy
from gongkai.meetings.models import Handling, Meeting, SignUp

MAX_STATEMENT_CHARS = 500
DATETIME = {"type": "datetime-local"}
PHONE_INVALID = "联系电话格式不正确，请填写手机号码或带区号的固定电话。"


def _moment(label, **kwargs):
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        **kwargs,
    )


class MeetingForm(OnceForm, forms.ModelForm):
    """会议公告: what the unit drafts; the model's clean() checks the window and the seed. A
    起草 form sent twice is one draft (OnceForm)."""

    starts_at = _moment("召开时间")
    signup_opens = _moment("报名开始时间", required=False)
    signup_closes = _moment(
        "报名截止时间",
        required=False,
        help_text=(
            f"应在会议召开前至少{settings.MEETING_SIGNUP_CUTOFF_HOURS}小时截止；公告应在会前"
            f"{settings.MEETING_NOTICE_DAYS}日以前发布（参照清远市政务会议开放制度，本平台设定，"
            "广州未见规定，可在配置中调整）。"
        ),
    )

    live_stream_url = forms.URLField(label="直播地址", required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = [
            "title",
            "topics",
            "starts_at",
            "place",
            "public_seats",
            "selection",
            "signup_opens",
            "signup_closes",
            "eligibility",
            "seed_source",
            "seed_date",
            "live_stream",
            "live_stream_url",
            "notice",
        ]
        widgets = {
            "topics": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "notice": forms.Textarea(attrs={"rows": 5}),
            "selection": forms.RadioSelect,
            "seed_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "seed_date": (
                "须晚于报名截止之日、早于会议召开之日。种子来源随公告发布，发布后不能更改。"
            ),
        }

    def clean_public_seats(self):
        seats = self.cleaned_data["public_seats"]
        if seats < 1:
            raise forms.ValidationError("公众代表席位至少1个。")
        return seats


class SignUpForm(HoneypotForm, forms.ModelForm):
    """列席报名 — what a citizen sends; no account."""

    eligible = forms.BooleanField(
        label="本人符合报名条件，所填信息真实",
        error_messages={"required": "请确认符合报名条件。"},
    )

    class Meta:
        model = SignUp
        fields = [
            "name",
            "phone",
            "email",
            "district",
            "occupation",
            "statement",
            "conflicts",
            "publish_consent",
        ]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 4, "maxlength": MAX_STATEMENT_CHARS}),
            "conflicts": forms.Textarea(attrs={"rows": 2, "maxlength": MAX_STATEMENT_CHARS}),
        }
        labels = {
            "statement": "报名理由（简要说明您对议题的关注和想法）",
            "conflicts": "与议题的利害关系（如无请填“无”）",
            "publish_consent": "我同意在抽签结果和列席名单中公开遮蔽后的姓名（如“王*明”）（选填）",
        }
        help_texts = {
            "name": "仅用于确定和通知列席人员，不会完整公开。",
            "publish_consent": (
                "不同意的，名单中只公开报名编号。个人信息保护法第二十五条：须经您单独同意。"
            ),
        }
        error_messages = {
            "name": {"required": "请填写姓名。"},
            "phone": {"required": "请填写联系电话，以便通知。"},
            "email": {"invalid": "电子邮箱格式不正确。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["statement"].required = True
        self.fields["conflicts"].required = True
        self.fields["statement"].error_messages["required"] = "请简要填写报名理由。"
        self.fields["conflicts"].error_messages["required"] = (
            "请申报与议题的利害关系，如无请填“无”。"
        )

    def clean_name(self):
        value = self.cleaned_data["name"].strip()
        if not value:
            raise forms.ValidationError("请填写姓名。")
        return value

    def clean_phone(self):
        value = tidy(self.cleaned_data["phone"])
        if not is_phone(value):
            raise forms.ValidationError(PHONE_INVALID)
        return value

    def _short(self, name, what):
        value = self.cleaned_data[name].strip()
        if not value:
            raise forms.ValidationError(f"请填写{what}。")
        if len(value) > MAX_STATEMENT_CHARS:
            raise forms.ValidationError(
                f"{what}请控制在{MAX_STATEMENT_CHARS}字以内（现为{len(value)}字）。"
            )
        return value

    def clean_statement(self):
        return self._short("statement", "报名理由")

    def clean_conflicts(self):
        return self._short("conflicts", "利害关系申报")


class LookupForm(forms.Form):
    receipt_no = forms.CharField(label="报名编号", max_length=20)
    code = forms.CharField(label="查询码", max_length=12)


def _text(label, rows=3, **kwargs):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class StepForm(forms.Form):
    def __init__(self, *args, meeting=None, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)


class NoteOnlyForm(StepForm):
    note = _text("意见", rows=2, required=False)


class CommentForm(StepForm):
    comment = _text("退回意见")


class _SeenStamp(SeenForm, StepForm):
    """What the page showed (Meeting.stamp, core.workflow.ShownState): a review step from a
    page left open while the notice was returned, changed and sent again is refused."""

    SEEN_REQUIRED = "页面缺少公告版本，请刷新后重新审核。"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shows(self.meeting)


class PublishForm(_SeenStamp, NoteOnlyForm):
    pass


class ReturnDraftForm(_SeenStamp, CommentForm):
    pass


class ExcludeForm(StepForm):
    signup = forms.ModelChoiceField(label="报名编号", queryset=SignUp.objects.none())
    reason = _text("不符合条件的理由", rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.meeting is not None:
            self.fields["signup"].queryset = self.meeting.valid_signups()
        self.fields["signup"].label_from_instance = lambda s: f"{s.receipt_no} {s.name}"


class InviteForm(StepForm):
    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = EmailField(
        label="电子邮箱",
        required=False,
        error_messages={"invalid": "电子邮箱格式不正确。"},
        help_text="同一联系电话或电子邮箱只能登记一次。",
    )
    district = forms.CharField(label="所在区", max_length=30, required=False)
    occupation = forms.CharField(label="职业", max_length=50, required=False)
    publish_consent = forms.BooleanField(
        label="代表本人同意公开遮蔽后的姓名", required=False, help_text="未同意的只公开编号。"
    )

    def clean_phone(self):
        value = tidy(self.cleaned_data["phone"])
        if value and not is_phone(value):
            raise forms.ValidationError(PHONE_INVALID)
        return value


class SeedForm(StepForm):
    value = forms.CharField(
        label="种子公开数值",
        max_length=60,
        help_text="如福彩3D开奖号码“387”；录入后公开，不能更改。",
    )


class AttendanceForm(StepForm):
    present = forms.ModelMultipleChoiceField(
        label="实际列席的代表（未勾选的登记为缺席）",
        queryset=SignUp.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.meeting is not None:
            self.fields["present"].queryset = self.meeting.attendees()
        self.fields["present"].label_from_instance = lambda s: f"{s.receipt_no} {s.name}"


class OpinionForm(StepForm):
    speaker = forms.ModelChoiceField(
        label="发言代表", queryset=SignUp.objects.none(), required=False
    )
    text = _text("意见内容", rows=3, max_length=3000)
    handling = forms.ChoiceField(label="处理情况", choices=Handling.choices)
    response = _text("处理说明（未采纳的须说明理由）", rows=3, required=False, max_length=3000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.meeting is not None:
            self.fields["speaker"].queryset = self.meeting.signups.filter(attended=True)
        self.fields["speaker"].label_from_instance = lambda s: f"{s.receipt_no} {s.name}"


class PhonedForm(StepForm):
    signup = forms.ModelChoiceField(label="已电话通知的入选人员", queryset=SignUp.objects.none())
    note = _text("通知情况", rows=2, required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.meeting is not None:
            self.fields["signup"].queryset = self.meeting.to_phone().filter(phoned_at__isnull=True)
        self.fields["signup"].label_from_instance = lambda s: f"{s.receipt_no} {s.name} {s.phone}"


class CancelPhonedForm(StepForm):
    signup = forms.ModelChoiceField(
        label="已电话告知会议取消的入选人员", queryset=SignUp.objects.none()
    )
    note = _text("告知情况", rows=2, required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.meeting is not None:
            to_call = self.meeting.to_phone().filter(cancel_phoned_at__isnull=True)
            self.fields["signup"].queryset = to_call
        self.fields["signup"].label_from_instance = lambda s: f"{s.receipt_no} {s.name} {s.phone}"


class SummaryForm(StepForm):
    summary = _text("列席情况说明（将公开）", rows=6, max_length=10000)


class ReasonForm(StepForm):
    reason = _text("取消理由（将公开）", rows=2)


class NoteForm(StepForm):
    text = _text("备注")


STEP_FORMS = {
    "submit": NoteOnlyForm,
    "return_draft": ReturnDraftForm,
    "publish": PublishForm,
    "exclude": ExcludeForm,
    "invite": InviteForm,
    "record_seed": SeedForm,
    "select": NoteOnlyForm,
    "record_phoned": PhonedForm,
    "record_cancel_phoned": CancelPhonedForm,
    "record_attendance": AttendanceForm,
    "add_opinion": OpinionForm,
    "submit_summary": SummaryForm,
    "return_summary": CommentForm,
    "publish_summary": NoteOnlyForm,
    "cancel": ReasonForm,
    "note": NoteForm,
}
