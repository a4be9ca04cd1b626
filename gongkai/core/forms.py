from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from gongkai.core import audit, throttle
from gongkai.core.middleware import client_ip
from gongkai.core.models import (
    HolidayOverride,
    HolidaySchedule,
    Unit,
    User,
    normalise_username,
)
from gongkai.core.roles import Role
from gongkai.forms_common import EmailField
from gongkai.lib.cndate import parse_typed_date


class LoginForm(AuthenticationForm):
    """Refuses to even try a password once an account or address has failed too often.

    The user name is normalised once (NFKC, stripped, case-folded) and that one spelling is
    both counted and signed in with, so " admin" or full-width letters get no fresh tries.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。",
        "locked": "登录失败次数过多，请%(minutes)s分钟后再试。",
    }

    def clean(self):
        username = normalise_username(self.cleaned_data.get("username"))
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        self.cleaned_data["username"] = username
        ip = client_ip(self.request) if self.request else None
        if not throttle.login_may_try(username, ip):
            minutes = settings.LOGIN_LOCKOUT_MINUTES
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": minutes}
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            audit.record(None, "auth.login_failed", username=username[:150])
            raise
        throttle.login_succeeded(username, ip)
        return cleaned


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "full_name", "kind", "aliases", "order", "is_active"]


class LearnedAliasForm(forms.Form):
    """Point a unit name the plan import learned at another unit (or, by the 删除 button,
    forget it)."""

    unit = forms.ModelChoiceField(
        label="改为对应",
        queryset=Unit.objects.active(),
        error_messages={
            "required": "请选择对应的单位。",
            "invalid_choice": "所选单位不存在或已停用，请重新选择。",
        },
    )


class UserForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    password = forms.CharField(
        label="新密码",
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text="新建用户必填；修改用户时留空表示不修改密码。",
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "unit", "phone", "email", "is_active"]
        field_classes = {"email": EmailField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active()
        if self.instance.pk:
            self.initial["roles"] = sorted(self.instance.roles)

    def clean(self):
        data = super().clean()
        roles = set(data.get("roles") or [])
        if roles & {Role.CLERK, Role.UNIT_HEAD} and not data.get("unit"):
            self.add_error("unit", "处室经办人和处室负责人必须指定所在单位。")
        if not self.instance.pk and not data.get("password"):
            self.add_error("password", "新建用户必须设置初始密码。")
        if data.get("password"):
            try:
                person = User(
                    username=data.get("username") or self.instance.username,
                    full_name=data.get("full_name", ""),
                    email=data.get("email", ""),
                    phone=data.get("phone", ""),
                )
                password_validation.validate_password(data["password"], person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class DeadlineForm(forms.Form):
    start = forms.CharField(
        label="起算日期", help_text="如收到申请之日：2022-09-28、2022年9月28日、2022/9/28 均可"
    )
    days = forms.IntegerField(label="工作日数", min_value=0, max_value=400, initial=20)

    def clean_start(self):
        try:
            return parse_typed_date(self.cleaned_data["start"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class HolidayScheduleForm(forms.ModelForm):
    class Meta:
        model = HolidaySchedule
        fields = ["year", "notice"]


class HolidayOverrideForm(forms.ModelForm):
    class Meta:
        model = HolidayOverride
        fields = ["date", "is_workday", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class OnceForm(forms.Form):
    """A staff "new" form (新建) saved once however often it is sent (a double click, Back and
    保存 again): core.idempotent.create_from_form finds the first record. Its save button is
    disabled after the first click (`once`: data-once)."""

    once = True


class SeenForm(forms.Form):
    """A review step's form carries what its page showed of the record (core.workflow.
    ShownState), as the hidden `seen` (`shows` sets it). SEEN_REQUIRED: a form sent without it
    is refused at the top (else the step is taken unchecked)."""

    SEEN_REQUIRED = ""  # the refusal of a form without `seen`, "" when it may be left out
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def shows(self, record) -> None:
        if record is not None:
            self.initial["seen"] = record.seen_token()

    def clean(self):
        cleaned = super().clean()
        if self.SEEN_REQUIRED and not cleaned.get("seen"):  # hidden: said above the form
            raise forms.ValidationError(self.SEEN_REQUIRED)
        cleaned["seen"] = cleaned.get("seen") or None
        return cleaned

    def lacks_seen(self) -> bool:
        """Sent without `seen` where it is required (the SEEN_REQUIRED refusal). A page shown
        again with that refusal that shows the record as it is now (a task page and its reports)
        may carry now_shows; an edit form, which shows what was typed, may not."""
        return bool(self.SEEN_REQUIRED) and not self.data.get(self.add_prefix("seen"))

    def now_shows(self, record) -> None:
        """After a refusal, the page shows the record as it is now: the form sent again from
        it carries that (the text typed stays)."""
        self.data = self.data.copy()
        self.data[self.add_prefix("seen")] = record.seen_token()
