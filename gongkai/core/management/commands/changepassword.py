"""Django's changepassword, except that whoever's password the operator sets here must replace
it at their next sign-in (User.must_change_password), as after a reset on the user page
(core.services.force_password_change); the change is in the audit log (never the password)."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import changepassword

from gongkai.core.services import force_password_change


class Command(changepassword.Command):
    def handle(self, *args, **options):
        message = super().handle(*args, **options)
        username = options["username"] or getpass.getuser()
        user = get_user_model()._default_manager.using(options["database"]).get(username=username)
        force_password_change(user, by=None, actor_name="命令行（changepassword）")
        return f"{message}\n该用户下次登录时须先修改密码。"
