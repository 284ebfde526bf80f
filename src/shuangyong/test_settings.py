"""Settings for the test suite: the real settings with a fixed key, fast hashing and in-process tasks."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key")
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "dGVzdC1vbmx5LWZpZWxkLWtleS0zMi1ieXRlcy0hISE=")  # 32 bytes, tests only

from shuangyong.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
STORAGES["archive"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405  (nothing left on disk)
# Tests run inside a transaction on the default connection; a second connection would not see their rows.
JOBS_PROGRESS_DB_ALIAS = "default"
# One line per request (logs.py) is for servers: the suite's many thousand requests log only what goes wrong
# (tests/test_logs.py turns the request lines on for itself).
LOGGING["loggers"] = {"shuangyong.request": {"level": "WARNING"}}  # noqa: F405
