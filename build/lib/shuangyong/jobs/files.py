"""Where uploaded files wait for the job that reads them, and their removal once it has (rosters hold personal
data). The upload pages (sheets.uploads) store there; the job runner and the worker's clean-up delete."""

from pathlib import Path

from django.conf import settings


def uploads_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "uploads"


def discard_upload(path: str | None) -> None:
    """Delete an uploaded file (and its folder of one) once its job has read it: rosters hold personal data."""
    if not path:
        return
    file = Path(path).resolve()
    root = uploads_root().resolve()
    if root not in file.parents:
        return  # a file given on the command line is the operator's, not ours to delete
    file.unlink(missing_ok=True)
    if file.parent != root and not any(file.parent.iterdir()):
        file.parent.rmdir()
