from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

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
from gongkai.lib.cndate import parse_typed_date


class LoginForm(AuthenticationForm):
    """Refuses to even try a password once this address has failed too often for the account
    or for all accounts (core.throttle.login_attempt), or, from a browser that has signed in
    as the account before (its device cookie), once that browser has.

    The user name is normalised once (NFKC, stripped, case-folded) and that one spelling is
    both counted and signed in with, so " admin" or full-width letters get no fresh tries.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。",
        "locked": "登录失败次数过多，请%(minutes)s分钟后再试。",
        "locked_today": "该账号今天登录失败次数过多，本网络已不能再试。"
        "请明天再试，或在未输错过密码的电脑上登录；如非本人操作，请告知系统管理员。",
    }

    def clean(self):
        username = normalise_username(self.cleaned_data.get("username"))
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        self.cleaned_data["username"] = username
        ip = client_ip(self.request) if self.request else None
        cookie = self.request.COOKIES.get(throttle.DEVICE_COOKIE) if self.request else None
        try:
            taken = throttle.login_attempt(username, ip, throttle.device_for(cookie, username))
        except throttle.LoginLocked as locked:
            if locked.for_the_day:
                raise forms.ValidationError(
                    self.error_messages["locked_today"], code="locked"
                ) from None
            minutes = settings.LOGIN_LOCKOUT_MINUTES
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": minutes}
            ) from None
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            audit.record(None, "auth.login_failed", username=username[:150])
            raise
        throttle.give_back(*taken)
        return cleaned


class OwnPasswordForm(PasswordChangeForm):
    """修改密码: the old password, the new one twice, Django's validators. A wrong old password
    takes a try from the same lockout as the sign-in page, so a session left open on someone
    else's screen does not let them guess it."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致，请重新输入。",
        "password_unchanged": "新密码不能与原密码相同。",
        "locked": LoginForm.error_messages["locked"],
        "locked_today": LoginForm.error_messages["locked_today"],
    }

    def __init__(self, user=None, *args, request=None, **kwargs):  # None: tests render it bare
        super().__init__(user, *args, **kwargs)
        self.request = request
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields[
            "new_password1"
        ].help_text = "至少10个字符，不能全是数字，不能是常见密码，不能与用户名、姓名相近。"
        self.fields["new_password2"].label = "再次输入新密码"
        for name in self.fields:
            self.fields[name].error_messages["required"] = "请填写此项。"

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        ip = client_ip(self.request) if self.request else None
        try:
            taken = throttle.login_attempt(self.user.username, ip)
        except throttle.LoginLocked as locked:
            code = "locked_today" if locked.for_the_day else "locked"
            raise forms.ValidationError(
                self.error_messages[code],
                code=code,
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            ) from None
        if not self.user.check_password(old):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        throttle.give_back(*taken)
        return old

    def clean(self):
        data = super().clean()
        new = data.get("new_password2")
        # the administrator's password typed again would leave it known to them
        if new and "new_password2" not in self.errors and self.user.check_password(new):
            self.add_error("new_password2", self.error_messages["password_unchanged"])
        return data


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active()
        if self.instance.pk:
            self.initial["roles"] = sorted(self.instance.roles)

    def clean(self):
        data = super().clean()
        roles = set(data.get("roles") or [])
        if Role.AUDITOR in roles and len(roles) > 1:  # read-only: it would silence the others
            self.add_error("roles", "审计查阅为只读角色，不能与其他角色同时授予。")
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


class AuditFilterForm(forms.Form):
    """审计日志的筛选: a date range (both days included, Beijing time) and a unit; the list and
    the CSV export read the same form, so an export is what the page shows."""

    since = forms.CharField(label="起始日期", required=False)
    until = forms.CharField(label="截止日期", required=False)
    unit = forms.ModelChoiceField(
        label="单位", queryset=Unit.objects.all(), required=False, empty_label="全部单位"
    )

    def _date(self, name):
        text = self.cleaned_data.get(name, "")
        try:
            return parse_typed_date(text) if text.strip() else None
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_since(self):
        return self._date("since")

    def clean_until(self):
        return self._date("until")

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "截止日期不能早于起始日期")
        return data

    def filter(self, entries):
        """The entries within the range and of the unit; the whole log for a form with errors
        is never returned (the view shows the errors and no rows)."""
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data["since"]:
            entries = entries.filter(at__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(at__date__lte=data["until"])
        if data["unit"]:
            entries = entries.filter(unit=data["unit"])
        return entries


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
