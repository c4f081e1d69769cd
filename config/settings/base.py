"""Settings shared by every environment, read from the environment (see .env.example).

SQLite is the embedded default; DATABASE_URL=postgres://... switches to PostgreSQL with no code change.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = BASE_DIR / "data"


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "template_partials",
    "simple_history",
    "allauth",
    "allauth.account",
    "huey.contrib.djhuey",
    "urafiki.core",
    "urafiki.accounts",
    "urafiki.taxonomy",
    "urafiki.places",
    "urafiki.trade",
    "urafiki.partnerships",
    "urafiki.notifications",
    "urafiki.newsroom",
    "urafiki.partners",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "urafiki" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "urafiki.core.context_processors.csrf_placeholder",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A health check is one more round trip on every request's first query; off unless asked for.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", False),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short OLTP queries: PostgreSQL's JIT spent 400-600 ms compiling queries that run in 1 ms
    # (benchmarks/README.md), so it is off for Urafiki's connections.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_CACHE = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
)
# "pages": anonymous pages and API answers keyed by the content version (urafiki/core/caching.py).
# PAGE_CACHE=0 turns it off (the benchmark measures both).
CACHES = {
    "default": _CACHE,
    "pages": (
        {**_CACHE, "KEY_PREFIX": "pages", "LOCATION": _CACHE.get("LOCATION", "pages")}
        if env_bool("PAGE_CACHE", True)
        else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    ),
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))

# Background jobs (huey). Development: a SQLite file, no server; `make run` starts the consumer beside the
# web server. Production: REDIS_URL selects Redis. The consumer also runs the daily periodic tasks.
if os.environ.get("REDIS_URL"):
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "urafiki",
        "url": os.environ["REDIS_URL"],
        "immediate": env_bool("HUEY_IMMEDIATE", False),
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    _huey_file = Path(os.environ.get("HUEY_SQLITE_PATH", BASE_DIR / "var" / "huey.sqlite3"))
    _huey_file.parent.mkdir(parents=True, exist_ok=True)  # huey opens the file as settings load
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "urafiki",
        "filename": str(_huey_file),
        "immediate": env_bool("HUEY_IMMEDIATE", False),
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
# django-allauth: sign in with an e-mail address; the address is confirmed before an office is verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Urafiki <no-reply@urafiki.localhost>")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
SITE_URL = os.environ.get("URAFIKI_SITE_URL", "http://127.0.0.1:8000")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English, Simplified Chinese, Kiswahili. The first visit follows Accept-Language
# (LocaleMiddleware); the switcher stores the choice in the language cookie.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("sw", _("Kiswahili")),
]
# The project's own catalogue comes first: Django lets the first LOCALE_PATHS entry win when two
# catalogues translate the same msgid, and makemessages writes the project's strings into the first
# one. locale_allauth/ holds a Kiswahili catalogue for django-allauth's own messages (form errors,
# flash messages, e-mails), which allauth does not ship; makemessages --no-obsolete never touches it.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
USE_I18N = True
TIME_ZONE = "Africa/Nairobi"
USE_TZ = True

# Uploaded documents live outside the web root and the static files; only a view that checks
# permissions serves them (partnerships.views.document_download).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("URAFIKI_PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private-media"))
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads spill to a temporary file
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "urafiki" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

FORMAT_MODULE_PATH = ["config.formats"]
