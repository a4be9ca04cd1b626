"""System checks that refuse an unsafe production start."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def refuse_dev_secret_key(app_configs, **kwargs):
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        return [
            checks.Error(
                "DEBUG 已关闭，但仍在使用开发用密钥。请设置环境变量 GONGKAI_SECRET_KEY（或运行 make run 自动生成 var/secret-key）。",
                id="gongkai.E001",
            )
        ]
    return []
