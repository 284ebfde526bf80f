"""Where the archive's bytes live: Django's storage API, so any backend (disk, S3-compatible) can serve.

A deployment names the store in settings.STORAGES["archive"] (e.g. django-storages' S3 backend); without it
the archive uses a FileSystemStorage under MEDIA_ROOT. Services only call save/open/delete/exists on it.
"""

from django.core.files.storage import FileSystemStorage, InvalidStorageError, Storage, storages

ALIAS = "archive"


def archive_storage() -> Storage:
    try:
        return storages[ALIAS]
    except InvalidStorageError:
        # location=None follows settings.MEDIA_ROOT at call time, so tests can point it at a temporary folder
        return FileSystemStorage()
