import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every archive test stores its files in a fresh temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
