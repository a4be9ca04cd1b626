"""Form pieces shared by several apps."""

import re
import unicodedata

from django import forms
from django.conf import settings

from gongkai.lib.uploads import DOCUMENT_KINDS, UploadError, sniff_upload

KIND_WORDS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "png": "图片", "jpg": "图片"}


def upload_rule(kinds=DOCUMENT_KINDS) -> str:
    """The site's one upload rule in words, as every file field says it (settings.UPLOAD_*),
    e.g. "PDF 或图片，最多10个，每个不超过20MB，合计不超过60MB"."""
    words = list(dict.fromkeys(KIND_WORDS[k] for k in kinds))
    kinds_text = "、".join(words[:-1]) + " 或" + words[-1] if len(words) > 1 else words[0]
    return (
        f"{kinds_text}，最多{settings.UPLOAD_MAX_FILES}个，"
        f"每个不超过{settings.UPLOAD_MAX_BYTES // 2**20}MB，"
        f"合计不超过{settings.UPLOAD_TOTAL_MAX_BYTES // 2**20}MB"
    )


def tidy_email(text: str) -> str:
    """An e-mail address as a Chinese IME types it made ordinary: full-width letters, ＠ and ．
    folded (NFKC, as phone and ID numbers are), the ideographic 。 read as a dot, spaces at
    the ends dropped. "ｚ＠example。com" → "z@example.com"."""
    return unicodedata.normalize("NFKC", text or "").replace("。", ".").strip()


class EmailField(forms.EmailField):
    """The e-mail field of every form: tidied by `tidy_email` before it is checked, so
    ｓｕｎ＠ｅｘａｍｐｌｅ．ｃｏｍ is not refused. A model's e-mail (core.fields.EmailField) gives
    its ModelForms this field by itself; a plain form names it."""

    def to_python(self, value):
        return super().to_python(tidy_email(value) if isinstance(value, str) else value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def get_context(self, name, value, attrs):
        # The rule as it stands when the page is drawn, for site.js's pre-check, which tells
        # at once; the server's check stays the rule.
        rule = {
            "data-max-files": settings.UPLOAD_MAX_FILES,
            "data-max-mb": settings.UPLOAD_MAX_BYTES // 2**20,
        }
        return super().get_context(name, value, {**(attrs or {}), **rule})


class MultipleFileField(forms.FileField):
    """Several files in one field under the site's one rule (settings.UPLOAD_MAX_FILES,
    UPLOAD_MAX_BYTES, UPLOAD_TOTAL_MAX_BYTES — the total across the form), checked by content
    against `kinds`. The help text says the rule; `help_text` given is said before it. Files
    past the count never reach the disk (core.limits.FileCountHandler) but are counted here."""

    widget = MultipleFileInput

    def __init__(self, *, kinds=DOCUMENT_KINDS, help_text="", **kwargs):
        self.kinds = kinds
        rule = upload_rule(kinds)
        kwargs["help_text"] = f"{help_text}；{rule}" if help_text else rule
        super().__init__(**kwargs)

    def get_bound_field(self, form, field_name):
        self.form = form  # the total is the form's, whatever its file fields (see clean)
        return super().get_bound_field(form, field_name)

    def _chosen_before(self) -> int:
        """Bytes chosen in the form's file fields before this one: the total holds across the
        form, so of two fields with 40 MB each the second is refused, with the same message."""
        form = getattr(self, "form", None)
        if form is None or not form.files:
            return 0
        before = 0
        for name, field in form.fields.items():
            if field is self:
                break
            if isinstance(field, MultipleFileField):
                before += sum(f.size for f in form.files.getlist(form.add_prefix(name)))
        return before

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        most = settings.UPLOAD_MAX_FILES
        if len(files) > most:
            raise forms.ValidationError(
                f"最多可选{most}个文件，您选择了{len(files)}个，请减少后重新选择。"
            )
        files = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for upload in files:
            try:
                sniff_upload(upload, allowed=self.kinds, max_bytes=settings.UPLOAD_MAX_BYTES)
            except UploadError as error:
                raise forms.ValidationError(str(error)) from None
        total = self._chosen_before() + sum(upload.size for upload in files)
        if total > settings.UPLOAD_TOTAL_MAX_BYTES:
            raise forms.ValidationError(
                f"所选文件合计{total / 2**20:.1f}MB，超过"
                f"{settings.UPLOAD_TOTAL_MAX_BYTES // 2**20}MB，请压缩或分次提交。"
            )
        return files


FILES_LOST = "表单有误未能提交，已选择的文件没有保存：附件需要重新选择。"


class KeepsNoFiles:
    """A form with a file input (a step's, a citizen's message): a browser cannot show chosen
    files again, so whenever the form goes back with an error (a field, or the step's rule
    refused by the model), the file input says the files must be chosen again."""

    def add_error(self, field, error):
        super().add_error(field, error)
        for name, form_field in self.fields.items():
            chosen = self.files.getlist(self.add_prefix(name)) if self.files else []
            if isinstance(form_field, MultipleFileField) and chosen:
                errors = self._errors.setdefault(name, self.error_class())
                if FILES_LOST not in errors:
                    errors.append(FILES_LOST)


class HoneypotForm(forms.Form):
    """A field people never see (core/_form_fields.html moves `trap_fields` off screen, and the
    tab key skips it) and a form robot fills like every field it finds. No outside CAPTCHA:
    the site may run on an intranet. Mix it into a public form: `class F(HoneypotForm, …)`."""

    trap_fields = ("homepage",)
    homepage = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_homepage(self):
        if self.cleaned_data["homepage"]:
            raise forms.ValidationError("无法提交，请刷新页面后重试。")
        return ""


class CitizenForm:
    """Mixed into the forms a citizen fills in (application, lookup, 补正; a mailbox message,
    its lookup, rating and reopening): every message in plain Chinese where Django would say
    "这个字段是必填项。", and no `maxlength` attribute, which lets a browser cut a pasted
    address at 200 characters without a word: over-long text reaches the server and is refused
    with what the limit is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
            say_it_in_chinese(field)


def say_it_in_chinese(field) -> None:
    name = re.sub(r"（.*?）", "", str(field.label or "此项"))
    ours = {
        "required": f"请选择{name}。"
        if isinstance(field, forms.ChoiceField)
        else f"请填写{name}。",
        "max_length": (
            f"{name}最多%(limit_value)d个字，您填写了%(show_value)d个字，请删减后再提交。"
        ),
        "invalid_choice": f"请从列表中选择{name}。",
    }
    if isinstance(field, forms.BooleanField):
        ours["required"] = f"请勾选“{field.label}”后再提交。"
    if isinstance(field, forms.EmailField):
        ours["invalid"] = "电子邮箱格式不正确，请核对（例如 name@example.com）。"
    if isinstance(field, forms.FileField):
        ours |= {
            "invalid": "文件没有上传成功，请重新选择文件。",
            "missing": "文件没有上传成功，请重新选择文件。",
            "empty": "所选文件是空文件，请重新选择。",
            "max_length": "文件名过长（最多%(max)d个字），请改短文件名后重新选择。",
        }
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    for key, message in ours.items():
        # only Django's own wording is replaced; a form's own message stays
        if key not in field.error_messages or str(field.error_messages[key]) == str(
            defaults.get(key, "")
        ):
            field.error_messages[key] = message
