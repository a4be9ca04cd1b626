"""gongkai settings: one file, read from the environment (GONGKAI_*)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR.parent / "var"))
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 — refused by check E001


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    """Only the words True/False (any case) or 1/0: anything else is a typo that must stop start-up."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0"):
        return False
    raise ImproperlyConfigured(f"{name} 只能是 True 或 False，当前值为 {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} 必须是整数，当前值为 {value!r}") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("GONGKAI_DEBUG", False)
SECRET_KEY_FILE = VAR_DIR / "secret-key"  # written once by `make run`, so the demo needs no setup
SECRET_KEY = env_str("GONGKAI_SECRET_KEY") or (
    SECRET_KEY_FILE.read_text().strip() if SECRET_KEY_FILE.exists() else DEV_SECRET_KEY
)
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("GONGKAI_SITE_NAME", "广州市应急管理局政务公开平台")
AGENCY_NAME = env_str("GONGKAI_AGENCY_NAME", "广州市应急管理局")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "gongkai.core",
    "gongkai.plans",
    "gongkai.publications",
    "gongkai.disclosure_requests",
    "gongkai.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gongkai.core.middleware.AuditContextMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
            ],
            "builtins": ["gongkai.core.templatetags.cn"],
        },
    }
]

DATABASE_URL = env_str("GONGKAI_DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as exc:
    raise ImproperlyConfigured(f"GONGKAI_DATABASE_URL 无法识别：{exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work at once; IMMEDIATE avoids "database is locked"
    # on lock upgrades under concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"
# Staff sessions end after a working day, or when the browser closes.
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
LOGIN_MAX_FAILURES = env_int("GONGKAI_LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve from the source tree too, before any collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed, plain names: no manifest, so a page never breaks for want of collectstatic.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("GONGKAI_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
UPLOAD_MAX_BYTES = env_int("GONGKAI_UPLOAD_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_HOST = env_str("GONGKAI_EMAIL_HOST", "")
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("GONGKAI_EMAIL_FROM", "gongkai@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("GONGKAI_BEHIND_HTTPS_PROXY", False) else None
)
# On when served over HTTPS (production); off by default so the demo works on http://localhost.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("GONGKAI_SECURE_COOKIES", False)
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "WARNING")},
}

# Whether the receipt day counts as day one of a statutory period. The 条例 is silent; the
# civil-law convention (民法典 第二百零一条) and common practice exclude it. [UNVERIFIED rule]
COUNT_START_DAY = env_bool("GONGKAI_COUNT_START_DAY", False)

# Each returns one section of the staff dashboard ("my work, overdue first") for a user.
DASHBOARD_SECTIONS = [
    "gongkai.core.dashboard.notifications",
    "gongkai.disclosure_requests.reminders.dashboard",
    "gongkai.plans.dashboard.my_tasks",
]

# `gongkai demo` calls each with (people, stdout) after creating the bureau; each is idempotent.
DEMO_LOADERS = [
    "gongkai.plans.demo.load",
    "gongkai.publications.demo.load",
    "gongkai.disclosure_requests.demo.load",
]

# `gongkai remind` calls each with (today=, days=); each notifies and returns one line per item.
REMINDERS = [
    "gongkai.plans.reminders.sweep",
    "gongkai.disclosure_requests.reminders.sweep",
    "gongkai.disclosure_requests.reminders.sweep_internal",
]
# A 2,000-task plan corrected in the import preview posts many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 60000

# Work done in other apps that counts as evidence for ledger tasks: each is called with a Task
# and returns [{"title", "url", "date", "kind"}]: the ledger shows it, nobody uploads it twice.
TASK_EVIDENCE = ["gongkai.publications.evidence.for_task"]

# Whether the time from a fee notice to payment is left out of the reply period. 109号's text
# on this was not available; probably yes. [UNVERIFIED] (rules.md §2.4)
FEE_PERIOD_EXCLUDED = env_bool("GONGKAI_FEE_PERIOD_EXCLUDED", True)
# Prefix of application numbers, e.g. YJ2022-00042.
REQUEST_NUMBER_PREFIX = env_str("GONGKAI_REQUEST_NUMBER_PREFIX", "GK")
# Submissions accepted from one address per hour on the public form.
REQUEST_RATE_PER_HOUR = env_int("GONGKAI_REQUEST_RATE_PER_HOUR", 10)
# Who reviews reply decisions in court and reconsideration (named in every reply letter).
RECONSIDERATION_BODY = env_str("GONGKAI_RECONSIDERATION_BODY", "广州市人民政府")
COURT = env_str("GONGKAI_COURT", "广州铁路运输法院")

# ---- 主动公开 (gongkai.publications) ----
# Documents waiting for the user's review (一审/二审/三审) and their unit's drafts.
DASHBOARD_SECTIONS = [*DASHBOARD_SECTIONS, "gongkai.publications.dashboard.my_documents"]
# 索引号: a template with {org_id}, {yyyy} or {yyyymm}, and {seq:05d} (rules.md §4.2); the
# serial restarts each period the template names and is never reused.
INDEX_NUMBER_PATTERN = env_str("GONGKAI_INDEX_NUMBER_PATTERN", "{org_id}/{yyyy}-{seq:05d}")
# The agency's 统一社会信用代码 (or 9-character 组织机构代码). The default is a made-up code
# with a valid check character, for the demo only.
AGENCY_ORG_ID = env_str("GONGKAI_AGENCY_ORG_ID", "11440100MB2D09172K")

# Annual-report rows for reply types whose row is practice, not statute [UNVERIFIED], e.g.
# {"not_this_agency": "4.1", "already_public": "1"}; keys from disclosure_requests.taxonomy.Outcome.
REPORT_ROW_OVERRIDES: dict[str, str] = {}

# The handling unit's own deadline for an application, in working days from assignment; it
# never passes the statutory one (a second deadline, as in the UK MoJ correspondence tool).
INTERNAL_HANDLING_WORKDAYS = env_int("GONGKAI_INTERNAL_HANDLING_WORKDAYS", 10)

# A cache shared by all workers (a folder by default; a database table or a cache server when
# several machines serve): rendered portal pages, keyed so that a change is seen at once.
CACHES = {
    "default": {
        "BACKEND": "gongkai.core.cache.FileCache",
        "LOCATION": env_str("GONGKAI_CACHE_DIR", str(VAR_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
