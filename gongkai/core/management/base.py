"""A management command base that reports errors as one Chinese line, never a traceback."""

import sys

from django.core.management.base import BaseCommand, CommandError


class GongkaiCommand(BaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if options.get("traceback") or not getattr(self, "_called_from_command_line", False):
                raise  # call_command in tests sees the exception itself
            self.stderr.write(f"错误：{error}")
            sys.exit(2)
