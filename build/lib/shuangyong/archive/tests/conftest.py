import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every archive test stores its files in a fresh temporary folder, through the "archive" storage alias
    (whatever the suite's settings name there)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(settings.MEDIA_ROOT)},
        },
    }
    return settings.MEDIA_ROOT
