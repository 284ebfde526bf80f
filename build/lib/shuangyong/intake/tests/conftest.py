import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

SUMMARY = """凤山镇2025年双拥工作总结
县双拥办：
一、基本情况
全镇共有重点优抚对象120人。
二、主要工作
（一）走访慰问
八一期间，镇党委组织走访慰问现役军人家庭35户，发放慰问金1.75万元。
（二）宣传教育
全年发放宣传资料5000余份，悬挂横幅12幅。
本文来源：网络，如有侵权请联系删除。第1页 共1页
"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded summaries are kept by the archive: store them in a fresh temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(settings.MEDIA_ROOT)},
        },
    }
    return settings.MEDIA_ROOT


def summary_file(text: str = SUMMARY, name: str = "凤山镇总结.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("gb18030"), content_type="text/plain")
