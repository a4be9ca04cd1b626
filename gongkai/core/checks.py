"""System checks that refuse an unsafe production start."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def refuse_dev_secret_key(app_configs, **kwargs):
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        return [
            checks.Error(
                "DEBUG 已关闭，但仍在使用开发用密钥。请设置环境变量 "
                "GONGKAI_SECRET_KEY（或运行 make run 自动生成 var/secret-key）。",
                id="gongkai.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security)
def refuse_malformed_trusted_proxies(app_configs, **kwargs):
    import ipaddress

    errors = []
    for entry in settings.TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            errors.append(
                checks.Error(
                    f"GONGKAI_TRUSTED_PROXIES 中的 {entry!r} 不是 IP 地址或网段（如 "
                    "127.0.0.1、10.0.0.0/8、::1）。",
                    id="gongkai.E002",
                )
            )
    return errors
