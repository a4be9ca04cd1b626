"""Form pieces shared by several apps."""

import re

from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is validated by the owning form."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


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
