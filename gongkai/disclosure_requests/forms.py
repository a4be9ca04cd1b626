import re
import unicodedata

from django import forms
from django.conf import settings
from django.utils import timezone

from gongkai.core.errors import DomainError
from gongkai.core.forms import OnceForm
from gongkai.core.models import Unit
from gongkai.disclosure_requests.models import (
    ApplicantType,
    Channel,
    Consultation,
    DisclosureRequest,
    FeeNotice,
    Remedy,
    normalise_id_document,
)
from gongkai.disclosure_requests.services import RECEIVED_TOO_EARLY
from gongkai.disclosure_requests.taxonomy import HANDS_OVER, PROVIDES, REFUSALS, Outcome
from gongkai.forms_common import (
    CitizenForm,
    KeepsNoFiles,
    MultipleFileField,
    say_it_in_chinese,
)
from gongkai.lib import phones
from gongkai.lib.request_clock import REVISED_REGULATION_IN_FORCE
from gongkai.publications.models import Document

# 所需信息的内容描述: a real request may list many documents (200 titles with their 文号 are
# about 8,000 characters), so twice the mailbox's 5,000; a longer list goes as an attachment.
# Without a limit 1 MB was accepted and every staff page of the case carried it (probe 10, 5).
MAX_DESCRIPTION_CHARS = 10000


class ApplicationForm(CitizenForm, forms.ModelForm):
    """The public application form (政府信息公开申请表), fields as 第二十九条 requires."""

    attachments = MultipleFileField(
        label="附件（身份证明、授权委托书等）",
        required=False,
        kinds=("pdf", "png", "jpg"),
        help_text="选填",
    )
    agree = forms.BooleanField(
        label="本人承诺所填信息真实，并知晓申请材料仅用于办理本申请", required=True
    )

    class Meta:
        model = DisclosureRequest
        fields = [
            "applicant_type",
            "applicant_name",
            "id_document",
            "contact_person",
            "phone",
            "email",
            "address",
            "postal_code",
            "description",
            "doc_reference",
            "purpose",
            "delivery_form",
            "delivery_method",
            "needs_assistance",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "applicant_type": forms.RadioSelect,
        }
        # Required only in some cases (clean): no * at the label, the case said under it.
        help_texts = {
            "contact_person": "法人或者其他组织申请的，必填",
            "email": "选择以电子邮件获取的，必填",
            "address": "选择邮寄获取的，必填",
        }
        error_messages = {
            "applicant_name": {"required": "请填写申请人姓名或名称。"},
            "id_document": {"required": "请填写身份证明（第二十九条）。"},
            "phone": {"required": "请填写联系电话，以便告知办理情况。"},
            "description": {"required": "请描述所需的政府信息（第二十九条）。"},
            "delivery_form": {"required": "请选择提供形式。"},
            "delivery_method": {"required": "请选择获取方式。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "applicant_type" in self.fields:
            self.fields["applicant_type"].choices = ApplicantType.choices  # no blank radio button
            self.fields["applicant_type"].initial = ApplicantType.NATURAL_PERSON
        for name in ("delivery_form", "delivery_method", "channel"):
            if name in self.fields:
                self.fields[name].choices = [("", "请选择"), *self.fields[name].choices[1:]]

    def clean_id_document(self):
        kind = self.data.get(self.add_prefix("applicant_type"))
        try:
            return normalise_id_document(self.cleaned_data["id_document"], kind)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_postal_code(self):
        value = "".join(unicodedata.normalize("NFKC", self.cleaned_data["postal_code"]).split())
        if value and not re.fullmatch(r"[0-9]{6}", value):
            raise forms.ValidationError("邮政编码应为6位数字，例如510620。")
        return value

    def full_clean(self):
        """Files cannot be shown again in a form sent back with errors: say so where they were
        chosen, or the citizen submits the corrected form without them."""
        super().full_clean()
        chosen = self.files.getlist(self.add_prefix("attachments")) if self.files else []
        if self.is_bound and self._errors and chosen and "attachments" not in self._errors:
            self._errors["attachments"] = self.error_class(
                ["表单有误未能提交，已选择的附件没有保存：改正后请重新选择附件。"]
            )

    def clean_phone(self):
        value = phones.tidy(self.cleaned_data["phone"])
        if not phones.is_phone(value):
            raise forms.ValidationError("联系电话格式不正确，请填写手机号码或带区号的固定电话。")
        return value

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if len(value) < 5:
            raise forms.ValidationError("内容描述过短，请写明所需信息的名称、文号或其他特征描述。")
        if len(value) > MAX_DESCRIPTION_CHARS:
            raise forms.ValidationError(
                f"内容描述请控制在{MAX_DESCRIPTION_CHARS}字以内（现为{len(value)}字），"
                "较长的文件清单可作为附件上传。"
            )
        return value

    def clean(self):
        data = super().clean()
        # A field already refused (too long, malformed) is not also called missing.
        method = data.get("delivery_method")
        if method == "email" and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "选择以电子邮件获取的，请填写电子邮箱。")
        if method == "post" and not data.get("address") and "address" not in self.errors:
            self.add_error("address", "选择邮寄的，请填写通信地址。")
        if (
            data.get("applicant_type")
            and data["applicant_type"] != ApplicantType.NATURAL_PERSON
            and not data.get("contact_person")
        ):
            self.add_error("contact_person", "法人或其他组织申请的，请填写联系人。")
        return data


class RegisterForm(ApplicationForm):
    """Staff registration of an application received on paper, by post, fax or e-mail."""

    agree = None
    handed_in_on = forms.DateField(
        label="当面提交日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    signed_on = forms.DateField(
        label="签收日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    confirmed_on = forms.DateField(
        label="双方确认日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="平常信函、电子邮件、传真：与申请人确认之日（第三十一条）",
    )

    # The same form sent twice is one registration (services.request_register).
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta(ApplicationForm.Meta):
        fields = ["channel", *ApplicationForm.Meta.fields]

    def clean(self):
        data = super().clean()
        needed = {Channel.IN_PERSON: "handed_in_on", Channel.REGISTERED_MAIL: "signed_on"}.get(
            data.get("channel"), "confirmed_on"
        )
        if not data.get(needed):
            self.add_error(needed, "按此申请渠道，需填写该日期以确定收到申请之日（第三十一条）。")
        for other in ("handed_in_on", "signed_on", "confirmed_on"):
            # probe 6 F2: a date the channel does not use was accepted and stored nowhere, so
            # a clerk who picked the wrong channel got a silently wrong 收到申请之日.
            if other != needed and data.get(other) and data.get("channel"):
                channel = Channel(data["channel"]).label
                self.add_error(
                    other,
                    f"按“{channel}”渠道，收到申请之日以{self.fields[needed].label}为准，"
                    "无需填写此日期；请清空，或改选申请渠道。",
                )
        for name in ("handed_in_on", "signed_on", "confirmed_on"):
            if data.get(name) and data[name] > timezone.localdate():
                self.add_error(name, "收到申请的日期不能晚于今天。")
            elif data.get(name) and data[name] < REVISED_REGULATION_IN_FORCE:
                self.add_error(name, f"{RECEIVED_TOO_EARLY}。")
        return data


class LookupForm(CitizenForm, forms.Form):
    tracking_no = forms.CharField(label="申请编号", max_length=20)
    code = forms.CharField(label="查询码", max_length=12)


class SupplementForm(CitizenForm, forms.Form):
    """The applicant's 补正, online; with the 身份证明 field when the application lacks it."""

    id_document = forms.CharField(
        label="身份证明",
        max_length=60,
        help_text="自然人填身份证件号码；法人或其他组织填统一社会信用代码",
        error_messages={"required": "请填写身份证明：身份证件号码或统一社会信用代码。"},
    )
    text = forms.CharField(
        label="补正内容", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    files = MultipleFileField(label="补正材料（选填）", required=False, kinds=("pdf", "png", "jpg"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None and not case.id_document:
            self.fields["text"].required = False  # the 身份证明 may be all that was asked
            self.case = case
        else:
            del self.fields["id_document"]
            self.case = None

    def clean_id_document(self):
        try:
            return normalise_id_document(self.cleaned_data["id_document"], self.case.applicant_type)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from None


# The procedure's steps: one form per verb, whose field names are the verb's keywords, so the
# view calls `getattr(case, verb)(by=user, **form.cleaned_data)` and nothing else.


def _date(label, **kwargs):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # browsers take only ISO
    return forms.DateField(label=label, widget=widget, **kwargs)


def _text(label, rows=3, **kwargs):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class AcceptForm(forms.Form):
    on = _date("受理日期")
    note = _text("说明", required=False)


class SupplementRequestForm(forms.Form):
    items = _text("需要补正的事项", rows=4, help_text="一次性写明全部需要补正的内容（第三十条）")
    on = _date(
        "告知日期",
        help_text="发出补正告知之日，应在收到申请之日起7个工作日内（第三十条）；"
        "纸质告知事后录入的，填实际告知日期，办理记录标注补录",
    )
    period_end = _date(
        "补正期限",
        required=False,
        help_text=f"给予申请人的合理补正期限，自告知之日次日起计算：留空则为"
        f"{settings.SUPPLEMENT_PERIOD_WORKDAYS}个工作日；最短{settings.SUPPLEMENT_MIN_WORKDAYS}个"
        "工作日（本机关设定，第三十条只规定“合理的补正期限”，最短天数待核实）",
    )
    not_supplemented = forms.BooleanField(
        label="申请人在补正期限内未补正",
        required=False,
        help_text="仅用于补录补正期限已经届满的补正告知：勾选后按逾期不补正视为放弃申请处理",
    )
    supplemented_on = _date(
        "申请人补正日期",
        required=False,
        help_text="仅用于补录补正期限已经届满的补正告知：申请人在期限内补正的，填写收到补正之日",
    )


class SupplementReceivedForm(KeepsNoFiles, forms.Form):
    text = _text("补正内容")
    id_document = forms.CharField(
        label="身份证明（申请缺少时）",
        max_length=60,
        required=False,
        help_text="申请人补正的身份证件号码或统一社会信用代码",
    )
    files = MultipleFileField(label="补正材料", required=False)
    on = _date("收到补正日期")
    late_reason = _text(
        "逾期补正的正当理由",
        rows=2,
        required=False,
        help_text="收到补正之日晚于补正期限的必填（第三十条：无正当理由逾期不补正的，视为放弃申请）",
    )


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.active())
    note = forms.CharField(label="交办意见", required=False)
    on = _date("交办日期")
    # The handling unit when the form was opened: a form left open across another 交办 is
    # refused (DisclosureRequest.assign), not applied over it.
    seen_unit = forms.CharField(widget=forms.HiddenInput, required=False)


class ProposalForm(KeepsNoFiles, forms.Form):
    text = _text("办理意见", rows=5, help_text="检索结果、建议的答复类型及理由")
    files = MultipleFileField(label="检索到的信息（文件）", required=False)


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Consultation.Kind.choices)
    party = forms.CharField(label="征求对象", max_length=200)
    sent_on = _date("发出日期", help_text="对方应在15个工作日内提出意见（第三十二条、第三十四条）")
    note = _text("说明", required=False)


class ConsultationAnswerForm(forms.Form):
    result = _text("意见")
    objected = forms.BooleanField(
        label="第三方不同意公开",
        required=False,
        help_text="征求第三方意见时，第三方不同意公开的请勾选（第三十二条）",
    )
    answered_on = _date("收到意见日期")


class ExtensionForm(forms.Form):
    workdays = forms.IntegerField(
        label="延长工作日",
        min_value=1,
        max_value=20,
        initial=20,
        error_messages={"max_value": "延长的期限最长不得超过20个工作日（第三十三条）。"},
    )
    reason = forms.CharField(label="延期理由", max_length=300)
    notified_on = _date(
        "告知申请人日期",
        help_text="经政府信息公开工作机构负责人同意并告知申请人之日，应在答复期限届满前"
        "（第三十三条第二款）；事后录入的，办理记录标注补录",
    )


class OverrideDueForm(forms.Form):
    due = _date("另行确定的答复期限")
    reason = forms.CharField(label="理由（第三十五条）", max_length=300)
    notified_on = _date(
        "告知申请人日期",
        help_text="经政府信息公开工作机构负责人确定并告知申请人之日，应在答复期限届满前（第三十五条）",
    )


class FeeForm(forms.Form):
    method = forms.ChoiceField(
        label="计收方式",
        choices=FeeNotice.Method.choices,
        help_text="同一申请只能选择一种标准，不得重复计算（109号第三条）",
    )
    pages = forms.IntegerField(label="页数（按量计收时）", min_value=0, initial=0)
    already_public = forms.BooleanField(
        label="所需信息已主动公开",
        required=False,
        help_text="已主动公开的信息不按量计收（109号第五条）",
    )
    sent_on = _date("通知日期", help_text="应在答复期限内发出（109号）")
    delivery = forms.ChoiceField(
        label="通知送达方式",
        choices=FeeNotice.Delivery.choices,
        initial=FeeNotice.Delivery.ONLINE,
        required=False,  # a form from before it was asked: given online, as was then assumed
        help_text="缴费期限自申请人收到通知之日次日起计算20个工作日（109号）：网上、当面送达的，"
        "发出当日即收到；邮寄的，以送达日期为准",
    )
    received_on = _date(
        "申请人收到通知日期（邮寄时）",
        required=False,
        help_text="邮寄送达且已知送达日期的填写；尚不知道的留空，知道后以“登记收费通知送达”登记，"
        "此前缴费期限为暂定，不能按逾期未缴费视为放弃申请",
    )

    def clean_delivery(self):
        return self.cleaned_data["delivery"] or FeeNotice.Delivery.ONLINE


class FeeReceivedForm(forms.Form):
    received_on = _date(
        "申请人收到通知日期",
        help_text="以送达回证或邮件签收记录为准；缴费期限自此日次日起计算20个工作日（109号）",
    )


class PaymentForm(forms.Form):
    paid_on = _date("缴费日期")
    late_reason = _text(
        "逾期缴费的正当理由",
        rows=2,
        required=False,
        help_text="缴费日期晚于缴费期限的必填（109号：逾期未缴纳的，视为放弃申请）",
    )


class WaiveForm(forms.Form):
    reason = forms.CharField(label="免收理由", max_length=300)
    on = _date("日期")


class ReplyForm(KeepsNoFiles, forms.Form):
    outcome = forms.ChoiceField(label="答复类型", choices=[("", "请选择"), *Outcome.choices])
    text = _text("答复正文", rows=6, help_text="写明提供的信息或告知事项；将生成答复告知书")
    withheld_reason = _text("不予公开的理由", required=False)
    referral = forms.CharField(label="负责公开的机关及联系方式", required=False)
    files = MultipleFileField(
        label="提供的信息（文件）",
        required=False,
        help_text="随答复提供给申请人的文件；申请人凭编号和查询码下载。予以公开、部分公开且申请人"
        "要求电子文档、电子邮件或网上获取的，须上传文件或填写已公开文件的索引号",
    )
    documents = _text(
        "提供的已公开文件",
        rows=2,
        required=False,
        help_text="所需信息已在网站公开的，填写其索引号，每行一个",
    )
    provision = _text(
        "提供安排（纸质件、当场查阅）",
        rows=2,
        required=False,
        help_text="以纸质件或当场查阅、抄录提供而不上传文件的：写明邮寄或领取的日期，或查阅的时间、地点",
    )
    public_interest_reason = _text(
        "公共利益理由（第三方不同意公开时）",
        rows=2,
        required=False,
        help_text="第三方不同意公开而仍予公开的，写明不公开可能对公共利益造成重大影响的理由（第三十二条）",
    )
    third_party_notified_on = _date(
        "书面告知第三方日期",
        required=False,
        help_text="将决定公开的内容和理由书面告知第三方的日期（第三十二条）",
    )
    earlier_no = forms.CharField(
        label="前次申请编号（重复申请时）",
        max_length=30,
        required=False,
        help_text="重复申请须写明本申请人此前已获答复的同一申请（第三十六条第（六）项）；"
        "页面上方列出了同一申请人（身份证明、姓名或电话相同）的已答复申请",
    )
    earlier_on = _date(
        "前次申请收到日期（系统外的申请）",
        required=False,
        help_text="前次申请不在本系统中的，填写其收到日期",
    )
    pages_provided = forms.IntegerField(
        label="实际提供页数（已按量缴费时）",
        min_value=0,
        required=False,
        help_text="按量计收适用于以纸质件、电子邮件、复制电子数据等形式提供的信息"
        "（109号第五条；规则说明第2节）；实际提供少于计费页数的，应退还差额",
    )
    refund_amount = forms.IntegerField(
        label="退还信息处理费（元）",
        min_value=1,
        required=False,
        help_text="已按量缴费而本答复未提供信息或少于计费页数的，填写应退还的金额（109号第五条）；"
        "按件计收适用于各类处理决定，不退（109号第四条）。答复“已主动公开”的，按量费用"
        + ("全额退还" if settings.FEE_PER_VOLUME_EXCLUDES_ALREADY_PUBLIC else "不退")
        + "（109号第五条关于已公开信息的后半句尚未核实，"
        "由设置 GONGKAI_FEE_PER_VOLUME_EXCLUDES_ALREADY_PUBLIC 决定）",
    )
    refund_on = _date("退费日期", required=False)
    on = _date("答复日期")
    late_reason = _text(
        "超期原因",
        rows=2,
        required=False,
        help_text="答复日期晚于答复期限的必填；超期答复记入办理记录，不能消除",
    )

    # Fields that concern only some reply types: the page shows each only when one of them is
    # chosen (site.js reads data-outcomes), so a clerk sees what the chosen reply needs. With
    # no type chosen, with an error, or without script, every field shows; the model checks
    # every rule whatever the page showed.
    FOR_OUTCOMES = {
        "withheld_reason": REFUSALS,
        "referral": {Outcome.NOT_THIS_AGENCY},
        "files": PROVIDES,
        "documents": PROVIDES,
        "provision": HANDS_OVER,
        "public_interest_reason": HANDS_OVER,
        "third_party_notified_on": HANDS_OVER,
        "earlier_no": {Outcome.DUPLICATE},
        "earlier_on": {Outcome.DUPLICATE},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, outcomes in self.FOR_OUTCOMES.items():
            self.fields[name].widget.attrs["data-outcomes"] = " ".join(sorted(outcomes))

    def clean_documents(self):
        numbers = self.cleaned_data["documents"].split()
        found = {d.index_no: d for d in Document.public.filter(index_no__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(f"未找到已公开的文件：{'、'.join(missing)}，请核对索引号。")
        return [found[n] for n in dict.fromkeys(numbers)]


class ServeForm(forms.Form):
    method = forms.ChoiceField(
        label="送达方式",
        choices=[
            ("post", "邮寄送达（以交邮之日为准）"),
            ("direct", "直接送达（以签收之日为准）"),
            ("email", "电子邮件"),
            ("online", "网上送达"),
        ],
    )
    on = _date("送达日期")


class ResendForm(forms.Form):
    """重新发送: which receipt or letter, to the applicant's e-mail address on file."""

    document = forms.ChoiceField(
        label="重新发送的文书",
        choices=[
            ("receipt", "受理回执（申请编号和查询码）"),
            ("reply", "答复告知书（及提供的信息）"),
            ("supplement", "补正告知书"),
            ("fee", "收费通知书"),
            ("extension", "延期答复告知书"),
        ],
        help_text="按发出时保存的原文，以电子邮件发送至申请人登记的电子邮箱；办理状态和期限不变。",
    )
    reason = forms.CharField(
        label="原因（选填）", required=False, max_length=200, help_text="如：申请人来电称未收到"
    )

    def offer(self, case) -> None:
        """On the case page: only what this case has sent (the verb refuses anything else)."""
        from gongkai.disclosure_requests.letters import sent_letter

        field = self.fields["document"]
        field.choices = [
            (value, label)
            for value, label in field.choices
            if (case.may_resend_receipt() if value == "receipt" else sent_letter(case, value))
        ]


class ArchiveForm(forms.Form):
    on = _date("归档日期")


class NoteForm(forms.Form):
    text = _text("备注")


STEP_FORMS = {
    "accept": AcceptForm,
    "request_supplement": SupplementRequestForm,
    "receive_supplement": SupplementReceivedForm,
    "assign": AssignForm,
    "propose": ProposalForm,
    "start_consultation": ConsultationForm,
    "end_consultation": ConsultationAnswerForm,
    "extend": ExtensionForm,
    "set_override_due": OverrideDueForm,
    "send_fee_notice": FeeForm,
    "record_fee_notice_received": FeeReceivedForm,
    "record_payment": PaymentForm,
    "waive_fee": WaiveForm,
    "reply": ReplyForm,
    "serve": ServeForm,
    "resend": ResendForm,
    "archive": ArchiveForm,
    "note": NoteForm,
}


def _say_it_plainly(field) -> None:
    """Staff forms too: a message that says what to do, never Django's "这个字段是必填项。"."""
    say_it_in_chinese(field)
    name = re.sub(r"（.*?）", "", str(field.label or "此项"))
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    ours = {}
    if isinstance(field, forms.DateField):
        ours["invalid"] = f"{name}格式不正确，请从日历中选择或按“2026-11-26”填写。"
    if isinstance(field, forms.IntegerField):
        ours |= {
            "invalid": f"{name}请填写整数。",
            "min_value": f"{name}不能小于%(limit_value)s。",
            "max_value": f"{name}不能大于%(limit_value)s。",
        }
    if isinstance(field, forms.ModelChoiceField):
        ours["invalid_choice"] = f"请从列表中选择{name}。"
    for key, message in ours.items():
        if key not in field.error_messages or str(field.error_messages[key]) == str(
            defaults.get(key, "")
        ):
            field.error_messages[key] = message


class RemedyForm(OnceForm, forms.ModelForm):
    """行政复议/行政诉讼 against a reply: dates that cannot be true are refused; sent twice, one
    row (OnceForm)."""

    class Meta:
        model = Remedy
        fields = ["kind", "filed_on", "body", "result", "decided_on", "note"]
        widgets = {
            "filed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean(self):
        data = super().clean()
        if (
            data.get("result")
            and data["result"] != Remedy.Result.PENDING
            and not data.get("decided_on")
        ):
            self.add_error("decided_on", "已审结的，请填写审结日期。")
        if data.get("result") == Remedy.Result.PENDING and data.get("decided_on"):
            self.add_error("result", "填写了审结日期的，请选择审结结果。")
        today = timezone.localdate()
        for name in ("filed_on", "decided_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, f"{self.fields[name].label}不能晚于今天。")
        if (
            data.get("filed_on")
            and data.get("decided_on")
            and data["decided_on"] < data["filed_on"]
        ):
            self.add_error("decided_on", "审结日期不能早于申请复议或起诉的日期。")
        if (
            self.case
            and data.get("filed_on")
            and self.case.replied_on
            and data["filed_on"] < self.case.replied_on
        ):
            self.add_error("filed_on", "申请复议或起诉的日期不能早于答复日期。")
        return data


for _form in (*STEP_FORMS.values(), RemedyForm):
    for _field in _form.base_fields.values():
        _say_it_plainly(_field)
