"""Django's changepassword, except that whoever's password the operator sets here must replace
it at their next sign-in (User.must_change_password), as after a reset on the user page; the
change is in the audit log (never the password)."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import changepassword
from django.db import transaction

from gongkai.core import audit


class Command(changepassword.Command):
    def handle(self, *args, **options):
        message = super().handle(*args, **options)
        User = get_user_model()
        username = options["username"] or getpass.getuser()
        with transaction.atomic(using=options["database"]):
            user = User._default_manager.using(options["database"]).get(username=username)
            user.must_change_password = True
            user.save(update_fields=["must_change_password"])
            audit.record(
                None,
                "user.set_password",
                user,
                actor_name="命令行（changepassword）",
                must_change_password=True,
            )
        return f"{message}\n该用户下次登录时须先修改密码。"
