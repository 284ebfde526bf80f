"""Settings, all read from the environment through typed helpers (see env.py).

SQLite under var/ is the zero-set-up default; DATABASE_URL=postgres://... selects PostgreSQL.
"""

from pathlib import Path

import dj_database_url

from shuangyong.env import ConfigError, env_bool, env_int, env_list, env_str
from shuangyong.fieldcrypt import FieldKeyError, read_master_key

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("SHUANGYONG_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", required=not DEBUG)
if SECRET_KEY is None:
    # Only reached with DEBUG on: a fixed key is acceptable for a local development server.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
# Personal numbers are encrypted at rest (fieldcrypt.py): the master key is required in production; the local
# development server (bin/start) keeps one in var/field.key.
try:
    FIELD_ENCRYPTION_MASTER_KEY = read_master_key(env_str("FIELD_ENCRYPTION_KEY"), env_str("FIELD_ENCRYPTION_KEY_FILE"))
except FieldKeyError as exc:
    raise ConfigError(str(exc)) from None
if FIELD_ENCRYPTION_MASTER_KEY is None:
    if not DEBUG:
        raise ConfigError("environment variable FIELD_ENCRYPTION_KEY or FIELD_ENCRYPTION_KEY_FILE is required")
    FIELD_ENCRYPTION_MASTER_KEY = b"dev-only-insecure-field-key-0000"  # DEBUG only, like SECRET_KEY above
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "shuangyong.accounts",  # first: its createsuperuser replaces Django's (see accounts/management/commands)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "rest_framework",
    "knox",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "shuangyong.api",
    "shuangyong.audit",
    "shuangyong.figures",
    "shuangyong.todo",
    "shuangyong.sheets",
    "shuangyong.regions",
    "shuangyong.units",
    "shuangyong.jobs",
    "shuangyong.registry",
    "shuangyong.benefits",
    "shuangyong.conscription",
    "shuangyong.resettlement",
    "shuangyong.activities",
    "shuangyong.care",
    "shuangyong.creation",
    "shuangyong.archive",
    "shuangyong.leadership",
    "shuangyong.assessment",
    "shuangyong.reports",
    "shuangyong.intake",
    "shuangyong.web",
    "shuangyong.demo",
    "shuangyong.backup",
    "shuangyong.partitions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "shuangyong.audit.middleware.AuditActorMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shuangyong.logs.RequestLogMiddleware",
    "shuangyong.accounts.middleware.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "shuangyong.web.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "shuangyong.urls"
WSGI_APPLICATION = "shuangyong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shuangyong.web.context.navigation",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if url is None:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "shuangyong.sqlite3"),
            "OPTIONS": {
                # Several writers (web, worker, CLI) share one file: WAL lets readers run beside a writer,
                # IMMEDIATE takes the write lock at BEGIN so two writers queue instead of deadlocking.
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-131072;"
                ),
            },
            "TEST": {"NAME": env_str("SQLITE_TEST_NAME")},
        }
    config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    if not config.get("ENGINE", "").endswith(("postgresql", "sqlite3")):
        raise ConfigError(f"DATABASE_URL: unsupported database {config.get('ENGINE')!r} (use postgres or sqlite)")
    return config


DATABASES = {"default": _database()}
# Progress of background jobs is written on a connection of its own so that it is visible while the job's
# main transaction is still open (see jobs/progress.py). Tests mirror it onto the default database.
DATABASES["jobs"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
JOBS_PROGRESS_DB_ALIAS = "jobs"
# An optional read replica for reports and lists (replica.py); tests mirror it onto the default database.
if replica_url := env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(replica_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60)),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["shuangyong.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = ["shuangyong.accounts.backends.GuardedModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "shuangyong.accounts.passwords.ComplexityValidator", "OPTIONS": {"min_length": 8, "min_kinds": 3}},
    {"NAME": "shuangyong.accounts.passwords.NoUsernameValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "shuangyong.accounts.passwords.HistoryValidator", "OPTIONS": {"keep": 5}},
]
# 等保 sign-in controls (docs/security.md): expiry, lockout, throttling, idle timeout, token lifetime
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90)
SIGNIN_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5)
SIGNIN_LOCK_MINUTES = env_int("SIGNIN_LOCK_MINUTES", 15)
SIGNIN_ADDRESS_LIMIT = env_int("SIGNIN_ADDRESS_LIMIT", 30)
IDLE_TIMEOUT_MINUTES = env_int("IDLE_TIMEOUT_MINUTES", 30)
API_TOKEN_HOURS = env_int("API_TOKEN_HOURS", 8)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request when it is missing
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # the 双拥资料档案 files (archive app): on disk under MEDIA_ROOT, never served directly (every download goes
    # through the scoped, audited view); an S3-compatible backend can take this alias instead
    "archive": {"BACKEND": env_str("ARCHIVE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS behind the reverse proxy (deploy: README "Production"); all off for the local demo on http://127.0.0.1
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
_proxy_header = env_list("SECURE_PROXY_SSL_HEADER", [])  # e.g. HTTP_X_FORWARDED_PROTO,https
if _proxy_header and len(_proxy_header) != 2:
    raise ConfigError("SECURE_PROXY_SSL_HEADER must be HEADER,VALUE (HTTP_X_FORWARDED_PROTO,https)")
SECURE_PROXY_SSL_HEADER = tuple(_proxy_header) or None
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", [])
# No inline script anywhere (web/static/web/site.js carries the pages' behaviour); inline style attributes remain.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Hostile files (filelimits.py): an .xlsx or .docx is refused before reading when it would inflate past these
UPLOAD_MAX_UNCOMPRESSED_MB = env_int("UPLOAD_MAX_UNCOMPRESSED_MB", 2048)
SHEET_MAX_CELLS = env_int("SHEET_MAX_CELLS", 30_000_000)

# Background workers (jobs/workers.py) and the files jobs leave behind
HEARTBEAT_SECONDS = env_int("HEARTBEAT_SECONDS", 10)
HEARTBEAT_STALE_SECONDS = env_int("HEARTBEAT_STALE_SECONDS", 300)
HEALTH_MIN_FREE_MB = env_int("HEALTH_MIN_FREE_MB", 1024)  # /healthz fails below this much free disk
UPLOAD_RETENTION_DAYS = env_int("UPLOAD_RETENTION_DAYS", 7)  # uploads of jobs that died (a finished job's at once)
# error reports: the region's local setting import_report_retention_days (regions/local_settings.py)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "shuangyong.accounts.tokens.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "shuangyong.api.schema.Schema",
    "DEFAULT_PAGINATION_CLASS": "shuangyong.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "shuangyong.api.base.exception_handler",
}
REST_KNOX = {"AUTH_HEADER_PREFIX": "Token", "AUTO_REFRESH": False}  # lifetime: API_TOKEN_HOURS per token
SPECTACULAR_SETTINGS = {
    "TITLE": "Shuangyong 双拥工作管理系统 API",
    "DESCRIPTION": "Every endpoint is scoped to the caller's region subtree or unit.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {"RankKindEnum": "shuangyong.conscription.choices.RankKind"},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["shuangyong.api.schema.versioned_only"],
}

# Every line names the request (or job) and the user and masks personal numbers (logs.py); LOG_FORMAT=json writes
# one JSON object per line for a log collector.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ConfigError("LOG_FORMAT must be text or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "shuangyong.logs.ContextFilter"}},
    "formatters": {
        "text": {"()": "shuangyong.logs.TextFormatter"},
        "json": {"()": "shuangyong.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["context"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# The 12-digit code of the county this installation serves (set by `shuangyong demo` for the demo).
SHUANGYONG_COUNTY_CODE = env_str("SHUANGYONG_COUNTY_CODE")
