"""Django's createsuperuser, except that --noinput also checks the password
(DJANGO_SUPERUSER_PASSWORD) against the validators, as every other way of setting one does."""

import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.management.commands import createsuperuser
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options.get("interactive") and password:
            user = get_user_model()(
                username=options.get("username") or os.environ.get("DJANGO_SUPERUSER_USERNAME", ""),
                email=options.get("email") or os.environ.get("DJANGO_SUPERUSER_EMAIL", ""),
            )
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                raise CommandError("密码不符合要求：" + "".join(error.messages)) from None
        return super().handle(*args, **options)
