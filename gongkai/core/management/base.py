"""A management command base that reports errors as one Chinese line, never a traceback."""

import sys

from django.core.management.base import BaseCommand, CommandError


class GongkaiCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        # A parser built "not from the command line" raises CommandError on bad arguments
        # instead of printing English usage and exiting; `gongkai` (__main__) turns it into
        # one 错误：… line. --help still prints the help.
        from_command_line = getattr(self, "_called_from_command_line", False)
        self._called_from_command_line = False
        try:
            return super().create_parser(prog_name, subcommand, **kwargs)
        finally:
            self._called_from_command_line = from_command_line

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if options.get("traceback") or not getattr(self, "_called_from_command_line", False):
                raise  # call_command in tests sees the exception itself
            self.stderr.write(f"错误：{error}")
            sys.exit(2)
