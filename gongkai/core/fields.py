"""Model fields shared by several apps."""

from django.db import models

from gongkai import forms_common
from gongkai.forms_common import tidy_email


class EmailField(models.EmailField):
    """电子邮箱 on every model that keeps one, tidied (forms_common.tidy_email: full-width
    letters, ＠, ．, 。) by whatever path the address comes: its form field tidies before
    checking (every ModelForm, the guide page's and Django admin's too, without opting in),
    full_clean tidies before validating, and a save tidies what a service or a command set."""

    def to_python(self, value):
        return tidy_email(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms_common.EmailField, **kwargs})

    def deconstruct(self):
        # The column is Django's EmailField's: migrations need not know this class.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.EmailField", args, kwargs
