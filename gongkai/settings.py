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
    """Only the words True/False (any case) or 1/0: anything else is a typo that stops start-up."""
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
CSRF_FAILURE_VIEW = (
    "gongkai.core.public_views.csrf_failure"  # 页面已过期: says to go back, not reload
)
SITE_NAME = env_str("GONGKAI_SITE_NAME", "广州市应急管理局政务公开平台")
AGENCY_NAME = env_str("GONGKAI_AGENCY_NAME", "广州市应急管理局")

INSTALLED_APPS = [
    "gongkai.core",  # first: its createsuperuser replaces Django's (which skips the validators)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "gongkai.plans",
    "gongkai.publications",
    "gongkai.disclosure_requests",
    "gongkai.meetings",
    "gongkai.reports",
    "gongkai.mailbox",
    "gongkai.consultations",
    "gongkai.answers",
    "gongkai.site",  # one floor up: what gathers every app (dashboard, remind, demo, evidence)
]

MIDDLEWARE = [
    "gongkai.core.middleware.SecurityHeadersMiddleware",  # outermost: every answer gets them
    "gongkai.core.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.AuditContextMiddleware",
    "gongkai.core.middleware.ReadOnlyRoles",  # 审计查阅: every verb refused before any view
    # innermost: its redirect still gets every header the others add
    "gongkai.core.middleware.PasswordChangeRequired",
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
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "phone")},
    },
    {
        "NAME": "gongkai.core.passwords.MinimumLengthValidator",  # its message in Chinese
        "OPTIONS": {"min_length": 10},
    },
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
# Per (account, address) in LOGIN_LOCKOUT_MINUTES; ×4 per address across accounts.
LOGIN_MAX_FAILURES = env_int("GONGKAI_LOGIN_MAX_FAILURES", 5)
# Per account from every address in a day: beyond it, an address that has failed for the account
# may not try again that day (core.throttle.login_attempt).
LOGIN_ACCOUNT_MAX_FAILURES = env_int("GONGKAI_LOGIN_ACCOUNT_MAX_FAILURES", 30)
LOGIN_LOCKOUT_MINUTES = env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# zh_Hans input formats with ISO first: date inputs render "2023-08-31",
# the only form browsers accept.
FORMAT_MODULE_PATH = ["gongkai.formats"]

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
# The one upload rule every file field states and checks (forms_common.MultipleFileField):
# each file, files per field, and all files of one submission together.
UPLOAD_MAX_BYTES = env_int("GONGKAI_UPLOAD_MAX_MB", 20) * 1024 * 1024
UPLOAD_MAX_FILES = env_int("GONGKAI_UPLOAD_MAX_FILES", 10)
UPLOAD_TOTAL_MAX_BYTES = env_int("GONGKAI_UPLOAD_TOTAL_MAX_MB", 60) * 1024 * 1024
# Form fields other than files (a document body of ~500,000 Chinese characters fits); files
# stream to disk past FILE_UPLOAD_MAX_MEMORY_SIZE. A body over REQUEST_MAX_BYTES is refused
# (413, templates/413.html) before anything reads it: the files' total, the other fields and
# the multipart framing fit. deploy/nginx.conf's client_max_body_size must be at least this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
REQUEST_MAX_BYTES = (
    env_int(
        "GONGKAI_REQUEST_MAX_MB",
        (UPLOAD_TOTAL_MAX_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE) // 2**20 + 1,
    )
    * 2**20
)
# Files past UPLOAD_MAX_FILES are dropped unstored by core.limits.FileCountHandler and refused
# at the field; Django's own cap (a bare 400, everything typed lost) only for absurd requests.
FILE_UPLOAD_HANDLERS = [
    "gongkai.core.limits.FileCountHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

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

# Reverse proxies whose X-Forwarded-For names the client (addresses or networks, e.g.
# "127.0.0.1,::1" for a proxy on the same host). Empty: the peer itself is the client.
TRUSTED_PROXIES = env_list("GONGKAI_TRUSTED_PROXIES", [])

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent on every response by core.middleware.SecurityHeadersMiddleware: no inline script or
# style anywhere (templates load static files), nothing from other hosts, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Served over HTTPS (behind the bureau's TLS proxy): one switch for secure cookies, the
# redirect to https, trusting X-Forwarded-Proto from the proxy, and HSTS (a year).
HTTPS = env_bool("GONGKAI_HTTPS", False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("GONGKAI_BEHIND_HTTPS_PROXY", HTTPS) else None
)
# Off by default so the demo works on http://localhost.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("GONGKAI_SECURE_COOKIES", HTTPS)
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
# The site is usually one host under a government domain whose other hosts it does not run:
# HSTS for every subdomain (and the browsers' preload list) is the domain owner's decision.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_SUBDOMAINS", False)
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]


def _no_traceback_for_403(record):
    """A refused request is expected (the permission checks at work), not a crash: one line."""
    if getattr(record, "status_code", None) == 403:
        record.exc_info = record.exc_text = None
    return True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_traceback_for_403": {"()": lambda: _no_traceback_for_403}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["no_traceback_for_403"]}},
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "WARNING")},
}

# Whether the receipt day counts as day one of a statutory period. The 条例 is silent; the
# civil-law convention (民法典 第二百零一条) and common practice exclude it. [UNVERIFIED rule]
COUNT_START_DAY = env_bool("GONGKAI_COUNT_START_DAY", False)

# A 2,000-task plan corrected in the import preview posts many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 60000

# Whether the time from a fee notice to payment is left out of the reply period. 109号's text
# on this was not available; probably yes. [UNVERIFIED] (rules.md §2.4)
FEE_PERIOD_EXCLUDED = env_bool("GONGKAI_FEE_PERIOD_EXCLUDED", True)
# Prefix of application numbers, e.g. YJ2022-00042.
REQUEST_NUMBER_PREFIX = env_str("GONGKAI_REQUEST_NUMBER_PREFIX", "GK")
# Submissions accepted from one address per hour on the public form.
REQUEST_RATE_PER_HOUR = env_int("GONGKAI_REQUEST_RATE_PER_HOUR", 10)
# The citizen forms' hourly limits hold per address (IPv6: per /64) and this many times over
# per IPv4 /24 (core.throttle.take_for_client): a /24 is often one organisation or a carrier's
# pool, so five people at the limit, not one.
RATE_BLOCK_FACTOR = env_int("GONGKAI_RATE_BLOCK_FACTOR", 5)
# Online submissions of every citizen form together in the last hour above which the press
# office's dashboard says the volume is unusual (site.volume): a signal, not a block.
SUBMISSION_ALERT_PER_HOUR = env_int("GONGKAI_SUBMISSION_ALERT_PER_HOUR", 60)
# Questions one address may ask 政策问答 per hour (each costs an embedding and two searches).
QA_RATE_PER_HOUR = env_int("GONGKAI_QA_RATE_PER_HOUR", 60)
# Wrong number + query code pairs per tracking number per hour on the public lookup (×3 per
# address): an 8-character code cannot be guessed at that rate.
LOOKUP_FAILURES_PER_HOUR = env_int("GONGKAI_LOOKUP_FAILURES_PER_HOUR", 10)
# Once an address's tries are spent, it has this many times as many again (a school's or a
# carrier's NAT is many people), each still taken from the number's own: 30 + 300 an hour.
LOOKUP_SHARED_ADDRESS_FACTOR = env_int("GONGKAI_LOOKUP_SHARED_ADDRESS_FACTOR", 10)
# Who reviews reply decisions in court and reconsideration (named in every reply letter).
RECONSIDERATION_BODY = env_str("GONGKAI_RECONSIDERATION_BODY", "广州市人民政府")
COURT = env_str("GONGKAI_COURT", "广州铁路运输法院")
# The disclosure office's phone, printed on letters beside the person who signs them (联系电话).
OFFICE_PHONE = env_str("GONGKAI_OFFICE_PHONE", "020-83108000")
# 缴纳方式 of the information-processing fee (109号第六条: the 收费通知 states it): the body's own
# payee and way to pay, printed on the 收费通知书 and the applicant's page. The defaults name the
# agency and its 受理窗口; set the bank account or 非税收入 payment channel the body uses.
FEE_PAYEE = env_str("GONGKAI_FEE_PAYEE", "")  # empty: the agency's name (AGENCY_NAME)
FEE_PAYMENT_METHOD = env_str(
    "GONGKAI_FEE_PAYMENT_METHOD",
    "持本通知书到本机关政府信息公开申请受理窗口缴纳（工作日办公时间），或按本机关另行告知的"
    "非税收入缴款方式缴纳",
)

# ---- 主动公开 (gongkai.publications) ----
# 索引号: a template with {org_id}, {yyyy} or {yyyymm}, and {seq:05d} (rules.md §4.2); the
# serial restarts each period the template names and is never reused.
INDEX_NUMBER_PATTERN = env_str("GONGKAI_INDEX_NUMBER_PATTERN", "{org_id}/{yyyy}-{seq:05d}")
# The agency's 统一社会信用代码 (or 9-character 组织机构代码). The default is a made-up code
# with a valid check character, for the demo only.
AGENCY_ORG_ID = env_str("GONGKAI_AGENCY_ORG_ID", "11440100MB2D09172K")

# Annual-report rows for reply types whose row is practice, not statute [UNVERIFIED], e.g.
# {"not_this_agency": "4.1", "already_public": "1"}; keys from disclosure_requests.taxonomy.Outcome.
REPORT_ROW_OVERRIDES: dict[str, str] = {}

# 109号第五条: 按量计收 is for information provided as paper, e-mail or copied data. Whether it
# excludes information already made public (the reply only says where it is) is in the part of
# 第五条 not read [UNVERIFIED] (rules.md §2.1): True refunds a paid 按量 fee in full when the reply
# is 已主动公开（告知获取方式）, as the fee notice already refuses 按量 for it.
FEE_PER_VOLUME_EXCLUDES_ALREADY_PUBLIC = env_bool(
    "GONGKAI_FEE_PER_VOLUME_EXCLUDES_ALREADY_PUBLIC", True
)

# The handling unit's own deadline for an application, in working days from assignment; it
# never passes the statutory one (a second deadline, as in the UK MoJ correspondence tool).
INTERNAL_HANDLING_WORKDAYS = env_int("GONGKAI_INTERNAL_HANDLING_WORKDAYS", 10)
# 补正期限 offered when the office gives none: 第三十条 asks only for 合理的补正期限, so the
# number of working days is ours. [UNVERIFIED] (rules.md §1.2)
SUPPLEMENT_PERIOD_WORKDAYS = env_int("GONGKAI_SUPPLEMENT_PERIOD_WORKDAYS", 15)
# The shortest 补正期限 the office may give, in working days from the day after the notice is
# sent: time for a posted notice to arrive and for the applicant to answer. 第三十条 says only
# 合理的补正期限; no text sets a floor. [UNVERIFIED] (rules.md §1.2)
SUPPLEMENT_MIN_WORKDAYS = env_int("GONGKAI_SUPPLEMENT_MIN_WORKDAYS", 5)

# ---- 决策会议公众列席 (gongkai.meetings), participation.md §11 ----
# Prefixes: meeting numbers HY2022-03, sign-up receipts LX2022-00042.
MEETING_NUMBER_PREFIX = env_str("GONGKAI_MEETING_NUMBER_PREFIX", "HY")
SIGNUP_NUMBER_PREFIX = env_str("GONGKAI_SIGNUP_NUMBER_PREFIX", "LX")
# The notice is published at least this many days before the meeting and sign-up closes at
# least this many hours before it: 清远市政务会议开放制度 (会前3日公告, 会前24小时报名). No national
# or 广州 figure was found. [UNVERIFIED] (participation.md §11.1, §11.3)
MEETING_NOTICE_DAYS = env_int("GONGKAI_MEETING_NOTICE_DAYS", 3)
MEETING_SIGNUP_CUTOFF_HOURS = env_int("GONGKAI_MEETING_SIGNUP_CUTOFF_HOURS", 24)
# Sign-ups accepted from one network per hour on the public form.
MEETING_SIGNUP_RATE_PER_HOUR = env_int("GONGKAI_MEETING_SIGNUP_RATE_PER_HOUR", 10)
# The summary (opinions and how each was handled) is due this many days after the meeting;
# no text sets a period. [UNVERIFIED]
MEETING_SUMMARY_DAYS = env_int("GONGKAI_MEETING_SUMMARY_DAYS", 15)
# Seed item 11 (穗府办函〔2022〕48号): at least 3 meetings a year with public representatives;
# the bureau's own plan: one a quarter.
MEETINGS_CITY_MINIMUM = 3
MEETINGS_BUREAU_PLAN = 4

# ---- 领导信箱 / 网上留言 (gongkai.mailbox) ----
# Prefix of message numbers, e.g. LY2022-00042.
MESSAGE_NUMBER_PREFIX = env_str("GONGKAI_MESSAGE_NUMBER_PREFIX", "LY")
# Messages accepted from one network per hour on the public form.
MESSAGE_RATE_PER_HOUR = env_int("GONGKAI_MESSAGE_RATE_PER_HOUR", 10)
# Reply period per category in working days from acceptance. No national figure exists: 咨询 5
# (the 5-WD line inspections apply to simple questions), the others 15. [UNVERIFIED]
# (participation.md §9.5)
MESSAGE_REPLY_WORKDAYS = {"consult": 5, "suggest": 15, "complain": 15, "help": 15, "report": 15}
# The national website checks fail a site with a valid message unanswered for 3 months and
# deduct when replies go unpublished for 2: alarms well inside both (participation.md §9.2).
MESSAGE_UNANSWERED_ALARM_DAYS = env_int("GONGKAI_MESSAGE_UNANSWERED_ALARM_DAYS", 60)
MESSAGE_UNPUBLISHED_ALARM_DAYS = env_int("GONGKAI_MESSAGE_UNPUBLISHED_ALARM_DAYS", 30)
# 信访工作条例 第二十三条: the written notice of the route within 15 days of receipt.
PETITION_NOTICE_DAYS = 15

# ---- 意见征集 (gongkai.consultations) ----
# Minimum comment periods (participation.md §10): 重大行政决策 and 规章 30 days [verified]; a
# 规范性文件 7 working days, 30 days when it bears on businesses [V-secondary, 37号 not read].
CONSULTATION_MINIMUM_PERIODS = {
    "major_decision": 30,
    "rule": 30,
    "normative_workdays": env_int("GONGKAI_NORMATIVE_COMMENT_WORKDAYS", 7),
    "normative_business": env_int("GONGKAI_NORMATIVE_BUSINESS_COMMENT_DAYS", 30),
}
# The 采纳情况 feedback is published "及时" after the period closes; no text read sets a number:
# 20 working days after the closing day [UNVERIFIED] (participation.md §10.4).
CONSULTATION_FEEDBACK_WORKDAYS = env_int("GONGKAI_CONSULTATION_FEEDBACK_WORKDAYS", 20)
COMMENT_NUMBER_PREFIX = env_str("GONGKAI_COMMENT_NUMBER_PREFIX", "YJ")
COMMENT_RATE_PER_HOUR = env_int("GONGKAI_COMMENT_RATE_PER_HOUR", 20)
# 三同步: a 规章 or 规范性文件 signed without its interpretation needs a reason of at least this
# many characters (punctuation and spaces not counted; "无" or "/" is no reason; probe 7 F7).
INTERPRETATION_WAIVER_MIN_CHARS = env_int("GONGKAI_INTERPRETATION_WAIVER_MIN_CHARS", 6)

# A cache shared by all workers (a folder by default; a database table or a cache server when
# several machines serve): rendered portal pages, keyed so that a change is seen at once.
CACHES = {
    "default": {
        "BACKEND": "gongkai.core.cache.FileCache",
        "LOCATION": env_str("GONGKAI_CACHE_DIR", str(VAR_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
