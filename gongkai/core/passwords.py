"""Password rules as Django's validators, with the one message Django 5.2 leaves in English."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2 reworded this message and its Chinese catalogue has no translation yet, so
    staff read "This password is too short…" under a Chinese form."""

    def get_error_message(self):
        return f"密码太短，至少需要{self.min_length}个字符。"

    def get_help_text(self):
        return f"密码至少需要{self.min_length}个字符。"
