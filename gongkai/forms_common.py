"""Form pieces shared by several apps."""

from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is validated by the owning form."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


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
